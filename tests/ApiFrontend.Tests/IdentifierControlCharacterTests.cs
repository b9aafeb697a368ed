using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartermaster.ApiFrontend.Tests.Contract;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// Every identifier position of the API, with every control character (0x00-0x1F, 0x7F) at its end, in its
/// middle and as the whole id: 400 naming the field, nothing written, nothing logged with the raw character.
/// An id ending in a newline once passed a `$`-anchored pattern, answered 500 and still created the product.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IdentifierControlCharacterTests(ApiFixture fixture)
{
    private static readonly char[] ControlCharacters = [.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\u007f'];

    /// <summary>(admin?, method, path template, body template, field): "{id}" is replaced by the bad id, JSON- or URL-escaped.</summary>
    private static readonly (bool Admin, string Method, string Path, string? Body, string Field)[] Positions =
    [
        (true, "POST", "/api/v1/admin/tenants", """{"tenantId":"{id}","name":"n"}""", "tenantId"),
        (true, "GET", "/api/v1/admin/tenants/{id}", null, "tenantId"),
        (true, "PATCH", "/api/v1/admin/tenants/{id}", """{"name":"n"}""", "tenantId"),
        (true, "POST", "/api/v1/admin/tenants/{id}/api-keys", """{"name":"n"}""", "tenantId"),
        (true, "DELETE", "/api/v1/admin/tenants/{tenant}/api-keys/{id}", null, "keyId"),
        (false, "PUT", "/api/v1/warehouses/{id}", """{"name":"n"}""", "warehouseId"),
        (false, "PUT", "/api/v1/products/{id}", """{"name":"n"}""", "sku"),
        (false, "GET", "/api/v1/products/{id}", null, "sku"),
        (false, "GET", "/api/v1/stock/{id}/w1", null, "sku"),
        (false, "GET", "/api/v1/stock/p1/{id}", null, "warehouseId"),
        (false, "GET", "/api/v1/stock/{id}", null, "sku"),
        (false, "POST", "/api/v1/stock/{id}/w1/receipts", """{"movementId":"m1","quantity":1}""", "sku"),
        (false, "POST", "/api/v1/stock/p1/{id}/receipts", """{"movementId":"m1","quantity":1}""", "warehouseId"),
        (false, "POST", "/api/v1/stock/p1/w1/receipts", """{"movementId":"{id}","quantity":1}""", "movementId"),
        (false, "POST", "/api/v1/stock/p1/w1/adjustments", """{"movementId":"{id}","countedOnHand":1,"reason":"r"}""", "movementId"),
        (false, "POST", "/api/v1/stock/p1/w1/holds", """{"holdId":"{id}","quantity":1}""", "holdId"),
        (false, "DELETE", "/api/v1/stock/p1/w1/holds/{id}", null, "holdId"),
        (false, "POST", "/api/v1/stock/p1/w1/holds/{id}/commit", null, "holdId"),
        (false, "POST", "/api/v1/stock/transfers", """{"movementId":"{id}","sku":"p1","fromWarehouseId":"w1","toWarehouseId":"w2","quantity":1}""", "movementId"),
        (false, "POST", "/api/v1/stock/transfers", """{"movementId":"t1","sku":"{id}","fromWarehouseId":"w1","toWarehouseId":"w2","quantity":1}""", "sku"),
        (false, "POST", "/api/v1/stock/transfers", """{"movementId":"t1","sku":"p1","fromWarehouseId":"{id}","toWarehouseId":"w2","quantity":1}""", "fromWarehouseId"),
        (false, "POST", "/api/v1/stock/transfers", """{"movementId":"t1","sku":"p1","fromWarehouseId":"w1","toWarehouseId":"{id}","quantity":1}""", "toWarehouseId"),
        (false, "POST", "/api/v1/orders", """{"orderId":"{id}","lines":[{"sku":"p1","warehouseId":"w1","quantity":1}]}""", "orderId"),
        (false, "POST", "/api/v1/orders", """{"orderId":"o1","customerRef":"{id}","lines":[{"sku":"p1","warehouseId":"w1","quantity":1}]}""", "customerRef"),
        (false, "POST", "/api/v1/orders", """{"orderId":"o1","lines":[{"sku":"{id}","warehouseId":"w1","quantity":1}]}""", "lines[0].sku"),
        (false, "POST", "/api/v1/orders", """{"orderId":"o1","lines":[{"sku":"p1","warehouseId":"{id}","quantity":1}]}""", "lines[0].warehouseId"),
        (false, "GET", "/api/v1/orders/{id}", null, "orderId"),
        (false, "POST", "/api/v1/orders/{id}/cancel", null, "orderId"),
    ];

    [Fact]
    public async Task EveryIdPositionRefusesEveryControlCharacter()
    {
        var logs = new CapturedLogs();
        using var factory = fixture.Factory.WithWebHostBuilder(builder =>
            builder.ConfigureLogging(logging => logging.AddProvider(logs).AddFilter("Quartermaster", LogLevel.Debug)));
        var tenant = await TestTenant.CreateAsync(fixture, TestTenant.NewId("ctl"), settings: new { rateLimitPerSecond = 100_000, rateLimitBurst = 1_000_000 });
        using var tenantClient = factory.CreateCheckedClient();
        tenantClient.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Key);
        using var adminClient = factory.CreateCheckedClient();
        adminClient.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminKey);
        await tenant.SeedAsync(["p1"], ["w1", "w2"]);

        var failures = new List<string>();
        foreach (var (admin, method, path, body, field) in Positions)
        {
            foreach (var c in ControlCharacters)
            {
                foreach (var id in new[] { "bad" + c, "ba" + c + "d", c.ToString() })
                {
                    if (c == '\0' && path.Contains("{id}", StringComparison.Ordinal))
                    {
                        // A NUL in a URL path never reaches the application: the HTTP server refuses the request line.
                        continue;
                    }

                    var response = await SendAsync(admin ? adminClient : tenantClient, method, path, body, id, tenant.Id);
                    if (!await IsValidationNamingAsync(response, field))
                    {
                        failures.Add($"{method} {path} {field} U+{(int)c:X4} at {id.IndexOf(c, StringComparison.Ordinal)}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} requests were not refused with 400 naming the field:\n" + string.Join("\n", failures.Take(40)));

        // Nothing written: the catalog still holds exactly the seed, stock and orders are untouched, no tenant was made.
        var products = await tenant.Client.GetOkAsync<Page<Product>>("/api/v1/products?limit=500");
        Assert.Equal(["p1"], products.Items.Select(p => p.Sku));
        var warehouses = await tenant.Client.GetOkAsync<Page<WarehouseItem>>("/api/v1/warehouses?limit=500");
        Assert.Equal(["w1", "w2"], warehouses.Items.Select(w => w.WarehouseId));
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Version);
        Assert.Equal(0, (await tenant.StockAsync("p1", "w2")).Version);
        Assert.Empty((await tenant.Client.GetOkAsync<Page<Order>>("/api/v1/orders?limit=500")).Items);
        foreach (var c in ControlCharacters)
        {
            Assert.Null(await fixture.Grains.GetGrain<ITenantGrain>("bad" + c).Get());
        }

        var raw = logs.Lines.Where(line => line.Any(ch => ch is < ' ' or '\u007f' && ch is not '\n' and not '\r')).ToList();
        Assert.True(raw.Count == 0, "Logged with a raw control character:\n" + string.Join("\n", raw.Take(5)));
        var forged = logs.Lines.Where(line => line.Contains("bad\n", StringComparison.Ordinal) || line.Contains("bad\r", StringComparison.Ordinal)).ToList();
        Assert.True(forged.Count == 0, "Logged a raw line break from an id:\n" + string.Join("\n", forged.Take(5)));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? body, string id, string tenantId)
    {
        var url = path.Replace("{tenant}", tenantId, StringComparison.Ordinal).Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal);
        var json = body?.Replace("{id}", JsonEscaped(id), StringComparison.Ordinal);
        return client.SendAsync(HttpCalls.Request(new HttpMethod(method), url, json ?? (method is "POST" or "PUT" or "PATCH" ? "{}" : null)));
    }

    private static string JsonEscaped(string id) => HttpCalls.Serialize(id)[1..^1];

    private static async Task<bool> IsValidationNamingAsync(HttpResponseMessage response, string field)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return false;
        }

        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return problem.TryGetProperty("code", out var code) && code.GetString() == "validation_failed"
            && problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
    }
}
