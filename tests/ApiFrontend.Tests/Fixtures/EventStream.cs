using System.Net.Http.Headers;
using System.Text.Json;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>An open GET /events/stream, read event by event as a Server-Sent Events client would.</summary>
public sealed class EventStream : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<EventStream> OpenAsync(HttpClient client, string? lastEventId, string? types = null, string? after = null)
    {
        string[] query = [.. new[] { types is null ? null : "types=" + types, after is null ? null : "after=" + after }.OfType<string>()];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events/stream" + (query.Length == 0 ? "" : "?" + string.Join('&', query)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The id the stream's opening block sets (a stream opened at the end of the log says where), or null.</summary>
    public async Task<string?> OpeningIdAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        string? id = null;
        while (await _reader.ReadLineAsync(timeout.Token) is { Length: > 0 } line)
        {
            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
        }

        return id;
    }

    /// <summary>The next event (comments skipped); fails after 10 s without one.</summary>
    public async Task<Event> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        string? id = null, type = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The stream ended.");
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    var parsed = JsonSerializer.Deserialize<Event>(data, HttpCalls.Json)!;
                    Assert.Equal((id, type), (parsed.EventId, parsed.Type));
                    return parsed;
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data = value; break;
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
