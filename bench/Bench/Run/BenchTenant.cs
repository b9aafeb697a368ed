using System.Net.Http.Json;
using System.Text.Json;
using Quartermaster.Bench.Load;
using Quartermaster.Bench.Workloads;

namespace Quartermaster.Bench.Run;

/// <summary>
/// The tenant every engine is measured for: created through the admin API with a rate limit far above what
/// one machine can send (the limiter still runs on every request), its catalog, and each engine's stock.
/// </summary>
internal sealed class BenchTenant(string baseUrl, string adminKey, string tenantId)
{
    public string TenantId => tenantId;

    /// <summary>The tenant with its rate limit, and an API key of it; no catalog.</summary>
    public Task<string> CreateKeyAsync() => ApiSession.CreateTenantWithKeyAsync(baseUrl, adminKey, tenantId, 100_000, 1_000_000);

    public async Task<string> CreateAsync(BenchCatalog catalog)
    {
        var key = await CreateKeyAsync();

        using var api = Client(key);
        await Parallel.ForEachAsync(catalog.Warehouses, async (wh, cancellationToken) =>
            await Ensure(api.PutAsJsonAsync($"/api/v1/warehouses/{wh}", new { name = wh }, cancellationToken)));
        await Parallel.ForEachAsync(catalog.Skus.Append(BenchCatalog.HotSku), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (sku, cancellationToken) =>
            await Ensure(api.PutAsJsonAsync($"/api/v1/products/{sku}", new { name = sku }, cancellationToken)));

        return key;
    }

    /// <summary>Receives every item's starting stock through the engine's own receipt endpoint.</summary>
    public static async Task SeedAsync(HttpClient api, Engine engine, BenchCatalog catalog)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 32 };
        await Parallel.ForEachAsync(catalog.Items, options, async (item, cancellationToken) =>
            await Ensure(api.SendAsync(Requests.Receipt(engine, item.Sku, item.Warehouse, $"seed-{item.Sku}-{item.Warehouse}", item.Quantity), cancellationToken)));
    }

    /// <summary>The admin invariant checker: every ledger replayed against its levels and holds, every order's holds.</summary>
    public async Task<IReadOnlyList<string>> CheckQuartermasterAsync()
    {
        using var admin = Client(adminKey);
        admin.Timeout = TimeSpan.FromMinutes(5);
        var report = await (await Ensure(admin.GetAsync($"/api/v1/admin/tenants/{tenantId}/invariants"))).Content.ReadFromJsonAsync<JsonElement>();
        return [.. report.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>The baseline's own check: ledger replay against levels, seq gaps, reserved against active holds.</summary>
    public static async Task<IReadOnlyList<string>> CheckBaselineAsync(HttpClient api, Engine engine)
    {
        var prefix = engine.ApiPrefix[..engine.ApiPrefix.LastIndexOf("/api/v1", StringComparison.Ordinal)];
        var report = await (await Ensure(api.GetAsync($"{prefix}/invariants"))).Content.ReadFromJsonAsync<JsonElement>();
        return [.. report.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!)];
    }

    public static async Task<(long OnHand, long Reserved)> LevelsAsync(HttpClient api, Engine engine, string sku, string warehouse)
    {
        var stock = await (await Ensure(api.SendAsync(Requests.Read(engine, sku, warehouse)))).Content.ReadFromJsonAsync<JsonElement>();
        return (stock.GetProperty("onHand").GetInt64(), stock.GetProperty("reserved").GetInt64());
    }

    public HttpClient Client(string key, int connections = 64) => ApiSession.Client(baseUrl, key, connections, timeoutSeconds: 30);

    private static async Task<HttpResponseMessage> Ensure(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {body}");
        }

        return response;
    }
}
