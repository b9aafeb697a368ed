using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Events;

namespace Quartermaster.Grains.Stock.InMemory;

/// <summary>
/// The in-memory mode's stock history: a <see cref="StockHistoryGrain"/> per stock item, filled after each
/// successful write, its events to the tenant's event log, and its levels to the tenant's stock list. The in-memory storage cannot check ids inside the write, so the grain asks before it.
/// </summary>
internal sealed class InMemoryStockHistory(IGrainFactory grains, IEventLog events) : IStockHistory
{
    public bool WriteRefusesReplays => false;

    public Task<Page<LedgerEntry>> ReadLedgerAsync(StockItemKey key, long afterSeq, int limit, long upToSeq) =>
        Grain(key).ReadLedger(afterSeq, limit, upToSeq);

    public Task<StoredIds> FindAsync(StockItemKey key, IReadOnlyCollection<MovementKey> movements, IReadOnlyCollection<string> holdIds) =>
        movements.Count == 0 && holdIds.Count == 0 ? Task.FromResult(StoredIds.None) : Grain(key).Find([.. movements], [.. holdIds]);

    public async Task RecordAsync(StockItemKey key, StockChanges written, StockLevels levels)
    {
        await Grain(key).Append(written.Ledger, written.Holds);
        await events.RecordAsync(key.TenantId, StockEvents.Of(key, written));
        await grains.GetGrain<IStockIndexGrain>(key.TenantId).Upsert(levels);
    }

    private IStockHistoryGrain Grain(StockItemKey key) =>
        grains.GetGrain<IStockHistoryGrain>(GrainKeys.StockItem(key.TenantId, key.Sku, key.WarehouseId));
}
