namespace Quartermaster.Grains.Abstractions.Customers;

/// <summary>
/// The data of a customer.updated event. It names the customer and its status but carries none of its personal
/// fields: events outlive an erasure (they are kept for the retention period), personal data must not.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("qm.CustomerChange")]
public sealed record CustomerChange(
    [property: Id(0)] string CustomerRef,
    [property: Id(1)] CustomerStatus? Status,
    [property: Id(2)] bool Erased,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] long Version);
