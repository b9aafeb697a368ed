using System.Net;
using System.Text.Json;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>Every kind of write at once on the same few stock items: only documented answers, and every ledger still adds up.</summary>
[Collection(ApiCollection.Name)]
public sealed class MixedWorkloadTests(ApiFixture fixture)
{
    private static readonly string[] Skus = ["a", "b"];
    private static readonly string[] Warehouses = ["w1", "w2"];

    [Fact]
    public async Task ConcurrentHoldsOrdersTransfersReceiptsAndAdjustmentsKeepEveryInvariant()
    {
        var tenant = await fixture.NewTenantAsync("mixed");
        await tenant.SeedAsync(Skus, Warehouses, onHand: 40);
        var client = tenant.Client;

        // Holds to release or commit during the storm, placed beforehand.
        var toRelease = new List<(string Sku, string Warehouse, string HoldId)>();
        var toCommit = new List<(string Sku, string Warehouse, string HoldId)>();
        foreach (var (sku, warehouse) in Pairs())
        {
            for (var i = 0; i < 3; i++)
            {
                toRelease.Add(await PlaceAsync(client, sku, warehouse, $"pre-r-{i}"));
                toCommit.Add(await PlaceAsync(client, sku, warehouse, $"pre-c-{i}"));
            }
        }

        var random = new Random(777);
        var calls = new List<(string Kind, Task<HttpResponseMessage> Call)>();
        foreach (var hold in toRelease)
        {
            calls.Add(("release", client.DeleteAsync($"/api/v1/stock/{hold.Sku}/{hold.Warehouse}/holds/{hold.HoldId}")));
        }

        foreach (var hold in toCommit)
        {
            calls.Add(("commit", client.SendJsonAsync(HttpMethod.Post, $"/api/v1/stock/{hold.Sku}/{hold.Warehouse}/holds/{hold.HoldId}/commit", body: null)));
        }

        for (var i = 0; i < 300; i++)
        {
            var sku = Skus[random.Next(Skus.Length)];
            var (from, to) = random.Next(2) == 0 ? ("w1", "w2") : ("w2", "w1");
            calls.Add(random.Next(6) switch
            {
                0 => ("hold", client.SendJsonAsync(HttpMethod.Post, $"/api/v1/stock/{sku}/{from}/holds", new { holdId = $"h-{i}", quantity = random.Next(1, 6) })),
                1 => ("receipt", client.SendJsonAsync(HttpMethod.Post, $"/api/v1/stock/{sku}/{from}/receipts", new { movementId = $"r-{i}", quantity = random.Next(1, 4) })),
                2 => ("transfer", client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/transfers",
                    new { movementId = $"t-{i}", sku, fromWarehouseId = from, toWarehouseId = to, quantity = random.Next(1, 4) })),
                3 => ("adjustment", client.SendJsonAsync(HttpMethod.Post, $"/api/v1/stock/{sku}/{from}/adjustments",
                    new { movementId = $"a-{i}", countedOnHand = random.Next(20, 60), reason = "count" })),
                _ => ("order", tenant.PlaceOrderAsync($"o-{i}", null,
                    new OrderLine(sku, from, random.Next(1, 6)), new OrderLine(Skus[random.Next(Skus.Length)], to, random.Next(1, 6)))),
            });
        }

        var placedOrders = new List<string>();
        foreach (var (kind, call) in calls)
        {
            var response = await call;
            var allowed = kind switch
            {
                "release" => [HttpStatusCode.NoContent],
                "commit" or "receipt" => [HttpStatusCode.OK],
                "hold" or "order" => [HttpStatusCode.Created, HttpStatusCode.Conflict],
                _ => new[] { HttpStatusCode.OK, HttpStatusCode.Conflict },
            };
            Assert.True(allowed.Contains(response.StatusCode), $"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                await response.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
            }
            else if (kind == "order")
            {
                placedOrders.Add((await response.ReadAsync<Order>(HttpStatusCode.Created)).OrderId);
            }
        }

        foreach (var (sku, warehouse) in Pairs())
        {
            var ledger = await tenant.AssertLedgerReplaysAsync(sku, warehouse, limit: 64);
            var replayed = LedgerReplay.Replay(ledger);
            Assert.DoesNotContain(replayed.ActiveHolds.Keys, id => id.StartsWith("pre-", StringComparison.Ordinal));
        }

        foreach (var orderId in placedOrders)
        {
            Assert.Equal("reserved", (await tenant.OrderAsync(orderId)).Status);
        }

        using var admin = fixture.Admin();
        var report = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/admin/tenants/{tenant.Id}/invariants")).RootElement;
        Assert.True(report.GetProperty("ok").GetBoolean(), report.ToString());
    }

    [Fact]
    public async Task RacingTransitionsOfOneOrderLeaveStockMatchingItsFinalStatus()
    {
        var tenant = await fixture.NewTenantAsync("race");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 100);
        for (var round = 0; round < 10; round++)
        {
            var orderId = $"o-{round}";
            Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync(orderId, null, new OrderLine("p1", "w1", 2))).StatusCode);
            string[] transitions = ["confirm", "ship", "cancel", "confirm", "ship", "cancel"];
            var responses = await Task.WhenAll(transitions.Select(t => tenant.TransitionAsync(orderId, t)));
            foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                await response.AssertProblemAsync(HttpStatusCode.Conflict, "invalid_transition");
            }
        }

        var orders = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => tenant.OrderAsync($"o-{i}")));
        var shipped = orders.Count(o => o.Status == "shipped") * 2L;
        var held = orders.Count(o => o.Status is "reserved" or "confirmed") * 2L;
        Assert.All(orders, o => Assert.Contains(o.Status, new[] { "reserved", "confirmed", "shipped", "cancelled" }));
        var stock = await tenant.StockAsync("p1", "w1");
        Assert.Equal((100 - shipped, held), (stock.OnHand, stock.Reserved));
        await tenant.AssertLedgerReplaysAsync("p1", "w1");
    }

    [Fact]
    public async Task TheSameOrderSentTenTimesAtOnceIsPlacedOnce()
    {
        var tenant = await fixture.NewTenantAsync("same");
        await tenant.SeedAsync(["p1", "p2"], ["w1"], onHand: 10);
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            tenant.PlaceOrderAsync("o1", "c1", new OrderLine("p1", "w1", 3), new OrderLine("p2", "w1", 4))));
        var orders = await Task.WhenAll(responses.Select(r => r.ReadAsync<Order>(HttpStatusCode.Created)));
        Assert.All(orders, o => Assert.Equal(("o1", "reserved", orders[0].CreatedAt), (o.OrderId, o.Status, o.CreatedAt)));
        Assert.Equal(3, (await tenant.StockAsync("p1", "w1")).Reserved);
        Assert.Single(await tenant.AssertLedgerReplaysAsync("p2", "w1"), e => e.Type == "hold");

        var conflicting = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            tenant.PlaceOrderAsync("o2", "c1", new OrderLine("p1", "w1", 1 + i))));
        Assert.Single(conflicting, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var response in conflicting.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await response.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        }

        await tenant.AssertLedgerReplaysAsync("p1", "w1");
    }

    private static IEnumerable<(string Sku, string Warehouse)> Pairs() => Skus.SelectMany(s => Warehouses.Select(w => (s, w)));

    private static async Task<(string, string, string)> PlaceAsync(HttpClient client, string sku, string warehouse, string holdId)
    {
        var response = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/stock/{sku}/{warehouse}/holds", new { holdId, quantity = 1 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (sku, warehouse, holdId);
    }
}
