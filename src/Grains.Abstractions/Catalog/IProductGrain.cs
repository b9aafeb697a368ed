using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Catalog;

/// <summary>One product of a tenant's catalog. Key: tenantId/sku.</summary>
[Alias("qm.IProductGrain")]
public interface IProductGrain : IGrainWithStringKey
{
    /// <param name="expectedVersion">If-Match: refused unless the product exists at a version it admits.</param>
    [Alias("Put")]
    Task<Outcome<Upserted<Product>>> Put(string name, string? unit, VersionMatch? expectedVersion);

    /// <summary>Null when there is none. Products are never deleted, so one seen once exists for good.</summary>
    [ReadOnly, Alias("Get")]
    Task<Product?> Get();
}
