using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Tests.Infrastructure;

/// <summary>
/// Reads a stock item's whole ledger page by page and replays it from zero, asserting on the way that it is
/// a valid history: seq 1..n without gaps, every entry's after-values match the replay, 0 &lt;= reserved &lt;= onHand
/// after every entry, each hold ends at most once and by its own quantity, movement ids unique per type.
/// </summary>
public static class LedgerReplay
{
    public static async Task<IReadOnlyList<LedgerEntry>> ReadAllAsync(IStockItemGrain item, int pageSize = 50)
    {
        var entries = new List<LedgerEntry>();
        long after = 0;
        while (true)
        {
            var page = (await item.Ledger(after, pageSize)).Ok();
            Assert.True(page.Items.Count <= pageSize, $"A page of {page.Items.Count} entries exceeds the limit {pageSize}.");
            entries.AddRange(page.Items);
            if (page.NextAfter is null)
            {
                return entries;
            }

            Assert.NotEmpty(page.Items);
            Assert.Equal(page.Items[^1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), page.NextAfter);
            after = long.Parse(page.NextAfter, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Asserts the ledger replays to exactly the item's current levels, and that the item's own audit agrees
    /// (no violations, the same active holds); returns the levels and the ledger.
    /// </summary>
    public static async Task<(StockLevels Levels, IReadOnlyList<LedgerEntry> Ledger)> AssertReplaysAsync(IStockItemGrain item, int pageSize = 50)
    {
        var levels = (await item.Get()).Ok();
        var ledger = await ReadAllAsync(item, pageSize);
        var replayed = Replay(ledger);
        Assert.Equal(levels.Version, ledger.Count);
        Assert.Equal(levels.OnHand, replayed.OnHand);
        Assert.Equal(levels.Reserved, replayed.Reserved);

        var audit = (await item.Audit()).Ok();
        Assert.Empty(audit.Violations);
        Assert.Equal(levels, audit.Levels);
        Assert.Equal(
            replayed.ActiveHolds.OrderBy(h => h.Key, StringComparer.Ordinal),
            audit.ActiveHolds.Select(h => KeyValuePair.Create(h.HoldId, h.Quantity)).OrderBy(h => h.Key, StringComparer.Ordinal));
        return (levels, ledger);
    }

    /// <summary>Replays entries from an empty item using only their type and quantity.</summary>
    public static Replayed Replay(IReadOnlyList<LedgerEntry> ledger)
    {
        long onHand = 0;
        long reserved = 0;
        var holds = new Dictionary<string, (long Quantity, bool Ended)>(StringComparer.Ordinal);
        var movements = new HashSet<(LedgerEntryType, string)>();
        for (var i = 0; i < ledger.Count; i++)
        {
            var entry = ledger[i];
            Assert.Equal(i + 1, entry.Seq);
            switch (entry.Type)
            {
                case LedgerEntryType.Receipt or LedgerEntryType.TransferIn or LedgerEntryType.TransferOut or LedgerEntryType.Adjustment:
                    Assert.True(movements.Add((entry.Type, entry.MovementId)), $"Movement {entry.Type} '{entry.MovementId}' is in the ledger twice.");
                    onHand += entry.Type == LedgerEntryType.TransferOut ? -entry.Quantity : entry.Quantity;
                    break;
                case LedgerEntryType.Hold:
                    Assert.True(entry.Quantity > 0, $"Hold '{entry.MovementId}' has quantity {entry.Quantity}.");
                    Assert.True(holds.TryAdd(entry.MovementId, (entry.Quantity, false)), $"Hold '{entry.MovementId}' was placed twice.");
                    reserved += entry.Quantity;
                    break;
                case LedgerEntryType.Release or LedgerEntryType.Commit or LedgerEntryType.Expire:
                    Assert.True(holds.TryGetValue(entry.MovementId, out var hold), $"{entry.Type} of unknown hold '{entry.MovementId}'.");
                    Assert.False(hold.Ended, $"Hold '{entry.MovementId}' ended twice (second time by {entry.Type}).");
                    Assert.Equal(hold.Quantity, entry.Quantity);
                    holds[entry.MovementId] = (hold.Quantity, true);
                    reserved -= entry.Quantity;
                    onHand -= entry.Type == LedgerEntryType.Commit ? entry.Quantity : 0;
                    break;
                default:
                    Assert.Fail($"Unknown ledger entry type {entry.Type} at seq {entry.Seq}.");
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
