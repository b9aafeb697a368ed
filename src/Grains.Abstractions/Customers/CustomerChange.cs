namespace Quartermaster.Grains.Abstractions.Customers;

/// <summary>
/// The data of a customer.updated event: the customer as the change left it. Its personal fields (name, email,
/// phone, attributes) are null in an erasure's event, and the event log removes them from the customer's earlier
/// events when it records the erasure, since events are kept for the retention period and an erasure must
/// leave no personal data behind.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("qm.CustomerChange")]
public sealed record CustomerChange(
    [property: Id(0)] string CustomerRef,
    [property: Id(1)] CustomerStatus? Status,
    [property: Id(2)] bool Erased,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] long Version,
    [property: Id(5)] string? Name = null,
    [property: Id(6)] string? Email = null,
    [property: Id(7)] string? Phone = null,
    [property: Id(8)] IReadOnlyDictionary<string, string>? Attributes = null,
    [property: Id(9)] DateTimeOffset? CreatedAt = null)
{
    public static CustomerChange Of(Customer customer) => new(
        customer.CustomerRef, customer.Fields.Status, Erased: false, customer.UpdatedAt, customer.Version,
        customer.Fields.Name, customer.Fields.Email, customer.Fields.Phone, customer.Fields.Attributes, customer.CreatedAt);

    public static CustomerChange Erasure(string customerRef, DateTimeOffset at, long version) =>
        new(customerRef, Status: null, Erased: true, at, version);

    /// <summary>This change as kept once its customer is erased: the ref, status, version and times.</summary>
    public CustomerChange WithoutPersonalFields() => this with { Name = null, Email = null, Phone = null, Attributes = null };
}
