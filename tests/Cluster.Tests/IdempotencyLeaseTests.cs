using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>A request in flight through a frontend that is killed does not lock its Idempotency-Key for long.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IdempotencyLeaseTests(BackingServers servers, ITestOutputHelper output)
{
    private const string Sku = "lease-1";
    private const string Warehouse = "main";

    [Fact]
    public async Task A_retry_after_kill_9_of_the_frontend_mid_request_goes_through_within_10_s_and_applies_once()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 2);
        using var tenant = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
        await tenant.SeedAsync([Sku], Warehouse, 10);
        await using var database = NpgsqlDataSource.Create(servers.PostgresConnection(cluster.Database));

        // Hold the stock item's row, so the receipt's write waits in PostgreSQL: a request deterministically in flight.
        await using var blocker = await database.OpenConnectionAsync();
        await using var holding = await blocker.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand(
            "SELECT 1 FROM qm_stock_items WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 FOR UPDATE", blocker, holding))
        {
            lockRow.Parameters.AddWithValue(tenant.TenantId);
            lockRow.Parameters.AddWithValue(Sku);
            lockRow.Parameters.AddWithValue(Warehouse);
            Assert.Equal(1, await lockRow.ExecuteScalarAsync());
        }

        using var first = Client(cluster.Frontends[0].Url, tenant.Key);
        var inFlight = first.SendAsync(Receipt());
        await Eventually.TrueAsync(async () => await WritesWaitingOnALockAsync(database) > 0, TimeSpan.FromSeconds(30),
            "the receipt's write waiting on the held row");

        await cluster.Frontends[0].Process.KillAsync();
        var killed = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => inFlight);
        // The write that was in flight now commits in the silo; nobody is left to complete its key.
        await holding.RollbackAsync();

        using var retrying = Client(cluster.Frontends[1].Url, tenant.Key);
        var retry = await retrying.SendAsync(Receipt());
        var after = killed.Elapsed;
        output.WriteLine($"retry answered {(int)retry.StatusCode} {after.TotalSeconds:F1} s after the kill: {await retry.Content.ReadAsStringAsync()}");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(after < TimeSpan.FromSeconds(10), $"the retry took {after.TotalSeconds:F1} s");
        var ledger = await tenant.Via(cluster.Frontends[1].Url).LedgerAsync(Sku, Warehouse);
        Assert.Single(ledger, e => e.GetProperty("movementId").GetString() == "lease-receipt");
        var levels = await tenant.Via(cluster.Frontends[1].Url).GetJsonAsync($"/api/v1/stock/{Sku}/{Warehouse}");
        Assert.Equal(17, levels.GetProperty("onHand").GetInt64());
    }

    private static HttpRequestMessage Receipt()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/stock/{Sku}/{Warehouse}/receipts")
        {
            Content = JsonContent.Create(new { movementId = "lease-receipt", quantity = 7 }),
        };
        request.Headers.Add("Idempotency-Key", "lease-receipt-key");
        return request;
    }

    private static HttpClient Client(string baseUrl, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return http;
    }

    private static async Task<long> WritesWaitingOnALockAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
