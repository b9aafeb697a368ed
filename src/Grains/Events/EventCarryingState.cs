namespace Quartermaster.Grains.Events;

/// <summary>
/// A grain state whose next write carries events (<see cref="IWritesEvents"/>): the storage inserts them in the
/// same statement where it can, and <see cref="EventWrites.WriteWithEventsAsync"/> hands them to the log otherwise.
/// </summary>
[GenerateSerializer]
[Alias("qm.EventCarryingState")]
public abstract class EventCarryingState : IWritesEvents
{
    /// <summary>Not serialised: it is the difference from the stored copy.</summary>
    [NonSerialized]
    private UnwrittenEvents? _unwritten;

    public UnwrittenEvents? Unwritten => _unwritten;

    public void Carry(UnwrittenEvents events) => _unwritten = events;

    /// <summary>After a successful write: the stored copy now has these events.</summary>
    public void MarkEventsWritten() => _unwritten = null;
}
