namespace Quartermaster.Grains.Stock.LowStock;

/// <summary>One silo's <see cref="ITenantThresholds"/>, reachable from others. Key: the silo's address.</summary>
[Alias("qm.ISiloThresholdsGrain")]
public interface ISiloThresholdsGrain : IGrainWithStringKey
{
    [Alias("Learn")]
    Task Learn(string tenantId, long threshold, long version);
}
