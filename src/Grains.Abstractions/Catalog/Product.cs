namespace Quartermaster.Grains.Abstractions.Catalog;

[GenerateSerializer, Immutable]
[Alias("qm.Product")]
public sealed record Product(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Unit,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt,
    [property: Id(5)] long Version);
