using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Webhooks;
using Quartermaster.Tests.Shared;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// In the development mode's memory storage, a tenant whose activations are collected (idle for 15 minutes) reads
/// back exactly as it was: every resource, list, ledger and event with the same body and ETag, and writes after it
/// keep their replays, preconditions, expiries and limits. Its own cluster: collecting every activation of the
/// shared one would wake other tests' grains in the middle of theirs.
/// </summary>
[Collection(QuietClusterCollection.Name)]
public sealed partial class ReactivationTests(ApiFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_tenant_reads_and_writes_the_same_after_its_activations_are_collected()
    {
        await using var receiver = new WebhookReceiver();
        var tenant = await fixture.NewTenantAsync("reactivated");
        var bystander = await fixture.NewTenantAsync("bystander", defaultSettings: true);
        var client = tenant.Client;
        using var admin = fixture.Admin();

        // Ids whose ordinal and linguistic orders differ, so a list whose order depended on a comparer lost on the
        // way through storage would show it.
        string[] warehouses = ["W-1", "w2", "a-3"];
        string[] skus = ["A-1", "a1", "B-2"];
        await Ok(client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { lowStockThreshold = 4, reservationTtlSeconds = 600 }));
        await Ok(admin.SendJsonAsync(HttpMethod.Patch, $"/api/v1/admin/tenants/{tenant.Id}", new { name = "Renamed" }));
        foreach (var warehouse in warehouses)
        {
            await tenant.PutWarehouseAsync(warehouse);
        }

        foreach (var sku in skus)
        {
            await tenant.PutProductAsync(sku);
        }

        var endpoint = await Body(client.SendJsonAsync(HttpMethod.Post, "/api/v1/webhook-endpoints",
            new { url = receiver.Url, eventTypes = new[] { "*" }, description = "ERP" }), HttpStatusCode.Created);
        var endpointId = endpoint.GetProperty("endpointId").GetString()!;
        var rotatedOut = endpoint.GetProperty("secret").GetString()!;
        var secret = (await Body(client.SendJsonAsync(HttpMethod.Post, $"/api/v1/webhook-endpoints/{endpointId}/rotate-secret", null)))
            .GetProperty("secret").GetString()!;

        var receipt = new { movementId = "r1", quantity = 20, reason = "first delivery" };
        var firstReceipt = await Send(client, HttpMethod.Post, "/api/v1/stock/A-1/W-1/receipts", receipt, "key-r1");
        await tenant.ReceiveAsync("a1", "W-1", 10, "r2");
        await tenant.ReceiveAsync("a1", "w2", 5, "r3");
        await tenant.ReceiveAsync("B-2", "w2", 3, "r4");
        await tenant.ReceiveAsync("a1", "a-3", 2, "r6");
        await Ok(client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/A-1/W-1/adjustments", new { movementId = "adj1", countedOnHand = 18, reason = "count" }));
        var transfer = new { movementId = "t1", sku = "A-1", fromWarehouseId = "W-1", toWarehouseId = "w2", quantity = 4 };
        var firstTransfer = await Send(client, HttpMethod.Post, "/api/v1/stock/transfers", transfer, "key-t1");
        await Ok(client.SendJsonAsync(HttpMethod.Put, "/api/v1/stock/B-2/w2/threshold", new { lowStockThreshold = 10 }));

        await Body(client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/A-1/W-1/holds", new { holdId = "h-long", quantity = 2 }), HttpStatusCode.Created);
        var shortHold = new { holdId = "h-short", quantity = 1, ttlSeconds = 10 };
        var firstShortHold = await Send(client, HttpMethod.Post, "/api/v1/stock/a1/W-1/holds", shortHold, "key-h-short");
        await Body(client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/A-1/W-1/holds", new { holdId = "h-commit", quantity = 1 }), HttpStatusCode.Created);
        await Ok(client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/A-1/W-1/holds/h-commit/commit", null));
        await Body(client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/A-1/W-1/holds", new { holdId = "h-release", quantity = 1 }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/stock/A-1/W-1/holds/h-release")).StatusCode);

        await Ok(client.SendJsonAsync(HttpMethod.Put, "/api/v1/customers/c-1",
            new { name = "Ada Lovelace", email = "ada@example.com", phone = "+441234", status = "active", attributes = new Dictionary<string, string> { ["tier"] = "gold", ["Tier"] = "Gold" } }));
        await Ok(client.SendJsonAsync(HttpMethod.Put, "/api/v1/customers/C-2", new { name = "Blocked Co", status = "blocked" }));
        await Ok(client.SendJsonAsync(HttpMethod.Put, "/api/v1/customers/c-3", new { name = "Erased Person", email = "gone@example.com", status = "active" }));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/customers/c-3")).StatusCode);

        var reservedOrder = new { orderId = "o-reserved", customerRef = "c-1", lines = new[] { new { sku = "a1", warehouseId = "w2", quantity = 2 } } };
        var firstOrder = await Send(client, HttpMethod.Post, "/api/v1/orders", reservedOrder, "key-o-reserved");
        foreach (var (orderId, transitions) in new[] { ("o-confirmed", new[] { "confirm" }), ("o-shipped", new[] { "confirm", "ship" }), ("o-cancelled", new[] { "cancel" }) })
        {
            await Body(tenant.PlaceOrderAsync(orderId, "c-3", new OrderLine("A-1", "w2", 1)), HttpStatusCode.Created);
            foreach (var transition in transitions)
            {
                await Ok(tenant.TransitionAsync(orderId, transition));
            }
        }

        await Ok(client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { reservationTtlSeconds = 10 }));
        await Body(tenant.PlaceOrderAsync("o-expiring", null, new OrderLine("B-2", "w2", 1)), HttpStatusCode.Created);
        await Ok(client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { reservationTtlSeconds = 600 }));

        var importFile = "sku,warehouseId,movementId,quantity,reason\nB-2,W-1,imp-1,7,import\na1,w2,imp-2,1,import\nnope,W-1,imp-3,1,import\n";
        var importId = await ImportAsync(client, importFile, "key-import");
        var refusedOrder = new { orderId = "o-refused", lines = new[] { new { sku = "a1", warehouseId = "a-3", quantity = 5 } } };
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", refusedOrder)).AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");

        var revoked = await Body(admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/tenants/{tenant.Id}/api-keys", new { name = "old" }), HttpStatusCode.Created);
        var revokedKeyId = revoked.GetProperty("keyId").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys/{revokedKeyId}")).StatusCode);
        var keys = (await Body(admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys"))).GetProperty("items").EnumerateArray()
            .Select(k => k.GetProperty("keyId").GetString()!).ToList();

        var events = (await Body(client.GetAsync("/api/v1/events?limit=500"))).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("eventId").GetString()!).ToList();
        await Eventually.TrueAsync(async () => (await Body(client.GetAsync($"/api/v1/webhook-endpoints/{endpointId}/deliveries?status=succeeded&limit=500")))
            .GetProperty("items").GetArrayLength() == events.Count, Patience, "every event delivered to the webhook receiver");

        List<string> reads =
        [
            "/api/v1/settings",
            $"/api/v1/admin/tenants/{tenant.Id}",
            $"/api/v1/admin/tenants/{tenant.Id}/api-keys",
            .. keys.Select(k => $"/api/v1/admin/tenants/{tenant.Id}/api-keys/{k}"),
            "/api/v1/warehouses", "/api/v1/warehouses?q=w", "/api/v1/warehouses?limit=1",
            .. warehouses.Select(w => $"/api/v1/warehouses/{w}"),
            "/api/v1/products", "/api/v1/products?q=a", "/api/v1/products?q=product", "/api/v1/products?limit=2",
            .. skus.Select(s => $"/api/v1/products/{s}"),
            "/api/v1/stock", "/api/v1/stock?warehouseId=w2", "/api/v1/stock?sku=A", "/api/v1/stock?low=true", "/api/v1/stock?limit=2",
            .. skus.Select(s => $"/api/v1/stock/{s}"),
            .. skus.SelectMany(s => warehouses.Select(w => $"/api/v1/stock/{s}/{w}")),
            .. skus.SelectMany(s => warehouses.Select(w => $"/api/v1/stock/{s}/{w}/movements")),
            "/api/v1/stock/A-1/W-1/movements?after=2&limit=2",
            .. new[] { "h-long", "h-commit", "h-release" }.Select(h => $"/api/v1/stock/A-1/W-1/holds/{h}"),
            "/api/v1/stock/a1/W-1/holds/h-short",
            "/api/v1/orders", "/api/v1/orders?status=reserved", "/api/v1/orders?status=shipped", "/api/v1/orders?customerRef=c-3",
            "/api/v1/orders?customerRef=c-1", "/api/v1/orders?limit=2",
            .. new[] { "o-reserved", "o-confirmed", "o-shipped", "o-cancelled", "o-expiring" }.Select(o => $"/api/v1/orders/{o}"),
            "/api/v1/customers", "/api/v1/customers?status=blocked", "/api/v1/customers?q=ada", "/api/v1/customers?q=c",
            "/api/v1/customers/c-1", "/api/v1/customers/C-2", "/api/v1/customers/c-3",
            $"/api/v1/imports/{importId}",
            "/api/v1/events?limit=500", "/api/v1/events?types=stock.low,order.shipped,customer.updated", $"/api/v1/events?after={events[events.Count / 2]}",
            .. events.Select(e => $"/api/v1/events/{e}"),
            "/api/v1/webhook-endpoints", $"/api/v1/webhook-endpoints/{endpointId}",
            $"/api/v1/webhook-endpoints/{endpointId}/deliveries?limit=500", $"/api/v1/webhook-endpoints/{endpointId}/deliveries?status=failed",
            "/api/v1/orders?createdFrom=2000-01-01T00:00:00Z&status=cancelled",
        ];
        // A cursor handed out before the collection leads to the same next page after it.
        foreach (var list in new[] { "/api/v1/products", "/api/v1/warehouses", "/api/v1/stock", "/api/v1/orders", "/api/v1/customers",
            "/api/v1/webhook-endpoints/" + endpointId + "/deliveries", "/api/v1/stock/A-1/W-1/movements" })
        {
            var page = await Body(client.GetAsync($"{list}?limit=1"));
            var cursor = page.GetProperty("nextCursor").GetString();
            Assert.True(cursor is not null, $"{list}?limit=1 has no next page: {page}");
            reads.Add($"{list}?limit=1&cursor={HttpCalls.Query(cursor)}");
        }

        // Writes that change nothing now, sent again after the collection: each must answer the same.
        (HttpMethod Method, string Path, object? Body)[] noOps =
        [
            (HttpMethod.Post, "/api/v1/stock/A-1/W-1/holds", new { holdId = "h-commit", quantity = 1 }),
            (HttpMethod.Post, "/api/v1/stock/A-1/W-1/holds", new { holdId = "h-release", quantity = 1 }),
            (HttpMethod.Post, "/api/v1/stock/A-1/W-1/holds", new { holdId = "h-long", quantity = 2 }),
            (HttpMethod.Post, "/api/v1/stock/A-1/W-1/holds/h-commit/commit", null),
            (HttpMethod.Delete, "/api/v1/stock/A-1/W-1/holds/h-release", null),
            (HttpMethod.Post, "/api/v1/stock/A-1/W-1/receipts", receipt),
            (HttpMethod.Post, "/api/v1/stock/B-2/w2/receipts", new { movementId = "r4", quantity = 3, reason = "test stock" }),
            (HttpMethod.Post, "/api/v1/stock/A-1/W-1/adjustments", new { movementId = "adj1", countedOnHand = 18, reason = "count" }),
            (HttpMethod.Post, "/api/v1/stock/transfers", transfer),
            (HttpMethod.Post, "/api/v1/orders", reservedOrder),
            (HttpMethod.Post, "/api/v1/orders/o-shipped/ship", null),
            (HttpMethod.Post, "/api/v1/orders/o-cancelled/cancel", null),
            (HttpMethod.Post, "/api/v1/orders/o-confirmed/confirm", null),
            (HttpMethod.Post, "/api/v1/orders/o-shipped/cancel", new { }),
            (HttpMethod.Put, "/api/v1/customers/C-2", new { name = "Blocked Co", status = "blocked" }),
            (HttpMethod.Post, "/api/v1/orders", new { orderId = "o-blocked", customerRef = "C-2", lines = new[] { new { sku = "a1", warehouseId = "w2", quantity = 1 } } }),
        ];
        var noOpsBefore = await SendAllAsync(client, noOps);
        using var openStream = await EventStream.OpenAsync(client, null);
        Assert.Equal(events[^1], await openStream.OpeningIdAsync());
        var before = await ReadAllAsync(client, admin, reads);
        var bystanderBefore = await ReadAllAsync(bystander.Client, admin, ["/api/v1/settings", $"/api/v1/admin/tenants/{bystander.Id}"]);

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var active = await Activations.CountServiceGrainsByClassAsync(fixture.Grains);
        // What nothing in the background wakes (a webhook engine's reminder reads its endpoint, a sweep its imports).
        string[] collected = ["StockItemGrain", "OrderGrain", "CustomerGrain", "ProductGrain", "CatalogGrain", "TransferGrain",
            "IdempotencyGrain", "OrderIndexGrain", "StockIndexGrain", "CustomerIndexGrain", "ProductIndexGrain", "TenantGrain"];
        Assert.All(collected, grainClass => Assert.Equal(0, active.GetValueOrDefault(grainClass)));

        var after = await ReadAllAsync(client, admin, reads);
        Assert.Equal(bystanderBefore, await ReadAllAsync(bystander.Client, admin, bystanderBefore.Keys));
        var differences = reads.Where(path => before[path] != after[path])
            .Select(path => $"{path}\n  before: {before[path]}\n  after:  {after[path]}").ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} reads changed:\n{string.Join("\n", differences)}");

        var noOpsAfter = await SendAllAsync(client, noOps);
        var noOpDifferences = noOps.Select((call, i) => (call, i)).Where(c => noOpsBefore[c.i] != noOpsAfter[c.i])
            .Select(c => $"{c.call.Method} {c.call.Path}\n  before: {noOpsBefore[c.i]}\n  after:  {noOpsAfter[c.i]}").ToList();
        Assert.True(noOpDifferences.Count == 0, $"{noOpDifferences.Count} writes answered otherwise:\n{string.Join("\n", noOpDifferences)}");

        // Replays of the first requests answer as they did, and apply nothing again.
        Assert.Equal(firstReceipt, await Send(client, HttpMethod.Post, "/api/v1/stock/A-1/W-1/receipts", receipt, "key-r1"));
        Assert.Equal(firstTransfer, await Send(client, HttpMethod.Post, "/api/v1/stock/transfers", transfer, "key-t1"));
        Assert.Equal(firstShortHold, await Send(client, HttpMethod.Post, "/api/v1/stock/a1/W-1/holds", shortHold, "key-h-short"));
        Assert.Equal(firstOrder, await Send(client, HttpMethod.Post, "/api/v1/orders", reservedOrder, "key-o-reserved"));
        await Ok(client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/A-1/W-1/receipts", receipt));
        await Ok(client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/B-2/w2/receipts", new { movementId = "r4", quantity = 3, reason = "test stock" }));
        await Ok(client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers", transfer));
        await Ok(client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/A-1/W-1/adjustments", new { movementId = "adj1", countedOnHand = 18, reason = "count" }));
        Assert.True((await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/A-1/W-1/holds", new { holdId = "h-long", quantity = 2 })).IsSuccessStatusCode);
        Assert.True((await client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", reservedOrder)).IsSuccessStatusCode);
        await Ok(tenant.TransitionAsync("o-shipped", "ship"));
        await Ok(tenant.TransitionAsync("o-cancelled", "cancel"));
        var importReplay = await SendImportAsync(client, importFile, "key-import");
        Assert.Equal(importId, (await Body(Task.FromResult(importReplay), HttpStatusCode.Accepted)).GetProperty("importId").GetString());
        var reimported = await ImportAsync(client, importFile);
        var again = await Body(client.GetAsync($"/api/v1/imports/{reimported}"));
        Assert.Equal((0, 2, 1), (again.GetProperty("rowsApplied").GetInt64(), again.GetProperty("rowsSkipped").GetInt64(), again.GetProperty("rowsFailed").GetInt64()));
        var unchanged = await ReadAllAsync(client, admin, [.. reads.Where(p => p.StartsWith("/api/v1/stock", StringComparison.Ordinal) || p.StartsWith("/api/v1/orders", StringComparison.Ordinal))]);
        Assert.All(unchanged, read => Assert.Equal(before[read.Key], read.Value));

        // The item's side of its threshold is remembered: the first receipt that lifts it above is a crossing.
        await tenant.ReceiveAsync("B-2", "w2", 20, "r5");
        Assert.Equal(1, (await Body(client.GetAsync("/api/v1/events?types=stock.restocked"))).GetProperty("items").GetArrayLength());

        // A precondition read before the collection still holds, and a stale one still fails.
        foreach (var (path, body) in new (string, object)[]
        {
            ("/api/v1/customers/c-1", new { name = "Ada King", status = "active" }),
            ("/api/v1/products/a1", new { name = "Renamed product", unit = "kg" }),
            ("/api/v1/warehouses/w2", new { name = "Renamed warehouse" }),
        })
        {
            var etag = Tag(before[path]);
            await Ok(client.SendJsonAsync(HttpMethod.Put, path, body, ifMatch: etag));
            await (await client.SendJsonAsync(HttpMethod.Put, path, body, ifMatch: etag)).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        }

        await Ok(client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { lowStockThreshold = 4 }, ifMatch: Tag(before["/api/v1/settings"])));
        await Ok(client.SendJsonAsync(HttpMethod.Patch, $"/api/v1/webhook-endpoints/{endpointId}", new { description = "ERP 2" },
            ifMatch: Tag(before[$"/api/v1/webhook-endpoints/{endpointId}"])));

        // Keys: the revoked one stays refused, the live one works (it has made every call above), and a new one works until revoked.
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.WithKey(revoked.GetProperty("key").GetString()!).GetAsync("/api/v1/settings")).StatusCode);
        var fresh = await Body(admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/tenants/{tenant.Id}/api-keys", new { name = "new" }), HttpStatusCode.Created);
        using var freshClient = fixture.WithKey(fresh.GetProperty("key").GetString()!);
        await Ok(freshClient.GetAsync("/api/v1/settings"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/tenants/{tenant.Id}/api-keys/{fresh.GetProperty("keyId").GetString()}")).StatusCode);
        await Eventually.TrueAsync(async () => (await freshClient.GetAsync("/api/v1/settings")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(6), "the key revoked after the collection refused within 5 s");

        // An erased customer's ref takes a new customer, who is found again.
        Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Put, "/api/v1/customers/c-3", new { name = "Another Person", status = "active" })).StatusCode);
        Assert.Equal("c-3", Assert.Single((await Body(client.GetAsync("/api/v1/customers?q=another"))).GetProperty("items").EnumerateArray()).GetProperty("customerRef").GetString());

        // An order refused before the collection is placed once there is stock, with holds of its own.
        await tenant.ReceiveAsync("a1", "a-3", 10, "r7");
        Assert.Equal("reserved", (await Body(client.SendJsonAsync(HttpMethod.Post, "/api/v1/orders", refusedOrder), HttpStatusCode.Created)).GetProperty("status").GetString());

        // No oversell: what is available is all a hold can take.
        var available = (await Body(client.GetAsync("/api/v1/stock/A-1/W-1"))).GetProperty("available").GetInt64();
        await (await client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/A-1/W-1/holds", new { holdId = "h-too-much", quantity = available + 1 }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
        await Body(client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/A-1/W-1/holds", new { holdId = "h-all", quantity = available }), HttpStatusCode.Created);

        // The expiries armed before the collection happen: the sweep finds the hold and the order without their activations.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        // Waiting on the log, not on the order or the stock item: reading those would activate them, and an activation
        // settles what is due itself.
        BusinessClock.Advance(TimeSpan.FromSeconds(11));
        await Eventually.TrueAsync(async () => (await Body(client.GetAsync("/api/v1/events?types=hold.expired,order.expired"))).GetProperty("items").GetArrayLength() >= 2,
            Patience, "the 10 s hold and the reserved order with a 10 s ttl expired");
        var expiries = (await Body(client.GetAsync("/api/v1/events?types=hold.expired,order.expired"))).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("type").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["hold.expired", "order.expired"], expiries);
        Assert.Equal("expired", (await Body(client.GetAsync("/api/v1/orders/o-expiring"))).GetProperty("status").GetString());
        Assert.Equal(0, (await Body(client.GetAsync("/api/v1/stock/a1/W-1"))).GetProperty("reserved").GetInt64());
        Assert.Equal(0, (await Body(client.GetAsync("/api/v1/stock/A-1/W-1"))).GetProperty("available").GetInt64());

        // A change of the tenant's threshold finds, through the stock list, each item it moves across, and each records its crossing.
        var items = (await Body(client.GetAsync("/api/v1/stock?limit=500"))).GetProperty("items").EnumerateArray().ToList();
        var rising = items.Count(i => i.GetProperty("lowStockThreshold").GetInt64() == 4 && i.GetProperty("available").GetInt64() > 4);
        Assert.True(rising >= 2, $"only {rising} items above the tenant's threshold");
        var lowEvents = (await Body(client.GetAsync("/api/v1/events?types=stock.low&limit=500"))).GetProperty("items").GetArrayLength();
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Ok(client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { lowStockThreshold = 1000 }));
        await Eventually.TrueAsync(async () => (await Body(client.GetAsync("/api/v1/events?types=stock.low&limit=500"))).GetProperty("items").GetArrayLength() == lowEvents + rising,
            Patience, $"{rising} stock.low events after the tenant's threshold rose above {rising} items");

        // The event log goes on from where it was, the stream resumes from an id read before, and the webhook engine delivers what came after.
        var allEvents = (await Body(client.GetAsync("/api/v1/events?limit=500"))).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(events, allEvents.Take(events.Count).Select(e => e.GetProperty("eventId").GetString()));
        Assert.Equal(allEvents.Count, allEvents.Select(e => e.GetProperty("eventId").GetString()).Distinct().Count());
        Assert.True(allEvents.Zip(allEvents.Skip(1)).All(p => string.CompareOrdinal(p.First.GetProperty("eventId").GetString(), p.Second.GetProperty("eventId").GetString()) < 0),
            "event ids sort in commit order");
        var resumeAt = events.Count / 2;
        using (var stream = await EventStream.OpenAsync(client, events[resumeAt]))
        {
            foreach (var expected in allEvents.Skip(resumeAt + 1))
            {
                var streamed = await stream.NextAsync();
                Assert.Equal(expected.GetProperty("eventId").GetString(), streamed.EventId);
                Assert.Equal(expected.GetProperty("data").GetRawText(), streamed.Data.GetRawText());
            }
        }

        // An engine's own timer keeps it active, so idle collection never ends a running one; forced collection does,
        // and what wakes it then is its reminder (a minute) or, with durable storage, the silos' keeper: woken as that does.
        await fixture.Grains.GetGrain<IWebhookDeliveryGrain>(GrainKeys.WebhookEndpoint(tenant.Id, endpointId)).Wake();
        foreach (var expected in allEvents.Skip(events.Count))
        {
            Assert.Equal(expected.GetProperty("eventId").GetString(), (await openStream.NextAsync()).EventId);
        }

        var allIds = allEvents.Select(e => e.GetProperty("eventId").GetString()).ToList();
        var received = await receiver.WaitForAsync(r => allIds.All(id => r.Any(x => x.EventId == id)), Patience, "every event delivered, those after the collection too");
        Assert.All(received, webhook => Assert.True(WebhookReceiver.Verifies(webhook, secret) && WebhookReceiver.Verifies(webhook, rotatedOut)));

        var invariants = await Body(admin.GetAsync($"/api/v1/admin/tenants/{tenant.Id}/invariants"));
        Assert.True(invariants.GetProperty("ok").GetBoolean(), invariants.GetRawText());
        foreach (var sku in skus)
        {
            foreach (var warehouse in warehouses)
            {
                await tenant.AssertLedgerReplaysAsync(sku, warehouse);
            }
        }

        // Nothing of this test keeps waking up on this cluster afterwards.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/webhook-endpoints/{endpointId}")).StatusCode);
    }

    /// <summary>Status, ETag and body of each read, the admin's paths through the admin key.</summary>
    private static async Task<Dictionary<string, string>> ReadAllAsync(HttpClient client, HttpClient admin, IEnumerable<string> paths)
    {
        var reads = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var response = await (path.StartsWith("/api/v1/admin/", StringComparison.Ordinal) ? admin : client).GetAsync(path);
            var body = TraceId().Replace(await response.Content.ReadAsStringAsync(), string.Empty);
            reads[path] = $"{(int)response.StatusCode} {response.Headers.ETag?.Tag ?? "-"} {body}";
        }

        return reads;
    }

    /// <summary>A problem's traceId names its request, so it differs between any two reads.</summary>
    [GeneratedRegex("\"traceId\":\"[0-9a-f]*\"")]
    private static partial Regex TraceId();

    private static string Tag(string read) => read.Split(' ')[1];

    /// <summary>Status and body of a POST, for comparing a replay with its first response.</summary>
    private static async Task<string> Send(HttpClient client, HttpMethod method, string path, object body, string idempotencyKey)
    {
        var response = await client.SendJsonAsync(method, path, body, idempotencyKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return $"{(int)response.StatusCode} {text}";
    }

    /// <summary>Any 2xx: a PUT creates (201) or replaces (200).</summary>
    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> Body(Task<HttpResponseMessage> call, HttpStatusCode status = HttpStatusCode.OK) =>
        await (await call).ReadAsync<JsonElement>(status);

    private static Task<HttpResponseMessage> SendImportAsync(HttpClient client, string csv, string? idempotencyKey)
    {
        var request = HttpCalls.Request(HttpMethod.Post, "/api/v1/imports?kind=receipts", idempotencyKey: idempotencyKey);
        request.Content = new StringContent(csv, Encoding.UTF8);
        request.Content.Headers.ContentType = new("text/csv");
        return client.SendAsync(request);
    }

    /// <summary>Status and body of each call, in order (a problem's traceId left out).</summary>
    private static async Task<List<string>> SendAllAsync(HttpClient client, IEnumerable<(HttpMethod Method, string Path, object? Body)> calls)
    {
        var answers = new List<string>();
        foreach (var (method, path, body) in calls)
        {
            var response = await client.SendJsonAsync(method, path, body);
            answers.Add($"{(int)response.StatusCode} {TraceId().Replace(await response.Content.ReadAsStringAsync(), string.Empty)}");
        }

        return answers;
    }

    /// <summary>Posts a receipts file and waits for it to finish; returns its id.</summary>
    private static async Task<string> ImportAsync(HttpClient client, string csv, string? idempotencyKey = null)
    {
        var importId = (await Body(SendImportAsync(client, csv, idempotencyKey), HttpStatusCode.Accepted)).GetProperty("importId").GetString()!;
        await Eventually.TrueAsync(async () => (await Body(client.GetAsync($"/api/v1/imports/{importId}"))).GetProperty("status").GetString() != "running",
            Patience, $"import {importId} finished");
        return importId;
    }
}
