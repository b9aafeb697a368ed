using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Quartermaster.Chaos.Load;

/// <summary>A tenant of the run: its id, key, the order TTL the service created it with, one warehouse and a few products with plenty of stock.</summary>
internal sealed record ChaosTenant(string TenantId, string Key, IReadOnlyList<string> Skus, int ReservationTtlSeconds)
{
    public const string Warehouse = "w1";
    private const long SeedQuantity = 1_000_000;

    public static async Task<ChaosTenant> CreateAsync(string frontend, string adminKey, string tenantId, int skuCount, int? reservationTtlSeconds = null)
    {
        using var admin = Client(frontend, adminKey);
        // The soak measures the cluster, not the tenant's rate limit: give the tenant room.
        var settings = new { rateLimitPerSecond = 100_000, rateLimitBurst = 1_000_000, reservationTtlSeconds };
        var created = await (await admin.PostAsJsonAsync("/api/v1/admin/tenants", new { tenantId, name = tenantId, settings }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var key = await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/api-keys", new { name = "chaos" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var tenant = new ChaosTenant(tenantId, key.GetProperty("key").GetString()!,
            Enumerable.Range(1, skuCount).Select(i => $"sku-{i}").ToList(),
            created.GetProperty("settings").GetProperty("reservationTtlSeconds").GetInt32());
        using var http = Client(frontend, tenant.Key);
        (await http.PutAsJsonAsync($"/api/v1/warehouses/{Warehouse}", new { name = Warehouse })).EnsureSuccessStatusCode();
        foreach (var sku in tenant.Skus)
        {
            (await http.PutAsJsonAsync($"/api/v1/products/{sku}", new { name = sku })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync($"/api/v1/stock/{sku}/{Warehouse}/receipts", new { movementId = "seed-" + sku, quantity = SeedQuantity }))
                .EnsureSuccessStatusCode();
        }

        return tenant;
    }

    public static HttpClient Client(string baseUrl, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
