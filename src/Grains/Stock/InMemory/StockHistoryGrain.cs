using System.Globalization;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock.InMemory;

/// <summary>
/// Holds what PostgreSQL's qm_stock_ledger and qm_stock_holds hold, for one stock item, for as long as the
/// cluster lives. Kept alive: it is the only copy, as Orleans' own in-memory storage grains are.
/// </summary>
[KeepAlive]
public sealed class StockHistoryGrain : Grain, IStockHistoryGrain
{
    private readonly List<LedgerEntry> _ledger = [];
    private readonly Dictionary<MovementKey, LedgerEntry> _movements = [];
    private readonly Dictionary<string, HoldRecord> _holds = new(StringComparer.Ordinal);

    public Task Append(IReadOnlyList<LedgerEntry> entries, IReadOnlyDictionary<string, HoldRecord> holds)
    {
        foreach (var entry in entries)
        {
            if (entry.Seq != _ledger.Count + 1 || !_movements.TryAdd(new MovementKey(entry.Type, entry.MovementId), entry))
            {
                throw new InvalidOperationException($"Ledger entry {entry.Seq} ({entry.Type} '{entry.MovementId}') does not follow seq {_ledger.Count} or repeats an id.");
            }

            _ledger.Add(entry);
        }

        foreach (var (holdId, hold) in holds)
        {
            _holds[holdId] = hold;
        }

        return Task.CompletedTask;
    }

    public Task<Page<LedgerEntry>> ReadLedger(long afterSeq, int limit, long upToSeq)
    {
        var start = (int)Math.Clamp(afterSeq, 0, Math.Min(upToSeq, _ledger.Count));
        var end = (int)Math.Min(upToSeq, _ledger.Count);
        var count = Math.Min(limit, end - start);
        var items = _ledger.GetRange(start, count);
        var next = start + count < end ? items[^1].Seq.ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new Page<LedgerEntry>(items, next));
    }

    public Task<StoredIds> Find(IReadOnlyList<MovementKey> movements, IReadOnlyList<string> holdIds)
    {
        var found = movements.Select(key => _movements.GetValueOrDefault(key)).OfType<LedgerEntry>().ToList();
        var holds = holdIds.Where(_holds.ContainsKey).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => _holds[id], StringComparer.Ordinal);
        return Task.FromResult(new StoredIds(found, holds));
    }
}
