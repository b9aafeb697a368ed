using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

/// <summary>
/// A stock item keeps only a window of recent ids in memory; these tests push ids out of that window and
/// check that replays of them are still answered as replays (never applied twice), that other content still
/// conflicts, and that a replay sharing a batch with new commands does not fail or double-apply them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StockHistoryTests(ClusterFixture fixture)
{
    private const string Sku = "sku-1";
    private const string Wh = "wh-1";

    // More than the window holds, so the first ids of a test have left it.
    private const int Crowd = 600;

    private async Task<IStockItemGrain> StockedAsync(long onHand)
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains, [Sku], [Wh]);
        await tenant.ReceiveAsync(Sku, Wh, onHand);
        return tenant.Stock(Sku, Wh);
    }

    /// <summary>Places and releases enough other holds to push earlier ended holds out of the recent window.</summary>
    private static async Task CrowdOutAsync(IStockItemGrain item, string prefix)
    {
        var ids = Enumerable.Range(0, Crowd).Select(i => $"{prefix}-{i}").ToList();
        foreach (var outcome in await Task.WhenAll(ids.Select(id => item.PlaceHold(new HoldRequest(id, 1, null, null)))))
        {
            outcome.Ok();
        }

        foreach (var outcome in await Task.WhenAll(ids.Select(item.ReleaseHold)))
        {
            Assert.Equal(HoldStatus.Released, outcome.Ok().Status);
        }
    }

    [Fact]
    public async Task A_hold_placed_long_ago_is_a_replay_with_the_same_content_and_a_conflict_with_other_content()
    {
        var item = await StockedAsync(1_000);
        var request = new HoldRequest("h-old", 3, null, "ref-1");
        (await item.PlaceHold(request)).Ok();
        (await item.ReleaseHold("h-old")).Ok();
        await CrowdOutAsync(item, "crowd");

        // Sent together with new holds, so the replay shares their batch.
        var fresh = Enumerable.Range(0, 20).Select(i => item.PlaceHold(new HoldRequest($"new-{i}", 1, null, null))).ToList();
        var again = item.PlaceHold(request);
        var other = item.PlaceHold(request with { Quantity = 4 });
        await Task.WhenAll(fresh.Append(again).Append(other));

        var replayed = (await again).Ok();
        Assert.Equal((HoldStatus.Released, 3L), (replayed.Status, replayed.Quantity));
        (await other).Refused(FailureCode.Conflict);
        foreach (var placed in fresh)
        {
            Assert.Equal(HoldStatus.Active, (await placed).Ok().Status);
        }

        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item, pageSize: 500);
        Assert.Equal((1_000L, 20L), (levels.OnHand, levels.Reserved));
        Assert.Single(ledger, e => e.Type == LedgerEntryType.Hold && e.MovementId == "h-old");
        Assert.All(Enumerable.Range(0, 20), i => Assert.Single(ledger, e => e.Type == LedgerEntryType.Hold && e.MovementId == $"new-{i}"));
    }

    [Fact]
    public async Task A_hold_ended_long_ago_answers_release_and_keep_from_storage()
    {
        var item = await StockedAsync(1_000);
        (await item.PlaceHold(new HoldRequest("h-old", 2, null, null))).Ok();
        (await item.CommitHold("h-old")).Ok();
        await CrowdOutAsync(item, "crowd");

        var commitAgain = (await item.CommitHold("h-old")).Ok();
        (await item.ReleaseHold("h-old")).Refused(FailureCode.InvalidTransition);
        (await item.KeepHold("h-old")).Refused(FailureCode.InvalidTransition);
        (await item.ReleaseHold("h-never")).Refused(FailureCode.NotFound);

        Assert.Equal((HoldStatus.Committed, 998L), (commitAgain.Status, commitAgain.Stock.OnHand));
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item, pageSize: 500);
        Assert.Equal((998L, 0L), (levels.OnHand, levels.Reserved));
        Assert.Single(ledger, e => e.Type == LedgerEntryType.Commit && e.MovementId == "h-old");
    }

    [Fact]
    public async Task A_revoked_hold_stays_revoked_after_it_left_the_window()
    {
        var item = await StockedAsync(1_000);
        (await item.RevokeHold("order:late:1:0")).Ok();
        await CrowdOutAsync(item, "crowd");

        (await item.PlaceHold(new HoldRequest("order:late:1:0", 2, null, "late"))).Refused(FailureCode.Conflict);
        var revokedAgain = (await item.RevokeHold("order:late:1:0")).Ok();

        Assert.Equal(HoldStatus.Released, revokedAgain.Status);
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item, pageSize: 500);
        Assert.Equal(0L, levels.Reserved);
        Assert.DoesNotContain(ledger, e => e.MovementId == "order:late:1:0");
    }

    [Fact]
    public async Task A_receipt_applied_long_ago_is_a_replay_with_the_same_content_and_a_conflict_with_other_content()
    {
        var item = await StockedAsync(10);
        var receipt = new Movement("r-old", LedgerEntryType.Receipt, 5, null, null);
        (await item.Apply(receipt)).Ok();
        var receipts = await Task.WhenAll(Enumerable.Range(0, Crowd).Select(i =>
            item.Apply(new Movement($"r-{i}", LedgerEntryType.Receipt, 1, null, null))));
        Assert.All(receipts, r => r.Ok());

        var again = (await item.Apply(receipt)).Ok();
        (await item.Apply(receipt with { Quantity = 6 })).Refused(FailureCode.Conflict);

        Assert.Equal(10 + 5 + Crowd, again.OnHand);
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item, pageSize: 500);
        Assert.Equal(10 + 5 + Crowd, levels.OnHand);
        Assert.Single(ledger, e => e.MovementId == "r-old");
    }
}
