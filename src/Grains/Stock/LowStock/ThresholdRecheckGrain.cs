using Microsoft.Extensions.Logging;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock.Search;

namespace Quartermaster.Grains.Stock.LowStock;

/// <summary>
/// After a tenant's threshold changes, every stock item that follows it and is now on the other side records its
/// crossing (<see cref="IStockItemGrain.RecheckLowStock"/>): the items low under one threshold and not the other,
/// read from the stock list. An item with its own threshold is low under both or neither, so it is not touched.
/// Each item judges itself by the threshold its silo now holds and by the side its last crossing left it on, so
/// a recheck that comes twice, or after the item's own next write, records nothing more. If this silo dies
/// midway, an item not reached records its crossing at its next write, as before this grain existed.
/// </summary>
internal sealed partial class ThresholdRecheckGrain(IStockSearch search, ILogger<ThresholdRecheckGrain> logger) : Grain, IThresholdRecheckGrain
{
    private const int PageSize = 500;
    private const int AtOnce = 16;

    public async Task Recheck(long previous, long current)
    {
        var tenantId = this.GetPrimaryKeyString();
        try
        {
            var lowBefore = new HashSet<StockPosition>();
            await foreach (var position in LowAsync(tenantId, previous))
            {
                lowBefore.Add(position);
            }

            var crossed = new List<StockPosition>();
            await foreach (var position in LowAsync(tenantId, current))
            {
                if (!lowBefore.Remove(position))
                {
                    crossed.Add(position);
                }
            }

            crossed.AddRange(lowBefore);
            foreach (var chunk in crossed.Chunk(AtOnce))
            {
                await Task.WhenAll(chunk.Select(p =>
                    GrainFactory.GetGrain<IStockItemGrain>(GrainKeys.StockItem(tenantId, p.Sku, p.WarehouseId)).RecheckLowStock()));
            }

            LogRechecked(tenantId, previous, current, crossed.Count);
        }
        catch (Exception error)
        {
            LogRecheckFailed(error, tenantId, previous, current);
        }
    }

    /// <summary>The items that would be low if the tenant's threshold were <paramref name="threshold"/> (none at 0: no alerts).</summary>
    private async IAsyncEnumerable<StockPosition> LowAsync(string tenantId, long threshold)
    {
        StockPosition? after = null;
        while (threshold > 0)
        {
            var page = await search.SearchAsync(tenantId, new StockQuery(null, null, LowOnly: true, threshold, after, PageSize), CancellationToken.None);
            foreach (var item in page.Items)
            {
                yield return new StockPosition(item.Sku, item.WarehouseId);
            }

            if ((after = page.Next) is null)
            {
                yield break;
            }
        }
    }

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information,
        Message = "Tenant {TenantId}: low-stock threshold {Previous} -> {Current}; {Count} items crossed it and were told")]
    private partial void LogRechecked(string tenantId, long previous, long current, int count);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: rechecking items after the threshold change {Previous} -> {Current} failed; the rest record their crossing at their next change")]
    private partial void LogRecheckFailed(Exception error, string tenantId, long previous, long current);
}
