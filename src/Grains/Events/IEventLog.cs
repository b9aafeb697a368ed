using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Grains.Events;

/// <summary>
/// A tenant's event log. On PostgreSQL each state write inserts its events in the same statement, so
/// <see cref="WrittenWithState"/> is true and nothing is recorded afterwards; in memory mode the grain hands
/// them over once its write has succeeded.
/// </summary>
public interface IEventLog
{
    bool WrittenWithState { get; }

    /// <summary>Called after the write that caused <paramref name="events"/> succeeded, when not <see cref="WrittenWithState"/>.</summary>
    Task RecordAsync(string tenantId, IReadOnlyList<PendingEvent> events);

    Task<EventPage> ReadAsync(string tenantId, string? after, IReadOnlyList<string>? types, int limit, CancellationToken cancellationToken);

    /// <summary>The id of the newest event a read can return now, or null when the log is empty: where a new reader starts.</summary>
    Task<string?> LastIdAsync(string tenantId, CancellationToken cancellationToken);

    Task<TenantEvent?> GetAsync(string tenantId, string eventId, CancellationToken cancellationToken);
}
