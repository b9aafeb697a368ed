namespace Quartermaster.Grains.Abstractions.Stock;

[GenerateSerializer, Immutable]
[Alias("qm.TransferRequest")]
public sealed record TransferRequest(
    [property: Id(2)] string FromWarehouseId,
    [property: Id(0)] string ToWarehouseId,
    [property: Id(1)] long Quantity);
