using System.Net;
using System.Text.Json;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>Per-item thresholds, stock.low and stock.restocked on the crossings only, and the stock list.</summary>
[Collection(ApiCollection.Name)]
public sealed class LowStockTests(ApiFixture fixture)
{
    [Fact]
    public async Task Crossings_of_the_threshold_in_force_each_leave_one_event_and_changes_below_it_none()
    {
        var tenant = await fixture.NewTenantAsync("low");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        await PatchThresholdAsync(tenant, 5);
        Assert.Equal(5, (await tenant.StockAsync("p1", "w1")).LowStockThreshold);

        await PlaceHoldAsync(tenant, "h1", 6);       // 10 -> 4: low
        await PlaceHoldAsync(tenant, "h2", 1);       // 4 -> 3: still low, no event
        await tenant.ReceiveAsync("p1", "w1", 10, "r-more");   // 3 -> 13: restocked
        await AdjustAsync(tenant, "count-1", 9);     // onHand 9, reserved 7: 2, low
        var own = await SetThresholdAsync(tenant, 1); // own threshold 1: 2 is above it, restocked with no ledger entry
        Assert.Equal((1L, 2L), (own.LowStockThreshold!.Value, own.Available));
        var follows = await SetThresholdAsync(tenant, null);  // the tenant's 5 again: low
        Assert.Equal(5, follows.LowStockThreshold);
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Client.DeleteAsync("/api/v1/stock/p1/w1/holds/h2")).StatusCode); // 3: still low
        await SetThresholdAsync(tenant, 0);          // no alerts for the item: restocked
        await PlaceHoldAsync(tenant, "h3", 3);       // 0 available, but threshold 0: no event

        var events = await EventsAsync(tenant, "stock.low,stock.restocked");
        Assert.Equal(
            [("stock.low", 4L, 5L, "h1"), ("stock.restocked", 13L, 5L, "r-more"), ("stock.low", 2L, 5L, "count-1"),
             ("stock.restocked", 2L, 1L, null), ("stock.low", 2L, 5L, null), ("stock.restocked", 3L, 0L, null)],
            events.Select(e => (e.Type, e.Data.GetProperty("available").GetInt64(), e.Data.GetProperty("lowStockThreshold").GetInt64(), MovementId(e.Data))));

        // Each crossing sits right after the stock.changed of the entry that made it.
        var all = await EventsAsync(tenant, "stock.changed,stock.low,stock.restocked");
        foreach (var crossing in events.Where(e => MovementId(e.Data) is not null))
        {
            var before = all[all.FindIndex(e => e.EventId == crossing.EventId) - 1];
            Assert.Equal(("stock.changed", MovementId(crossing.Data)), (before.Type, MovementId(before.Data)));
        }

        var ledger = await tenant.AssertLedgerReplaysAsync("p1", "w1");
        Assert.Equal(ledger.Count, all.Count(e => e.Type == "stock.changed"));
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).LowStockThreshold);

        // An item never stocked is not low: its first receipt is a crossing when it stays at or below the threshold.
        await tenant.PutProductAsync("fresh");
        await tenant.ReceiveAsync("fresh", "w1", 3, "r-fresh");
        // Judged against the side its last crossing left it on: still low at 7 of 10 (no event), then the change of
        // the tenant's threshold to 2 is itself the way back (no entry), and the hold after it, 6 above 2, is nothing new.
        await PatchThresholdAsync(tenant, 10);
        await tenant.ReceiveAsync("fresh", "w1", 4, "r-fresh-2");
        await PatchThresholdAsync(tenant, 2);
        List<Event> fresh = [];
        await Eventually.TrueAsync(async () => (fresh = [.. (await EventsAsync(tenant, "stock.low,stock.restocked"))
            .Where(e => e.Data.GetProperty("sku").GetString() == "fresh")]).Count >= 2, TimeSpan.FromSeconds(10), "the restock by the threshold change");
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/fresh/w1/holds", new { holdId = "h-fresh", quantity = 1 })).StatusCode);
        fresh = [.. (await EventsAsync(tenant, "stock.low,stock.restocked")).Where(e => e.Data.GetProperty("sku").GetString() == "fresh")];
        Assert.Equal([("stock.low", "r-fresh", 3L), ("stock.restocked", null, 7L)],
            fresh.Select(e => (e.Type, MovementId(e.Data), e.Data.GetProperty("available").GetInt64())));
    }

    [Fact]
    public async Task A_change_of_the_tenants_threshold_is_a_crossing_for_each_item_it_moves_across_it()
    {
        var tenant = await fixture.NewTenantAsync("low-tenant");
        await tenant.SeedAsync(["p1", "p2", "p3"], ["w1"], onHand: 10);
        await SetThresholdAsync(tenant, 20, sku: "p2");   // its own threshold: the tenant's does not move it
        await tenant.ReceiveAsync("p3", "w1", 90, "r-p3"); // 100 available: above every threshold below

        var ownCrossing = ("stock.low", (string?)"p2", 20L, (string?)null); // p2's own threshold, set above its 10

        await PatchThresholdAsync(tenant, 12);             // p1: 10 <= 12, low
        var low = await CrossingsAsync(tenant, 2, "the tenant's threshold raised over p1");
        Assert.Equal([ownCrossing, ("stock.low", "p1", 12L, null)], low);

        await PatchThresholdAsync(tenant, 11);             // p1 still low: nothing
        await PatchThresholdAsync(tenant, 5);              // p1: 10 > 5, restocked
        var restocked = await CrossingsAsync(tenant, 3, "the tenant's threshold lowered under p1");
        Assert.Equal([ownCrossing, ("stock.low", "p1", 12L, null), ("stock.restocked", "p1", 5L, null)], restocked);
        Assert.Equal(5, (await tenant.StockAsync("p1", "w1")).LowStockThreshold);
    }

    [Fact]
    public async Task An_items_etag_changes_with_the_tenants_threshold_it_follows_and_if_match_still_takes_it()
    {
        var tenant = await fixture.NewTenantAsync("low-etag");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 10);
        var before = await ETagAsync(tenant);

        await PatchThresholdAsync(tenant, 40);
        var following40 = await ETagAsync(tenant);
        await PatchThresholdAsync(tenant, 45);
        var following45 = await ETagAsync(tenant);
        Assert.Equal(3, new[] { before, following40, following45 }.Distinct().Count());

        var put = await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", new { lowStockThreshold = 8 }, ifMatch: following45);
        Assert.Equal(8, (await put.ReadOkAsync<StockItem>()).LowStockThreshold);
        Assert.NotEqual(following45, put.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task The_stock_list_filters_by_sku_prefix_warehouse_and_low_and_pages_without_gaps()
    {
        var tenant = await fixture.NewTenantAsync("stocklist", defaultSettings: true);
        await tenant.SeedAsync(["a1", "a2", "b1"], ["w1", "w2"], onHand: 10);
        await SetThresholdAsync(tenant, 10, "a1", "w1");                      // 10 available at 10: low
        await SetThresholdAsync(tenant, 3, "b1", "w2");                       // 10 available: not low
        await AdjustAsync(tenant, "count-b1", 2, "b1", "w2");                 // 2 at 3: low

        var low = await tenant.Client.GetOkAsync<Page<StockItem>>("/api/v1/stock?low=true");
        Assert.Equal([("a1", "w1", 10L), ("b1", "w2", 3L)], low.Items.Select(i => (i.Sku, i.WarehouseId, i.LowStockThreshold!.Value)));
        var prefix = await tenant.Client.GetOkAsync<Page<StockItem>>("/api/v1/stock?sku=a&warehouseId=w2");
        Assert.Equal(["a1", "a2"], prefix.Items.Select(i => i.Sku));
        Assert.All(prefix.Items, i => Assert.Equal(("w2", 10L, 0L), (i.WarehouseId, i.Available, i.LowStockThreshold!.Value)));

        var seen = new List<(string, string)>();
        string? cursor = null;
        do
        {
            var page = await tenant.Client.GetOkAsync<Page<StockItem>>("/api/v1/stock?limit=4" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.InRange(page.Items.Count, 1, 4);
            seen.AddRange(page.Items.Select(i => (i.Sku, i.WarehouseId)));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(
            [("a1", "w1"), ("a1", "w2"), ("a2", "w1"), ("a2", "w2"), ("b1", "w1"), ("b1", "w2")], seen);
    }

    [Fact]
    public async Task The_sku_filter_is_a_prefix_so_a_dot_or_two_find_the_skus_that_start_with_them()
    {
        var tenant = await fixture.NewTenantAsync("stocklist-dots");
        await tenant.SeedAsync([".5mm", "..x", "a.b"], ["w1"], onHand: 1);

        Assert.Equal(["..x", ".5mm"], (await tenant.Client.GetOkAsync<Page<StockItem>>("/api/v1/stock?sku=.")).Items.Select(i => i.Sku));
        Assert.Equal(["..x"], (await tenant.Client.GetOkAsync<Page<StockItem>>("/api/v1/stock?sku=..")).Items.Select(i => i.Sku));
        await (await tenant.Client.GetAsync("/api/v1/stock?sku=" + new string('.', 65))).AssertValidationAsync("sku");
    }

    [Fact]
    public async Task The_stock_list_leaves_out_items_a_refused_order_only_touched_and_shows_those_given_a_threshold()
    {
        var tenant = await fixture.NewTenantAsync("stocklist-untouched");
        await tenant.SeedAsync(["stocked", "never", "watched"], ["w1"]);
        await tenant.ReceiveAsync("stocked", "w1", 5);

        // The order holds the stocked line, is refused for the other, and undoes what it held: the never-stocked
        // item saw only that undo, which moved no stock, so it is still an item nobody wrote.
        await (await tenant.PlaceOrderAsync("o1", null, new OrderLine("stocked", "w1", 1), new OrderLine("never", "w1", 1)))
            .AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        await SetThresholdAsync(tenant, 2, "watched");

        var listed = await tenant.Client.GetOkAsync<Page<StockItem>>("/api/v1/stock");
        Assert.Equal([("stocked", 5L, 0L), ("watched", 0L, 2L)], listed.Items.Select(i => (i.Sku, i.Available, i.LowStockThreshold!.Value)));
    }

    [Fact]
    public async Task The_stock_list_of_a_warehouse_that_does_not_exist_is_not_found()
    {
        var tenant = await fixture.NewTenantAsync("stocklist-nowhere");
        var other = await fixture.NewTenantAsync("stocklist-elsewhere");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 1);
        await other.SeedAsync(["p1"], ["theirs"], onHand: 1);

        await (await tenant.Client.GetAsync("/api/v1/stock?warehouseId=nowhere")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await tenant.Client.GetAsync("/api/v1/stock?warehouseId=theirs&low=true")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(["p1"], (await tenant.Client.GetOkAsync<Page<StockItem>>("/api/v1/stock?warehouseId=w1")).Items.Select(i => i.Sku));
    }

    [Theory]
    [InlineData("/api/v1/stock?low=yes", "low")]
    [InlineData("/api/v1/stock?sku=a%20b", "sku")]
    [InlineData("/api/v1/stock?warehouseId=w%2F1", "warehouseId")]
    [InlineData("/api/v1/stock?limit=0", "limit")]
    [InlineData("/api/v1/stock?cursor=bm90LWEtY3Vyc29y", "cursor")]
    public async Task Bad_list_queries_are_refused_naming_the_field(string path, string field)
    {
        var tenant = await fixture.NewTenantAsync("stocklist-bad");
        await (await tenant.Client.GetAsync(path)).AssertValidationAsync(field);
    }

    [Fact]
    public async Task A_bad_threshold_is_refused_naming_the_field_and_an_unknown_item_is_not_found()
    {
        var tenant = await fixture.NewTenantAsync("threshold-bad");
        await tenant.SeedAsync(["p1"], ["w1"]);
        // A body without the field is refused: null (follow the tenant's) must be said, not implied.
        foreach (var body in new object[] { new { lowStockThreshold = -1 }, new { lowStockThreshold = 1_000_000_001L }, "{}", """{"threshold": 5}""" })
        {
            await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", body)).AssertValidationAsync("lowStockThreshold");
        }

        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/nope/w1/threshold", new { lowStockThreshold = 1 }))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        // Nothing was written by the refused calls: the item still follows the tenant's threshold.
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).LowStockThreshold);

        // Null, said, is a value: back to the tenant's threshold.
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", """{"lowStockThreshold": 7}""")).ReadOkAsync<StockItem>();
        Assert.Equal(7, (await tenant.StockAsync("p1", "w1")).LowStockThreshold);
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/p1/w1/threshold", """{"lowStockThreshold": null}""")).ReadOkAsync<StockItem>();
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).LowStockThreshold);
    }

    private static async Task<string> ETagAsync(TestTenant tenant) =>
        (await tenant.Client.GetAsync("/api/v1/stock/p1/w1")).Headers.ETag!.Tag;

    private static async Task PatchThresholdAsync(TestTenant tenant, long threshold) =>
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { lowStockThreshold = threshold })).StatusCode);

    private static async Task PlaceHoldAsync(TestTenant tenant, string holdId, long quantity) =>
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId, quantity })).StatusCode);

    private static async Task AdjustAsync(TestTenant tenant, string movementId, long countedOnHand, string sku = "p1", string warehouseId = "w1") =>
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.SendJsonAsync(HttpMethod.Post, $"/api/v1/stock/{sku}/{warehouseId}/adjustments",
            new { movementId, countedOnHand, reason = "count" })).StatusCode);

    private static async Task<StockItem> SetThresholdAsync(TestTenant tenant, long? threshold, string sku = "p1", string warehouseId = "w1") =>
        await (await tenant.Client.SendJsonAsync(HttpMethod.Put, $"/api/v1/stock/{sku}/{warehouseId}/threshold", new { lowStockThreshold = threshold }))
            .ReadAsync<StockItem>(HttpStatusCode.OK);

    /// <summary>The crossings so far, once there are <paramref name="count"/>: type, sku, threshold crossed, movement.</summary>
    private static async Task<List<(string, string?, long, string?)>> CrossingsAsync(TestTenant tenant, int count, string what)
    {
        List<Event> events = [];
        await Eventually.TrueAsync(async () => (events = await EventsAsync(tenant, "stock.low,stock.restocked")).Count >= count, TimeSpan.FromSeconds(10), what);
        return [.. events.Select(e => (e.Type, e.Data.GetProperty("sku").GetString(), e.Data.GetProperty("lowStockThreshold").GetInt64(), MovementId(e.Data)))];
    }

    private static async Task<List<Event>> EventsAsync(TestTenant tenant, string types) =>
        [.. (await tenant.Client.GetOkAsync<Page<Event>>($"/api/v1/events?types={types}&limit=500")).Items];

    private static string? MovementId(JsonElement data) =>
        data.GetProperty("ledgerEntry") is { ValueKind: JsonValueKind.Object } entry ? entry.GetProperty("movementId").GetString() : null;
}
