namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>
/// Replays a ledger read over HTTP from an empty stock item, using only each entry's type and quantity, and
/// asserts it is a valid history on the way: seq 1..n without gaps, each entry's onHandAfter/reservedAfter
/// equal to the replay, 0 &lt;= reserved &lt;= onHand after every entry, every hold ended at most once by its
/// own quantity. An adjustment's quantity is the change it made (countedOnHand minus the onHand before).
/// </summary>
public static class LedgerReplay
{
    public static Replayed Replay(IReadOnlyList<LedgerEntry> ledger)
    {
        long onHand = 0;
        long reserved = 0;
        var holds = new Dictionary<string, (long Quantity, bool Ended)>(StringComparer.Ordinal);
        for (var i = 0; i < ledger.Count; i++)
        {
            var entry = ledger[i];
            Assert.Equal(i + 1, entry.Seq);
            switch (entry.Type)
            {
                case "receipt" or "transfer_in":
                    Assert.True(entry.Quantity > 0, $"{entry.Type} '{entry.MovementId}' has quantity {entry.Quantity}.");
                    onHand += entry.Quantity;
                    break;
                case "transfer_out":
                    Assert.True(entry.Quantity > 0, $"{entry.Type} '{entry.MovementId}' has quantity {entry.Quantity}.");
                    onHand -= entry.Quantity;
                    break;
                case "adjustment":
                    onHand += entry.Quantity;
                    break;
                case "hold":
                    Assert.True(entry.Quantity > 0, $"Hold '{entry.MovementId}' has quantity {entry.Quantity}.");
                    Assert.True(holds.TryAdd(entry.MovementId, (entry.Quantity, false)), $"Hold '{entry.MovementId}' was placed twice.");
                    reserved += entry.Quantity;
                    break;
                case "release" or "commit" or "expire":
                    Assert.True(holds.TryGetValue(entry.MovementId, out var hold), $"{entry.Type} of unknown hold '{entry.MovementId}'.");
                    Assert.False(hold.Ended, $"Hold '{entry.MovementId}' ended twice (second time by {entry.Type}).");
                    Assert.Equal(hold.Quantity, entry.Quantity);
                    holds[entry.MovementId] = (hold.Quantity, true);
                    reserved -= entry.Quantity;
                    onHand -= entry.Type == "commit" ? entry.Quantity : 0;
                    break;
                default:
                    Assert.Fail($"Unknown ledger entry type '{entry.Type}' at seq {entry.Seq}.");
                    break;
            }

            Assert.Equal(onHand, entry.OnHandAfter);
            Assert.Equal(reserved, entry.ReservedAfter);
            Assert.InRange(reserved, 0, onHand);
        }

        var active = holds.Where(h => !h.Value.Ended).ToDictionary(h => h.Key, h => h.Value.Quantity, StringComparer.Ordinal);
        Assert.Equal(active.Values.Sum(), reserved);
        return new Replayed(onHand, reserved, active);
    }
}

/// <summary>What a ledger replays to: the levels and the holds still active (id to quantity).</summary>
public sealed record Replayed(long OnHand, long Reserved, IReadOnlyDictionary<string, long> ActiveHolds);
