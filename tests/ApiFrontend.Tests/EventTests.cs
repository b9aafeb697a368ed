using System.Net;
using System.Text.Json;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>The event log: one event per ledger entry and per order transition, listed in order, and the live stream.</summary>
[Collection(ApiCollection.Name)]
public sealed class EventTests(ApiFixture fixture)
{
    [Fact]
    public async Task A_scripted_workload_leaves_exactly_one_event_per_ledger_entry_and_per_order_transition()
    {
        var tenant = await fixture.NewTenantAsync("events");
        await tenant.SeedAsync(["p1", "p2"], ["w1", "w2"], onHand: 10);
        var holds = tenant.Client;
        Assert.Equal(HttpStatusCode.Created, (await holds.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/holds", new { holdId = "h1", quantity = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await holds.DeleteAsync("/api/v1/stock/p1/w1/holds/h1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await holds.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p2/w1/holds", new { holdId = "h-short", quantity = 3, ttlSeconds = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await holds.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w2/adjustments",
            new { movementId = "count-1", countedOnHand = 7, reason = "cycle count" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await holds.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers",
            new { movementId = "move-1", sku = "p2", fromWarehouseId = "w2", toWarehouseId = "w1", quantity = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync("o1", "c1", new OrderLine("p1", "w1", 1), new OrderLine("p2", "w1", 2))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenant.TransitionAsync("o1", "confirm")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenant.TransitionAsync("o1", "ship")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync("o2", null, new OrderLine("p1", "w2", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenant.TransitionAsync("o2", "cancel")).StatusCode);
        // Refused: no order, so no event.
        await (await tenant.PlaceOrderAsync("o3", null, new OrderLine("p1", "w2", 1_000))).AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        BusinessClock.Advance(TimeSpan.FromSeconds(11));
        await tenant.StockGrain("p2", "w1").ExpireDueHolds();

        var events = await AllEventsAsync(tenant, limit: 7);
        Assert.Equal(events.Select(e => e.EventId).Distinct().Count(), events.Count);
        Assert.Equal(events.Select(e => e.EventId).Order(StringComparer.Ordinal), events.Select(e => e.EventId));

        foreach (var (sku, warehouse) in new[] { ("p1", "w1"), ("p1", "w2"), ("p2", "w1"), ("p2", "w2") })
        {
            var ledger = await tenant.AssertLedgerReplaysAsync(sku, warehouse);
            var changes = events.Where(e => e.Type == "stock.changed" && Text(e.Data, "sku") == sku && Text(e.Data, "warehouseId") == warehouse).ToList();
            Assert.Equal(ledger.Select(l => (l.Seq, l.Type, l.MovementId, l.OnHandAfter, l.ReservedAfter)),
                changes.Select(e => e.Data.GetProperty("ledgerEntry")).Select(l => (
                    l.GetProperty("seq").GetInt64(), l.GetProperty("type").GetString()!, l.GetProperty("movementId").GetString()!,
                    l.GetProperty("onHandAfter").GetInt64(), l.GetProperty("reservedAfter").GetInt64())));
            Assert.All(changes, e => Assert.Equal(
                (e.Data.GetProperty("ledgerEntry").GetProperty("onHandAfter").GetInt64(), e.Data.GetProperty("ledgerEntry").GetProperty("seq").GetInt64()),
                (e.Data.GetProperty("onHand").GetInt64(), e.Data.GetProperty("version").GetInt64())));
        }

        foreach (var orderId in new[] { "o1", "o2" })
        {
            var order = await tenant.OrderAsync(orderId);
            var transitions = events.Where(e => e.Type.StartsWith("order.", StringComparison.Ordinal) && Text(e.Data, "orderId") == orderId).ToList();
            Assert.Equal(order.History.Select(h => "order." + h.Status), transitions.Select(e => e.Type));
            Assert.Equal(order.History.Select(h => h.Status), transitions.Select(e => Text(e.Data, "status")));
        }

        Assert.DoesNotContain(events, e => e.Type.StartsWith("order.", StringComparison.Ordinal) && Text(e.Data, "orderId") == "o3");
        var transfer = Assert.Single(events, e => e.Type == "transfer.completed");
        Assert.Equal(("move-1", "p2", "w2", "w1", 4L), (Text(transfer.Data, "movementId"), Text(transfer.Data, "sku"),
            Text(transfer.Data, "fromWarehouseId"), Text(transfer.Data, "toWarehouseId"), transfer.Data.GetProperty("quantity").GetInt64()));
        Assert.Equal((6L, 14L), (transfer.Data.GetProperty("from").GetProperty("onHand").GetInt64(), transfer.Data.GetProperty("to").GetProperty("onHand").GetInt64()));
        // After both of its ledger entries.
        Assert.True(events.IndexOf(transfer) > events.FindLastIndex(e => e.Type == "stock.changed" && Text(e.Data.GetProperty("ledgerEntry"), "movementId") == "move-1"));
        var expired = Assert.Single(events, e => e.Type == "hold.expired");
        Assert.Equal(("h-short", "expired", 3L), (Text(expired.Data, "holdId"), Text(expired.Data, "status"), expired.Data.GetProperty("quantity").GetInt64()));
        Assert.Equal(events.Count(e => e.Type == "stock.changed"), (await Task.WhenAll(
            new[] { ("p1", "w1"), ("p1", "w2"), ("p2", "w1"), ("p2", "w2") }.Select(i => tenant.LedgerAsync(i.Item1, i.Item2)))).Sum(l => l.Count));

        var one = events[3];
        var single = await tenant.Client.GetAsync($"/api/v1/events/{one.EventId}");
        Assert.Equal("\"1\"", single.Headers.ETag?.Tag);
        var fetched = await single.ReadOkAsync<Event>();
        Assert.Equal((one.EventId, one.Type, one.Data.GetRawText()), (fetched.EventId, fetched.Type, fetched.Data.GetRawText()));
        var ordersOnly = await tenant.Client.GetOkAsync<Page<Event>>($"/api/v1/events?types=order.shipped,order.cancelled&after={events[0].EventId}");
        Assert.Equal(["order.shipped", "order.cancelled"], ordersOnly.Items.Select(e => e.Type));
        // The families and * a webhook endpoint's filter takes.
        var orderFamily = await tenant.Client.GetOkAsync<Page<Event>>("/api/v1/events?types=order.*&limit=100");
        Assert.NotEmpty(orderFamily.Items);
        Assert.All(orderFamily.Items, e => Assert.StartsWith("order.", e.Type, StringComparison.Ordinal));
        Assert.Equal(events.Count(e => e.Type.StartsWith("order.", StringComparison.Ordinal)), orderFamily.Items.Count);
        var everything = await tenant.Client.GetOkAsync<Page<Event>>("/api/v1/events?types=*&limit=100");
        Assert.Equal(events.Select(e => e.EventId), everything.Items.Select(e => e.EventId));
        var other = await fixture.NewTenantAsync("events-other");
        Assert.Empty((await other.Client.GetOkAsync<Page<Event>>("/api/v1/events")).Items);
        await (await other.Client.GetAsync($"/api/v1/events/{one.EventId}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        // Any id of the right shape is looked up: one that names no event is not found, not malformed.
        foreach (var unknown in new[] { new string('0', 32), new string('f', 32) })
        {
            await (await tenant.Client.GetAsync($"/api/v1/events/{unknown}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }
    }

    [Theory]
    [InlineData("/api/v1/events?after=nonsense", "after")]
    [InlineData("/api/v1/events?types=order.placed", "types")]
    [InlineData("/api/v1/events?types=order.reserved,", "types")]
    [InlineData("/api/v1/events?limit=0", "limit")]
    [InlineData("/api/v1/events?cursor=%25%25", "cursor")]
    [InlineData("/api/v1/events?after=00000000000000000000000000000000&cursor=MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA", "cursor")]
    [InlineData("/api/v1/events/not-an-event-id", "eventId")]
    [InlineData("/api/v1/events/FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "eventId")]
    [InlineData("/api/v1/events/stream?types=stock.everything", "types")]
    [InlineData("/api/v1/events/stream?after=nonsense", "after")]
    [InlineData("/api/v1/events?types=orders.*", "types")]
    [InlineData("/api/v1/events?types=order*", "types")]
    public async Task Bad_queries_are_refused_naming_the_field(string path, string field)
    {
        var tenant = await fixture.NewTenantAsync("events-bad");
        await (await tenant.Client.GetAsync(path)).AssertValidationAsync(field);
    }

    [Fact]
    public async Task The_stream_delivers_new_events_and_resumes_after_the_last_event_id_with_no_gap_and_no_duplicate()
    {
        var tenant = await fixture.NewTenantAsync("events-stream");
        await tenant.SeedAsync(["p1"], ["w1"]);
        // Committed before any stream opened: a new stream starts after it.
        await tenant.ReceiveAsync("p1", "w1", 5, movementId: "r0");
        string lastId;
        using (var stream = await EventStream.OpenAsync(tenant.Client, lastEventId: null))
        {
            await tenant.ReceiveAsync("p1", "w1", 5, movementId: "r1");
            var first = await stream.NextAsync();
            Assert.Equal(("stock.changed", "r1"), (first.Type, first.Data.GetProperty("ledgerEntry").GetProperty("movementId").GetString()));
            await tenant.ReceiveAsync("p1", "w1", 5, movementId: "r2");
            lastId = (await stream.NextAsync()).EventId;
        }

        // Written while no stream was open.
        await tenant.ReceiveAsync("p1", "w1", 5, movementId: "r3");
        using var resumed = await EventStream.OpenAsync(tenant.Client, lastId);
        await tenant.ReceiveAsync("p1", "w1", 5, movementId: "r4");
        var next = await resumed.NextAsync();
        var after = await resumed.NextAsync();
        Assert.Equal(["r3", "r4"], new[] { next, after }.Select(e => e.Data.GetProperty("ledgerEntry").GetProperty("movementId").GetString()));
        Assert.True(string.CompareOrdinal(lastId, next.EventId) < 0);
    }

    [Fact]
    public async Task A_stream_ends_once_its_key_is_revoked_and_sends_nothing_after()
    {
        var tenant = await fixture.NewTenantAsync("events-stream-revoked");
        await tenant.SeedAsync(["p1"], ["w1"]);
        using var admin = fixture.Admin();
        var issued = await (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/tenants/{tenant.Id}/api-keys", body: "{}"))
            .ReadAsync<CreatedKey>(HttpStatusCode.Created);
        using var client = fixture.WithKey(issued.Key);
        using var stream = await EventStream.OpenAsync(client, lastEventId: null);
        await tenant.ReceiveAsync("p1", "w1", 1, movementId: "before");
        Assert.Equal("before", (await stream.NextAsync()).Data.GetProperty("ledgerEntry").GetProperty("movementId").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys/{issued.KeyId}")).StatusCode);
        await Eventually.TrueAsync(async () => (await client.GetAsync("/api/v1/settings")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), "the revoked key refused");
        await tenant.ReceiveAsync("p1", "w1", 1, movementId: "after");

        var ended = await Assert.ThrowsAsync<InvalidOperationException>(stream.NextAsync);
        Assert.Equal("The stream ended.", ended.Message);
    }

    [Fact]
    public async Task A_stream_that_sent_no_event_yet_resumes_from_where_it_opened()
    {
        var tenant = await fixture.NewTenantAsync("events-stream-quiet");
        await tenant.SeedAsync(["p1"], ["w1"]);
        string start;
        using (var empty = await EventStream.OpenAsync(tenant.Client, lastEventId: null))
        {
            start = (await empty.OpeningIdAsync())!;
        }

        // The log was empty: the stream started before its first event, and says so.
        Assert.Equal(new string('0', 32), start);
        await tenant.ReceiveAsync("p1", "w1", 1, movementId: "q1");
        string afterFirst;
        using (var resumed = await EventStream.OpenAsync(tenant.Client, start))
        {
            Assert.Equal("q1", MovementOf(await resumed.NextAsync()));
        }

        using (var quiet = await EventStream.OpenAsync(tenant.Client, lastEventId: null))
        {
            afterFirst = (await quiet.OpeningIdAsync())!;
        }

        // Written while the client was away, before its stream had sent anything.
        await tenant.ReceiveAsync("p1", "w1", 1, movementId: "q2");
        using var again = await EventStream.OpenAsync(tenant.Client, afterFirst);
        Assert.Equal("q2", MovementOf(await again.NextAsync()));
    }

    [Fact]
    public async Task The_stream_starts_after_the_after_parameter_and_Last_Event_ID_wins_over_it()
    {
        var tenant = await fixture.NewTenantAsync("events-stream-after");
        await tenant.SeedAsync(["p1"], ["w1"]);
        foreach (var movementId in new[] { "a1", "a2", "a3" })
        {
            await tenant.ReceiveAsync("p1", "w1", 1, movementId: movementId);
        }

        var ids = (await tenant.Client.GetOkAsync<Page<Event>>("/api/v1/events?types=stock.changed")).Items.Select(e => e.EventId).ToList();
        Assert.Equal(3, ids.Count);

        using (var fromFirst = await EventStream.OpenAsync(tenant.Client, lastEventId: null, after: ids[0]))
        {
            Assert.Equal(ids[1], (await fromFirst.NextAsync()).EventId);
            Assert.Equal(ids[2], (await fromFirst.NextAsync()).EventId);
        }

        using var reconnected = await EventStream.OpenAsync(tenant.Client, lastEventId: ids[1], after: ids[0]);
        Assert.Equal(ids[2], (await reconnected.NextAsync()).EventId);
    }

    private static string? MovementOf(Event e) => e.Data.GetProperty("ledgerEntry").GetProperty("movementId").GetString();

    private static async Task<List<Event>> AllEventsAsync(TestTenant tenant, int limit)
    {
        var events = new List<Event>();
        string? cursor = null;
        do
        {
            var page = await tenant.Client.GetOkAsync<Page<Event>>($"/api/v1/events?limit={limit}" + (cursor is null ? "" : $"&cursor={HttpCalls.Query(cursor)}"));
            Assert.True(page.Items.Count <= limit);
            events.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return events;
    }

    private static string? Text(JsonElement data, string property) =>
        data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
