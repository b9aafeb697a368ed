using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Quartermaster.Bench;

/// <summary>Sets up tenants through the admin and tenant APIs, and makes clients that present a key.</summary>
internal static class ApiSession
{
    /// <summary>A tenant with the given rate limit, and a new API key of it (returned).</summary>
    public static async Task<string> CreateTenantWithKeyAsync(string baseUrl, string adminKey, string tenantId, int ratePerSecond, int burst)
    {
        using var admin = Client(baseUrl, adminKey);
        var settings = new { rateLimitPerSecond = ratePerSecond, rateLimitBurst = burst };
        (await admin.PostAsJsonAsync("/api/v1/admin/tenants", new { tenantId, name = tenantId, settings })).EnsureSuccessStatusCode();
        return (await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/api-keys", new { name = "bench" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    /// <summary>A tenant, its key, and a catalog of one warehouse (w1) and one product (p1).</summary>
    public static async Task<string> CreateTenantAsync(string baseUrl, string adminKey, string tenantId, int ratePerSecond, int burst)
    {
        var key = await CreateTenantWithKeyAsync(baseUrl, adminKey, tenantId, ratePerSecond, burst);
        using var tenant = Client(baseUrl, key);
        (await tenant.PutAsJsonAsync("/api/v1/warehouses/w1", new { name = "W1" })).EnsureSuccessStatusCode();
        (await tenant.PutAsJsonAsync("/api/v1/products/p1", new { name = "P1" })).EnsureSuccessStatusCode();
        return key;
    }

    /// <param name="connections">At most this many connections to the server: one per concurrent client keeps them all busy.</param>
    /// <param name="timeoutSeconds">How long one request may take before it counts as failed.</param>
    public static HttpClient Client(string baseUrl, string key, int connections = int.MaxValue, int timeoutSeconds = 10)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(timeoutSeconds) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
