using System.Globalization;

namespace Quartermaster.Bench.Workloads;

/// <summary>The products, warehouses and stock every engine is seeded with, and the one hot item.</summary>
internal sealed record BenchCatalog(int SkuCount, int WarehouseCount, long StockPerItem, long HotStock)
{
    public const string HotSku = "hot-sku";

    public IReadOnlyList<string> Skus { get; } = Enumerable.Range(1, SkuCount).Select(n => $"sku-{n:D5}").ToList();

    public IReadOnlyList<string> Warehouses { get; } =
        Enumerable.Range(1, WarehouseCount).Select(n => string.Create(CultureInfo.InvariantCulture, $"wh-{n}")).ToList();

    public string HotWarehouse => Warehouses[0];

    public int ItemCount => SkuCount * WarehouseCount;

    public IEnumerable<(string Sku, string Warehouse, long Quantity)> Items =>
        Skus.SelectMany(sku => Warehouses.Select(wh => (sku, wh, StockPerItem)))
            .Append((HotSku, HotWarehouse, HotStock));

    public (string Sku, string Warehouse) RandomItem(Random random) =>
        (Skus[random.Next(SkuCount)], Warehouses[random.Next(WarehouseCount)]);
}
