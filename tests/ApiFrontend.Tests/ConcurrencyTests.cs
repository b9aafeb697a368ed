using System.Net;
using System.Text.Json;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>Many clients racing for the same stock through the real HTTP pipeline: never oversold, never half reserved.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConcurrencyTests(ApiFixture fixture)
{
    [Fact]
    public async Task ThousandConcurrentHoldsOnFiveHundredInStockGetExactlyFiveHundred()
    {
        const int stock = 500;
        const int attempts = 1_000;
        var tenant = await fixture.NewTenantAsync("holds");
        await tenant.SeedAsync(["sku-1"], ["wh-1"], onHand: stock);

        var responses = await Task.WhenAll(Enumerable.Range(0, attempts).Select(i =>
            tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/sku-1/wh-1/holds", new { holdId = $"h-{i}", quantity = 1 })));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
        Assert.Equal(stock, created.Count);
        Assert.Equal(attempts - stock, refused.Count);
        foreach (var response in refused)
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
            Assert.Equal(0, problem.GetProperty("available").GetInt64());
        }

        var holds = await Task.WhenAll(created.Select(r => r.ReadAsync<Hold>(HttpStatusCode.Created)));
        Assert.Equal(stock, holds.Select(h => h.HoldId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(holds, h => Assert.InRange(h.Stock.Available, 0, stock - 1));

        var item = await tenant.StockAsync("sku-1", "wh-1");
        Assert.Equal((stock, stock, 0L), (item.OnHand, item.Reserved, item.Available));
        var ledger = await tenant.AssertLedgerReplaysAsync("sku-1", "wh-1", limit: 37);
        Assert.Equal(stock + 1, ledger.Count);
        Assert.Equal(stock, ledger.Count(e => e.Type == "hold"));
        Assert.Equal(holds.Select(h => h.HoldId).Order(StringComparer.Ordinal),
            ledger.Where(e => e.Type == "hold").Select(e => e.MovementId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TwoHundredConcurrentThreeLineOrdersReserveAllOrNothing()
    {
        string[] skus = ["a", "b", "c", "d", "e"];
        string[] warehouses = ["w1", "w2"];
        const long onHand = 60;
        var tenant = await fixture.NewTenantAsync("orders");
        await tenant.SeedAsync(skus, warehouses, onHand);

        // Each order takes three distinct stock items of the ten, 1..6 of each: far more is asked than there is.
        var random = new Random(4242);
        var pairs = skus.SelectMany(s => warehouses.Select(w => (Sku: s, Warehouse: w))).ToArray();
        var orders = Enumerable.Range(0, 200).Select(i => (
            OrderId: $"o-{i}",
            Lines: pairs.OrderBy(_ => random.Next()).Take(3).Select(p => new OrderLine(p.Sku, p.Warehouse, random.Next(1, 7))).ToArray()))
            .ToList();

        var responses = await Task.WhenAll(orders.Select(o => tenant.PlaceOrderAsync(o.OrderId, "race", o.Lines)));

        var placed = new List<(string OrderId, OrderLine[] Lines)>();
        var refused = new List<string>();
        for (var i = 0; i < orders.Count; i++)
        {
            if (responses[i].StatusCode == HttpStatusCode.Created)
            {
                var order = await responses[i].ReadAsync<Order>(HttpStatusCode.Created);
                Assert.Equal("reserved", order.Status);
                placed.Add(orders[i]);
                continue;
            }

            var problem = await responses[i].AssertProblemAsync(HttpStatusCode.Conflict, "insufficient_stock");
            AssertShortLinesNameLinesOfTheOrder(problem, orders[i].Lines);
            refused.Add(orders[i].OrderId);
        }

        Assert.NotEmpty(placed);
        Assert.NotEmpty(refused);

        foreach (var orderId in refused)
        {
            await (await tenant.Client.GetAsync($"/api/v1/orders/{orderId}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }

        var listed = await tenant.Client.GetOkAsync<Page<Order>>("/api/v1/orders?limit=500");
        Assert.Equal(placed.Select(o => o.OrderId).Order(StringComparer.Ordinal), listed.Items.Select(o => o.OrderId).Order(StringComparer.Ordinal));
        Assert.All(listed.Items, o => Assert.Equal("reserved", o.Status));

        foreach (var (sku, warehouse) in pairs)
        {
            var item = await tenant.StockAsync(sku, warehouse);
            var expected = placed.SelectMany(o => o.Lines).Where(l => l.Sku == sku && l.WarehouseId == warehouse).Sum(l => l.Quantity);
            Assert.Equal(expected, item.Reserved);
            Assert.Equal(onHand, item.OnHand);
            Assert.InRange(item.Reserved, 0, item.OnHand);
            await tenant.AssertLedgerReplaysAsync(sku, warehouse, limit: 50);
        }
    }

    private static void AssertShortLinesNameLinesOfTheOrder(JsonElement problem, OrderLine[] lines)
    {
        var shortLines = problem.GetProperty("lines").EnumerateArray().ToList();
        Assert.NotEmpty(shortLines);
        foreach (var line in shortLines)
        {
            var sku = line.GetProperty("sku").GetString();
            var warehouseId = line.GetProperty("warehouseId").GetString();
            var available = line.GetProperty("available").GetInt64();
            var ordered = Assert.Single(lines, l => l.Sku == sku && l.WarehouseId == warehouseId);
            Assert.InRange(available, 0, ordered.Quantity - 1);
        }
    }
}
