using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// A stock item's history as storage holds it: every ledger entry and every hold, ended ones included. The
/// grain keeps none of it in memory and asks here when a command or a reader needs it.
/// </summary>
public interface IStockHistory
{
    /// <summary>
    /// True when the stock write itself refuses a batch that reuses a stored id (and says so through
    /// <see cref="StockChanges.ReplayRefused"/>); when false, the grain asks <see cref="FindAsync"/> before each write.
    /// </summary>
    bool WriteRefusesReplays { get; }

    /// <summary>Ledger entries with afterSeq &lt; seq &lt;= upToSeq, oldest first, at most limit of them.</summary>
    Task<Page<LedgerEntry>> ReadLedgerAsync(StockItemKey key, long afterSeq, int limit, long upToSeq);

    Task<StoredIds> FindAsync(StockItemKey key, IReadOnlyCollection<MovementKey> movements, IReadOnlyCollection<string> holdIds);

    /// <summary>
    /// Called after a successful write with what it wrote and the levels it left (with the item's own threshold);
    /// a store that the write itself fills does nothing.
    /// </summary>
    Task RecordAsync(StockItemKey key, StockChanges written, StockLevels levels);
}
