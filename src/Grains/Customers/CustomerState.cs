using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Events;

namespace Quartermaster.Grains.Customers;

/// <summary>Every write carries its customer.updated.</summary>
[GenerateSerializer]
[Alias("qm.CustomerState")]
public sealed class CustomerState : EventCarryingState
{
    /// <summary>Null when the customer was never created or was erased.</summary>
    [Id(0)]
    public Customer? Customer { get; set; }

    /// <summary>Raised by every write, erasure included, so an ETag of an erased customer never matches its successor.</summary>
    [Id(1)]
    public long Version { get; set; }

    [Id(2)]
    public DateTimeOffset? ErasedAt { get; set; }
}
