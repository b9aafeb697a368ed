using Quartermaster.Client.Contracts;
using Quartermaster.Client.Http;

namespace Quartermaster.Client.Resources;

/// <summary>The tenant's event log, oldest first; each event's <c>data</c> is the resource after the change.</summary>
public sealed class EventsClient
{
    private const string Events = "api/v1/events";
    private readonly ApiTransport _api;

    internal EventsClient(ApiTransport api) => _api = api;

    /// <summary>One page of events after <paramref name="after"/> (an eventId), of the given types (all if none).</summary>
    public Task<ListResponseOfEventDto> ListAsync(string? after = null, IEnumerable<string>? types = null, int? limit = null, string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var typeList = types is null ? null : string.Join(",", types);
        return _api.SendAsync<ListResponseOfEventDto>(HttpMethod.Get, Paths.WithQuery(Events,
            ("after", after), ("types", typeList), ("limit", limit), ("cursor", cursor)), null, default, cancellationToken);
    }

    public Task<EventDto> GetAsync(string eventId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<EventDto>(HttpMethod.Get, $"{Events}/{Paths.Id(eventId)}", null, default, cancellationToken);

    /// <summary>Every event after <paramref name="after"/>, fetched a page at a time; remember the last eventId to continue later.</summary>
    public IAsyncEnumerable<EventDto> EnumerateAsync(string? after = null, IEnumerable<string>? types = null, CancellationToken cancellationToken = default) =>
        CursorPages.EnumerateAsync((cursor, ct) => ListAsync(cursor is null ? after : null, types, null, cursor, ct), page => page.Items, page => page.NextCursor, cancellationToken);
}
