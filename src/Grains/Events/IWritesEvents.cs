namespace Quartermaster.Grains.Events;

/// <summary>
/// A state whose next write carries events: the storage inserts them in the same statement
/// as the row when it writes them with the state (<see cref="IEventLog.WrittenWithState"/>).
/// </summary>
public interface IWritesEvents
{
    /// <summary>The events the next write carries, and their tenant; null when none.</summary>
    UnwrittenEvents? Unwritten { get; }
}

/// <summary>Events waiting for their state's write.</summary>
public sealed record UnwrittenEvents(string TenantId, IReadOnlyList<PendingEvent> Events);
