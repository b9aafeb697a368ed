using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.Bench.Memory;

/// <summary>Creates the <see cref="StockGrid"/> tenant and its catalog through the grains, as the API would.</summary>
internal static class CatalogSeeder
{
    public static async Task SeedAsync(IGrainFactory grains)
    {
        Check(await grains.GetGrain<ITenantGrain>(StockGrid.TenantId).Create("Memory benchmark", null), "tenant");
        var catalog = grains.GetGrain<ICatalogGrain>(StockGrid.TenantId);
        for (var p = 0; p < StockGrid.Products; p++)
        {
            var sku = StockGrid.Sku(p);
            Check(await grains.Product(StockGrid.TenantId, sku).Put("Product " + sku, "pcs", null), sku);
        }

        for (var w = 0; w < StockGrid.Warehouses; w++)
        {
            var warehouse = StockGrid.Warehouse(w);
            Check(await catalog.PutWarehouse(warehouse, "Warehouse " + warehouse, null), warehouse);
        }
    }

    private static void Check<T>(Outcome<T> outcome, string what)
    {
        if (outcome.Failure is { } failure)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {failure.Code} {failure.Detail}");
        }
    }
}
