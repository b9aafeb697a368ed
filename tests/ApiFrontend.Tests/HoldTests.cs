using System.Net;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>A hold's life through HTTP: place, release (idempotent), commit, and the ledger that records it.</summary>
[Collection(ApiCollection.Name)]
public sealed class HoldTests(ApiFixture fixture)
{
    [Fact]
    public async Task PlaceReleaseAndCommitMoveTheLevelsAsDocumented()
    {
        var tenant = await fixture.NewTenantAsync("holds");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        var client = tenant.Client;

        var placed = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h1", quantity = 3, ttlSeconds = 60 });
        var hold = await placed.ReadAsync<Hold>(HttpStatusCode.Created);
        Assert.Equal(("h1", 3L), (hold.HoldId, hold.Quantity));
        Assert.Equal((10L, 3L, 7L), (hold.Stock.OnHand, hold.Stock.Reserved, hold.Stock.Available));
        Assert.NotNull(hold.ExpiresAt);
        Assert.EndsWith("/api/v1/stock/p1/w1/holds/h1", placed.Headers.Location?.ToString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/stock/p1/w1/holds/h1")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/stock/p1/w1/holds/h1")).StatusCode);
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Reserved);
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds/h1/commit", body: null))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");

        Assert.Equal(HttpStatusCode.Created,
            (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h2", quantity = 4 })).StatusCode);
        var committed = await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds/h2/commit", body: null)).ReadOkAsync<StockItem>();
        Assert.Equal((6L, 0L, 6L), (committed.OnHand, committed.Reserved, committed.Available));
        var again = await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds/h2/commit", body: null)).ReadOkAsync<StockItem>();
        Assert.Equal((6L, 0L), (again.OnHand, again.Reserved));
        await (await client.DeleteAsync("/api/v1/stock/p1/w1/holds/h2")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");

        var ledger = await tenant.AssertLedgerReplaysAsync("p1", "w1");
        Assert.Equal(["receipt", "hold", "release", "hold", "commit"], ledger.Select(e => e.Type));
    }

    [Fact]
    public async Task AHoldLastsItsTtlOrTheTenantsAndThenExpiresOnce()
    {
        var tenant = await fixture.NewTenantAsync("holds");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        var now = BusinessClock.Instance.GetUtcNow();
        var byDefault = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h-default", quantity = 1 }))
            .ReadAsync<Hold>(HttpStatusCode.Created);
        Assert.Equal(now.AddSeconds(900), byDefault.ExpiresAt);
        var shortLived = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h-short", quantity = 2, ttlSeconds = 10 }))
            .ReadAsync<Hold>(HttpStatusCode.Created);
        Assert.Equal(now.AddSeconds(10), shortLived.ExpiresAt);

        BusinessClock.Advance(TimeSpan.FromSeconds(11));
        await tenant.StockGrain("p1", "w1").ExpireDueHolds();
        await tenant.StockGrain("p1", "w1").ExpireDueHolds();

        var stock = await tenant.StockAsync("p1", "w1");
        Assert.Equal((10L, 1L), (stock.OnHand, stock.Reserved));
        var ledger = await tenant.AssertLedgerReplaysAsync("p1", "w1");
        Assert.Equal("h-short", Assert.Single(ledger, e => e.Type == "expire").MovementId);
        await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds/h-short/commit", body: null))
            .AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
    }

    [Fact]
    public async Task AHoldIsReadAtItsLocationWhileActiveAndAfterItEnds()
    {
        var tenant = await fixture.NewTenantAsync("holds");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        var client = tenant.Client;
        var placed = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h1", quantity = 3, ttlSeconds = 60 });
        var location = placed.Headers.Location!.ToString();
        var first = await placed.ReadAsync<Hold>(HttpStatusCode.Created);

        var active = await client.GetAsync(location);
        var read = await active.ReadOkAsync<Hold>();
        Assert.Equal((first.HoldId, first.Quantity, first.ExpiresAt, "active"), (read.HoldId, read.Quantity, read.ExpiresAt, read.Status));
        Assert.Equal((10L, 3L, 7L), (read.Stock.OnHand, read.Stock.Reserved, read.Stock.Available));
        Assert.NotNull(active.Headers.ETag);

        await (await client.SendJsonAsync(HttpMethod.Post, $"{location}/commit", body: null)).ReadOkAsync<StockItem>();
        var committed = await client.GetAsync(location);
        var ended = await committed.ReadOkAsync<Hold>();
        Assert.Equal(("committed", 7L, 0L), (ended.Status, ended.Stock.OnHand, ended.Stock.Reserved));
        Assert.NotEqual(active.Headers.ETag, committed.Headers.ETag);

        await (await client.GetAsync("/api/v1/stock/p1/w1/holds/never-placed")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/v1/stock/p1/nowhere/holds/h1")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await client.GetAsync("/api/v1/stock/p1/w1/holds/bad%20id")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task TransfersMoveStockAllOrNothing()
    {
        var tenant = await fixture.NewTenantAsync("transfer");
        await tenant.SeedAsync(["p1"], ["w1", "w2"], onHand: 10);
        var client = tenant.Client;

        var result = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers",
            new { movementId = "t1", sku = "p1", fromWarehouseId = "w1", toWarehouseId = "w2", quantity = 4 });
        var body = System.Text.Json.JsonDocument.Parse(await result.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(6, body.GetProperty("from").GetProperty("onHand").GetInt64());
        Assert.Equal(14, body.GetProperty("to").GetProperty("onHand").GetInt64());

        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers",
                new { movementId = "t2", sku = "p1", fromWarehouseId = "w1", toWarehouseId = "w2", quantity = 7 }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers",
                new { movementId = "t3", sku = "p1", fromWarehouseId = "w1", toWarehouseId = "nope", quantity = 1 }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var summary = await client.GetOkAsync<StockSummary>("/api/v1/stock/p1");
        Assert.Equal((20L, 0L, 20L), (summary.OnHand, summary.Reserved, summary.Available));
        Assert.Equal(["receipt", "transfer_out"], (await tenant.AssertLedgerReplaysAsync("p1", "w1")).Select(e => e.Type));
        Assert.Equal(["receipt", "transfer_in"], (await tenant.AssertLedgerReplaysAsync("p1", "w2")).Select(e => e.Type));

        // Its ETag follows its items: the same until one of them changes.
        var tag = (await client.GetAsync("/api/v1/stock/p1")).Headers.ETag!.Tag;
        Assert.Equal(tag, (await client.GetAsync("/api/v1/stock/p1")).Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w2/receipts", new { movementId = "r-tag", quantity = 1 })).StatusCode);
        var received = (await client.GetAsync("/api/v1/stock/p1")).Headers.ETag!.Tag;
        Assert.NotEqual(tag, received);
        // A change of threshold writes no ledger entry, and changes the summary all the same.
        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = 3 })).StatusCode);
        Assert.NotEqual(received, (await client.GetAsync("/api/v1/stock/p1")).Headers.ETag!.Tag);
    }

    [Fact]
    public async Task AResentTransferAnswersBothItemsAsTheyAreNow()
    {
        var tenant = await fixture.NewTenantAsync("transfer");
        await tenant.SeedAsync(["p1"], ["w1", "w2"], onHand: 10);
        var client = tenant.Client;
        var transfer = new { movementId = "t1", sku = "p1", fromWarehouseId = "w1", toWarehouseId = "w2", quantity = 4 };
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers", transfer)).ReadOkAsync<Transfer>();
        await tenant.ReceiveAsync("p1", "w1", 5);
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w2/holds", new { holdId = "h1", quantity = 3 })).StatusCode);

        var resent = await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers", transfer)).ReadOkAsync<Transfer>();

        Assert.Equal(await tenant.StockAsync("p1", "w1"), resent.From);
        Assert.Equal(await tenant.StockAsync("p1", "w2"), resent.To);
        Assert.Equal((11L, 14L, 3L), (resent.From.OnHand, resent.To.OnHand, resent.To.Reserved));
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers", transfer with { quantity = 5 }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(["receipt", "transfer_out", "receipt"], (await tenant.AssertLedgerReplaysAsync("p1", "w1")).Select(e => e.Type));
        Assert.Equal(["receipt", "transfer_in", "hold"], (await tenant.AssertLedgerReplaysAsync("p1", "w2")).Select(e => e.Type));
    }

    [Fact]
    public async Task AdjustmentsSetTheCountAndRecordTheChange()
    {
        var tenant = await fixture.NewTenantAsync("adjust");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        var adjusted = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/adjustments",
            new { movementId = "a1", countedOnHand = 7, reason = "stock take" })).ReadOkAsync<StockItem>();
        Assert.Equal(7, adjusted.OnHand);
        var ledger = await tenant.AssertLedgerReplaysAsync("p1", "w1");
        Assert.Equal(("adjustment", -3L, 7L, "stock take"), (ledger[^1].Type, ledger[^1].Quantity, ledger[^1].OnHandAfter, ledger[^1].Reason));
    }
}
