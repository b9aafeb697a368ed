namespace Quartermaster.Grains.Stock.LowStock;

/// <summary>The tenants' own <c>lowStockThreshold</c> setting, as the stock items of this silo see it.</summary>
public interface ITenantThresholds
{
    /// <summary>The tenant's threshold; 0 for a tenant that does not exist.</summary>
    ValueTask<long> GetAsync(string tenantId);

    /// <summary>
    /// What the tenant's grain wrote at <paramref name="version"/> of its settings, so this silo's items use it
    /// from now on; an older version than the one known changes nothing.
    /// </summary>
    void Learn(string tenantId, long threshold, long version);
}
