using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TransferTests(ClusterFixture fixture)
{
    private const string Sku = "sku-1";
    private static readonly string[] Warehouses = ["wh-a", "wh-b", "wh-c"];

    private async Task<TestTenant> StockedAsync(long a, long b = 0)
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains, [Sku], Warehouses);
        await tenant.ReceiveAsync(Sku, "wh-a", a);
        if (b > 0)
        {
            await tenant.ReceiveAsync(Sku, "wh-b", b);
        }

        return tenant;
    }

    private static async Task<long[]> ReplayedOnHandAsync(TestTenant tenant, params string[] warehouses)
    {
        var result = new long[warehouses.Length];
        for (var i = 0; i < warehouses.Length; i++)
        {
            result[i] = (await LedgerReplay.AssertReplaysAsync(tenant.Stock(Sku, warehouses[i]))).Levels.OnHand;
        }

        return result;
    }

    [Fact]
    public async Task Transfer_moves_stock_and_records_both_sides()
    {
        var tenant = await StockedAsync(10);

        var result = (await tenant.Transfer(Sku, "wh-a", "mv-1").Execute("wh-b", 4)).Ok();

        Assert.Equal((6L, 4L), (result.From.OnHand, result.To.OnHand));
        var onHand = await ReplayedOnHandAsync(tenant, "wh-a", "wh-b");
        Assert.Equal([6L, 4L], onHand);
        var outEntry = (await LedgerReplay.ReadAllAsync(tenant.Stock(Sku, "wh-a")))[^1];
        var inEntry = Assert.Single(await LedgerReplay.ReadAllAsync(tenant.Stock(Sku, "wh-b")));
        Assert.Equal((LedgerEntryType.TransferOut, "mv-1", 4L, "wh-b"), (outEntry.Type, outEntry.MovementId, outEntry.Quantity, outEntry.Ref));
        Assert.Equal((LedgerEntryType.TransferIn, "mv-1", 4L, "wh-a"), (inEntry.Type, inEntry.MovementId, inEntry.Quantity, inEntry.Ref));
    }

    [Fact]
    public async Task Insufficient_available_stock_moves_nothing()
    {
        var tenant = await StockedAsync(10, 2);
        (await tenant.Stock(Sku, "wh-a").PlaceHold(new HoldRequest("h-1", 3, null, null))).Ok();
        var before = await Task.WhenAll(LedgerReplay.AssertReplaysAsync(tenant.Stock(Sku, "wh-a")), LedgerReplay.AssertReplaysAsync(tenant.Stock(Sku, "wh-b")));

        var failure = (await tenant.Transfer(Sku, "wh-a", "mv-1").Execute("wh-b", 8))
            .Refused(FailureCode.InsufficientStock);

        Assert.Equal(7, failure.Available);
        var after = await Task.WhenAll(LedgerReplay.AssertReplaysAsync(tenant.Stock(Sku, "wh-a")), LedgerReplay.AssertReplaysAsync(tenant.Stock(Sku, "wh-b")));
        Assert.Equal(before.Select(x => x.Levels), after.Select(x => x.Levels));
    }

    [Fact]
    public async Task Retrying_a_transfer_moves_the_stock_once()
    {
        var tenant = await StockedAsync(10);
        var transfer = tenant.Transfer(Sku, "wh-a", "mv-1");
        var first = (await transfer.Execute("wh-b", 4)).Ok();

        var retried = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => transfer.Execute("wh-b", 4)));

        Assert.All(retried, r => Assert.Equal(first, r.Ok()));
        var onHand = await ReplayedOnHandAsync(tenant, "wh-a", "wh-b");
        Assert.Equal([6L, 4L], onHand);
    }

    [Fact]
    public async Task Resending_a_finished_transfer_answers_both_items_as_they_are_now_and_moves_nothing()
    {
        var tenant = await StockedAsync(10);
        var transfer = tenant.Transfer(Sku, "wh-a", "mv-1");
        (await transfer.Execute("wh-b", 4)).Ok();
        await tenant.ReceiveAsync(Sku, "wh-a", 5);
        await tenant.ReceiveAsync(Sku, "wh-b", 7);

        var resent = (await transfer.Execute("wh-b", 4)).Ok();

        Assert.Equal(await tenant.LevelsAsync(Sku, "wh-a"), resent.From);
        Assert.Equal(await tenant.LevelsAsync(Sku, "wh-b"), resent.To);
        Assert.Equal((11L, 11L), (resent.From.OnHand, resent.To.OnHand));
        var onHand = await ReplayedOnHandAsync(tenant, "wh-a", "wh-b");
        Assert.Equal([11L, 11L], onHand);
    }

    [Fact]
    public async Task Same_movement_with_other_content_is_a_conflict_and_moves_nothing_more()
    {
        var tenant = await StockedAsync(10);
        var transfer = tenant.Transfer(Sku, "wh-a", "mv-1");
        (await transfer.Execute("wh-b", 4)).Ok();

        (await transfer.Execute("wh-b", 5)).Refused(FailureCode.Conflict);
        (await transfer.Execute("wh-c", 4)).Refused(FailureCode.Conflict);

        var onHand = await ReplayedOnHandAsync(tenant, "wh-a", "wh-b", "wh-c");
        Assert.Equal([6L, 4L, 0L], onHand);
    }

    [Fact]
    public async Task Missing_destination_warehouse_is_not_found_and_moves_nothing()
    {
        var tenant = await StockedAsync(10);

        (await tenant.Transfer(Sku, "wh-a", "mv-1").Execute("no-such-wh", 4)).Refused(FailureCode.NotFound);

        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(tenant.Stock(Sku, "wh-a"));
        Assert.Equal(10, levels.OnHand);
        Assert.DoesNotContain(ledger, e => e.Type == LedgerEntryType.TransferOut);
    }

    [Fact]
    public async Task Refused_transfer_can_be_retried_after_restocking()
    {
        var tenant = await StockedAsync(3);
        var transfer = tenant.Transfer(Sku, "wh-a", "mv-1");
        (await transfer.Execute("wh-b", 5)).Refused(FailureCode.InsufficientStock);

        await tenant.ReceiveAsync(Sku, "wh-a", 2);
        (await transfer.Execute("wh-b", 5)).Ok();

        var onHand = await ReplayedOnHandAsync(tenant, "wh-a", "wh-b");
        Assert.Equal([0L, 5L], onHand);
    }

    [Fact]
    public async Task Transfers_from_two_sources_with_one_movement_id_never_lose_stock()
    {
        var tenant = await StockedAsync(10, 10);
        (await tenant.Transfer(Sku, "wh-a", "mv-1").Execute("wh-c", 4)).Ok();

        Outcome<TransferResult>? outcome = null;
        var error = await Record.ExceptionAsync(async () =>
            outcome = await tenant.Transfer(Sku, "wh-b", "mv-1").Execute("wh-c", 4));

        // A movement id names one transfer of the product: the second one is refused and moves nothing.
        Assert.Null(error);
        Assert.Equal(FailureCode.Conflict, outcome?.Failure?.Code);
        var onHand = await ReplayedOnHandAsync(tenant, "wh-a", "wh-b", "wh-c");
        Assert.Equal([6L, 10L, 4L], onHand);
    }
}
