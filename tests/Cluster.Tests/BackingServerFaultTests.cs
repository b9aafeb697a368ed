using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Quartermaster.Cluster.Tests.Harness;
using Quartermaster.ServiceDefaults.Resilience;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class BackingServerFaultTests(BackingServers servers, ITestOutputHelper output)
{
    private const string Warehouse = LoadSession.Warehouse;
    private static readonly string[] Skus = ["f1", "f2", "f3", "f4", "f5"];

    [Fact]
    public async Task PostgreSQL_crash_restart_mid_load_is_survived_and_reported()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 2);
        await using var session = await LoadSession.StartAsync(cluster, Skus, workers: 8, warmUpSuccesses: 100);
        var load = session.Load;

        await servers.StopPostgresImmediatelyAsync();
        var downAt = load.Now;
        using var tenant = session.Clients[0].Via(cluster.Frontends[1].Url);
        await AssertUnavailableAsync(await tenant.PlaceHoldAsync(Skus[0], Warehouse, "down-hold", 1, ttlSeconds: 120));
        // The load has opened the silos' PostgreSQL breakers by now: the 503 comes at once, as docs/operations.md says,
        // not after the frontend's 12 s of retries (each of these took that long while the breaker's refusal was retried).
        var asked = Stopwatch.StartNew();
        await AssertUnavailableAsync(await tenant.PlaceOrderAsync("down-order", [(Skus[1], Warehouse, 1)]));
        await AssertUnavailableAsync(await tenant.PlaceHoldAsync(Skus[2], Warehouse, "down-hold-2", 1, ttlSeconds: 120));
        output.WriteLine($"two requests answered 503 in {asked.Elapsed.TotalSeconds:F2} s while PostgreSQL was down");
        Assert.True(asked.Elapsed < TimeSpan.FromSeconds(5), $"two 503s took {asked.Elapsed.TotalSeconds:F1} s while PostgreSQL was down");
        var health = await HealthAsync(cluster.Silos[0].HealthUrl);
        output.WriteLine($"silo /health while PostgreSQL is down: {health.Status} {health.Body}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await HealthAsync(cluster.Frontends[0].Url)).Status);

        await servers.StartPostgresAsync();
        var acceptingAt = Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => (await tenant.PlaceHoldAsync(Skus[0], Warehouse, "up-hold", 1, ttlSeconds: 120)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(5), "served again within 5 s of PostgreSQL accepting connections");
        output.WriteLine($"served again {acceptingAt.Elapsed.TotalSeconds:F1} s after PostgreSQL accepted connections");

        await servers.RestartPostgresImmediatelyAsync();
        await Eventually.TrueAsync(async () => (await HealthAsync(cluster.Silos[0].HealthUrl)).Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "silo healthy again");
        var healthyAt = load.Now;
        await Eventually.TrueAsync(() => Task.FromResult(load.Successes.Count(s => s > healthyAt) > 50), TimeSpan.FromSeconds(60), "load served again");
        await session.StopAsync();

        output.WriteLine($"errors: {load.Errors.Count} ({load.Errors.Count(e => e.At > downAt)} after the crash); recovered {(healthyAt - downAt).TotalSeconds:F1} s after it");
        await session.StopAndVerifyAsync();
    }

    [Fact]
    public async Task Losing_Redis_keeps_stock_and_orders_correct_and_client_ids_prevent_double_effects()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 1);
        await using var session = await LoadSession.StartAsync(cluster, Skus, workers: 6, warmUpSuccesses: 100);
        var (load, client) = (session.Load, session.Clients[0]);

        await servers.KillRedisAsync();
        try
        {
            var killedAt = load.Now;
            await Eventually.TrueAsync(() => Task.FromResult(load.Successes.Count(s => s > killedAt + TimeSpan.FromSeconds(3)) > 50),
                TimeSpan.FromSeconds(60), "holds and orders served without Redis");
            var health = await HealthAsync(cluster.Frontends[0].Url);
            output.WriteLine($"frontend /health without Redis: {health.Status} {health.Body}");
            Assert.Contains("\"redis\":{\"status\":\"degraded\"", health.Body, StringComparison.Ordinal);

            // A retried receipt with an Idempotency-Key: the replay cache is gone, the movement id still holds.
            var receipt = new { movementId = "retry-me", quantity = 7 };
            using var http = new HttpClient { BaseAddress = new Uri(cluster.Frontends[0].Url) };
            http.DefaultRequestHeaders.Authorization = new("Bearer", client.Key);
            for (var attempt = 0; attempt < 3; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/stock/{Skus[0]}/{Warehouse}/receipts")
                {
                    Content = JsonContent.Create(receipt),
                };
                request.Headers.Add("Idempotency-Key", "receipt-retry-me");
                Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
            }

            Assert.Single(await client.LedgerAsync(Skus[0], Warehouse), e => e.GetProperty("movementId").GetString() == "retry-me");
        }
        finally
        {
            await session.StopAsync();
            await servers.StartRedisAsync();
        }

        await session.StopAndVerifyAsync();
    }

    [Fact]
    public async Task A_frozen_Redis_is_skipped_after_the_first_failures_and_used_again_once_it_answers()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 1, frontends: 1);
        using var tenant = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
        await tenant.SeedAsync([Skus[0]], Warehouse, 10);
        using var http = new HttpClient { BaseAddress = new Uri(cluster.Frontends[0].Url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Key);
        var before = await KeyedReceiptTimesAsync(http, "before", 20);

        await servers.FreezeRedisAsync();
        List<TimeSpan> during;
        try
        {
            during = await KeyedReceiptTimesAsync(http, "frozen", 20);
            var health = await HealthAsync(cluster.Silos[0].HealthUrl);
            output.WriteLine($"silo /health with Redis frozen: {health.Status} {health.Body}");
            Assert.Contains("\"breakers\":{\"status\":\"degraded\"", health.Body, StringComparison.Ordinal);
        }
        finally
        {
            await servers.ThawRedisAsync();
        }

        output.WriteLine($"POST with a new Idempotency-Key: p99 {P99(before).TotalMilliseconds:F0} ms before, " +
            $"{P99(during).TotalMilliseconds:F0} ms with Redis frozen (each: {string.Join(", ", during.Select(t => t.TotalMilliseconds.ToString("F0")))})");
        // Each of the first failures waits out the client's timeout; after them the breaker skips Redis: neither the
        // silo's Redis storage nor the frontend's limiter asks Redis again, which their logs show call by call. The
        // requests after them are fast as a rule; one of them may still wait on something else (a run once had one
        // receipt of 527 ms whose time went after the idempotency store had been skipped, in the receipt itself).
        var logs = cluster.AllLogs().Split('\n');
        Assert.InRange(logs.Count(l => l.Contains("Failed to read grain state for idempotency grain", StringComparison.Ordinal)),
            1, CircuitBreaker.FailuresToOpen);
        Assert.InRange(logs.Count(l => l.Contains("Redis rate limiting unavailable for tenant", StringComparison.Ordinal)),
            0, CircuitBreaker.FailuresToOpen);
        var afterTheFirst = during.Skip(5).Order().ToList();
        Assert.True(afterTheFirst[afterTheFirst.Count / 2] < TimeSpan.FromMilliseconds(100),
            $"requests after the first failures: median {afterTheFirst[afterTheFirst.Count / 2].TotalMilliseconds:F0} ms");

        await Eventually.TrueAsync(async () => (await HealthAsync(cluster.Silos[0].HealthUrl)).Body.Contains(
            "\"breakers\":{\"status\":\"healthy\"", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "breaker closed once Redis answers");
        using var first = await http.SendAsync(KeyedReceipt("after"));
        using var again = await http.SendAsync(KeyedReceipt("after"));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.True(again.Headers.Contains("Idempotent-Replayed"), "replays work again once the breaker closed");
    }

    private static async Task<List<TimeSpan>> KeyedReceiptTimesAsync(HttpClient http, string prefix, int count)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(KeyedReceipt($"{prefix}-{i}"));
            times.Add(watch.Elapsed);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return times;
    }

    private static HttpRequestMessage KeyedReceipt(string id)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/stock/{Skus[0]}/{Warehouse}/receipts")
        {
            Content = JsonContent.Create(new { movementId = id, quantity = 1 }),
        };
        request.Headers.Add("Idempotency-Key", "key-" + id);
        return request;
    }

    private static TimeSpan P99(List<TimeSpan> times) => times.Order().ElementAt((int)Math.Ceiling(times.Count * 0.99) - 1);

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Contains("\"unavailable\"", body, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private static async Task<(HttpStatusCode Status, string Body)> HealthAsync(string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var response = await http.GetAsync(baseUrl + "/health");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
