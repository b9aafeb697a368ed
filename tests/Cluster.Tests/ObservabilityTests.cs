using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartermaster.Cluster.Tests.Harness;
using Xunit.Abstractions;

namespace Quartermaster.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ObservabilityTests(BackingServers servers, ITestOutputHelper output)
{
    private const string Warehouse = "main";
    private const string HoldsRoute = "/api/v1/stock/{sku}/{warehouseId}/holds/";

    [Fact]
    public async Task Metrics_logs_and_key_revocation_behave_on_real_processes()
    {
        await using var cluster = await LocalCluster.StartAsync(servers, silos: 2, frontends: 2);
        using var client = await TenantClient.CreateTenantAsync(cluster.Frontends[0].Url);
        await client.SeedAsync(["m1", "m2"], Warehouse, 10);

        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PlaceHoldAsync(i % 2 == 0 ? "m1" : "m2", Warehouse, $"h{i}", 1)).StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Conflict, (await client.PlaceHoldAsync("m1", Warehouse, $"big{i}", 500)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await client.PlaceOrderAsync("o1", [("m1", Warehouse, 1), ("m2", Warehouse, 1)])).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PlaceOrderAsync("o2", [("m2", Warehouse, 1)])).StatusCode);
        using (var confirm = new HttpClient { BaseAddress = new Uri(cluster.Frontends[0].Url) })
        {
            confirm.DefaultRequestHeaders.Authorization = new("Bearer", client.Key);
            Assert.Equal(HttpStatusCode.OK, (await confirm.PostAsync("/api/v1/orders/o1/confirm", null)).StatusCode);
        }

        var frontend = await PrometheusText.ScrapeAsync(cluster.Frontends[0].Url);
        Assert.Equal(7, PrometheusText.Sum(frontend, "http_requests_total", ("method", "POST"), ("route", HoldsRoute), ("status", "201")));
        Assert.Equal(3, PrometheusText.Sum(frontend, "http_requests_total", ("method", "POST"), ("route", HoldsRoute), ("status", "409")));
        Assert.Equal(10, PrometheusText.Sum(frontend, "http_request_duration_seconds_count", ("route", HoldsRoute)));
        Assert.True(PrometheusText.Has(frontend, "http_request_duration_seconds_bucket{"));

        var silos = string.Join("\n", await Task.WhenAll(cluster.Silos.Select(s => PrometheusText.ScrapeAsync(s.HealthUrl))));
        Assert.Equal(7 + 3, PrometheusText.Sum(silos, "quartermaster_holds_total", ("result", "placed")));
        Assert.Equal(3, PrometheusText.Sum(silos, "quartermaster_holds_total", ("result", "insufficient_stock")));
        Assert.Equal(3, PrometheusText.Sum(silos, "quartermaster_stock_rejections_total"));
        Assert.Equal(2, PrometheusText.Sum(silos, "quartermaster_orders_total", ("transition", "reserved")));
        Assert.Equal(1, PrometheusText.Sum(silos, "quartermaster_orders_total", ("transition", "confirmed")));
        Assert.True(PrometheusText.Sum(silos, "quartermaster_storage_write_batches_total") >= 1);
        Assert.True(PrometheusText.Sum(silos, "quartermaster_storage_batch_size_count") >= 1);
        Assert.True(PrometheusText.Has(silos, "orleans_"), "the Microsoft.Orleans meter is exported");
        Assert.True(PrometheusText.Has(silos, "dotnet_"), "runtime metrics are exported");

        await RevokedKeyStopsWorkingOnTheOtherFrontendAsync(cluster, client.TenantId);

        var logs = cluster.AllLogs().Split('\n').Where(l => l.Length > 0 && !l.StartsWith("=====", StringComparison.Ordinal)).ToList();
        var notJson = logs.Where(l => !IsJsonObject(l)).Take(3).ToList();
        Assert.True(notJson.Count == 0, "log lines that are not JSON:\n" + string.Join("\n", notJson));
        Assert.Contains(logs, l => l.Contains("\"TraceId\"", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(LocalCluster.AdminKey, StringComparison.Ordinal) || l.Contains(client.Key, StringComparison.Ordinal));
        output.WriteLine($"{logs.Count} log lines, all JSON, none with a key");
    }

    private async Task RevokedKeyStopsWorkingOnTheOtherFrontendAsync(LocalCluster cluster, string tenantId)
    {
        using var admin = new HttpClient { BaseAddress = new Uri(cluster.Frontends[0].Url) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", LocalCluster.AdminKey);
        var created = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/api-keys", new { name = "to-revoke" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        using var other = new HttpClient { BaseAddress = new Uri(cluster.Frontends[1].Url) };
        other.DefaultRequestHeaders.Authorization = new("Bearer", created.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/settings")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent,
            (await admin.DeleteAsync($"/api/v1/admin/tenants/{tenantId}/api-keys/{created.GetProperty("keyId").GetString()}")).StatusCode);
        var revoked = Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => (await other.GetAsync("/api/v1/settings")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(5), "the revoked key refused by the other frontend within 5 s");
        output.WriteLine($"revoked key refused by the second frontend after {revoked.Elapsed.TotalSeconds:F2} s");
    }

    private static bool IsJsonObject(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
