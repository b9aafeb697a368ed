using System.Globalization;
using Quartermaster.Grains.Abstractions.Identifiers;

namespace Quartermaster.Bench.Memory;

/// <summary>One tenant's products x warehouses: every (sku, warehouse) pair is a stock item the catalog accepts.</summary>
internal static class StockGrid
{
    public const string TenantId = "bench-memory";
    public const int Products = 1_000;
    public const int Warehouses = 1_000;
    public const int Capacity = Products * Warehouses;

    public static string Sku(int product) => string.Create(CultureInfo.InvariantCulture, $"sku-{product:D6}");

    public static string Warehouse(int warehouse) => string.Create(CultureInfo.InvariantCulture, $"wh-{warehouse:D4}");

    /// <summary>Built on demand rather than held in a list, so the keys of a million items are not counted as silo memory.</summary>
    public static string StockItemKey(int item) => GrainKeys.StockItem(TenantId, Sku(item / Warehouses), Warehouse(item % Warehouses));
}
