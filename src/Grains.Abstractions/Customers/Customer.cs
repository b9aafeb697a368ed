namespace Quartermaster.Grains.Abstractions.Customers;

[GenerateSerializer, Immutable]
[Alias("qm.Customer")]
public sealed record Customer(
    [property: Id(0)] string CustomerRef,
    [property: Id(1)] CustomerFields Fields,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] long Version);
