using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>
/// The event stream across frontends: an event committed through one frontend reaches a stream held open on the
/// other, and a client whose frontend was killed resumes on the other with Last-Event-ID, missing nothing and
/// seeing nothing twice.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EventStreamTests(BackingServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task A_stream_sees_writes_through_the_other_frontend_and_resumes_on_it_after_its_own_frontend_is_killed()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 2);
        using var writer = await TenantClient.CreateTenantAsync(cluster.Frontends[1].Url);
        await writer.SeedAsync(["e1"], "w1", 1);
        var written = new List<string>();

        string lastSeen;
        var received = new List<string>();
        using (var first = await SseReader.OpenAsync(cluster.Frontends[0].Url, writer.Key, lastEventId: null))
        {
            var latencies = new List<double>();
            for (var i = 1; i <= 5; i++)
            {
                var clock = Stopwatch.StartNew();
                await ReceiveAsync(writer, $"live-{i}", written);
                received.Add(await NextReceiptAsync(first));
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }

            output.WriteLine($"write through frontend 2 to event on frontend 1's stream: {string.Join(", ", latencies.Select(l => $"{l:F0} ms"))}");
            lastSeen = first.LastEventId!;
            await cluster.Frontends[0].Process.KillAsync();
        }

        // Written while the client had no stream.
        for (var i = 1; i <= 3; i++)
        {
            await ReceiveAsync(writer, $"gap-{i}", written);
        }

        using var resumed = await SseReader.OpenAsync(cluster.Frontends[1].Url, writer.Key, lastSeen);
        await ReceiveAsync(writer, "after", written);
        while (received.Count < written.Count)
        {
            received.Add(await NextReceiptAsync(resumed));
        }

        Assert.Equal(written, received);
    }

    private static async Task ReceiveAsync(TenantClient tenant, string movementId, List<string> written)
    {
        using var http = new HttpClient { BaseAddress = new Uri(tenant.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key);
        (await http.PostAsJsonAsync("/api/v1/stock/e1/w1/receipts", new { movementId, quantity = 1 })).EnsureSuccessStatusCode();
        written.Add(movementId);
    }

    /// <summary>The movement id of the next receipt's event (the seed's own events are skipped).</summary>
    private static async Task<string> NextReceiptAsync(SseReader stream)
    {
        while (true)
        {
            var data = await stream.NextAsync();
            var entry = data.GetProperty("ledgerEntry");
            var movementId = entry.GetProperty("movementId").GetString()!;
            if (!movementId.StartsWith("seed-", StringComparison.Ordinal))
            {
                return movementId;
            }
        }
    }
}

/// <summary>A minimal Server-Sent Events client: the data of each event, and the id of the last one read.</summary>
internal sealed class SseReader : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpClient http, HttpResponseMessage response, StreamReader reader) => (_http, _response, _reader) = (http, response, reader);

    public string? LastEventId { get; private set; }

    public static async Task<SseReader> OpenAsync(string baseUrl, string key, string? lastEventId)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events/stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseReader(http, response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    public async Task<JsonElement> NextAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        string? id = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(patience.Token) ?? throw new InvalidOperationException("The stream ended.");
            if (line.Length == 0 && data is not null)
            {
                LastEventId = id;
                return JsonDocument.Parse(data).RootElement.GetProperty("data").Clone();
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
    }
}
