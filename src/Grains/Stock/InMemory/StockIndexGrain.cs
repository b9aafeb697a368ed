using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Stock.LowStock;

namespace Quartermaster.Grains.Stock.InMemory;

/// <summary>
/// The tenant's stock list in memory mode (<see cref="MemoryStockSearch"/>): a copy of every stock item's levels
/// as its last write left them. On PostgreSQL the items' own rows are the list and this grain is not used.
/// </summary>
public sealed class StockIndexGrain(
    [PersistentState(StateNames.StockIndex, StorageNames.Business)] IPersistentState<StockIndexState> state)
    : Grain, IStockIndexGrain
{
    public async Task Upsert(StockLevels levels)
    {
        var key = levels.Sku + "/" + levels.WarehouseId;
        if (state.State.Items.TryGetValue(key, out var known) && known.Version > levels.Version)
        {
            return;
        }

        state.State.Items[key] = levels;
        await state.WriteOrDropAsync(this);
    }

    public Task<StockPage> Query(StockQuery query)
    {
        var matches = state.State.Items.Values
            .Where(i => i.Version > 0 || i.OwnLowStockThreshold is not null) // as PostgresStockSearch: items a client wrote
            .Where(i => query.WarehouseId is null || i.WarehouseId == query.WarehouseId)
            .Where(i => query.SkuPrefix is null || i.Sku.StartsWith(query.SkuPrefix, StringComparison.Ordinal))
            .Select(i => i with { LowStockThreshold = i.LowStockThreshold ?? query.TenantThreshold })
            .Where(i => !query.LowOnly || LowStockRule.IsLow(i))
            .Where(i => query.After is null || IsAfter(i, query.After))
            .OrderBy(i => i.Sku, StringComparer.Ordinal)
            .ThenBy(i => i.WarehouseId, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        var hasMore = matches.Count > query.Limit;
        var items = matches.Take(query.Limit).ToList();
        var next = hasMore ? new StockPosition(items[^1].Sku, items[^1].WarehouseId) : null;
        return Task.FromResult(new StockPage(items, next));
    }

    private static bool IsAfter(StockLevels item, StockPosition position)
    {
        var bySku = string.CompareOrdinal(item.Sku, position.Sku);
        return bySku > 0 || (bySku == 0 && string.CompareOrdinal(item.WarehouseId, position.WarehouseId) > 0);
    }
}
