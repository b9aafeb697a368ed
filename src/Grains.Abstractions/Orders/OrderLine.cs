namespace Quartermaster.Grains.Abstractions.Orders;

[GenerateSerializer, Immutable]
[Alias("qm.OrderLine")]
public sealed record OrderLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] string WarehouseId,
    [property: Id(2)] long Quantity);
