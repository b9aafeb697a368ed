using Orleans.Concurrency;

namespace Quartermaster.Grains.Stock.LowStock;

/// <summary>Finds a tenant's stock items that a change of its threshold moved across it. Key: the tenant id.</summary>
[Alias("qm.IThresholdRecheckGrain")]
public interface IThresholdRecheckGrain : IGrainWithStringKey
{
    /// <summary>Returns at once; the items are rechecked in the background, one change after the other.</summary>
    [OneWay, Alias("Recheck")]
    Task Recheck(long previous, long current, long tenantVersion);
}
