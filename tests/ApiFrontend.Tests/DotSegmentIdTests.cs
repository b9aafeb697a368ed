using System.Net;
using Quartermaster.ApiFrontend.Tests.Contract;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Grains.Abstractions.Tenants;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>
/// "." and ".." are a URL's dot segments, which HTTP clients remove from a path: an order created with orderId ".."
/// answered 201 with Location /api/v1/orders/.. and could then never be read, confirmed or cancelled. Every id a
/// body carries refuses them with 400 naming the field, and writes nothing; other ids of dots stay valid.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DotSegmentIdTests(ApiFixture fixture)
{
    /// <summary>(admin?, path, body template, field): "{id}" is replaced by the dot segment.</summary>
    private static readonly (bool Admin, string Path, string Body, string Field)[] BodyPositions =
    [
        (true, "/api/v1/admin/tenants", """{"tenantId":"{id}","name":"n"}""", "tenantId"),
        (false, "/api/v1/stock/p1/w1/receipts", """{"movementId":"{id}","quantity":1}""", "movementId"),
        (false, "/api/v1/stock/p1/w1/adjustments", """{"movementId":"{id}","countedOnHand":1,"reason":"r"}""", "movementId"),
        (false, "/api/v1/stock/p1/w1/holds", """{"holdId":"{id}","quantity":1}""", "holdId"),
        (false, "/api/v1/stock/transfers", """{"movementId":"{id}","sku":"p1","fromWarehouseId":"w1","toWarehouseId":"w2","quantity":1}""", "movementId"),
        (false, "/api/v1/stock/transfers", """{"movementId":"t1","sku":"{id}","fromWarehouseId":"w1","toWarehouseId":"w2","quantity":1}""", "sku"),
        (false, "/api/v1/stock/transfers", """{"movementId":"t1","sku":"p1","fromWarehouseId":"{id}","toWarehouseId":"w2","quantity":1}""", "fromWarehouseId"),
        (false, "/api/v1/orders", """{"orderId":"{id}","lines":[{"sku":"p1","warehouseId":"w1","quantity":1}]}""", "orderId"),
        (false, "/api/v1/orders", """{"orderId":"o1","customerRef":"{id}","lines":[{"sku":"p1","warehouseId":"w1","quantity":1}]}""", "customerRef"),
        (false, "/api/v1/orders", """{"orderId":"o1","lines":[{"sku":"{id}","warehouseId":"w1","quantity":1}]}""", "lines[0].sku"),
        (false, "/api/v1/orders", """{"orderId":"o1","lines":[{"sku":"p1","warehouseId":"{id}","quantity":1}]}""", "lines[0].warehouseId"),
    ];

    [Fact]
    public async Task A_dot_segment_id_is_refused_naming_the_field_and_nothing_is_written()
    {
        var tenant = await TestTenant.CreateAsync(fixture, TestTenant.NewId("dots"), settings: null);
        await tenant.SeedAsync(["p1"], ["w1", "w2"], onHand: 5);
        using var admin = fixture.Admin();

        var failures = new List<string>();
        foreach (var (isAdmin, path, body, field) in BodyPositions)
        {
            foreach (var id in new[] { ".", ".." })
            {
                var response = await (isAdmin ? admin : tenant.Client).SendAsync(
                    HttpCalls.Request(HttpMethod.Post, path, body.Replace("{id}", id, StringComparison.Ordinal)));
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !Fixtures.Problems.IsValidationNaming(text, field))
                {
                    failures.Add($"POST {path} {field}=\"{id}\": {(int)response.StatusCode} {text}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty((await tenant.Client.GetOkAsync<Page<Order>>("/api/v1/orders?limit=500")).Items);
        Assert.Equal(1, (await tenant.StockAsync("p1", "w1")).Version);
        Assert.Equal(1, (await tenant.StockAsync("p1", "w2")).Version);
        Assert.Null(await fixture.Grains.GetGrain<ITenantGrain>("..").Get());
    }

    [Theory]
    [InlineData("...")]
    [InlineData(".a")]
    [InlineData("a..b")]
    public async Task Other_ids_of_dots_are_created_and_reached_by_their_url(string orderId)
    {
        var tenant = await TestTenant.CreateAsync(fixture, TestTenant.NewId("dots"), settings: null);
        await tenant.SeedAsync(["p1"], ["w1"], onHand: 5);

        var placed = await tenant.PlaceOrderAsync(orderId, null, new OrderLine("p1", "w1", 1));
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Equal($"/api/v1/orders/{orderId}", placed.Headers.Location?.OriginalString);
        Assert.Equal(orderId, (await tenant.OrderAsync(orderId)).OrderId);
        Assert.Equal(HttpStatusCode.OK, (await tenant.TransitionAsync(orderId, "cancel")).StatusCode);
    }
}
