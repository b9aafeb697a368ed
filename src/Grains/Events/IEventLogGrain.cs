using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Grains.Events;

/// <summary>One tenant's event log in memory mode (<see cref="MemoryEventLog"/>). Key: tenant id.</summary>
[Alias("qm.IEventLogGrain")]
public interface IEventLogGrain : IGrainWithStringKey
{
    [Alias("Append")]
    Task Append(IReadOnlyList<PendingEvent> events);

    [ReadOnly, Alias("Read")]
    Task<EventPage> Read(string? after, IReadOnlyList<string>? types, int limit);

    [ReadOnly, Alias("LastId")]
    Task<string?> LastId();

    [ReadOnly, Alias("Get")]
    Task<TenantEvent?> Get(string eventId);
}
