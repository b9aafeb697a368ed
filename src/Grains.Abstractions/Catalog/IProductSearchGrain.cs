using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Catalog;

/// <summary>GET /products: a tenant's products from wherever the list is kept. Key: tenantId.</summary>
[Alias("qm.IProductSearchGrain")]
public interface IProductSearchGrain : IGrainWithStringKey
{
    [Alias("Query")]
    Task<Page<Product>> Query(ProductQuery query);
}
