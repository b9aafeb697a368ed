using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Quartermaster.ApiFrontend.Tests.Fixtures;
using Quartermaster.Contracts.Events;
using Quartermaster.Grains.Abstractions.Events;

namespace Quartermaster.ApiFrontend.Tests;

/// <summary>What a silo renders for an event (EventJson) is the body GET /api/v1/events/{eventId} returns for it.</summary>
[Collection(ApiCollection.Name)]
public sealed class EventJsonTests(ApiFixture fixture)
{
    [Fact]
    public async Task EventJson_writes_the_bytes_the_api_returns_for_a_stock_and_an_order_event()
    {
        var tenant = await fixture.NewTenantAsync("event-json");
        await tenant.SeedAsync(["p1"], ["w1"]);
        // Characters the web encoder escapes and the API's does not: a different encoder changes the bytes.
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/stock/p1/w1/receipts",
            new { movementId = "r1", quantity = 5, reason = "<recount> & 'spare' +2 \"é\" €" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await tenant.PlaceOrderAsync("o1", "c1", new OrderLine("p1", "w1", 2))).StatusCode);

        var events = (await tenant.Client.GetOkAsync<Page<Event>>("/api/v1/events")).Items;
        var receipt = Assert.Single(events, e => e.Type == "stock.changed"
            && e.Data.GetProperty("ledgerEntry").GetProperty("movementId").GetString() == "r1");
        var order = Assert.Single(events, e => e.Type.StartsWith("order.", StringComparison.Ordinal));

        foreach (var eventId in new[] { receipt.EventId, order.EventId })
        {
            var stored = await fixture.Grains.GetGrain<IEventFeedGrain>(tenant.Id).Get(eventId);
            Assert.NotNull(stored);
            var rendered = EventJson.Serialize(stored);
            using var response = await tenant.Client.GetAsync($"/api/v1/events/{eventId}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var served = await response.Content.ReadAsByteArrayAsync();

            var detail = $"\nserved:   {Encoding.UTF8.GetString(served)}\nrendered: {Encoding.UTF8.GetString(rendered)}";
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(served), JsonNode.Parse(rendered)), "Different JSON." + detail);
            Assert.True(served.AsSpan().SequenceEqual(rendered), "Same JSON, different bytes." + detail);
        }
    }
}
