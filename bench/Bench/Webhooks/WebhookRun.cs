using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Quartermaster.Bench.Load;
using Quartermaster.Bench.Run;
using Quartermaster.Bench.Workloads;

namespace Quartermaster.Bench.Webhooks;

/// <summary>
/// What a webhook endpoint costs the write path: uniform orders without an endpoint, then with one subscribed to
/// every event (a receiver in this process), the same clients and window; then waits until every event written
/// since the endpoint was created has been delivered, and reports the delivery lag.
/// </summary>
internal static class WebhookRun
{
    private static readonly TimeSpan DrainPatience = TimeSpan.FromMinutes(3);

    public static async Task<WebhookFigures> RunAsync(HttpClient api, ClosedLoopLoad load, BenchCatalog catalog, string run)
    {
        var without = await load.RunAsync(new UniformOrders(Engine.Quartermaster, catalog, run + "-nohook"), Engine.Quartermaster.Name);
        BenchRun.Progress("webhooks, without an endpoint: " + ReportWriter.ConsoleLine(without));

        await using var receiver = await BenchReceiver.StartAsync();
        var before = await LastEventIdAsync(api);
        var created = await (await api.PostAsJsonAsync("/api/v1/webhook-endpoints", new { url = receiver.Url, eventTypes = new[] { "*" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var endpointId = created.GetProperty("endpointId").GetString()!;
        var with = await load.RunAsync(new UniformOrders(Engine.Quartermaster, catalog, run + "-hook"), Engine.Quartermaster.Name);
        BenchRun.Progress("webhooks, with an endpoint:    " + ReportWriter.ConsoleLine(with));

        var loadEnded = Stopwatch.StartNew();
        var events = await CountEventsAfterAsync(api, before);
        while (receiver.Distinct < events && loadEnded.Elapsed < DrainPatience)
        {
            await Task.Delay(100);
        }

        var drained = loadEnded.Elapsed;
        (await api.DeleteAsync($"/api/v1/webhook-endpoints/{endpointId}")).EnsureSuccessStatusCode();
        return new WebhookFigures(without.AcknowledgedPerSecond, with.AcknowledgedPerSecond, events, receiver.Distinct, receiver.Requests,
            receiver.SortedLagSeconds(), drained);
    }

    private static async Task<string?> LastEventIdAsync(HttpClient api)
    {
        string? last = null;
        await foreach (var id in EventIdsAfterAsync(api, null))
        {
            last = id;
        }

        return last;
    }

    private static async Task<long> CountEventsAfterAsync(HttpClient api, string? after)
    {
        long count = 0;
        await foreach (var _ in EventIdsAfterAsync(api, after))
        {
            count++;
        }

        return count;
    }

    private static async IAsyncEnumerable<string> EventIdsAfterAsync(HttpClient api, string? after)
    {
        var path = "/api/v1/events?limit=500" + (after is null ? "" : "&after=" + after);
        while (true)
        {
            var page = await (await api.GetAsync(path)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            foreach (var e in page.GetProperty("items").EnumerateArray())
            {
                yield return e.GetProperty("eventId").GetString()!;
            }

            if (page.GetProperty("nextCursor").GetString() is not { } cursor)
            {
                yield break;
            }

            path = "/api/v1/events?limit=500&cursor=" + Uri.EscapeDataString(cursor);
        }
    }
}
