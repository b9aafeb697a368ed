using System.Net;
using Microsoft.AspNetCore.Hosting;
using Quartermaster.ApiFrontend.Tests.Contract;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>A request's cost is bounded: unknown products and warehouses activate no stock grain; warehouses are capped; the per-SKU summary pages.</summary>
[Collection(ApiCollection.Name)]
public sealed class CostBoundTests(ApiFixture fixture)
{
    [Fact]
    public async Task ReadsAndWritesOfUnknownItemsActivateNoStockGrains()
    {
        var tenant = await fixture.NewTenantAsync("cost");
        await tenant.SeedAsync(["p1"], ["w1"]);
        var before = await Activations.CountAsync(fixture.Grains, "StockItemGrain");
        var notFound = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < 3_000)
            {
                var response = (i % 10) switch
                {
                    0 => await tenant.Client.SendJsonAsync(HttpMethod.Post, $"/api/v1/stock/ghost-{i}/w1/receipts", new { movementId = "m1", quantity = 1 }),
                    1 => await tenant.Client.GetAsync($"/api/v1/stock/p1/ghost-{i}"),
                    _ => await tenant.Client.GetAsync($"/api/v1/stock/ghost-{i}/w1"),
                };
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    Interlocked.Increment(ref notFound);
                }
            }
        }));

        Assert.Equal(3_000, notFound);
        Assert.True(await Activations.CountAsync(fixture.Grains, "StockItemGrain") <= before, "Unknown items activated stock grains.");
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Version);
    }

    [Fact]
    public async Task OrdersNamingUnknownItemsActivateNoOrderAndNoStockGrain()
    {
        var tenant = await fixture.NewTenantAsync("ordercost");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 5);
        var stockBefore = await Activations.CountAsync(fixture.Grains, "StockItemGrain");
        var ordersBefore = await Activations.CountAsync(fixture.Grains, "OrderGrain");
        for (var i = 0; i < 100; i++)
        {
            var response = await tenant.PlaceOrderAsync($"o-{i}", null,
                new OrderLine("p1", "w1", 1), new OrderLine(i % 2 == 0 ? $"ghost-{i}" : "p1", i % 2 == 0 ? "w1" : $"nowhere-{i}", 1));
            await response.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        }

        Assert.True(await Activations.CountAsync(fixture.Grains, "StockItemGrain") <= stockBefore, "Orders of unknown items activated stock grains.");
        Assert.True(await Activations.CountAsync(fixture.Grains, "OrderGrain") <= ordersBefore, "Orders of unknown items activated order grains.");
        Assert.Equal(0, (await tenant.StockAsync("p1", "w1")).Reserved);
    }

    [Fact]
    public async Task TheSummaryWithoutALimitTotalsEveryWarehouse()
    {
        // More warehouses than a list's default page: the plain call still answers for the product as a whole.
        var tenant = await fixture.NewTenantAsync("summary-all");
        var warehouses = Enumerable.Range(1, 60).Select(i => $"w{i:D2}").ToList();
        await tenant.SeedAsync(["p1"], warehouses);
        await tenant.ReceiveAsync("p1", "w01", 5);
        await tenant.ReceiveAsync("p1", "w60", 7);

        var summary = await tenant.Client.GetOkAsync<StockSummary>("/api/v1/stock/p1");

        Assert.Equal(warehouses, summary.Warehouses.Select(w => w.WarehouseId));
        Assert.Equal(12, summary.OnHand);
        Assert.Null(summary.NextCursor);
    }

    [Fact]
    public async Task TheSummaryPagesThroughWarehousesAndReadsOnlyKnownItems()
    {
        var tenant = await fixture.NewTenantAsync("summary");
        var warehouses = Enumerable.Range(1, 7).Select(i => $"w{i}").ToList();
        await tenant.SeedAsync(["p1"], warehouses);
        await tenant.ReceiveAsync("p1", "w2", 5);
        await tenant.ReceiveAsync("p1", "w6", 7);
        var before = await Activations.CountAsync(fixture.Grains, "StockItemGrain");

        var first = await tenant.Client.GetOkAsync<StockSummary>("/api/v1/stock/p1?limit=3");
        Assert.Equal(["w1", "w2", "w3"], first.Warehouses.Select(w => w.WarehouseId));
        Assert.Equal(5, first.OnHand);
        Assert.NotNull(first.NextCursor);
        Assert.True(await Activations.CountAsync(fixture.Grains, "StockItemGrain") - before <= 3, "One page read more items than its limit.");

        var seen = first.Warehouses.Select(w => w.WarehouseId).ToList();
        var onHand = first.OnHand;
        var cursor = first.NextCursor;
        while (cursor is not null)
        {
            var page = await tenant.Client.GetOkAsync<StockSummary>($"/api/v1/stock/p1?limit=3&cursor={HttpCalls.Query(cursor)}");
            Assert.True(page.Warehouses.Count <= 3);
            seen.AddRange(page.Warehouses.Select(w => w.WarehouseId));
            onHand += page.OnHand;
            cursor = page.NextCursor;
        }

        Assert.Equal(warehouses, seen);
        Assert.Equal(12, onHand);
        Assert.True(await Activations.CountAsync(fixture.Grains, "StockItemGrain") - before <= warehouses.Count - 2,
            "The summary activated more stock grains than the product has known items.");
        await (await tenant.Client.GetAsync("/api/v1/stock/p1?limit=501")).AssertValidationAsync("limit");
        await (await tenant.Client.GetAsync("/api/v1/stock/ghost")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task WarehousesAreCappedPerTenant()
    {
        using var factory = fixture.Factory.WithWebHostBuilder(builder => builder.UseSetting("Quartermaster:MaxWarehousesPerTenant", "3"));
        var tenant = await fixture.NewTenantAsync("cap");
        using var client = factory.CreateCheckedClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Key);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.SendJsonAsync(HttpMethod.Put, $"/api/v1/warehouses/w{i}", new { name = $"W{i}" })).StatusCode);
        }

        await (await client.SendJsonAsync(HttpMethod.Put, "/api/v1/warehouses/w4", new { name = "W4" }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "limit_reached");
        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Put, "/api/v1/warehouses/w2", new { name = "Renamed" })).StatusCode);
        var listed = await client.GetOkAsync<Page<WarehouseItem>>("/api/v1/warehouses");
        Assert.Equal(["w1", "w2", "w3"], listed.Items.Select(w => w.WarehouseId));
    }
}
