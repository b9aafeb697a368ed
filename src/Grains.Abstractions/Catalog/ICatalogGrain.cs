using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Catalog;

/// <summary>A tenant's warehouses and products. Key: tenantId.</summary>
[Alias("qm.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <param name="maxWarehouses">When set, a new warehouse past this many is refused with <see cref="FailureCode.LimitReached"/>.</param>
    [Alias("PutWarehouse")]
    Task<Outcome<Upserted<Warehouse>>> PutWarehouse(string warehouseId, string name, long? expectedVersion, int? maxWarehouses = null);

    /// <summary>A page of warehouse ids after <paramref name="after"/>, in id order.</summary>
    [ReadOnly, Alias("WarehouseIdPage")]
    Task<Page<string>> WarehouseIdPage(string? after, int limit);

    [ReadOnly, Alias("ListWarehouses")]
    Task<Page<Warehouse>> ListWarehouses(string? after, int limit);

    [Alias("PutProduct")]
    Task<Outcome<Upserted<Product>>> PutProduct(string sku, string name, string? unit, long? expectedVersion);

    [ReadOnly, Alias("GetProduct")]
    Task<Product?> GetProduct(string sku);

    [ReadOnly, Alias("ListProducts")]
    Task<Page<Product>> ListProducts(string? after, int limit);

    /// <summary>Null when both exist, else the failure that names the missing one.</summary>
    [ReadOnly, Alias("CheckStockTarget")]
    Task<Failure?> CheckStockTarget(string sku, string warehouseId);

    [ReadOnly, Alias("WarehouseIds")]
    Task<IReadOnlyList<string>> WarehouseIds();
}
