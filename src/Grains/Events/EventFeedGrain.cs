using Orleans.Concurrency;
using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Grains.Events;

/// <summary>Answers the event endpoints from wherever the log is kept (<see cref="IEventLog"/>), on any silo, many at once.</summary>
[StatelessWorker]
public sealed class EventFeedGrain(IEventLog log) : Grain, IEventFeedGrain
{
    public Task<EventPage> List(string? after, IReadOnlyList<string>? types, int limit) =>
        log.ReadAsync(this.GetPrimaryKeyString(), after, types, limit, CancellationToken.None);

    public Task<TenantEvent?> Get(string eventId) => log.GetAsync(this.GetPrimaryKeyString(), eventId, CancellationToken.None);

    public Task<string?> LastId() => log.LastIdAsync(this.GetPrimaryKeyString(), CancellationToken.None);
}
