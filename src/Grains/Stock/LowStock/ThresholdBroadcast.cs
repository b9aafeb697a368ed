using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Quartermaster.Grains.Hosting;

namespace Quartermaster.Grains.Stock.LowStock;

/// <summary>
/// Tells every live silo a tenant's new threshold, so a stock change acknowledged after the settings change is
/// judged by it wherever its item lives. A silo that does not answer within <see cref="Patience"/> (frozen, or
/// leaving) is left to its own refresh (<see cref="TenantThresholds.Freshness"/>); the settings change stands.
/// </summary>
public sealed partial class ThresholdBroadcast(
    IGrainFactory grains,
    [FromKeyedServices(ClockNames.Business)] TimeProvider clock,
    ILogger<ThresholdBroadcast> logger)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public async Task TellAsync(string tenantId, long threshold, long version)
    {
        try
        {
            var silos = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Patience, clock);
            await Task.WhenAll(silos.Keys.Select(silo => TellAsync(silo, tenantId, threshold, version)));
        }
        catch (Exception error)
        {
            LogNotTold(error, tenantId, "the list of silos");
        }
    }

    private async Task TellAsync(SiloAddress silo, string tenantId, long threshold, long version)
    {
        try
        {
            await grains.GetGrain<ISiloThresholdsGrain>(silo.ToParsableString()).Learn(tenantId, threshold, version).WaitAsync(Patience, clock);
        }
        catch (Exception error)
        {
            LogNotTold(error, tenantId, silo.ToString());
        }
    }

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning,
        Message = "Tenant {TenantId}: its new low-stock threshold did not reach {Silo}; it applies there within a second")]
    private partial void LogNotTold(Exception error, string tenantId, string silo);
}
