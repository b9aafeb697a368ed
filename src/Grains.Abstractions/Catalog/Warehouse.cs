namespace Quartermaster.Grains.Abstractions.Catalog;

[GenerateSerializer, Immutable]
[Alias("qm.Warehouse")]
public sealed record Warehouse(
    [property: Id(0)] string WarehouseId,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] long Version);
