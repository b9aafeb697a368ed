using System.Net;
using System.Text.Json;

namespace Quartermaster.ApiFrontend.Tests.Fixtures;

/// <summary>Every write that honours If-Match and If-None-Match, each on a resource made for one test.</summary>
public static class ConditionalWrites
{
    /// <summary>A resource made for one request: where its ETag is read, and the write to it with one conditional header.</summary>
    public sealed record Target(HttpClient Reader, string Path, Func<string, string, Task<HttpResponseMessage>> Send)
    {
        public Task<HttpResponseMessage> Write(string ifMatch) => Send("If-Match", ifMatch);

        public Task<HttpResponseMessage> WriteIfNoneMatch(string ifNoneMatch) => Send("If-None-Match", ifNoneMatch);
    }

    public static TheoryData<string> Writes() =>
    [
        "PUT warehouse", "PUT product", "PUT customer", "DELETE customer", "PATCH settings", "PATCH tenant",
        "PATCH webhook endpoint", "DELETE webhook endpoint", "PUT stock threshold",
    ];

    public static async Task<Target> ArrangeAsync(ApiFixture fixture, string write)
    {
        var tenant = await fixture.NewTenantAsync("ifmatch");
        var client = tenant.Client;
        switch (write)
        {
            case "PUT warehouse":
                await tenant.PutWarehouseAsync("w1");
                return new(client, "/api/v1/warehouses/w1", (header, tag) => client.SendConditionalAsync(HttpMethod.Put, "/api/v1/warehouses/w1", new { name = "Renamed" }, header, tag));
            case "PUT product":
                await tenant.PutProductAsync("p1");
                return new(client, "/api/v1/products/p1", (header, tag) => client.SendConditionalAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "Renamed" }, header, tag));
            case "PUT customer" or "DELETE customer":
                await client.SendJsonAsync(HttpMethod.Put, "/api/v1/customers/c1", new { name = "Ada", status = "active" });
                return write == "PUT customer"
                    ? new(client, "/api/v1/customers/c1", (header, tag) => client.SendConditionalAsync(HttpMethod.Put, "/api/v1/customers/c1", new { name = "Ada King", status = "active" }, header, tag))
                    : new(client, "/api/v1/customers/c1", (header, tag) => client.SendConditionalAsync(HttpMethod.Delete, "/api/v1/customers/c1", null, header, tag));
            case "PATCH settings":
                return new(client, "/api/v1/settings", (header, tag) => client.SendConditionalAsync(HttpMethod.Patch, "/api/v1/settings", new { lowStockThreshold = 4 }, header, tag));
            case "PATCH tenant":
                var admin = fixture.Admin();
                var path = $"/api/v1/admin/tenants/{tenant.Id}";
                return new(admin, path, (header, tag) => admin.SendConditionalAsync(HttpMethod.Patch, path, new { name = "Renamed" }, header, tag));
            case "PATCH webhook endpoint" or "DELETE webhook endpoint":
                var created = await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/webhook-endpoints",
                    new { url = "https://203.0.113.10/qm", eventTypes = new[] { "order.*" } })).ReadAsync<JsonElement>(HttpStatusCode.Created);
                var endpoint = $"/api/v1/webhook-endpoints/{created.GetProperty("endpointId").GetString()}";
                return write == "PATCH webhook endpoint"
                    ? new(client, endpoint, (header, tag) => client.SendConditionalAsync(HttpMethod.Patch, endpoint, new { enabled = false }, header, tag))
                    : new(client, endpoint, (header, tag) => client.SendConditionalAsync(HttpMethod.Delete, endpoint, null, header, tag));
            case "PUT stock threshold":
                await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
                await client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = 3 });
                return new(client, "/api/v1/stock/p1/w1", (header, tag) => client.SendConditionalAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = 20 }, header, tag));
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write, "Not a conditional write.");
        }
    }

    public static async Task<string> ETagAsync(Target target)
    {
        var read = await target.Reader.GetAsync(target.Path);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(read.Headers.ETag!.IsWeak);
        return read.Headers.ETag.Tag;
    }
}
