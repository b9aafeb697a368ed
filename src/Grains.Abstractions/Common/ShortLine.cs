namespace Quartermaster.Grains.Abstractions.Common;

[GenerateSerializer, Immutable]
[Alias("qm.ShortLine")]
public sealed record ShortLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] string WarehouseId,
    [property: Id(2)] long Requested,
    [property: Id(3)] long Available,
    [property: Id(4)] int Index);
