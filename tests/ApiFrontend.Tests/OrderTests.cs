using System.Net;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>The order life cycle through HTTP, with the ledger of every line checked against the stock levels.</summary>
[Collection(ApiCollection.Name)]
public sealed class OrderTests(ApiFixture fixture)
{
    [Fact]
    public async Task WalkthroughFromTenantToShippedOrder()
    {
        var tenant = await fixture.NewTenantAsync("walk");
        await tenant.PutWarehouseAsync("main");
        await tenant.PutProductAsync("widget");
        await tenant.PutProductAsync("gadget");
        await tenant.ReceiveAsync("widget", "main", 10);
        await tenant.ReceiveAsync("gadget", "main", 4);

        var placed = await (await tenant.PlaceOrderAsync("o1", "cust-1", new OrderLine("widget", "main", 3), new OrderLine("gadget", "main", 4)))
            .ReadAsync<Order>(HttpStatusCode.Created);
        Assert.Equal(("reserved", "cust-1"), (placed.Status, placed.CustomerRef));
        Assert.NotNull(placed.ExpiresAt);
        Assert.Equal([new OrderLine("widget", "main", 3), new OrderLine("gadget", "main", 4)], placed.Lines);
        Assert.Equal((3L, 7L), ((await tenant.StockAsync("widget", "main")).Reserved, (await tenant.StockAsync("widget", "main")).Available));

        var confirmed = await (await tenant.TransitionAsync("o1", "confirm")).ReadOkAsync<Order>();
        Assert.Equal("confirmed", confirmed.Status);
        Assert.Null(confirmed.ExpiresAt);

        var shipped = await (await tenant.TransitionAsync("o1", "ship")).ReadOkAsync<Order>();
        Assert.Equal("shipped", shipped.Status);
        Assert.Equal(["reserved", "confirmed", "shipped"], shipped.History.Select(h => h.Status));

        var widget = await tenant.StockAsync("widget", "main");
        var gadget = await tenant.StockAsync("gadget", "main");
        Assert.Equal((7L, 0L, 7L), (widget.OnHand, widget.Reserved, widget.Available));
        Assert.Equal((0L, 0L, 0L), (gadget.OnHand, gadget.Reserved, gadget.Available));
        var summary = await tenant.Client.GetOkAsync<StockSummary>("/api/v1/stock/widget");
        Assert.Equal((7L, 0L, 7L), (summary.OnHand, summary.Reserved, summary.Available));
        Assert.Equal(["receipt", "hold", "commit"], (await tenant.AssertLedgerReplaysAsync("widget", "main")).Select(e => e.Type));
        Assert.Equal(["receipt", "hold", "commit"], (await tenant.AssertLedgerReplaysAsync("gadget", "main")).Select(e => e.Type));

        await (await tenant.TransitionAsync("o1", "cancel")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        var again = await (await tenant.TransitionAsync("o1", "ship")).ReadOkAsync<Order>();
        Assert.Equal(shipped, again with { Lines = shipped.Lines, History = shipped.History });
        Assert.Equal(7, (await tenant.StockAsync("widget", "main")).OnHand);
    }

    [Fact]
    public async Task A_cancelled_reservation_shows_no_expiry()
    {
        var tenant = await fixture.NewTenantAsync("cancel-ttl");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        var placed = await (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 6))).ReadAsync<Order>(HttpStatusCode.Created);
        Assert.NotNull(placed.ExpiresAt);

        var cancelled = await (await tenant.TransitionAsync("o1", "cancel")).ReadOkAsync<Order>();
        Assert.Equal(("cancelled", (DateTimeOffset?)null), (cancelled.Status, cancelled.ExpiresAt));
        Assert.Null((await tenant.OrderAsync("o1")).ExpiresAt);
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Reserved);
    }

    [Fact]
    public async Task CancellingReleasesAndCancellingAgainChangesNothing()
    {
        var tenant = await fixture.NewTenantAsync("cancel");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 6))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenant.TransitionAsync("o1", "confirm")).StatusCode);

        var cancelled = await (await tenant.TransitionAsync("o1", "cancel")).ReadOkAsync<Order>();
        Assert.Equal("cancelled", cancelled.Status);
        var first = await tenant.Client.GetStringAsync("/api/v1/orders/o1");

        BusinessClock.Advance(TimeSpan.FromSeconds(1));
        var repeat = await tenant.TransitionAsync("o1", "cancel");
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(first, await repeat.Content.ReadAsStringAsync());
        Assert.Equal(first, await tenant.Client.GetStringAsync("/api/v1/orders/o1"));

        await (await tenant.TransitionAsync("o1", "confirm")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        await (await tenant.TransitionAsync("o1", "ship")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        var stock = await tenant.StockAsync("p1", "w1");
        Assert.Equal((10L, 0L), (stock.OnHand, stock.Reserved));
        var ledger = await tenant.AssertLedgerReplaysAsync("p1", "w1");
        Assert.Equal(["receipt", "hold", "release"], ledger.Select(e => e.Type));
    }

    [Fact]
    public async Task AShortLineBesideAnotherLineOfTheSameItemReportsWhatTheItemHasAvailable()
    {
        var tenant = await fixture.NewTenantAsync("short-twice");
        await tenant.SeedAsync(["p1", "p2"], ["w1"], onHand: 3);

        // Each line fits alone; together they do not. The line held first took the stock the other line was
        // refused for, then gave it back: the item has 3 available for the order, not what the refusal saw.
        var refused = await (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 2), new OrderLine("p1", "w1", 2), new OrderLine("p2", "w1", 1)))
            .AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        var shortLine = Assert.Single(refused.GetProperty("lines").EnumerateArray());
        Assert.Equal(("p1", "w1", 2L, 3L), (shortLine.GetProperty("sku").GetString(), shortLine.GetProperty("warehouseId").GetString(),
            shortLine.GetProperty("requested").GetInt64(), shortLine.GetProperty("available").GetInt64()));

        // Both lines of the item refused: each is named by its position, with the item's available.
        refused = await (await tenant.PlaceOrderAsync("o2", null, new OrderLine("p1", "w1", 4), new OrderLine("p1", "w1", 5)))
            .AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        Assert.Equal([(0, 4L, 3L), (1, 5L, 3L)], refused.GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("index").GetInt32(), l.GetProperty("requested").GetInt64(), l.GetProperty("available").GetInt64())));
        Assert.Equal(3, (await tenant.StockAsync("p1", "w1")).Available);
        Assert.Equal(3, (await tenant.StockAsync("p2", "w1")).Available);
    }

    [Fact]
    public async Task AReservedOrderExpiresOnceAfterItsTtl()
    {
        var tenant = await fixture.NewTenantAsync("expiry", reservationTtlSeconds: 10);
        await tenant.SeedAsync(["p1", "p2"], ["w1"], onHand: 10);
        var placed = await (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 4), new OrderLine("p2", "w1", 5)))
            .ReadAsync<Order>(HttpStatusCode.Created);
        Assert.Equal(placed.CreatedAt.AddSeconds(10), placed.ExpiresAt);

        // Not yet due: the expiry changes nothing.
        BusinessClock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("reserved", (await tenant.OrderGrain("o1").ExpireIfDue())?.Status.ToString().ToLowerInvariant());
        Assert.Equal(4, (await tenant.StockAsync("p1", "w1")).Reserved);

        BusinessClock.Advance(TimeSpan.FromSeconds(6));
        await tenant.OrderGrain("o1").ExpireIfDue();
        var expired = await tenant.OrderAsync("o1");
        Assert.Equal("expired", expired.Status);
        await AssertExpiredOnceAsync(tenant);

        await tenant.OrderGrain("o1").ExpireIfDue();
        Assert.Equal(expired, await tenant.OrderAsync("o1") with { Lines = expired.Lines, History = expired.History });
        Assert.Equal(["reserved", "expired"], (await tenant.OrderAsync("o1")).History.Select(h => h.Status));
        await AssertExpiredOnceAsync(tenant);

        await (await tenant.TransitionAsync("o1", "confirm")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        await AssertExpiredOnceAsync(tenant);

        // The order's expiry is told once, as the order; its lines' holds are not holds a client placed.
        var events = (await tenant.Client.GetOkAsync<Page<Event>>("/api/v1/events?types=order.expired,hold.expired")).Items;
        Assert.Equal(["order.expired"], events.Select(e => e.Type));
    }

    [Fact]
    public async Task APatchedTtlAppliesToTheNextOrder()
    {
        var tenant = await fixture.NewTenantAsync("ttl");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        var before = await (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 1))).ReadAsync<Order>(HttpStatusCode.Created);
        Assert.Equal(before.CreatedAt.AddSeconds(900), before.ExpiresAt);

        await (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { reservationTtlSeconds = 30 })).ReadOkAsync<SettingsView>();
        var after = await (await tenant.PlaceOrderAsync("o2", null, new OrderLine("p1", "w1", 1))).ReadAsync<Order>(HttpStatusCode.Created);
        Assert.Equal(after.CreatedAt.AddSeconds(30), after.ExpiresAt);
    }

    [Fact]
    public async Task ConfirmingAfterTheTtlIsRefusedAndTheOrderExpires()
    {
        var tenant = await fixture.NewTenantAsync("expiry", reservationTtlSeconds: 10);
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync("o1", null, new OrderLine("p1", "w1", 4))).StatusCode);

        BusinessClock.Advance(TimeSpan.FromSeconds(11));
        await (await tenant.TransitionAsync("o1", "confirm")).AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
        Assert.Equal("expired", (await tenant.OrderAsync("o1")).Status);
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Reserved);
        Assert.Single(await tenant.AssertLedgerReplaysAsync("p1", "w1"), e => e.Type == "expire");
    }

    private static async Task AssertExpiredOnceAsync(TestTenant tenant)
    {
        foreach (var sku in new[] { "p1", "p2" })
        {
            var stock = await tenant.StockAsync(sku, "w1");
            Assert.Equal((10L, 0L), (stock.OnHand, stock.Reserved));
            var ledger = await tenant.AssertLedgerReplaysAsync(sku, "w1");
            Assert.Single(ledger, e => e.Type == "expire");
            Assert.Equal(["receipt", "hold", "expire"], ledger.Select(e => e.Type));
        }
    }
}
