using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Grains.Events;

/// <summary>The event log in memory mode: an <see cref="EventLogGrain"/> per tenant, told after each successful write.</summary>
public sealed class MemoryEventLog(IGrainFactory grains) : IEventLog
{
    public bool WrittenWithState => false;

    public Task RecordAsync(string tenantId, IReadOnlyList<PendingEvent> events) =>
        events.Count == 0 ? Task.CompletedTask : Log(tenantId).Append(events);

    public Task<EventPage> ReadAsync(string tenantId, string? after, IReadOnlyList<string>? types, int limit, CancellationToken cancellationToken) =>
        Log(tenantId).Read(after, types, limit);

    public Task<TenantEvent?> GetAsync(string tenantId, string eventId, CancellationToken cancellationToken) =>
        Log(tenantId).Get(eventId);

    public Task<string?> LastIdAsync(string tenantId, CancellationToken cancellationToken) => Log(tenantId).LastId();

    private IEventLogGrain Log(string tenantId) => grains.GetGrain<IEventLogGrain>(tenantId);
}
