using Orleans.Concurrency;

namespace Quartermaster.Grains.Abstractions.Events;

/// <summary>Reads a tenant's event log where the silo keeps it. Key: tenant id; an activation on every silo that asks.</summary>
[Alias("qm.IEventFeedGrain")]
public interface IEventFeedGrain : IGrainWithStringKey
{
    /// <param name="after">An event id to continue after, or null for the oldest kept.</param>
    /// <param name="types">Only these types; null or empty for all.</param>
    [ReadOnly, Alias("List")]
    Task<EventPage> List(string? after, IReadOnlyList<string>? types, int limit);

    [ReadOnly, Alias("Get")]
    Task<TenantEvent?> Get(string eventId);

    /// <summary>The newest event a read can return now, or null when the log is empty: where a new live reader starts.</summary>
    [ReadOnly, Alias("LastId")]
    Task<string?> LastId();
}
