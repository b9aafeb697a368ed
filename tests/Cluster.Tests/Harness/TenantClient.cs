using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Quartermaster.Cluster.Tests.Harness;

/// <summary>One tenant's calls through one frontend, plus the admin calls the tests need.</summary>
public sealed class TenantClient(string baseUrl, string tenantId, string key) : IDisposable
{
    private static readonly TimeSpan ReadBackPatience = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = Client(baseUrl, key);

    public string TenantId => tenantId;

    public string Key => key;

    public string BaseUrl => baseUrl;

    public static async Task<TenantClient> CreateTenantAsync(string baseUrl)
    {
        using var admin = Client(baseUrl, LocalCluster.AdminKey);
        var tenantId = "t-" + Guid.NewGuid().ToString("N")[..10];
        // Load tests measure the cluster, not the tenant's rate limit: give the tenant room.
        var settings = new { rateLimitPerSecond = 100_000, rateLimitBurst = 1_000_000 };
        (await admin.PostAsJsonAsync("/api/v1/admin/tenants", new { tenantId, name = "Cluster test", settings })).EnsureSuccessStatusCode();
        var created = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/api-keys", new { name = "tests" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return new TenantClient(baseUrl, tenantId, created.GetProperty("key").GetString()!);
    }

    public TenantClient Via(string otherBaseUrl) => new(otherBaseUrl, tenantId, key);

    public async Task SeedAsync(IEnumerable<string> skus, string warehouseId, long quantityEach)
    {
        (await _http.PutAsJsonAsync($"/api/v1/warehouses/{warehouseId}", new { name = warehouseId })).EnsureSuccessStatusCode();
        foreach (var sku in skus)
        {
            (await _http.PutAsJsonAsync($"/api/v1/products/{sku}", new { name = sku })).EnsureSuccessStatusCode();
            (await _http.PostAsJsonAsync($"/api/v1/stock/{sku}/{warehouseId}/receipts",
                new { movementId = "seed-" + sku, quantity = quantityEach })).EnsureSuccessStatusCode();
        }
    }

    public Task<HttpResponseMessage> PlaceHoldAsync(string sku, string warehouseId, string holdId, long quantity, int? ttlSeconds = null) =>
        _http.PostAsJsonAsync($"/api/v1/stock/{sku}/{warehouseId}/holds", new { holdId, quantity, ttlSeconds });

    public Task<HttpResponseMessage> PlaceOrderAsync(string orderId, IEnumerable<(string Sku, string WarehouseId, long Quantity)> lines) =>
        _http.PostAsJsonAsync("/api/v1/orders", new { orderId, lines = lines.Select(l => new { sku = l.Sku, warehouseId = l.WarehouseId, quantity = l.Quantity }) });

    public Task<HttpResponseMessage> PatchJsonAsync(string path, object body) => _http.PatchAsJsonAsync(path, body);

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) => _http.PostAsJsonAsync(path, body);

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent body) => _http.PostAsync(path, body);

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await _http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpStatusCode> GetStatusAsync(string path) => (await _http.GetAsync(path)).StatusCode;

    /// <summary>
    /// The status of a read that checks what was acknowledged: a 503 means "not now" (the contract's retry with
    /// Retry-After), not "missing", so it is asked again, as a client would, for up to <see cref="ReadBackPatience"/>.
    /// Right after PostgreSQL restarts, reads on connections a silo's pool kept from before fail and can open its
    /// breaker for about a second, which answers 503 at once.
    /// </summary>
    public async Task<HttpStatusCode> ReadBackStatusAsync(string path) => (await ReadBackAsync(path)).StatusCode;

    private async Task<HttpResponseMessage> ReadBackAsync(string path)
    {
        var asking = Stopwatch.StartNew();
        while (true)
        {
            var response = await _http.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || asking.Elapsed > ReadBackPatience)
            {
                return response;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    public async Task<List<JsonElement>> LedgerAsync(string sku, string warehouseId)
    {
        var entries = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var response = await ReadBackAsync($"/api/v1/stock/{sku}/{warehouseId}/movements?limit=500" + (cursor is null ? "" : "&cursor=" + cursor));
            var page = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            entries.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.Clone()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return entries;
    }

    public async Task<JsonElement> InvariantsAsync()
    {
        using var admin = Client(baseUrl, LocalCluster.AdminKey);
        admin.Timeout = TimeSpan.FromMinutes(2);
        var response = await admin.GetAsync($"/api/v1/admin/tenants/{tenantId}/invariants");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Client(string baseUrl, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
