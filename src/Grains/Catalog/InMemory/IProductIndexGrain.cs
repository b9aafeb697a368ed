using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Catalog.InMemory;

/// <summary>The tenant's product list in memory mode, fed by each product after it writes. Key: tenantId.</summary>
[Alias("qm.IProductIndexGrain")]
public interface IProductIndexGrain : IGrainWithStringKey
{
    [Alias("Upsert")]
    Task Upsert(Product product);

    [ReadOnly, Alias("Query")]
    Task<Page<Product>> Query(ProductQuery query);
}
