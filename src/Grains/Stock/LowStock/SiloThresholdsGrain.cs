using Orleans.Concurrency;

namespace Quartermaster.Grains.Stock.LowStock;

[SiloPinnedPlacement]
[Reentrant]
internal sealed class SiloThresholdsGrain(ITenantThresholds thresholds) : Grain, ISiloThresholdsGrain
{
    public Task Learn(string tenantId, long threshold, long version)
    {
        thresholds.Learn(tenantId, threshold, version);
        return Task.CompletedTask;
    }
}
