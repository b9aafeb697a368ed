using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Tests.Infrastructure;
using static Quartermaster.Grains.Tests.Infrastructure.OrderScenario;

namespace Quartermaster.Grains.Tests;

/// <summary>
/// The sweep alone finishes or undoes what a crash left, and expires reservations nobody calls, within the
/// contract's 60 seconds. Nothing here calls the order before the sweep has acted: every outcome is the sweep's.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OrderSweepTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private static readonly string[] Skus = ["a", "b", "c"];
    private static readonly OrderLine[] Lines = [new("a", Wh, 2), new("b", Wh, 3), new("c", Wh, 4)];

    private async Task<TestTenant> StockedTenantAsync()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains, Skus, [Wh]);
        foreach (var sku in Skus)
        {
            await tenant.ReceiveAsync(sku, Wh, 10);
        }

        return tenant;
    }

    [Fact]
    public async Task A_reserved_order_past_its_expiry_is_expired_by_the_sweep_exactly_once()
    {
        var tenant = await StockedTenantAsync();
        // Its own expiry timer waits ten real minutes: within this test only the sweep can expire it.
        (await tenant.Order("o-1").Place(new PlaceOrder("cust-1", Lines, 600))).Ok();

        var lines = await ExpiredBySweepAsync(tenant);
        Assert.All(lines, l => Assert.Single(l.ForOrder, e => e.Type == LedgerEntryType.Expire));
    }

    [Theory]
    [InlineData(0)] // right after the intent
    [InlineData(2)] // after some of its holds
    [InlineData(3)] // every hold placed, before the final write
    public async Task A_placement_cut_off_by_a_crash_is_undone_by_the_sweep(int holdsPlaced)
    {
        var tenant = await StockedTenantAsync();
        var crashed = new CrashedOrder(fixture.Cluster, tenant, "o-1", Lines);
        await crashed.PlacementAsync(holdsPlaced);
        Assert.Equal(Lines.Select((l, i) => i < holdsPlaced ? l.Quantity : 0), await ReservedAsync(tenant));

        TestClock.Advance(OrderSweep.ResumeAfter + TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => !await IsDueAsync(tenant), Bound, "the sweep undid the placement");

        Assert.Null(await tenant.Order("o-1").Get());
        Assert.All(await ReservedAsync(tenant), r => Assert.Equal(0, r));
        var lines = await LinesAsync(tenant, "o-1", Skus);
        for (var i = 0; i < Lines.Length; i++)
        {
            var expected = i < holdsPlaced ? new[] { LedgerEntryType.Hold, LedgerEntryType.Release } : [];
            Assert.Equal(expected, lines[i].ForOrder.Select(e => e.Type));
        }

        // The order id is free again, and a new placement reserves afresh.
        (await tenant.Order("o-1").Place(new PlaceOrder("cust-1", Lines, 600))).Ok();
        Assert.Equal(Lines.Select(l => l.Quantity), await ReservedAsync(tenant));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task A_confirmation_cut_off_after_keeping_some_holds_leaves_a_reservation_whose_expiry_ends_every_line(int holdsKept)
    {
        var tenant = await StockedTenantAsync();
        await new CrashedOrder(fixture.Cluster, tenant, "o-1", Lines).ConfirmationWithoutIntentAsync(holdsKept);
        var lines = await ExpiredBySweepAsync(tenant);
        Assert.All(lines, l => Assert.Equal([LedgerEntryType.Hold, LedgerEntryType.Expire], l.ForOrder.Select(e => e.Type)));
    }

    [Fact]
    public async Task A_confirmation_retried_after_a_cut_off_keeps_the_rest_of_the_holds()
    {
        var tenant = await StockedTenantAsync();
        await new CrashedOrder(fixture.Cluster, tenant, "o-1", Lines).ConfirmationWithoutIntentAsync(holdsKept: 1);

        var order = (await tenant.Order("o-1").Confirm()).Ok();

        Assert.Equal(OrderStatus.Confirmed, order.Status);
        Assert.Null(order.ExpiresAt);
        Assert.False(await IsDueAsync(tenant), "a confirmed order is not due");
        Assert.Equal(Lines.Select(l => l.Quantity), await ReservedAsync(tenant));
        Assert.All(await Audits(tenant), a => Assert.All(a.ActiveHolds, h => Assert.Null(h.ExpiresAt)));
    }

    [Fact]
    public async Task A_confirmation_intent_written_by_the_previous_release_is_finished_by_the_sweep()
    {
        var tenant = await StockedTenantAsync();
        await new CrashedOrder(fixture.Cluster, tenant, "o-1", Lines).ConfirmationAsync();

        TestClock.Advance(OrderSweep.ResumeAfter + TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => !await IsDueAsync(tenant), Bound, "the sweep confirmed the order");

        var order = await tenant.Order("o-1").Get();
        Assert.Equal(OrderStatus.Confirmed, order?.Status);
        Assert.Null(order!.ExpiresAt);
        Assert.Equal(Lines.Select(l => l.Quantity), await ReservedAsync(tenant));
        Assert.All(await Audits(tenant), a => Assert.All(a.ActiveHolds, h => Assert.Null(h.ExpiresAt)));
    }

    [Fact]
    public async Task A_shipment_cut_off_after_some_commits_is_finished_by_the_sweep_committing_each_line_once()
    {
        var tenant = await StockedTenantAsync();
        await new CrashedOrder(fixture.Cluster, tenant, "o-1", Lines).ShippingAsync(holdsCommitted: 1);

        TestClock.Advance(OrderSweep.ResumeAfter + TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(async () => !await IsDueAsync(tenant), Bound, "the sweep shipped the order");

        Assert.Equal(OrderStatus.Shipped, (await tenant.Order("o-1").Get())?.Status);

        var lines = await LinesAsync(tenant, "o-1", Skus);
        Assert.Equal(Lines.Select(l => (10 - l.Quantity, 0L)), lines.Select(l => (l.Levels.OnHand, l.Levels.Reserved)));
        Assert.All(lines, l => Assert.Single(l.ForOrder, e => e.Type == LedgerEntryType.Commit));
    }

    /// <summary>The reserved order o-1 is due; past its expiry the sweep alone expires it and frees every line.</summary>
    private async Task<IReadOnlyList<(StockLevels Levels, IReadOnlyList<LedgerEntry> ForOrder)>> ExpiredBySweepAsync(TestTenant tenant)
    {
        Assert.True(await IsDueAsync(tenant), "a reserved order is in the due index");

        TestClock.Advance(TimeSpan.FromSeconds(601));
        await Eventually.TrueAsync(async () => !await IsDueAsync(tenant), Bound, "the sweep expired the order");

        var order = await tenant.Order("o-1").Get();
        Assert.Equal([OrderStatus.Reserved, OrderStatus.Expired], order!.History.Select(h => h.Status));
        Assert.All(await ReservedAsync(tenant), r => Assert.Equal(0, r));
        return await LinesAsync(tenant, "o-1", Skus);
    }

    private Task<bool> IsDueAsync(TestTenant tenant) => DueOrders.ContainsAsync(fixture.Cluster, GrainKeys.Order(tenant.Id, "o-1"));

    private static async Task<long[]> ReservedAsync(TestTenant tenant) =>
        await Task.WhenAll(Skus.Select(async sku => (await tenant.LevelsAsync(sku, Wh)).Reserved));

    private static Task<StockAudit[]> Audits(TestTenant tenant) =>
        Task.WhenAll(Skus.Select(async sku => (await tenant.Stock(sku, Wh).Audit()).Ok()));
}
