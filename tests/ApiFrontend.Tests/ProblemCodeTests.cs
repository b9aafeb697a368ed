using System.Net;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// Every problem code of the contract, produced through HTTP, each a full RFC 9457 problem. unavailable (503)
/// needs a cluster that fails, which this in-process fixture does not simulate.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ProblemCodeTests(ApiFixture fixture)
{
    [Fact]
    public async Task ValidationFailedNamesTheField()
    {
        var tenant = await fixture.NewTenantAsync("problems");
        var response = await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { unit = "pcs" });
        await response.AssertValidationAsync("name");
    }

    [Fact]
    public async Task NotFoundForUnknownProductWarehouseOrderAndHold()
    {
        var tenant = await fixture.NewTenantAsync("problems");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 5);
        var client = tenant.Client;

        await (await client.GetAsync("/api/v1/products/nope")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/v1/stock/nope/w1")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/v1/stock/p1/nope")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/v1/stock/nope")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/v1/orders/nope")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.DeleteAsync("/api/v1/stock/p1/w1/holds/nope")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds/nope/commit", body: null))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/nope/receipts", new { movementId = "m1", quantity = 1 }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/nope/w1/holds", new { holdId = "h1", quantity = 1 }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await tenant.PlaceOrderAsync("o-missing", null, new OrderLine("p1", "w1", 1), new OrderLine("p1", "nope", 1)))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await tenant.TransitionAsync("nope", "confirm")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        // The refused order left nothing behind.
        await (await client.GetAsync("/api/v1/orders/o-missing")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Reserved);
    }

    [Fact]
    public async Task AnotherTenantsResourcesAreNotFound()
    {
        var owner = await fixture.NewTenantAsync("owner");
        var other = await fixture.NewTenantAsync("other");
        await owner.SeedAsync(["p1"], ["w1"], onHand: 5);
        await other.SeedAsync([], ["w1"]);
        Assert.Equal(HttpStatusCode.Created, (await owner.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 2))).StatusCode);
        var hold = await owner.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h1", quantity = 1 });
        Assert.Equal(HttpStatusCode.Created, hold.StatusCode);

        var client = other.Client;
        await (await client.GetAsync("/api/v1/orders/o1")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/v1/products/p1")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/v1/stock/p1/w1")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/v1/stock/p1")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/v1/stock/p1/w1/movements")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.DeleteAsync("/api/v1/stock/p1/w1/holds/h1")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.TransitionAsync("o1", "cancel")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.TransitionAsync("o1", "confirm")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.TransitionAsync("o1", "ship")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds/h1/commit", body: null))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h2", quantity = 1 }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts", new { movementId = "m1", quantity = 1 }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/adjustments", new { movementId = "m2", countedOnHand = 0, reason = "x" }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers",
            new { movementId = "m3", sku = "p1", fromWarehouseId = "w1", toWarehouseId = "w2", quantity = 1 }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await other.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 1))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await client.GetOkAsync<Page<Order>>("/api/v1/orders")).Items);
        Assert.Empty((await client.GetOkAsync<Page<Product>>("/api/v1/products")).Items);

        // The owner's data is untouched by the other tenant's attempts.
        Assert.Equal("reserved", (await owner.OrderAsync("o1")).Status);
        var stock = await owner.StockAsync("p1", "w1");
        Assert.Equal((5L, 3L), (stock.OnHand, stock.Reserved));
    }

    [Fact]
    public async Task InsufficientStockOnAHoldCarriesAvailable()
    {
        var tenant = await fixture.NewTenantAsync("problems");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 5);
        var problem = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h1", quantity = 6 }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        Assert.Equal(5, problem.GetProperty("available").GetInt64());
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Reserved);
    }

    [Fact]
    public async Task InsufficientStockOnAnOrderNamesEachShortLine()
    {
        var tenant = await fixture.NewTenantAsync("problems");
        await tenant.SeedAsync(["p1", "p2", "p3"], ["w1"], onHand: 5);
        var problem = await (await tenant.PlaceOrderAsync("o1", null,
                new OrderLine("p1", "w1", 6), new OrderLine("p2", "w1", 5), new OrderLine("p3", "w1", 9)))
            .AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");

        var lines = problem.GetProperty("lines").EnumerateArray()
            .Select(l => (Sku: l.GetProperty("sku").GetString(), Warehouse: l.GetProperty("warehouseId").GetString(), Available: l.GetProperty("available").GetInt64(),
                Index: l.GetProperty("index").GetInt32()))
            .OrderBy(l => l.Sku, StringComparer.Ordinal)
            .ToList();
        Assert.Equal([("p1", "w1", 5L, 0), ("p3", "w1", 5L, 2)], lines);
        await (await tenant.Client.GetAsync("/api/v1/orders/o1")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        foreach (var sku in new[] { "p1", "p2", "p3" })
        {
            Assert.Equal(0, (await tenant.StockAsync(sku, "w1")).Reserved);
            await tenant.AssertLedgerReplaysAsync(sku, "w1");
        }
    }

    [Fact]
    public async Task InsufficientStockWhenAnAdjustmentOrTransferWouldGoBelowReserved()
    {
        var tenant = await fixture.NewTenantAsync("problems");
        await tenant.SeedAsync(["p1"], ["w1", "w2"], onHand: 5);
        Assert.Equal(HttpStatusCode.Created,
            (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h1", quantity = 4 })).StatusCode);

        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/adjustments",
                new { movementId = "adj-1", countedOnHand = 3, reason = "count" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers",
                new { movementId = "tr-1", sku = "p1", fromWarehouseId = "w1", toWarehouseId = "w2", quantity = 2 }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");

        var (from, to) = (await tenant.StockAsync("p1", "w1"), await tenant.StockAsync("p1", "w2"));
        Assert.Equal((5L, 4L, 5L, 0L), (from.OnHand, from.Reserved, to.OnHand, to.Reserved));
        await tenant.AssertLedgerReplaysAsync("p1", "w1");
        await tenant.AssertLedgerReplaysAsync("p1", "w2");
    }

    [Fact]
    public async Task InvalidTransitionWhenShippingAReservedOrder()
    {
        var tenant = await fixture.NewTenantAsync("problems");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 5);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 2))).StatusCode);
        await (await tenant.TransitionAsync("o1", "ship")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        Assert.Equal("reserved", (await tenant.OrderAsync("o1")).Status);
        var stock = await tenant.StockAsync("p1", "w1");
        Assert.Equal((5L, 2L), (stock.OnHand, stock.Reserved));
    }

    [Fact]
    public async Task ConflictWhenAClientIdIsResentWithOtherContent()
    {
        var tenant = await fixture.NewTenantAsync("problems");
        await tenant.SeedAsync(["p1"], ["w1", "w2"], onHand: 50);
        var client = tenant.Client;

        Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 2))).StatusCode);
        await (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 3))).AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        await tenant.ReceiveAsync("p1", "w1", 5, movementId: "m1");
        await tenant.ReceiveAsync("p1", "w1", 5, movementId: "m1");
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts", new { movementId = "m1", quantity = 6 }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        var hold = new { holdId = "h1", quantity = 2 };
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", hold)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", hold)).StatusCode);
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h1", quantity = 3 }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        var transfer = new { movementId = "t1", sku = "p1", fromWarehouseId = "w1", toWarehouseId = "w2", quantity = 4 };
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers", transfer)).ReadOkAsync<object>();
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers", transfer)).ReadOkAsync<object>();
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers", transfer with { quantity = 5 }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");

        var w1 = await tenant.StockAsync("p1", "w1");
        Assert.Equal((50L + 5 - 4, 2L + 2), (w1.OnHand, w1.Reserved));
        Assert.Equal(54, (await tenant.StockAsync("p1", "w2")).OnHand);
        await tenant.AssertLedgerReplaysAsync("p1", "w1");
        await tenant.AssertLedgerReplaysAsync("p1", "w2");

        using var admin = fixture.Admin();
        var body = new { tenantId = TestTenant.NewId("twice"), name = "Twice" };
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants", body)).StatusCode);
        await (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants", body with { name = "Another name" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        await (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants", new { body.tenantId, body.name, settings = new { lowStockThreshold = 1 } }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task IdempotencyKeyReusedWithAnotherBody()
    {
        var tenant = await fixture.NewTenantAsync("problems");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var key = TestTenant.NewId("idem");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts", new { movementId = "m1", quantity = 1 }, key))
            .ReadOkAsync<StockItem>();
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts", new { movementId = "m2", quantity = 1 }, key))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(1, (await tenant.StockAsync("p1", "w1")).OnHand);
    }

    [Fact]
    public async Task PreconditionFailedForAStaleIfMatch()
    {
        var tenant = await fixture.NewTenantAsync("problems");
        await tenant.SeedAsync(["p1"], []);
        var etag = (await tenant.Client.GetAsync("/api/v1/products/p1")).Headers.ETag?.ToString();
        Assert.NotNull(etag);
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "Renamed" }, ifMatch: etag)).ReadOkAsync<Product>();
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/products/p1", new { name = "Again" }, ifMatch: etag))
            .AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal("Renamed", (await tenant.Client.GetOkAsync<Product>("/api/v1/products/p1")).Name);
    }

    [Fact]
    public async Task RateLimitedWithRetryAfterAndNothingApplied()
    {
        var tenant = await fixture.NewTenantAsync("limited");
        await tenant.SeedAsync(["p1"], ["w1"]);
        await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { rateLimitPerSecond = 1, rateLimitBurst = 1 }))
            .ReadOkAsync<SettingsView>();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts", new { movementId = $"m{i}", quantity = 1 })));

        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        foreach (var response in limited)
        {
            await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
            Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
        }

        var stock = (await tenant.StockGrain("p1", "w1").Get()).Value!;
        Assert.Equal(responses.Length - limited.Count, stock.OnHand);

        using var admin = fixture.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}")).StatusCode);
    }

    [Fact]
    public async Task UnauthorizedWithoutAKnownKey()
    {
        using var anonymous = fixture.Anonymous();
        var response = await anonymous.GetAsync("/api/v1/products");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        await (await anonymous.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants", new { tenantId = "x", name = "x" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");

        using var unknown = fixture.WithKey("qm_live_" + Guid.NewGuid().ToString("N"));
        await (await unknown.GetAsync("/api/v1/products")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await unknown.GetAsync("/api/v1/admin/tenants/x")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ForbiddenAcrossTheAdminAndTenantBoundary()
    {
        var tenant = await fixture.NewTenantAsync("problems");
        await (await tenant.Client.GetAsync($"/api/v1/admin/tenants/{tenant.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/tenants", new { tenantId = TestTenant.NewId("evil"), name = "x" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        using var admin = fixture.Admin();
        await (await admin.GetAsync("/api/v1/products")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await admin.SendJsonAsync(HttpMethod.Put, "/api/v1/warehouses/w1", new { name = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
