namespace Quartermaster.Grains.Abstractions.Stock;

[GenerateSerializer, Immutable]
[Alias("qm.StockLevels")]
public sealed record StockLevels(
    [property: Id(0)] string Sku,
    [property: Id(1)] string WarehouseId,
    [property: Id(2)] long OnHand,
    [property: Id(3)] long Reserved,
    [property: Id(4)] long Version)
{
    public long Available => OnHand - Reserved;
}
