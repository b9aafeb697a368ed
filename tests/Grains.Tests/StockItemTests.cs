using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class StockItemTests(ClusterFixture fixture)
{
    private const string Sku = "sku-1";
    private const string Wh = "wh-1";

    private Task<TestTenant> NewTenantAsync() => TestTenant.CreateAsync(fixture.Grains, [Sku], [Wh]);

    [Fact]
    public async Task Untouched_item_is_all_zero_with_an_empty_ledger()
    {
        var tenant = await NewTenantAsync();

        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(tenant.Stock(Sku, Wh));

        Assert.Equal((0L, 0L, 0L, 0L), (levels.OnHand, levels.Reserved, levels.Available, levels.Version));
        Assert.Empty(ledger);
    }

    [Fact]
    public async Task Receipts_add_to_on_hand_and_each_is_one_ledger_entry()
    {
        var tenant = await NewTenantAsync();
        var item = tenant.Stock(Sku, Wh);

        var first = (await item.Apply(new Movement("r-1", LedgerEntryType.Receipt, 10, "delivery", null))).Ok();
        var second = (await item.Apply(new Movement("r-2", LedgerEntryType.Receipt, 5, null, null))).Ok();

        Assert.Equal(10, first.OnHand);
        Assert.Equal(15, second.OnHand);
        Assert.Equal(15, second.Available);
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal(second, levels);
        Assert.Equal(["r-1", "r-2"], ledger.Select(e => e.MovementId));
        Assert.All(ledger, e => Assert.Equal(LedgerEntryType.Receipt, e.Type));
        Assert.Equal("delivery", ledger[0].Reason);
    }

    [Fact]
    public async Task Replaying_a_movement_is_a_no_op_that_returns_the_current_levels()
    {
        var tenant = await NewTenantAsync();
        var item = tenant.Stock(Sku, Wh);
        var receipt = new Movement("r-1", LedgerEntryType.Receipt, 10, null, null);
        (await item.Apply(receipt)).Ok();
        await tenant.ReceiveAsync(Sku, Wh, 3);

        var replayed = (await item.Apply(receipt)).Ok();

        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal(levels, replayed);
        Assert.Equal(13, levels.OnHand);
        Assert.Equal(2, ledger.Count);
    }

    [Fact]
    public async Task Same_movement_id_with_other_content_is_a_conflict_and_changes_nothing()
    {
        var tenant = await NewTenantAsync();
        var item = tenant.Stock(Sku, Wh);
        (await item.Apply(new Movement("r-1", LedgerEntryType.Receipt, 10, null, null))).Ok();

        (await item.Apply(new Movement("r-1", LedgerEntryType.Receipt, 11, null, null))).Refused(FailureCode.Conflict);
        // The reason is content too: a retry sends the same body.
        (await item.Apply(new Movement("r-1", LedgerEntryType.Receipt, 10, "late delivery", null))).Refused(FailureCode.Conflict);
        (await item.Apply(new Movement("r-1", LedgerEntryType.Receipt, 10, null, null))).Ok();

        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal(10, levels.OnHand);
        Assert.Single(ledger);
    }

    [Fact]
    public async Task Adjustment_sets_on_hand_to_the_count_and_records_the_difference()
    {
        var tenant = await NewTenantAsync();
        var item = tenant.Stock(Sku, Wh);
        await tenant.ReceiveAsync(Sku, Wh, 10);

        var down = (await item.Apply(new Movement("count-1", LedgerEntryType.Adjustment, 7, "cycle count", null))).Ok();
        var up = (await item.Apply(new Movement("count-2", LedgerEntryType.Adjustment, 12, "found", null))).Ok();

        Assert.Equal(7, down.OnHand);
        Assert.Equal(12, up.OnHand);
        var (_, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal([10L, -3L, 5L], ledger.Select(e => e.Quantity));
        Assert.Equal(LedgerEntryType.Adjustment, ledger[1].Type);
    }

    [Fact]
    public async Task Adjustment_replay_is_a_no_op_and_other_count_with_same_id_conflicts()
    {
        var tenant = await NewTenantAsync();
        var item = tenant.Stock(Sku, Wh);
        await tenant.ReceiveAsync(Sku, Wh, 10);
        var count = new Movement("count-1", LedgerEntryType.Adjustment, 4, "cycle count", null);
        (await item.Apply(count)).Ok();
        await tenant.ReceiveAsync(Sku, Wh, 6);

        var replayed = (await item.Apply(count)).Ok();
        (await item.Apply(count with { Quantity = 5 })).Refused(FailureCode.Conflict);
        (await item.Apply(count with { Reason = "recount" })).Refused(FailureCode.Conflict);

        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal(levels, replayed);
        Assert.Equal(10, levels.OnHand);
        Assert.Equal(3, ledger.Count);
    }

    [Fact]
    public async Task Adjustment_below_reserved_is_insufficient_stock_and_changes_nothing()
    {
        var tenant = await NewTenantAsync();
        var item = tenant.Stock(Sku, Wh);
        await tenant.ReceiveAsync(Sku, Wh, 10);
        (await item.PlaceHold(new HoldRequest("h-1", 6, null, null))).Ok();

        var refused = (await item.Apply(new Movement("count-1", LedgerEntryType.Adjustment, 5, "count", null)))
            .Refused(FailureCode.InsufficientStock);
        var before = (await LedgerReplay.AssertReplaysAsync(item)).Levels;
        var exact = (await item.Apply(new Movement("count-2", LedgerEntryType.Adjustment, 6, "count", null))).Ok();

        Assert.Equal(4, refused.Available);
        Assert.Equal((10L, 6L, 2L), (before.OnHand, before.Reserved, before.Version));
        Assert.Equal((6L, 6L, 0L), (exact.OnHand, exact.Reserved, exact.Available));
        await LedgerReplay.AssertReplaysAsync(item);
    }

    [Fact]
    public async Task Unknown_product_or_warehouse_is_not_found()
    {
        var tenant = await NewTenantAsync();
        var receipt = new Movement("r-1", LedgerEntryType.Receipt, 1, null, null);

        (await tenant.Stock("no-such-sku", Wh).Apply(receipt)).Refused(FailureCode.NotFound);
        (await tenant.Stock(Sku, "no-such-wh").Apply(receipt)).Refused(FailureCode.NotFound);
        (await tenant.Stock(Sku, "no-such-wh").PlaceHold(new HoldRequest("h-1", 1, null, null))).Refused(FailureCode.NotFound);
        (await tenant.Stock("no-such-sku", Wh).Get()).Refused(FailureCode.NotFound);
        (await tenant.Stock("no-such-sku", Wh).Ledger(0, 10)).Refused(FailureCode.NotFound);
    }

    [Fact]
    public async Task Ledger_pages_cover_seq_one_to_n_without_gaps()
    {
        var tenant = await NewTenantAsync();
        var item = tenant.Stock(Sku, Wh);
        for (var i = 1; i <= 23; i++)
        {
            await tenant.ReceiveAsync(Sku, Wh, i);
        }

        var small = await LedgerReplay.ReadAllAsync(item, pageSize: 4);
        var (levels, whole) = await LedgerReplay.AssertReplaysAsync(item, pageSize: 500);

        Assert.Equal(Enumerable.Range(1, 23).Select(i => (long)i), small.Select(e => e.Seq));
        Assert.Equal(whole, small);
        Assert.Equal(23 * 24 / 2, levels.OnHand);
        Assert.Empty((await item.Ledger(23, 10)).Ok().Items);
    }

    [Fact]
    public async Task Apply_with_a_non_movement_type_fails_fast_and_the_item_keeps_working()
    {
        var tenant = await NewTenantAsync();
        var item = tenant.Stock(Sku, Wh);
        await tenant.ReceiveAsync(Sku, Wh, 10);

        var bad = item.Apply(new Movement("bad-1", LedgerEntryType.Hold, 1, null, null));
        var good = item.Apply(new Movement("good-1", LedgerEntryType.Receipt, 5, null, null));
        Outcome<StockLevels>? answer = null;
        var error = await Record.ExceptionAsync(async () => answer = await bad.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.IsNotType<TimeoutException>(error);
        Assert.True(error is not null || answer?.Failure is not null, "A hold is not a movement: Apply must refuse it.");
        Assert.Equal(15, (await good.WaitAsync(TimeSpan.FromSeconds(10))).Ok().OnHand);
        Assert.Equal(15, (await LedgerReplay.AssertReplaysAsync(item)).Levels.OnHand);
    }
}
