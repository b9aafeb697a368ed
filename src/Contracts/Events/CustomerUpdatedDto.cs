using Quartermaster.Contracts.Customers;
using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Customers;

namespace Quartermaster.Contracts.Events;

/// <summary>
/// A customer created, changed or erased, as GET /customers/{customerRef} returned it after the change, and
/// whether it was erased. An erasure's event carries the ref, <c>erased: true</c> and the time, its other fields null; recording it
/// also removes name, email, phone and attributes from the customer's earlier events (null from then on).
/// </summary>
public sealed record CustomerUpdatedDto(
    [property: ResourceId] string CustomerRef, string? Name, string? Email, string? Phone, CustomerStatus? Status,
    IReadOnlyDictionary<string, string>? Attributes, DateTimeOffset? CreatedAt, DateTimeOffset UpdatedAt, bool Erased)
{
    public static CustomerUpdatedDto Of(CustomerChange c) =>
        new(c.CustomerRef, c.Name, c.Email, c.Phone, c.Status, c.Attributes is null ? null : AttributeOrder.ByKey(c.Attributes), c.CreatedAt, c.UpdatedAt, c.Erased);
}
