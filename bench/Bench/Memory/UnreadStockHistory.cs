using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Bench.Memory;

/// <summary>The memory measurement only activates and reads levels; any use of the history means it measures something else.</summary>
internal sealed class UnreadStockHistory : IStockHistory
{
    public bool WriteRefusesReplays => true;

    public Task<Page<LedgerEntry>> ReadLedgerAsync(StockItemKey key, long afterSeq, int limit, long upToSeq) => throw Unexpected();

    public Task<StoredIds> FindAsync(StockItemKey key, IReadOnlyCollection<MovementKey> movements, IReadOnlyCollection<string> holdIds) =>
        throw Unexpected();

    public Task RecordAsync(StockItemKey key, StockChanges written, StockLevels levels) => throw Unexpected();

    private static NotSupportedException Unexpected() => new("The memory measurement does not read or write stock history.");
}
