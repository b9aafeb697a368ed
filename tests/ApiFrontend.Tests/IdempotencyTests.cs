using System.Net;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>Idempotency-Key: concurrent retries get the first response byte for byte, and the work is done once.</summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiFixture fixture)
{
    private const int Retries = 10;

    [Fact]
    public async Task TenConcurrentReceiptsWithOneKeyApplyOnce()
    {
        var tenant = await fixture.NewTenantAsync("idem");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 7);
        var key = TestTenant.NewId("rcv");

        // Ten copies of one request: the replays must be the first response itself, not ten executions.
        const string body = """{"movementId": "m-once", "quantity": 5, "reason": "retried"}""";
        var responses = await SendConcurrentlyAsync(tenant, "/api/v1/stock/p1/w1/receipts", body, key);
        await AssertIdenticalAsync(responses, HttpStatusCode.OK);

        var stock = await tenant.StockAsync("p1", "w1");
        Assert.Equal(12, stock.OnHand);
        var ledger = await tenant.AssertLedgerReplaysAsync("p1", "w1");
        Assert.Single(ledger, e => e.MovementId == "m-once");

        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts",
                """{"movementId": "m-other", "quantity": 5, "reason": "retried"}""", key))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(12, (await tenant.StockAsync("p1", "w1")).OnHand);
    }

    [Fact]
    public async Task TenConcurrentOrdersWithOneKeyPlaceOneOrder()
    {
        var tenant = await fixture.NewTenantAsync("idem");
        await tenant.SeedAsync(["p1", "p2"], ["w1"], onHand: 20);
        var key = TestTenant.NewId("order");
        const string body = """{"orderId": "o1", "customerRef": "c1", "lines": [{"sku": "p1", "warehouseId": "w1", "quantity": 3}, {"sku": "p2", "warehouseId": "w1", "quantity": 4}]}""";

        var responses = await SendConcurrentlyAsync(tenant, "/api/v1/orders", body, key);
        var first = await AssertIdenticalAsync(responses, HttpStatusCode.Created);
        Assert.Contains("\"status\":\"reserved\"", first, StringComparison.Ordinal);

        Assert.Equal(3, (await tenant.StockAsync("p1", "w1")).Reserved);
        Assert.Equal(4, (await tenant.StockAsync("p2", "w1")).Reserved);
        Assert.Single((await tenant.LedgerAsync("p1", "w1")), e => e.Type == "hold");
        Assert.Single((await tenant.LedgerAsync("p2", "w1")), e => e.Type == "hold");
        Assert.Single((await tenant.Client.GetOkAsync<Page<Order>>("/api/v1/orders")).Items);

        var otherBody = body.Replace("\"quantity\": 4", "\"quantity\": 5", StringComparison.Ordinal);
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", otherBody, key))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(4, (await tenant.StockAsync("p2", "w1")).Reserved);
    }

    [Fact]
    public async Task AReplayCarriesTheFirstStatusEvenForAProblem()
    {
        var tenant = await fixture.NewTenantAsync("idem");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 1);
        var key = TestTenant.NewId("hold");
        const string body = """{"holdId": "h1", "quantity": 2}""";
        var first = await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", body, key);
        await first.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");

        await tenant.ReceiveAsync("p1", "w1", 5);
        var replay = await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", body, key);
        await replay.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Reserved);
    }

    [Theory]
    [InlineData(256, 'k')]
    [InlineData(8, '\u00e9')]
    public async Task AKeyOtherThanOneTo255PrintableAsciiIsRefused(int length, char character)
    {
        var tenant = await fixture.NewTenantAsync("idem");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var response = await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts",
            new { movementId = "m1", quantity = 1 }, idempotencyKey: new string(character, length));
        await response.AssertValidationAsync("Idempotency-Key");
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Version);
    }

    [Fact]
    public async Task TwoKeyHeadersAreRefusedNotJoinedIntoOneKey()
    {
        var tenant = await fixture.NewTenantAsync("idem");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var request = HttpCalls.Request(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts", """{"movementId": "m1", "quantity": 1}""");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", ["a", "b"]);

        await (await tenant.Client.SendAsync(request)).AssertValidationAsync("Idempotency-Key");
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Version);
    }

    [Fact]
    public async Task AKeyOf255CharactersIsAccepted()
    {
        var tenant = await fixture.NewTenantAsync("idem");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var response = await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts",
            new { movementId = "m1", quantity = 1 }, idempotencyKey: new string('k', 255));
        Assert.Equal(1, (await response.ReadOkAsync<StockItem>()).OnHand);
    }

    private static Task<HttpResponseMessage[]> SendConcurrentlyAsync(TestTenant tenant, string path, string body, string key) =>
        Task.WhenAll(Enumerable.Range(0, Retries).Select(_ => tenant.Client.SendJsonAsync(HttpMethod.Post, path, body, key)));

    /// <summary>Every response has the expected status and the very same body bytes; returns that body.</summary>
    private static async Task<string> AssertIdenticalAsync(HttpResponseMessage[] responses, HttpStatusCode status)
    {
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        Assert.All(responses, r => Assert.Equal(status, r.StatusCode));
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
        Assert.Equal(Retries - 1, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        return System.Text.Encoding.UTF8.GetString(bodies[0]);
    }
}
