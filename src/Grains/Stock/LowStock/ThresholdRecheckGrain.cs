using Microsoft.Extensions.Logging;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock.Search;

namespace Quartermaster.Grains.Stock.LowStock;

/// <summary>
/// After a tenant's threshold changes, every stock item that follows it and is now on the other side records its
/// crossing (<see cref="IStockItemGrain.RecheckLowStock"/>): the items low under one threshold and not the other,
/// read from the stock list. An item with its own threshold is low under both or neither, so it is not touched.
/// Each item judges itself by the new threshold (its silo learns it from the call) and by the side its last
/// crossing left it on, so a second look records nothing twice. There are two passes, <see cref="SecondLook"/>
/// apart: a write that read the old threshold just before the change and committed after the first pass read the
/// list is judged again by the second. An item that cannot be reached, or every item if this silo dies midway,
/// records its crossing at its own next change.
/// </summary>
internal sealed partial class ThresholdRecheckGrain(IStockSearch search, TimeProvider clock, ILogger<ThresholdRecheckGrain> logger)
    : Grain, IThresholdRecheckGrain
{
    /// <summary>Longer than a silo keeps a threshold it read (<see cref="TenantThresholds.Freshness"/>).</summary>
    public static readonly TimeSpan SecondLook = TenantThresholds.Freshness * 2;

    private const int PageSize = 500;
    private const int AtOnce = 16;

    public async Task Recheck(long previous, long current, long tenantVersion)
    {
        var tenantId = this.GetPrimaryKeyString();
        try
        {
            var (told, failed) = await PassAsync(tenantId, previous, current, tenantVersion);
            await Task.Delay(SecondLook, clock);
            var (again, failedAgain) = await PassAsync(tenantId, previous, current, tenantVersion);
            LogRechecked(tenantId, previous, current, told, again, failed + failedAgain);
        }
        catch (Exception error)
        {
            LogRecheckFailed(error, tenantId, previous, current);
        }
    }

    /// <summary>Tells each item low under one threshold and not the other; how many were told, and how many could not be.</summary>
    private async Task<(int Told, int Failed)> PassAsync(string tenantId, long previous, long current, long tenantVersion)
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
        var failed = 0;
        foreach (var chunk in crossed.Chunk(AtOnce))
        {
            var results = await Task.WhenAll(chunk.Select(position => TellAsync(tenantId, position, current, tenantVersion)));
            failed += results.Count(told => !told);
        }

        return (crossed.Count, failed);
    }

    private async Task<bool> TellAsync(string tenantId, StockPosition position, long current, long tenantVersion)
    {
        try
        {
            var item = GrainFactory.GetGrain<IStockItemGrain>(GrainKeys.StockItem(tenantId, position.Sku, position.WarehouseId));
            return (await item.RecheckLowStock(current, tenantVersion)).Failure is null;
        }
        catch (Exception error)
        {
            LogItemNotTold(error, tenantId, position.Sku, position.WarehouseId);
            return false;
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
        Message = "Tenant {TenantId}: low-stock threshold {Previous} -> {Current}; {Told} items told, {Again} on the second look, {Failed} not reached")]
    private partial void LogRechecked(string tenantId, long previous, long current, int told, int again, int failed);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: rechecking items after the threshold change {Previous} -> {Current} failed; the rest record their crossing at their next change")]
    private partial void LogRecheckFailed(Exception error, string tenantId, long previous, long current);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: stock item {Sku}/{WarehouseId} could not be told of the new low-stock threshold; it records its crossing at its next change")]
    private partial void LogItemNotTold(Exception error, string tenantId, string sku, string warehouseId);
}
