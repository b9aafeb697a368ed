using System.Net;
using System.Text.Json;
using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

/// <summary>
/// Orders keep no reminder: once the silo that held them is killed, only the order sweep (its sweepers
/// brought back on the surviving silo) can expire them, and it must do so within the contract's 60 seconds.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OrderExpiryAcrossCrashTests(BackingServers servers, ITestOutputHelper output)
{
    private const string Warehouse = "main";
    /// <summary>Long enough to place every order and find the silo holding them on a busy machine before any is due.</summary>
    private const int TtlSeconds = 20;
    private const int Orders = 12;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Orders_of_a_killed_silo_still_expire_within_60_seconds_exactly_once()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 1);
        using var client = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
        (await client.PatchJsonAsync("/api/v1/settings", new { reservationTtlSeconds = TtlSeconds })).EnsureSuccessStatusCode();
        var skus = Enumerable.Range(1, 6).Select(i => $"y{i}").ToList();
        await client.SeedAsync(skus, Warehouse, 100);

        var placed = await Task.WhenAll(Enumerable.Range(0, Orders).Select(async i =>
        {
            var orderId = $"so-{i}";
            string[] lines = [skus[i % skus.Count], skus[(i + 1) % skus.Count]];
            var response = await client.PlaceOrderAsync(orderId, lines.Select(sku => (sku, Warehouse, 2L)));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var order = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return (orderId, lines, ExpiresAt: order.GetProperty("expiresAt").GetDateTimeOffset());
        }));
        var orders = placed.ToDictionary(p => p.orderId, p => (Skus: p.lines, p.ExpiresAt));

        // The silo whose log says it reserved so-0 holds that order (and its expiry timer); it dies before any expiry.
        var holder = await HolderAsync(cluster, client.TenantId, "so-0");
        var held = orders.Keys.Where(id => holder.Process.ReadLog().Contains($"{client.TenantId}/{id} is now reserved", StringComparison.Ordinal)).ToList();
        Assert.True(DateTimeOffset.UtcNow < held.Min(id => orders[id].ExpiresAt), "the silo is killed before any of its orders is due");
        await holder.Process.KillAsync();
        output.WriteLine($"killed {holder.Process.Name}, which held {held.Count} of {Orders} orders: {string.Join(", ", held)}");

        // Polled through the list, which reads PostgreSQL: reading the orders one by one would activate them
        // again, and their new activations' own timers would expire them instead of the sweep.
        var latest = orders.Values.Max(o => o.ExpiresAt);
        await Eventually.TrueAsync(async () => await ExpiredCountAsync(client) == Orders,
            latest + Bound - DateTimeOffset.UtcNow, "every order expired within 60 s of its expiry");

        foreach (var (orderId, (lines, expiresAt)) in orders)
        {
            var order = await client.GetJsonAsync($"/api/v1/orders/{orderId}");
            var history = order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList();
            Assert.Equal(["reserved", "expired"], history);
            var expiredAt = order.GetProperty("history")[1].GetProperty("at").GetDateTimeOffset();
            output.WriteLine($"{orderId}{(held.Contains(orderId) ? " (on the killed silo)" : "")}: expired {(expiredAt - expiresAt).TotalSeconds:F1} s after its expiry");
            Assert.InRange(expiredAt - expiresAt, TimeSpan.Zero, Bound);
            foreach (var sku in lines)
            {
                var ledger = await client.LedgerAsync(sku, Warehouse);
                Assert.Single(ledger, e => e.GetProperty("type").GetString() == "expire" && RefersTo(e, orderId));
                Assert.DoesNotContain(ledger, e => e.GetProperty("type").GetString() is "release" or "commit" && RefersTo(e, orderId));
            }
        }

        foreach (var sku in skus)
        {
            Assert.Equal(0, (await client.GetJsonAsync($"/api/v1/stock/{sku}/{Warehouse}")).GetProperty("reserved").GetInt64());
        }

        // Nothing else could reach the orders of the killed silo: the surviving silo's sweepers woke them.
        var survivors = string.Join("\n", await Task.WhenAll(cluster.Silos.Where(x => !x.Process.HasExited).Select(x => PrometheusText.ScrapeAsync(x.HealthUrl))));
        Assert.True(PrometheusText.Sum(survivors, "quartermaster_order_sweep_wakes_total", ("result", "woken")) >= held.Count,
            $"the sweep woke at least the {held.Count} orders of the killed silo");

        await AcknowledgedWrites.InvariantsHoldAsync(client);
    }

    private static bool RefersTo(JsonElement entry, string orderId) =>
        entry.TryGetProperty("ref", out var reference) && reference.ValueKind == JsonValueKind.String && reference.GetString() == orderId;

    /// <summary>Log lines are written asynchronously, so the one naming the order is waited for.</summary>
    private static async Task<(ServiceProcess Process, string HealthUrl)> HolderAsync(LocalCluster cluster, string tenantId, string orderId)
    {
        var line = $"{tenantId}/{orderId} is now reserved";
        (ServiceProcess, string)? holder = null;
        await Eventually.TrueAsync(() =>
        {
            holder = cluster.Silos.FirstOrDefault(s => s.Process.ReadLog().Contains(line, StringComparison.Ordinal));
            return Task.FromResult(holder?.Item1 is not null);
        }, TimeSpan.FromSeconds(5), $"a silo logged '{line}'");
        return holder!.Value;
    }

    /// <summary>How many of the tenant's orders are expired; -1 while the cluster is still failing over.</summary>
    private static async Task<int> ExpiredCountAsync(TenantClient client)
    {
        try
        {
            return (await client.GetJsonAsync("/api/v1/orders?status=expired&limit=500")).GetProperty("items").GetArrayLength();
        }
        catch (Exception error) when (error is HttpRequestException { StatusCode: HttpStatusCode.ServiceUnavailable } or TaskCanceledException)
        {
            return -1;
        }
    }
}
