using System.Text;
using System.Text.Json;
using Quartermaster.ApiFrontend.Http;
using Quartermaster.ApiFrontend.Security;
using Quartermaster.Contracts.Events;
using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.ApiFrontend.Events;

/// <summary>
/// GET /events/stream: Server-Sent Events read from the tenant's event log. The log is polled every
/// <see cref="PollInterval"/>, so an event committed through any frontend reaches every open stream within
/// about that (the contract says 1 s); a comment line goes out when nothing else did for
/// <see cref="Heartbeat"/>, so proxies keep the connection. It sends the events after the one it is given (a
/// `Last-Event-ID` or `after`), else after the log's newest when it opened, in the log's order, which never lets a
/// later commit sort before what was sent: no gap, no duplicate. A stream that starts at the end says where (an
/// `id:` line with no data, which sets an EventSource's last event id without an event), so a client that loses
/// the connection before its first event resumes from there rather than from the end as it is then. Before each read
/// it asks whether its key still works, and ends once the key is revoked: the reconnect is then refused with 401.
/// </summary>
internal sealed partial class EventStreamResult(
    IEventFeedGrain feed, string? after, IReadOnlyList<string>? types, KeyRecheck key, JsonSerializerOptions json, TimeProvider clock,
    CancellationToken shutdown, ILogger logger) : IResult
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);
    private const int PageSize = 200;
    private bool _unreadable;

    public async Task ExecuteAsync(HttpContext http)
    {
        var response = http.Response;
        // A frontend that is shutting down ends its streams at once: clients reconnect elsewhere with Last-Event-ID,
        // instead of holding the shutdown until its timeout.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, shutdown);
        var stopping = linked.Token;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // nginx (the ingress) would otherwise buffer the stream.
        response.Headers["X-Accel-Buffering"] = "no";
        var lastWrite = clock.GetTimestamp();
        try
        {
            var opening = ": connected\n\n";
            if (after is null)
            {
                // Fixed before the headers go out, so a client that writes once the stream is open sees its write.
                after = await StartAsync(stopping);
                opening = $": connected\nid: {after}\n\n";
            }

            await response.WriteAsync(opening, stopping);
            await response.Body.FlushAsync(stopping);
            if (HeadAsGet.WasHead(http))
            {
                return;
            }

            while (!stopping.IsCancellationRequested)
            {
                if (await KeyRevokedAsync(stopping))
                {
                    LogKeyRevoked();
                    return;
                }

                var page = await NextPageAsync();
                if (page is { Events.Count: > 0 })
                {
                    var text = new StringBuilder();
                    foreach (var e in page.Events)
                    {
                        text.Append("id: ").Append(e.EventId).Append("\nevent: ").Append(e.Type).Append("\ndata: ")
                            .Append(JsonSerializer.Serialize(EventDto.From(e, json), json)).Append("\n\n");
                        after = e.EventId;
                    }

                    await response.WriteAsync(text.ToString(), stopping);
                    await response.Body.FlushAsync(stopping);
                    lastWrite = clock.GetTimestamp();
                    if (page.More)
                    {
                        continue;
                    }
                }
                else if (clock.GetElapsedTime(lastWrite) >= Heartbeat)
                {
                    await response.WriteAsync(": keep-alive\n\n", stopping);
                    await response.Body.FlushAsync(stopping);
                    lastWrite = clock.GetTimestamp();
                }

                await Task.Delay(PollInterval, clock, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The client went away, or this frontend is stopping.
        }
    }

    /// <summary>The newest event now, or <see cref="EventIds.BeforeFirst"/> when there is none; tried again while the log cannot be read.</summary>
    private async Task<string> StartAsync(CancellationToken stopping)
    {
        while (true)
        {
            if (await TryReadAsync(feed.LastId) is (true, var last))
            {
                return last ?? EventIds.BeforeFirst;
            }

            await Task.Delay(PollInterval, clock, stopping);
        }
    }

    /// <summary>
    /// True once the key is known to be refused. While the verifier cannot tell (the key's grain unreachable with
    /// nothing to stand in for it) the stream stays open, as it does while the log cannot be read: a revocation
    /// needs the key directory too, and the verifier refuses a revoked key as soon as its feed lists it.
    /// </summary>
    private async Task<bool> KeyRevokedAsync(CancellationToken stopping)
    {
        try
        {
            return !await key.StillValidAsync(stopping);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Null while the log cannot be read (its store is down): the stream stays open and tries again.</summary>
    private async Task<EventPage?> NextPageAsync() =>
        await TryReadAsync(() => feed.List(after, types, PageSize)) is (true, var page) ? page : null;

    /// <summary>A read of the log, or false while it cannot be read; logged once per outage, not once per poll.</summary>
    private async Task<(bool Read, T Value)> TryReadAsync<T>(Func<Task<T>> read)
    {
        try
        {
            var value = await read();
            _unreadable = false;
            return (true, value);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            if (!_unreadable)
            {
                _unreadable = true;
                LogUnreadable(error);
            }

            return (false, default!);
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "Event stream: the event log could not be read; trying again")]
    private partial void LogUnreadable(Exception error);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Event stream: its API key no longer works; closing it")]
    private partial void LogKeyRevoked();
}
