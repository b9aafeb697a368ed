using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.Grains.Events;

/// <summary>
/// A tenant's events in memory mode, kept while the process runs (the newest <see cref="Kept"/>); ids count up
/// from one in the order the writes succeeded. On PostgreSQL the log is the qm_events table and this grain is
/// not used.
/// </summary>
public sealed class EventLogGrain : Grain, IEventLogGrain
{
    public const int Kept = 100_000;

    private readonly List<TenantEvent> _events = [];
    private long _last;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Nothing else holds these events: the activation stays for the life of the process.
        DelayDeactivation(TimeSpan.MaxValue);
        return Task.CompletedTask;
    }

    public Task Append(IReadOnlyList<PendingEvent> events)
    {
        foreach (var pending in events)
        {
            if (pending.Data.Customer is { Erased: true } erasure)
            {
                ForgetPersonalFields(erasure.CustomerRef);
            }

            _events.Add(new TenantEvent(EventIds.Format(1, ++_last), pending.Type, pending.CreatedAt, pending.Data));
        }

        if (_events.Count > Kept)
        {
            _events.RemoveRange(0, _events.Count - Kept);
        }

        return Task.CompletedTask;
    }

    public Task<EventPage> Read(string? after, IReadOnlyList<string>? types, int limit)
    {
        var start = after is null ? 0 : FirstAfter(after);
        var page = _events.Skip(start)
            .Where(e => types is not { Count: > 0 } || types.Contains(e.Type, StringComparer.Ordinal))
            .Take(limit + 1)
            .ToList();
        return Task.FromResult(new EventPage(page.Take(limit).ToList(), page.Count > limit));
    }

    public Task<string?> LastId() => Task.FromResult(_events.Count == 0 ? null : _events[^1].EventId);

    public Task<TenantEvent?> Get(string eventId)
    {
        var at = FirstAfter(eventId) - 1;
        return Task.FromResult(at >= 0 && at < _events.Count && _events[at].EventId == eventId ? _events[at] : null);
    }

    /// <summary>An erasure leaves no personal data in the log: the customer's earlier events keep only its ref, status and times.</summary>
    private void ForgetPersonalFields(string customerRef)
    {
        for (var i = 0; i < _events.Count; i++)
        {
            if (_events[i].Data.Customer is { } change && change.CustomerRef == customerRef)
            {
                _events[i] = _events[i] with { Data = _events[i].Data with { Customer = change.WithoutPersonalFields() } };
            }
        }
    }

    /// <summary>The index of the first event whose id sorts after <paramref name="eventId"/>.</summary>
    private int FirstAfter(string eventId)
    {
        int low = 0, high = _events.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(_events[middle].EventId, eventId) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
