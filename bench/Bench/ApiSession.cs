using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Quartermaster.Bench;

/// <summary>Sets up a tenant with a product and stock through the admin and tenant APIs.</summary>
internal static class ApiSession
{
    public static async Task<string> CreateTenantAsync(string baseUrl, string adminKey, string tenantId, int ratePerSecond, int burst)
    {
        using var admin = Client(baseUrl, adminKey);
        var settings = new { rateLimitPerSecond = ratePerSecond, rateLimitBurst = burst };
        (await admin.PostAsJsonAsync("/api/v1/admin/tenants", new { tenantId, name = tenantId, settings })).EnsureSuccessStatusCode();
        var key = (await (await admin.PostAsJsonAsync($"/api/v1/admin/tenants/{tenantId}/api-keys", new { name = "bench" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        using var tenant = Client(baseUrl, key);
        (await tenant.PutAsJsonAsync("/api/v1/warehouses/w1", new { name = "W1" })).EnsureSuccessStatusCode();
        (await tenant.PutAsJsonAsync("/api/v1/products/p1", new { name = "P1" })).EnsureSuccessStatusCode();
        return key;
    }

    public static HttpClient Client(string baseUrl, string key)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }
}
