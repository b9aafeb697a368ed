namespace Quartermaster.Grains.Abstractions.Stock;

/// <summary>A completed transfer: what moved, and both stock items as it left them.</summary>
[GenerateSerializer, Immutable]
[Alias("qm.TransferView")]
public sealed record TransferView(
    [property: Id(0)] string MovementId,
    [property: Id(1)] string Sku,
    [property: Id(2)] string FromWarehouseId,
    [property: Id(3)] string ToWarehouseId,
    [property: Id(4)] long Quantity,
    [property: Id(5)] TransferResult Result);
