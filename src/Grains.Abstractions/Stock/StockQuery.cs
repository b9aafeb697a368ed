namespace Quartermaster.Grains.Abstractions.Stock;

/// <summary>A page of a tenant's stock items, ordered by (sku, warehouseId).</summary>
/// <param name="SkuPrefix">Items whose sku starts with this; null for every sku.</param>
/// <param name="LowOnly">Only items whose available is at or below their threshold in force (above 0).</param>
/// <param name="TenantThreshold">The tenant's threshold, for items that have none of their own.</param>
/// <param name="After">Continue after this position.</param>
[GenerateSerializer, Immutable]
[Alias("qm.StockQuery")]
public sealed record StockQuery(
    [property: Id(0)] string? WarehouseId,
    [property: Id(1)] string? SkuPrefix,
    [property: Id(2)] bool LowOnly,
    [property: Id(3)] long TenantThreshold,
    [property: Id(4)] StockPosition? After,
    [property: Id(5)] int Limit);

[GenerateSerializer, Immutable]
[Alias("qm.StockPosition")]
public sealed record StockPosition([property: Id(0)] string Sku, [property: Id(1)] string WarehouseId);

/// <param name="Items">With the threshold in force.</param>
[GenerateSerializer, Immutable]
[Alias("qm.StockPage")]
public sealed record StockPage([property: Id(0)] IReadOnlyList<StockLevels> Items, [property: Id(1)] StockPosition? Next);
