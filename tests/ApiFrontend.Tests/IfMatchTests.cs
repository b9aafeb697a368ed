using System.Net;
using System.Text.Json;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// If-Match as RFC 9110 §13.1.1 reads it, on every write that honours it: "*" holds only while the resource exists,
/// a weak tag never matches (the comparison is strong), and a list holds when any of its tags is the current one.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IfMatchTests(ApiFixture fixture)
{
    /// <summary>A resource made for one request: where its ETag is read, and the conditional write to it.</summary>
    private sealed record Target(HttpClient Reader, string Path, Func<string, Task<HttpResponseMessage>> Write);

    public static TheoryData<string> Writes() =>
    [
        "PUT warehouse", "PUT product", "PUT customer", "DELETE customer", "PATCH settings", "PATCH tenant",
        "PATCH webhook endpoint", "DELETE webhook endpoint", "PUT stock threshold",
    ];

    [Theory]
    [InlineData("/api/v1/warehouses/w-new", """{"name":"New"}""")]
    [InlineData("/api/v1/products/p-new", """{"name":"New"}""")]
    [InlineData("/api/v1/customers/c-new", """{"name":"New","status":"active"}""")]
    public async Task A_star_on_a_resource_that_does_not_exist_fails_and_creates_nothing(string path, string body)
    {
        var tenant = await fixture.NewTenantAsync("ifmatch");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, path, body, ifMatch: "*"))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await (await tenant.Client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.SendJsonAsync(HttpMethod.Put, path, body)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_star_holds_whatever_the_version_of_a_resource_that_exists(string write)
    {
        var target = await ArrangeAsync(write);
        Assert.True((await target.Write("*")).IsSuccessStatusCode);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_weak_tag_never_matches_even_the_current_version(string write)
    {
        var target = await ArrangeAsync(write);
        var current = await ETagAsync(target);

        await (await target.Write("W/" + current)).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(current, await ETagAsync(target));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_list_holds_when_any_of_its_tags_is_current(string write)
    {
        var target = await ArrangeAsync(write);
        var current = await ETagAsync(target);

        Assert.True((await target.Write($"\"999998\", W/{current}, {current}")).IsSuccessStatusCode);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_list_none_of_whose_tags_is_current_fails_and_changes_nothing(string write)
    {
        var target = await ArrangeAsync(write);
        var current = await ETagAsync(target);

        await (await target.Write($"\"999998\",\"999999\", W/{current}")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(current, await ETagAsync(target));
    }

    [Theory]
    [InlineData("*, \"1\"")]
    [InlineData("\"1\" \"2\"")]
    [InlineData("\"1")]
    [InlineData("\"1\", 2")]
    [InlineData("\"abc\"")]
    [InlineData(",")]
    public async Task An_if_match_that_is_not_a_star_or_a_list_of_our_etags_is_refused(string ifMatch)
    {
        var tenant = await fixture.NewTenantAsync("ifmatch");
        await tenant.PutProductAsync("p1");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "x" }, ifMatch: ifMatch))
            .AssertValidationAsync("If-Match");
        Assert.Equal("Product p1", (await tenant.Client.GetOkAsync<Product>("/api/v1/products/p1")).Name);
    }

    private async Task<Target> ArrangeAsync(string write)
    {
        var tenant = await fixture.NewTenantAsync("ifmatch");
        var client = tenant.Client;
        switch (write)
        {
            case "PUT warehouse":
                await tenant.PutWarehouseAsync("w1");
                return new(client, "/api/v1/warehouses/w1", tag => client.SendJsonAsync(HttpMethod.Put, "/api/v1/warehouses/w1", new { name = "Renamed" }, ifMatch: tag));
            case "PUT product":
                await tenant.PutProductAsync("p1");
                return new(client, "/api/v1/products/p1", tag => client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "Renamed" }, ifMatch: tag));
            case "PUT customer" or "DELETE customer":
                await client.SendJsonAsync(HttpMethod.Put, "/api/v1/customers/c1", new { name = "Ada", status = "active" });
                return write == "PUT customer"
                    ? new(client, "/api/v1/customers/c1", tag => client.SendJsonAsync(HttpMethod.Put, "/api/v1/customers/c1", new { name = "Ada King", status = "active" }, ifMatch: tag))
                    : new(client, "/api/v1/customers/c1", tag => client.SendJsonAsync(HttpMethod.Delete, "/api/v1/customers/c1", null, ifMatch: tag));
            case "PATCH settings":
                return new(client, "/api/v1/settings", tag => client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { lowStockThreshold = 4 }, ifMatch: tag));
            case "PATCH tenant":
                var admin = fixture.Admin();
                var path = $"/api/v1/admin/tenants/{tenant.Id}";
                return new(admin, path, tag => admin.SendJsonAsync(HttpMethod.Patch, path, new { name = "Renamed" }, ifMatch: tag));
            case "PATCH webhook endpoint" or "DELETE webhook endpoint":
                var created = await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/webhook-endpoints",
                    new { url = "https://203.0.113.10/qm", eventTypes = new[] { "order.*" } })).ReadAsync<JsonElement>(HttpStatusCode.Created);
                var endpoint = $"/api/v1/webhook-endpoints/{created.GetProperty("endpointId").GetString()}";
                return write == "PATCH webhook endpoint"
                    ? new(client, endpoint, tag => client.SendJsonAsync(HttpMethod.Patch, endpoint, new { enabled = false }, ifMatch: tag))
                    : new(client, endpoint, tag => client.SendJsonAsync(HttpMethod.Delete, endpoint, null, ifMatch: tag));
            case "PUT stock threshold":
                await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
                await client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = 3 });
                return new(client, "/api/v1/stock/p1/w1", tag => client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = 20 }, ifMatch: tag));
            default:
                throw new ArgumentOutOfRangeException(nameof(write), write, "Not a conditional write.");
        }
    }

    private static async Task<string> ETagAsync(Target target)
    {
        var read = await target.Reader.GetAsync(target.Path);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(read.Headers.ETag!.IsWeak);
        return read.Headers.ETag.Tag;
    }
}
