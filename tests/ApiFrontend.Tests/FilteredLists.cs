using System.Net;
using System.Text.Json;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Tests.Shared;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// Every list that takes filters and a cursor, each with a tenant seeded so that items its filters keep alternate, in the
/// list's order, with items they leave out: a page that forgets the filters shows them at once.
/// </summary>
/// <param name="Filters">The filters of the walk, as a query string.</param>
/// <param name="OtherFilters">Filters that are not the walk's (another value, or one of them left out while others are given).</param>
public sealed record FilteredList(
    string Name, string Filters, string OtherFilters, Func<JsonElement, string> IdOf, Func<TestTenant, Task> Seed, Func<TestTenant, Task<string>> PathOf)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static readonly IReadOnlyList<FilteredList> All =
    [
        new("orders", "status=reserved&customerRef=alice", "customerRef=alice", Id("orderId"), SeedOrdersAsync, Fixed("/api/v1/orders")),
        new("stock", "warehouseId=w1&low=true", "low=true", item => $"{item.GetProperty("sku")}/{item.GetProperty("warehouseId")}",
            SeedStockAsync, Fixed("/api/v1/stock")),
        new("products", "q=red", "q=blue", Id("sku"), SeedProductsAsync, Fixed("/api/v1/products")),
        new("warehouses", "q=north", "q=south", Id("warehouseId"), SeedWarehousesAsync, Fixed("/api/v1/warehouses")),
        new("customers", "status=blocked", "q=c", Id("customerRef"), SeedCustomersAsync, Fixed("/api/v1/customers")),
        new("events", "types=customer.updated", "types=stock.changed", Id("eventId"), SeedEventsAsync, Fixed("/api/v1/events")),
        new("deliveries", "status=succeeded", "status=pending", Id("deliveryId"), SeedDeliveriesAsync, DeliveriesPathAsync),
    ];

    public static FilteredList Named(string name) => All.Single(list => list.Name == name);

    private static Func<JsonElement, string> Id(string property) => item => item.GetProperty(property).GetString()!;

    private static Func<TestTenant, Task<string>> Fixed(string path) => _ => Task.FromResult(path);

    /// <summary>Alice's and Bob's orders alternate, and every third is confirmed.</summary>
    private static async Task SeedOrdersAsync(TestTenant tenant)
    {
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 100);
        for (var i = 0; i < 10; i++)
        {
            var orderId = $"o-{i}";
            Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync(orderId, i % 2 == 0 ? "alice" : "bob", new OrderLine("p1", "w1", 1))).StatusCode);
            if (i % 3 == 0)
            {
                Assert.Equal(HttpStatusCode.OK, (await tenant.TransitionAsync(orderId, "confirm")).StatusCode);
            }

            BusinessClock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Each sku in two warehouses; in w1 every other sku is low (2 at or below the tenant's threshold of 5).</summary>
    private static async Task SeedStockAsync(TestTenant tenant)
    {
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.SendJsonAsync(HttpMethod.Patch, "/api/v1/settings", new { lowStockThreshold = 5 })).StatusCode);
        await tenant.SeedAsync([], ["w1", "w2"]);
        for (var i = 0; i < 8; i++)
        {
            var sku = $"p-{i}";
            await tenant.PutProductAsync(sku);
            await tenant.ReceiveAsync(sku, "w1", i % 2 == 0 ? 2 : 50);
            await tenant.ReceiveAsync(sku, "w2", 2);
        }
    }

    private static async Task SeedProductsAsync(TestTenant tenant)
    {
        for (var i = 0; i < 8; i++)
        {
            var put = await tenant.Client.SendJsonAsync(HttpMethod.Put, $"/api/v1/products/p-{i}", new { name = i % 2 == 0 ? "red widget" : "blue widget" });
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
    }

    private static async Task SeedWarehousesAsync(TestTenant tenant)
    {
        for (var i = 0; i < 8; i++)
        {
            var put = await tenant.Client.SendJsonAsync(HttpMethod.Put, $"/api/v1/warehouses/w-{i}", new { name = i % 2 == 0 ? "north depot" : "south depot" });
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
    }

    private static async Task SeedCustomersAsync(TestTenant tenant)
    {
        for (var i = 0; i < 8; i++)
        {
            var put = await tenant.Client.SendJsonAsync(HttpMethod.Put, $"/api/v1/customers/c-{i}",
                new { name = $"Customer {i}", status = i % 2 == 0 ? "blocked" : "active" });
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
    }

    /// <summary>Customer updates between stock receipts.</summary>
    private static async Task SeedEventsAsync(TestTenant tenant)
    {
        await tenant.SeedAsync(["p1"], ["w1"]);
        for (var i = 0; i < 6; i++)
        {
            var put = await tenant.Client.SendJsonAsync(HttpMethod.Put, $"/api/v1/customers/c-{i}", new { name = $"Customer {i}", status = "active" });
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            await tenant.ReceiveAsync("p1", "w1", 1);
        }
    }

    /// <summary>
    /// Receipts delivered one at a time to a receiver that accepts every other one: the rest stay pending (or, much later,
    /// failed), never succeeded, as the receiver is gone once the seed is done.
    /// </summary>
    private static async Task SeedDeliveriesAsync(TestTenant tenant)
    {
        await using var receiver = new WebhookReceiver();
        await tenant.SeedAsync(["p1"], ["w1"]);
        var created = await (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/webhook-endpoints",
            new { url = receiver.Url, eventTypes = new[] { "stock.changed" } })).ReadAsync<JsonElement>(HttpStatusCode.Created);
        var deliveries = $"/api/v1/webhook-endpoints/{created.GetProperty("endpointId").GetString()}/deliveries?limit=500";
        for (var i = 0; i < 8; i++)
        {
            receiver.Mode = i % 2 == 0 ? WebhookReceiver.Behaviour.Accept : WebhookReceiver.Behaviour.Fail;
            await tenant.ReceiveAsync("p1", "w1", 1);
            var attempted = i + 1;
            await Eventually.TrueAsync(async () =>
            {
                var items = (await tenant.Client.GetOkAsync<JsonElement>(deliveries)).GetProperty("items").EnumerateArray().ToList();
                return items.Count == attempted && items.All(d => d.GetProperty("attempts").GetInt32() > 0);
            }, Patience, $"delivery {attempted} attempted");
        }

        receiver.Mode = WebhookReceiver.Behaviour.Fail;
    }

    private static async Task<string> DeliveriesPathAsync(TestTenant tenant)
    {
        var endpoints = await tenant.Client.GetOkAsync<JsonElement>("/api/v1/webhook-endpoints");
        var endpointId = Assert.Single(endpoints.GetProperty("items").EnumerateArray()).GetProperty("endpointId").GetString();
        return $"/api/v1/webhook-endpoints/{endpointId}/deliveries";
    }
}
