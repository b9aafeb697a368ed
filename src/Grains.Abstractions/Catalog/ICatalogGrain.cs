using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Common;

namespace Quartermaster.Grains.Abstractions.Catalog;

/// <summary>
/// A tenant's warehouses (a bounded few, so one activation holds them all) and the check that a stock item names
/// a product and a warehouse that exist. Products are grains of their own (<see cref="IProductGrain"/>). Key: tenantId.
/// </summary>
[Alias("qm.ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <param name="maxWarehouses">When set, a new warehouse past this many is refused with <see cref="FailureCode.LimitReached"/>.</param>
    [Alias("PutWarehouse")]
    Task<Outcome<Upserted<Warehouse>>> PutWarehouse(string warehouseId, string name, VersionMatch? expectedVersion, int? maxWarehouses = null);

    /// <summary>A page of warehouse ids after <paramref name="after"/>, in id order.</summary>
    [ReadOnly, Alias("WarehouseIdPage")]
    Task<Page<string>> WarehouseIdPage(string? after, int limit);

    [ReadOnly, Alias("GetWarehouse")]
    Task<Warehouse?> GetWarehouse(string warehouseId);

    [ReadOnly, Alias("ListWarehouses")]
    Task<Page<Warehouse>> ListWarehouses(string? after, int limit);

    /// <summary>
    /// Warehouses whose id starts with <paramref name="text"/> or whose name has, for each word of it, a word starting
    /// with it (case ignored), in id order after <paramref name="after"/>.
    /// </summary>
    [ReadOnly, Alias("SearchWarehouses")]
    Task<Page<Warehouse>> SearchWarehouses(string text, string? after, int limit);

    /// <summary>Null when both exist, else the failure that names the missing one.</summary>
    [ReadOnly, Alias("CheckStockTarget")]
    Task<Failure?> CheckStockTarget(string sku, string warehouseId);

    [ReadOnly, Alias("WarehouseIds")]
    Task<IReadOnlyList<string>> WarehouseIds();
}
