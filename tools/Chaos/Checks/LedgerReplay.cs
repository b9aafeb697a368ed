using System.Text.Json;

namespace Quartermaster.Chaos.Checks;

/// <summary>
/// Replays one stock item's ledger as a client can read it: seq 1, 2, 3 ... with no gap, every entry's levels
/// follow from the one before by its type and quantity, and the last levels are the item's levels now.
/// </summary>
internal static class LedgerReplay
{
    public static IEnumerable<string> Check(string item, IReadOnlyList<JsonElement> ledger, JsonElement stock)
    {
        long onHand = 0, reserved = 0;
        for (var i = 0; i < ledger.Count; i++)
        {
            var entry = ledger[i];
            var seq = entry.GetProperty("seq").GetInt64();
            if (seq != i + 1)
            {
                yield return $"{item}: entry {i + 1} has seq {seq} (a gap or a duplicate)";
                yield break;
            }

            var quantity = entry.GetProperty("quantity").GetInt64();
            (onHand, reserved) = Normalised(entry.GetProperty("type").GetString()) switch
            {
                "receipt" or "transferin" or "adjustment" => (onHand + quantity, reserved),
                "transferout" => (onHand - quantity, reserved),
                "hold" => (onHand, reserved + quantity),
                "release" or "expire" => (onHand, reserved - quantity),
                "commit" => (onHand - quantity, reserved - quantity),
                var other => throw new InvalidOperationException($"{item}: unknown ledger entry type {other}"),
            };
            var (onHandAfter, reservedAfter) = (entry.GetProperty("onHandAfter").GetInt64(), entry.GetProperty("reservedAfter").GetInt64());
            if (onHandAfter != onHand || reservedAfter != reserved)
            {
                yield return $"{item}: seq {seq} says {onHandAfter}/{reservedAfter}, the replay gives {onHand}/{reserved}";
                yield break;
            }

            if (reserved < 0 || reserved > onHand)
            {
                yield return $"{item}: seq {seq} leaves reserved {reserved} outside 0..onHand {onHand}";
            }
        }

        var (nowOnHand, nowReserved) = (stock.GetProperty("onHand").GetInt64(), stock.GetProperty("reserved").GetInt64());
        if (nowOnHand != onHand || nowReserved != reserved)
        {
            yield return $"{item}: the ledger replays to {onHand}/{reserved} but the item is {nowOnHand}/{nowReserved}";
        }
    }

    public static string Normalised(string? type) => (type ?? "").Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
