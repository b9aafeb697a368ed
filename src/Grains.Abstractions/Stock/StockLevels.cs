namespace Quartermaster.Grains.Abstractions.Stock;

/// <param name="LowStockThreshold">
/// The threshold in force: the item's own, else the tenant's; null where it is not known (the items of events
/// built from ledger rows).
/// </param>
/// <param name="OwnLowStockThreshold">
/// The item's own threshold, null when it follows the tenant's (and where it is not known). With
/// <paramref name="Version"/> it is the item's ETag: a threshold change writes no ledger entry.
/// </param>
[GenerateSerializer, Immutable]
[Alias("qm.StockLevels")]
public sealed record StockLevels(
    [property: Id(0)] string Sku,
    [property: Id(1)] string WarehouseId,
    [property: Id(2)] long OnHand,
    [property: Id(3)] long Reserved,
    [property: Id(4)] long Version,
    [property: Id(5)] long? LowStockThreshold = null,
    [property: Id(6)] long? OwnLowStockThreshold = null)
{
    public long Available => OnHand - Reserved;
}
