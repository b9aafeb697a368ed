using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Tests.Infrastructure;
using static Quartermaster.Grains.Tests.Infrastructure.OrderScenario;

namespace Quartermaster.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class OrderTests(ClusterFixture fixture)
{
    private static readonly string[] Skus = ["a", "b", "c"];

    private async Task<TestTenant> StockedAsync(long a, long b, long c)
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains, Skus, [Wh]);
        await tenant.ReceiveAsync("a", Wh, a);
        await tenant.ReceiveAsync("b", Wh, b);
        await tenant.ReceiveAsync("c", Wh, c);
        return tenant;
    }

    [Fact]
    public async Task Place_reserves_every_line()
    {
        var tenant = await StockedAsync(10, 10, 10);
        var order = tenant.Order("o-1");

        var placed = (await order.Place(Command(900, ("a", 2), ("b", 3), ("c", 4)))).Ok();

        Assert.Equal(OrderStatus.Reserved, placed.Status);
        Assert.Equal(TestClock.Now.AddSeconds(900), placed.ExpiresAt);
        Assert.Equal([OrderStatus.Reserved], placed.History.Select(h => h.Status));
        AssertSame(placed, await order.Get());
        var lines = await LinesAsync(tenant, "o-1", Skus);
        Assert.Equal([2L, 3L, 4L], lines.Select(l => l.Levels.Reserved));
        Assert.All(lines, l => Assert.Equal(10, l.Levels.OnHand));
        Assert.All(lines, l => Assert.Equal(LedgerEntryType.Hold, Assert.Single(l.ForOrder).Type));
    }

    [Fact]
    public async Task Short_line_refuses_the_order_names_the_line_and_leaves_nothing_reserved()
    {
        var tenant = await StockedAsync(10, 10, 10);
        (await tenant.Stock("b", Wh).PlaceHold(new HoldRequest("other", 4, null, null))).Ok();
        var order = tenant.Order("o-1");

        var failure = (await order.Place(Command(900, ("a", 2), ("b", 7), ("c", 1)))).Refused(FailureCode.InsufficientStock);

        var shortLine = Assert.Single(failure.ShortLines!);
        Assert.Equal(new ShortLine("b", Wh, 7, 6, 1), shortLine);
        Assert.Null(await order.Get());
        var lines = await LinesAsync(tenant, "o-1", Skus);
        Assert.Equal([0L, 4L, 0L], lines.Select(l => l.Levels.Reserved));
        Assert.All(lines, l => Assert.Equal(
            l.ForOrder.Count(e => e.Type == LedgerEntryType.Hold),
            l.ForOrder.Count(e => e.Type == LedgerEntryType.Release)));
    }

    [Fact]
    public async Task Same_order_again_returns_it_unchanged_and_other_content_conflicts()
    {
        var tenant = await StockedAsync(10, 10, 10);
        var order = tenant.Order("o-1");
        var command = Command(900, ("a", 2), ("b", 3));
        var placed = (await order.Place(command)).Ok();

        var again = (await order.Place(command)).Ok();
        (await order.Place(Command(900, ("a", 2), ("b", 4)))).Refused(FailureCode.Conflict);
        (await order.Place(command with { CustomerRef = "someone-else" })).Refused(FailureCode.Conflict);

        AssertSame(placed, again);
        var lines = await LinesAsync(tenant, "o-1", ["a", "b"]);
        Assert.Equal([2L, 3L], lines.Select(l => l.Levels.Reserved));
        Assert.All(lines, l => Assert.Single(l.ForOrder));
    }

    [Fact]
    public async Task Refused_order_can_be_placed_again_after_restocking()
    {
        var tenant = await StockedAsync(10, 1, 10);
        var order = tenant.Order("o-1");
        var command = Command(900, ("a", 2), ("b", 3));
        (await order.Place(command)).Refused(FailureCode.InsufficientStock);

        await tenant.ReceiveAsync("b", Wh, 5);
        var placed = (await order.Place(command)).Ok();

        Assert.Equal(OrderStatus.Reserved, placed.Status);
        var lines = await LinesAsync(tenant, "o-1", ["a", "b"]);
        Assert.Equal([2L, 3L], lines.Select(l => l.Levels.Reserved));
    }

    [Fact]
    public async Task Unknown_product_refuses_the_order_with_not_found_and_leaves_nothing_reserved()
    {
        var tenant = await StockedAsync(10, 10, 10);
        var order = tenant.Order("o-1");

        (await order.Place(Command(900, ("a", 2), ("no-such-sku", 1)))).Refused(FailureCode.NotFound);

        Assert.Null(await order.Get());
        var line = Assert.Single(await LinesAsync(tenant, "o-1", ["a"]));
        Assert.Equal(0, line.Levels.Reserved);
    }

    [Fact]
    public async Task Confirm_then_ship_commits_every_line()
    {
        var tenant = await StockedAsync(10, 10, 10);
        var order = tenant.Order("o-1");
        (await order.Place(Command(900, ("a", 2), ("b", 3)))).Ok();

        var confirmed = (await order.Confirm()).Ok();
        var confirmedAgain = (await order.Confirm()).Ok();
        var shipped = (await order.Ship()).Ok();
        var shippedAgain = (await order.Ship()).Ok();

        Assert.Equal(OrderStatus.Confirmed, confirmed.Status);
        Assert.Null(confirmed.ExpiresAt);
        AssertSame(confirmed, confirmedAgain);
        Assert.Equal(OrderStatus.Shipped, shipped.Status);
        AssertSame(shipped, shippedAgain);
        Assert.Equal([OrderStatus.Reserved, OrderStatus.Confirmed, OrderStatus.Shipped], shipped.History.Select(h => h.Status));
        var lines = await LinesAsync(tenant, "o-1", ["a", "b"]);
        Assert.Equal([(8L, 0L), (7L, 0L)], lines.Select(l => (l.Levels.OnHand, l.Levels.Reserved)));
        Assert.All(lines, l => Assert.Single(l.ForOrder, e => e.Type == LedgerEntryType.Commit));
        (await order.Cancel()).Refused(FailureCode.InvalidTransition);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancel_releases_every_line(bool confirmFirst)
    {
        var tenant = await StockedAsync(10, 10, 10);
        var order = tenant.Order("o-1");
        (await order.Place(Command(900, ("a", 2), ("b", 3)))).Ok();
        if (confirmFirst)
        {
            (await order.Confirm()).Ok();
        }

        var cancelled = (await order.Cancel()).Ok();
        var cancelledAgain = (await order.Cancel()).Ok();

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        AssertSame(cancelled, cancelledAgain);
        var lines = await LinesAsync(tenant, "o-1", ["a", "b"]);
        Assert.All(lines, l => Assert.Equal((10L, 0L), (l.Levels.OnHand, l.Levels.Reserved)));
        Assert.All(lines, l => Assert.Single(l.ForOrder, e => e.Type == LedgerEntryType.Release));
        (await order.Confirm()).Refused(FailureCode.InvalidTransition);
        (await order.Ship()).Refused(FailureCode.InvalidTransition);
    }

    [Fact]
    public async Task Shipping_a_reserved_order_is_an_invalid_transition_and_changes_nothing()
    {
        var tenant = await StockedAsync(10, 10, 10);
        var order = tenant.Order("o-1");
        var placed = (await order.Place(Command(900, ("a", 2)))).Ok();

        (await order.Ship()).Refused(FailureCode.InvalidTransition);

        AssertSame(placed, await order.Get());
        var line = Assert.Single(await LinesAsync(tenant, "o-1", ["a"]));
        Assert.Equal((10L, 2L), (line.Levels.OnHand, line.Levels.Reserved));
    }

    [Fact]
    public async Task Transitions_of_an_order_that_does_not_exist_are_not_found()
    {
        var tenant = await StockedAsync(1, 1, 1);
        var order = tenant.Order("ghost");

        (await order.Confirm()).Refused(FailureCode.NotFound);
        (await order.Ship()).Refused(FailureCode.NotFound);
        (await order.Cancel()).Refused(FailureCode.NotFound);
        Assert.Null(await order.ExpireIfDue());
        Assert.Null(await order.Get());
    }
}
