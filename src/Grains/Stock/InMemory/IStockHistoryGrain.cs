using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock.InMemory;

/// <summary>One stock item's history in the in-memory mode, where no database keeps it. Key: the stock item's key.</summary>
[Alias("qm.IStockHistoryGrain")]
public interface IStockHistoryGrain : IGrainWithStringKey
{
    [Alias("Append")]
    Task Append(IReadOnlyList<LedgerEntry> entries, IReadOnlyDictionary<string, HoldRecord> holds);

    [Alias("ReadLedger")]
    Task<Page<LedgerEntry>> ReadLedger(long afterSeq, int limit, long upToSeq);

    [Alias("Find")]
    Task<StoredIds> Find(IReadOnlyList<MovementKey> movements, IReadOnlyList<string> holdIds);
}
