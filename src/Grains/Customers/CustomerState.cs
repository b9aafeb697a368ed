using Quartermaster.Grains.Abstractions.Customers;
using Quartermaster.Grains.Events;

namespace Quartermaster.Grains.Customers;

[GenerateSerializer]
[Alias("qm.CustomerState")]
public sealed class CustomerState : IWritesEvents
{
    /// <summary>Null when the customer was never created or was erased.</summary>
    [Id(0)]
    public Customer? Customer { get; set; }

    /// <summary>Raised by every write, erasure included, so an ETag of an erased customer never matches its successor.</summary>
    [Id(1)]
    public long Version { get; set; }

    [Id(2)]
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>customer.updated, for the next write (not serialised: it is the difference from the stored copy).</summary>
    [NonSerialized]
    private UnwrittenEvents? _unwritten;

    public UnwrittenEvents? Unwritten => _unwritten;

    public void Carry(UnwrittenEvents events) => _unwritten = events;

    public void MarkEventsWritten() => _unwritten = null;
}
