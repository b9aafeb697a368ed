using System.Net;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>ETag on GET, If-Match on PUT/PATCH: a stale version is 412 and changes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConcurrencyControlTests(ApiFixture fixture)
{
    [Fact]
    public async Task ProductPutHonoursIfMatch()
    {
        var tenant = await fixture.NewTenantAsync("etag");
        await tenant.PutProductAsync("p1");
        var read = await tenant.Client.GetAsync("/api/v1/products/p1");
        var etag = read.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        var put = await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "First", unit = "box" }, ifMatch: etag.ToString());
        Assert.Equal("First", (await put.ReadOkAsync<Product>()).Name);
        Assert.NotNull(put.Headers.ETag);
        Assert.NotEqual(etag, put.Headers.ETag);

        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "Second" }, ifMatch: etag.ToString()))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        var current = await tenant.Client.GetAsync("/api/v1/products/p1");
        var product = await current.ReadOkAsync<Product>();
        Assert.Equal(("First", "box"), (product.Name, product.Unit));
        Assert.Equal(put.Headers.ETag, current.Headers.ETag);

        var again = await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "Second" }, ifMatch: current.Headers.ETag!.ToString());
        Assert.Equal("Second", (await again.ReadOkAsync<Product>()).Name);
    }

    [Fact]
    public async Task StockThresholdPutHonoursIfMatch()
    {
        var tenant = await fixture.NewTenantAsync("etag");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        var stale = (await tenant.Client.GetAsync("/api/v1/stock/p1/w1")).Headers.ETag!.ToString();
        await tenant.ReceiveAsync("p1", "w1", 5);
        var current = (await tenant.Client.GetAsync("/api/v1/stock/p1/w1")).Headers.ETag!.ToString();
        Assert.NotEqual(stale, current);

        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = 20 }, ifMatch: stale))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.NotEqual(20, (await tenant.StockAsync("p1", "w1")).LowStockThreshold);

        var put = await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = 20 }, ifMatch: current);
        Assert.Equal(20, (await put.ReadOkAsync<StockItem>()).LowStockThreshold);
        var afterPut = put.Headers.ETag!.ToString();
        Assert.Equal(afterPut, (await tenant.Client.GetAsync("/api/v1/stock/p1/w1")).Headers.ETag!.ToString());

        // A threshold change moves no stock, yet the tag read before it is stale: a second writer holding it loses.
        Assert.NotEqual(current, afterPut);
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = 30 }, ifMatch: current))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(20, (await tenant.StockAsync("p1", "w1")).LowStockThreshold);
        var followsTenant = await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = (long?)null }, ifMatch: afterPut);
        Assert.Equal(HttpStatusCode.OK, followsTenant.StatusCode);
        Assert.NotEqual(afterPut, followsTenant.Headers.ETag!.ToString());
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = 20 }, ifMatch: "nope"))
            .AssertValidationAsync("If-Match");
    }

    [Fact]
    public async Task IfMatchOnAProductThatDoesNotExistFails()
    {
        var tenant = await fixture.NewTenantAsync("etag");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p-new", new { name = "x" }, ifMatch: "\"1\""))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await (await tenant.Client.GetAsync("/api/v1/products/p-new")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AnIfMatchThatIsNoETagOfOursIsRefused()
    {
        var tenant = await fixture.NewTenantAsync("etag");
        await tenant.PutProductAsync("p1");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "x" }, ifMatch: "not-an-etag"))
            .AssertValidationAsync("If-Match");
        Assert.Equal("Product p1", (await tenant.Client.GetOkAsync<Product>("/api/v1/products/p1")).Name);
    }

    [Fact]
    public async Task OfConcurrentPutsWithOneIfMatchExactlyOneWins()
    {
        var tenant = await fixture.NewTenantAsync("etag");
        await tenant.PutProductAsync("p1");
        var etag = (await tenant.Client.GetAsync("/api/v1/products/p1")).Headers.ETag!.ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = $"Name {i}" }, ifMatch: etag)));

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r != winner))
        {
            await loser.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        }

        Assert.Equal((await winner.ReadOkAsync<Product>()).Name, (await tenant.Client.GetOkAsync<Product>("/api/v1/products/p1")).Name);
    }

    [Fact]
    public async Task ConcurrentUnconditionalPatchesAllSucceedAndMerge()
    {
        var tenant = await fixture.NewTenantAsync("etag");
        object[] patches =
        [
            new { reservationTtlSeconds = 60 },
            new { lowStockThreshold = 3 },
            new { rateLimitPerSecond = 20 },
            new { rateLimitBurst = 40 },
        ];

        // Sixteen clients each change one field without If-Match: none of them asked for a precondition.
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", patches[i % patches.Length])));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.All(s => s == 200), "Statuses: " + string.Join(", ", statuses));
        Assert.Equal(new SettingsView(60, 3, 20, 40), await tenant.Client.GetOkAsync<SettingsView>("/api/v1/settings"));
    }

    [Fact]
    public async Task SettingsPatchHonoursIfMatch()
    {
        var tenant = await fixture.NewTenantAsync("etag", defaultSettings: true);
        var read = await tenant.Client.GetAsync("/api/v1/settings");
        var etag = read.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Equal(new SettingsView(900, 0, 50, 100), await read.ReadOkAsync<SettingsView>());

        var patch = await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { lowStockThreshold = 7 }, ifMatch: etag.ToString());
        Assert.Equal(new SettingsView(900, 7, 50, 100), await patch.ReadOkAsync<SettingsView>());
        Assert.NotEqual(etag, patch.Headers.ETag);

        await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { lowStockThreshold = 8 }, ifMatch: etag.ToString()))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        var current = await tenant.Client.GetAsync("/api/v1/settings");
        Assert.Equal(new SettingsView(900, 7, 50, 100), await current.ReadOkAsync<SettingsView>());
        Assert.Equal(patch.Headers.ETag, current.Headers.ETag);

        var unconditional = await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { reservationTtlSeconds = 60 });
        Assert.Equal(new SettingsView(60, 7, 50, 100), await unconditional.ReadOkAsync<SettingsView>());
    }
}
