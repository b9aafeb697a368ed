using Quartermaster.Contracts.Schema;
using Quartermaster.Grains.Abstractions.Customers;

namespace Quartermaster.Contracts.Events;

/// <summary>
/// A customer created, changed or erased: its ref, status (null once erased) and version, none of its personal
/// fields (events are kept for the retention period, an erasure must not be). GET the customer for the rest.
/// </summary>
public sealed record CustomerUpdatedDto([property: ResourceId] string CustomerRef, CustomerStatus? Status, bool Erased, DateTimeOffset UpdatedAt)
{
    public static CustomerUpdatedDto Of(CustomerChange c) => new(c.CustomerRef, c.Status, c.Erased, c.UpdatedAt);
}
