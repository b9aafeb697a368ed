using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Tests.Infrastructure;
using static Quartermaster.Grains.Tests.Infrastructure.OrderScenario;

namespace Quartermaster.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class OrderExpiryTests(ClusterFixture fixture)
{
    private static readonly string[] Skus = ["a", "b"];

    private async Task<(TestTenant Tenant, IOrderGrain Order)> PlacedAsync(int ttlSeconds)
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains, Skus, [Wh]);
        await tenant.ReceiveAsync("a", Wh, 10);
        await tenant.ReceiveAsync("b", Wh, 10);
        var order = tenant.Order("o-1");
        (await order.Place(Command(ttlSeconds, ("a", 2), ("b", 3)))).Ok();
        return (tenant, order);
    }

    [Fact]
    public async Task Reserved_order_is_not_expired_before_its_time()
    {
        var (tenant, order) = await PlacedAsync(60);

        TestClock.Advance(TimeSpan.FromSeconds(59));
        var view = await order.ExpireIfDue();

        Assert.Equal(OrderStatus.Reserved, view?.Status);
        var lines = await LinesAsync(tenant, "o-1", Skus);
        Assert.Equal([2L, 3L], lines.Select(l => l.Levels.Reserved));
    }

    [Fact]
    public async Task Due_order_expires_and_releases_each_line_exactly_once()
    {
        var (tenant, order) = await PlacedAsync(60);

        TestClock.Advance(TimeSpan.FromSeconds(61));
        var expired = await order.ExpireIfDue();
        var lines = await LinesAsync(tenant, "o-1", Skus);

        Assert.Equal(OrderStatus.Expired, expired?.Status);
        Assert.Equal([OrderStatus.Reserved, OrderStatus.Expired], expired!.History.Select(h => h.Status));
        Assert.All(lines, l => Assert.Equal(0, l.Levels.Reserved));
        Assert.All(lines, l =>
        {
            var hold = Assert.Single(l.ForOrder, e => e.Type == LedgerEntryType.Hold);
            var expiry = Assert.Single(l.ForOrder, e => e.Type == LedgerEntryType.Expire);
            Assert.Equal(hold.MovementId, expiry.MovementId);
        });

        var again = await order.ExpireIfDue();
        TestClock.Advance(TimeSpan.FromHours(1));
        var stockExpired = await Task.WhenAll(Skus.Select(sku => tenant.Stock(sku, Wh).ExpireDueHolds()));

        AssertSame(expired, again);
        Assert.All(stockExpired, count => Assert.Equal(0, count));
        var linesAfter = await LinesAsync(tenant, "o-1", Skus);
        Assert.Equal(lines.Select(l => l.Levels), linesAfter.Select(l => l.Levels));
        Assert.All(linesAfter, l => Assert.Single(l.ForOrder, e => e.Type == LedgerEntryType.Expire));
    }

    [Fact]
    public async Task Confirm_after_expiry_time_is_an_invalid_transition_and_releases_the_lines()
    {
        var (tenant, order) = await PlacedAsync(60);

        TestClock.Advance(TimeSpan.FromSeconds(61));
        (await order.Confirm()).Refused(FailureCode.InvalidTransition);

        Assert.Equal(OrderStatus.Expired, (await order.Get())?.Status);
        var lines = await LinesAsync(tenant, "o-1", Skus);
        Assert.All(lines, l => Assert.Equal(0, l.Levels.Reserved));
        Assert.All(lines, l => Assert.Single(l.ForOrder, e => e.Type == LedgerEntryType.Expire));
    }

    [Fact]
    public async Task Confirmed_order_keeps_its_reservation_past_the_ttl_and_can_ship()
    {
        var (tenant, order) = await PlacedAsync(60);
        (await order.Confirm()).Ok();

        TestClock.Advance(TimeSpan.FromHours(1));
        var view = await order.ExpireIfDue();
        var stockExpired = await Task.WhenAll(Skus.Select(sku => tenant.Stock(sku, Wh).ExpireDueHolds()));

        Assert.Equal(OrderStatus.Confirmed, view?.Status);
        Assert.All(stockExpired, count => Assert.Equal(0, count));
        Assert.Equal([2L, 3L], (await LinesAsync(tenant, "o-1", Skus)).Select(l => l.Levels.Reserved));
        (await order.Ship()).Ok();
        var shipped = await LinesAsync(tenant, "o-1", Skus);
        Assert.Equal([(8L, 0L), (7L, 0L)], shipped.Select(l => (l.Levels.OnHand, l.Levels.Reserved)));
    }

    [Fact]
    public async Task Stock_side_expiry_is_the_last_line_of_defence_and_the_order_then_expires_cleanly()
    {
        var (tenant, order) = await PlacedAsync(60);

        // The stock items act first, as if the order's own timer and the sweep never ran: the order and its items
        // leave the due indexes before the clock moves, or a sweep tick in between could expire them first.
        await Task.WhenAll(Enumerable.Range(0, OrderSweep.Ranges)
            .Select(range => fixture.Grains.GetGrain<IDueBookGrain>(DueBooks.Orders(range)).Record(order.GetPrimaryKeyString(), null)));
        await Task.WhenAll(Enumerable.Range(0, OrderSweep.Ranges).SelectMany(range => Skus.Select(sku =>
            fixture.Grains.GetGrain<IDueBookGrain>(DueBooks.Holds(range)).Record(tenant.Stock(sku, Wh).GetPrimaryKeyString(), null))));
        TestClock.Advance(TimeSpan.FromHours(1));
        var stockExpired = await Task.WhenAll(Skus.Select(sku => tenant.Stock(sku, Wh).ExpireDueHolds()));
        var expired = await order.ExpireIfDue();

        Assert.All(stockExpired, count => Assert.Equal(1, count));
        Assert.Equal(OrderStatus.Expired, expired?.Status);
        var lines = await LinesAsync(tenant, "o-1", Skus);
        Assert.All(lines, l => Assert.Equal(0, l.Levels.Reserved));
        Assert.All(lines, l => Assert.Single(l.ForOrder, e => e.Type == LedgerEntryType.Expire));
    }
}
