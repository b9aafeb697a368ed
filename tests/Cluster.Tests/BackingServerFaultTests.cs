using System.Net;
using System.Net.Http.Json;
using Quartermaster.Cluster.Tests.Harness;
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
        var health = await HealthAsync(cluster.Silos[0].HealthUrl);
        output.WriteLine($"silo /health while PostgreSQL is down: {health.Status} {health.Body}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await HealthAsync(cluster.Frontends[0].Url)).Status);

        await servers.StartPostgresAsync();
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

    private static async Task<(HttpStatusCode Status, string Body)> HealthAsync(string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var response = await http.GetAsync(baseUrl + "/health");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
