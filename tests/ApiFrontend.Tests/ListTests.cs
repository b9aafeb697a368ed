using System.Net;
using Quartermaster.ApiFrontend.Tests.Fixtures;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>Lists: limit 1..500, opaque cursors through every item exactly once, filters and order of GET /orders.</summary>
[Collection(ApiCollection.Name)]
public sealed class ListTests(ApiFixture fixture)
{
    [Fact]
    public async Task ProductsPageThroughEveryItemOnce()
    {
        var tenant = await fixture.NewTenantAsync("lists");
        var skus = Enumerable.Range(0, 7).Select(i => $"sku-{i}").ToList();
        foreach (var sku in skus)
        {
            await tenant.PutProductAsync(sku);
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await tenant.Client.GetOkAsync<Page<Product>>("/api/v1/products?limit=2" + (cursor is null ? string.Empty : "&cursor=" + HttpCalls.Query(cursor)));
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(p => p.Sku));
            cursor = page.NextCursor;
            Assert.True(++pages <= 4, "More pages than 7 items at 2 a page need.");
        }
        while (cursor is not null);

        Assert.Equal(4, pages);
        Assert.Equal(seen.Count, seen.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(skus.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));

        var all = await tenant.Client.GetOkAsync<Page<Product>>("/api/v1/products");
        Assert.Equal(7, all.Items.Count);
        Assert.Null(all.NextCursor);
    }

    [Theory]
    [InlineData("/api/v1/products?limit=0", "limit")]
    [InlineData("/api/v1/products?limit=501", "limit")]
    [InlineData("/api/v1/products?limit=-1", "limit")]
    [InlineData("/api/v1/products?limit=ten", "limit")]
    [InlineData("/api/v1/products?cursor=%25%25not*a*cursor", "cursor")]
    [InlineData("/api/v1/warehouses?limit=501", "limit")]
    [InlineData("/api/v1/warehouses?cursor=!!", "cursor")]
    [InlineData("/api/v1/orders?limit=0", "limit")]
    [InlineData("/api/v1/orders?cursor=!!", "cursor")]
    [InlineData("/api/v1/orders?cursor=Z2FyYmFnZQ", "cursor")]
    [InlineData("/api/v1/orders?status=lost", "status")]
    [InlineData("/api/v1/orders?customerRef=bad%20ref", "customerRef")]
    [InlineData("/api/v1/orders?createdFrom=yesterday", "createdFrom")]
    [InlineData("/api/v1/stock/p1/w1/movements?limit=501", "limit")]
    [InlineData("/api/v1/stock/p1/w1/movements?cursor=!!", "cursor")]
    [InlineData("/api/v1/stock/p1/w1/movements?cursor=Z2FyYmFnZQ", "cursor")]
    [InlineData("/api/v1/stock/p1/w1/movements?after=-3", "after")]
    [InlineData("/api/v1/stock/p1/w1/movements?after=0&cursor=MQ", "cursor")]
    public async Task BadListParametersAreNamed(string path, string field)
    {
        var tenant = await fixture.SharedTenantAsync("lists", t => t.SeedAsync(["p1"], ["w1"], onHand: 1));
        await (await tenant.Client.GetAsync(path)).AssertValidationAsync(field);
    }

    /// <summary>
    /// Every list, with text that base64url-decodes to bytes that are not UTF-8 (`abc`), and with a cursor of the right
    /// encoding around a position that list never issues (`ISE` is "!!", `YQ` is "a").
    /// </summary>
    [Theory]
    [InlineData("/api/v1/products?cursor=abc")]
    [InlineData("/api/v1/products?cursor=ISE")]
    [InlineData("/api/v1/products?q=sku&cursor=abc")]
    [InlineData("/api/v1/warehouses?cursor=abc")]
    [InlineData("/api/v1/warehouses?cursor=ISE")]
    [InlineData("/api/v1/warehouses?q=w&cursor=abc")]
    [InlineData("/api/v1/customers?cursor=abc")]
    [InlineData("/api/v1/customers?cursor=ISE")]
    [InlineData("/api/v1/stock?cursor=abc")]
    [InlineData("/api/v1/stock?cursor=YQ")]
    [InlineData("/api/v1/stock/p1?cursor=abc")]
    [InlineData("/api/v1/stock/p1?cursor=ISE")]
    [InlineData("/api/v1/stock/p1/w1/movements?cursor=abc")]
    [InlineData("/api/v1/orders?cursor=abc")]
    [InlineData("/api/v1/orders?cursor=MXwhIQ")]
    [InlineData("/api/v1/events?cursor=abc")]
    [InlineData("/api/v1/events?cursor=YQ")]
    [InlineData("/api/v1/webhook-endpoints?cursor=abc")]
    [InlineData("/api/v1/webhook-endpoints?cursor=ISE")]
    [InlineData("/api/v1/webhook-endpoints/we_0/deliveries?cursor=abc")]
    [InlineData("/api/v1/webhook-endpoints/we_0/deliveries?cursor=YQ")]
    public async Task EveryListRefusesACursorItDidNotIssue(string path)
    {
        var tenant = await fixture.SharedTenantAsync("lists", t => t.SeedAsync(["p1"], ["w1"], onHand: 1));
        await (await tenant.Client.GetAsync(path)).AssertValidationAsync("cursor");
    }

    [Fact]
    public async Task WarehousesPageThroughTheirOwnCursors()
    {
        var tenant = await fixture.NewTenantAsync("lists");
        foreach (var warehouse in new[] { "w-a", "w-b", "w-c" })
        {
            await tenant.PutWarehouseAsync(warehouse);
        }

        var first = await tenant.Client.GetOkAsync<Page<WarehouseItem>>("/api/v1/warehouses?limit=2");
        var second = await tenant.Client.GetOkAsync<Page<WarehouseItem>>("/api/v1/warehouses?limit=2&cursor=" + HttpCalls.Query(first.NextCursor!));

        Assert.Equal(["w-a", "w-b", "w-c"], first.Items.Concat(second.Items).Select(w => w.WarehouseId));
        Assert.Null(second.NextCursor);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    public async Task LimitsAtTheBoundsAreAccepted(int limit)
    {
        var tenant = await fixture.SharedTenantAsync("lists", t => t.SeedAsync(["p1"], ["w1"], onHand: 1));
        Assert.Single((await tenant.Client.GetOkAsync<Page<Product>>($"/api/v1/products?limit={limit}")).Items);
    }

    [Fact]
    public async Task OrdersFilterByStatusAndCustomerNewestFirst()
    {
        var tenant = await fixture.NewTenantAsync("lists");
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 100);
        var placed = new List<(string OrderId, string Customer, bool Confirmed)>();
        for (var i = 0; i < 8; i++)
        {
            var customer = i % 2 == 0 ? "alice" : "bob";
            var orderId = $"o-{i}";
            Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync(orderId, customer, new OrderLine("p1", "w1", 1))).StatusCode);
            var confirmed = i % 3 != 0;
            if (confirmed)
            {
                Assert.Equal(HttpStatusCode.OK, (await tenant.TransitionAsync(orderId, "confirm")).StatusCode);
            }

            placed.Add((orderId, customer, confirmed));
            BusinessClock.Advance(TimeSpan.FromSeconds(1));
        }

        var expected = placed.Where(o => o.Customer == "alice" && o.Confirmed).Select(o => o.OrderId).Reverse().ToList();
        var filtered = await tenant.Client.GetOkAsync<Page<Order>>("/api/v1/orders?status=confirmed&customerRef=alice");
        Assert.Equal(expected, filtered.Items.Select(o => o.OrderId));
        Assert.All(filtered.Items, o => Assert.Equal(("confirmed", "alice"), (o.Status, o.CustomerRef)));

        var reservedBob = await tenant.Client.GetOkAsync<Page<Order>>("/api/v1/orders?status=reserved&customerRef=bob");
        Assert.Equal(placed.Where(o => o.Customer == "bob" && !o.Confirmed).Select(o => o.OrderId).Reverse(), reservedBob.Items.Select(o => o.OrderId));

        // createdFrom is inclusive, createdTo exclusive.
        var from = HttpCalls.Query((await tenant.OrderAsync("o-2")).CreatedAt.ToString("O"));
        var to = HttpCalls.Query((await tenant.OrderAsync("o-5")).CreatedAt.ToString("O"));
        var window = await tenant.Client.GetOkAsync<Page<Order>>($"/api/v1/orders?createdFrom={from}&createdTo={to}");
        Assert.Equal(["o-4", "o-3", "o-2"], window.Items.Select(o => o.OrderId));

        // Newest first across pages too, every order exactly once.
        var all = new List<Order>();
        string? cursor = null;
        do
        {
            var page = await tenant.Client.GetOkAsync<Page<Order>>("/api/v1/orders?limit=3" + (cursor is null ? string.Empty : "&cursor=" + HttpCalls.Query(cursor)));
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(placed.Select(o => o.OrderId).Reverse(), all.Select(o => o.OrderId));
        Assert.True(all.Zip(all.Skip(1)).All(pair => pair.First.CreatedAt >= pair.Second.CreatedAt), "Not newest first.");
    }
}
