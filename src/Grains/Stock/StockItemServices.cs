using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Quartermaster.Grains.Hosting;
using Quartermaster.Grains.Stock.LowStock;

namespace Quartermaster.Grains.Stock;

/// <summary>
/// What every stock item activation uses and none owns, resolved once per silo: an activation keeps one reference
/// to it instead of six, which a silo holding a million stock items notices.
/// </summary>
public sealed class StockItemServices(
    [FromKeyedServices(StorageNames.Stock)] IGrainStorage storage,
    IStockHistory history,
    IHoldDueIndex dueHolds,
    ITenantThresholds tenantThresholds,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    MembershipSettling settling,
    ILogger<StockItemGrain> logger)
{
    public IGrainStorage Storage { get; } = storage;

    public IStockHistory History { get; } = history;

    public IHoldDueIndex DueHolds { get; } = dueHolds;

    public ITenantThresholds TenantThresholds { get; } = tenantThresholds;

    public TimeProvider Clock { get; } = clock;

    public MembershipSettling Settling { get; } = settling;

    public ILogger Logger { get; } = logger;
}
