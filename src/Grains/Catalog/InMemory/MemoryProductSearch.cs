using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.Grains.Catalog.InMemory;

/// <summary>The product list in memory mode: one <see cref="ProductIndexGrain"/> per tenant.</summary>
public sealed class MemoryProductSearch(IGrainFactory grains) : IProductSearch
{
    public Task RecordAsync(ProductKey key, Product product) =>
        grains.GetGrain<IProductIndexGrain>(key.TenantId).Upsert(product);

    public Task<Page<Product>> SearchAsync(string tenantId, ProductQuery query, CancellationToken cancellationToken) =>
        grains.GetGrain<IProductIndexGrain>(tenantId).Query(query);
}
