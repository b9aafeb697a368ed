using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.Grains.Abstractions.Catalog;

public static class CatalogGrains
{
    public static IProductGrain Product(this IGrainFactory grains, string tenantId, string sku) =>
        grains.GetGrain<IProductGrain>(GrainKeys.Product(tenantId, sku));
}
