using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class HoldTests(ClusterFixture fixture)
{
    private const string Sku = "sku-1";
    private const string Wh = "wh-1";

    private async Task<(TestTenant Tenant, IStockItemGrain Item)> StockedAsync(long onHand)
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains, [Sku], [Wh]);
        await tenant.ReceiveAsync(Sku, Wh, onHand);
        return (tenant, tenant.Stock(Sku, Wh));
    }

    private static int Count(IReadOnlyList<LedgerEntry> ledger, LedgerEntryType type, string holdId) =>
        ledger.Count(e => e.Type == type && e.MovementId == holdId);

    [Fact]
    public async Task Hold_reserves_and_more_than_available_is_insufficient_stock()
    {
        var (_, item) = await StockedAsync(10);

        var hold = (await item.PlaceHold(new HoldRequest("h-1", 7, null, null))).Ok();
        var refused = (await item.PlaceHold(new HoldRequest("h-2", 4, null, null))).Refused(FailureCode.InsufficientStock);

        Assert.Equal(HoldStatus.Active, hold.Status);
        Assert.Equal((10L, 7L, 3L), (hold.Stock.OnHand, hold.Stock.Reserved, hold.Stock.Available));
        Assert.Equal(3, refused.Available);
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal(7, levels.Reserved);
        Assert.Equal(0, Count(ledger, LedgerEntryType.Hold, "h-2"));
    }

    [Fact]
    public async Task Placing_the_same_hold_again_returns_it_and_other_content_conflicts()
    {
        var (_, item) = await StockedAsync(10);
        var request = new HoldRequest("h-1", 3, null, null);
        (await item.PlaceHold(request)).Ok();

        var again = (await item.PlaceHold(request)).Ok();
        (await item.PlaceHold(request with { Quantity = 4 })).Refused(FailureCode.Conflict);

        Assert.Equal(3, again.Stock.Reserved);
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal(3, levels.Reserved);
        Assert.Equal(1, Count(ledger, LedgerEntryType.Hold, "h-1"));
    }

    [Fact]
    public async Task A_revoked_hold_that_was_never_placed_can_never_be_placed_afterwards()
    {
        var (_, item) = await StockedAsync(10);

        var revoked = (await item.RevokeHold("order:late:1:0")).Ok();
        Assert.Equal(HoldStatus.Released, revoked.Status);
        var late = await item.PlaceHold(new HoldRequest("order:late:1:0", 3, null, "late"));

        Assert.NotEqual(HoldStatus.Active, late.Value?.Status);
        var audit = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal(0, audit.Levels.Reserved);
        Assert.DoesNotContain(audit.Ledger, e => e.MovementId == "order:late:1:0");
    }

    [Fact]
    public async Task Revoking_an_active_hold_releases_it_once()
    {
        var (_, item) = await StockedAsync(10);
        (await item.PlaceHold(new HoldRequest("h-r", 4, null, null))).Ok();

        (await item.RevokeHold("h-r")).Ok();
        (await item.RevokeHold("h-r")).Ok();

        var audit = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal(0, audit.Levels.Reserved);
        Assert.Single(audit.Ledger, e => e.MovementId == "h-r" && e.Type == LedgerEntryType.Release);
    }

    [Fact]
    public async Task Release_is_idempotent()
    {
        var (_, item) = await StockedAsync(10);
        (await item.PlaceHold(new HoldRequest("h-1", 5, null, null))).Ok();

        var first = (await item.ReleaseHold("h-1")).Ok();
        var second = (await item.ReleaseHold("h-1")).Ok();

        Assert.Equal(HoldStatus.Released, first.Status);
        Assert.Equal(HoldStatus.Released, second.Status);
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal((10L, 0L), (levels.OnHand, levels.Reserved));
        Assert.Equal(1, Count(ledger, LedgerEntryType.Release, "h-1"));
        (await item.ReleaseHold("no-such-hold")).Refused(FailureCode.NotFound);
    }

    [Fact]
    public async Task Commit_drops_on_hand_and_reserved_once()
    {
        var (_, item) = await StockedAsync(10);
        (await item.PlaceHold(new HoldRequest("h-1", 4, null, null))).Ok();
        (await item.PlaceHold(new HoldRequest("h-2", 1, null, null))).Ok();

        var committed = (await item.CommitHold("h-1")).Ok();
        var again = (await item.CommitHold("h-1")).Ok();

        Assert.Equal(HoldStatus.Committed, committed.Status);
        Assert.Equal((6L, 1L), (committed.Stock.OnHand, committed.Stock.Reserved));
        Assert.Equal(HoldStatus.Committed, again.Status);
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal((6L, 1L), (levels.OnHand, levels.Reserved));
        Assert.Equal(1, Count(ledger, LedgerEntryType.Commit, "h-1"));
    }

    [Fact]
    public async Task Commit_of_a_released_hold_and_release_of_a_committed_one_are_invalid_transitions()
    {
        var (_, item) = await StockedAsync(10);
        (await item.PlaceHold(new HoldRequest("released", 2, null, null))).Ok();
        (await item.PlaceHold(new HoldRequest("committed", 3, null, null))).Ok();
        (await item.ReleaseHold("released")).Ok();
        (await item.CommitHold("committed")).Ok();
        var before = await LedgerReplay.AssertReplaysAsync(item);

        (await item.CommitHold("released")).Refused(FailureCode.InvalidTransition);
        (await item.ReleaseHold("committed")).Refused(FailureCode.InvalidTransition);

        var after = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal(before.Levels, after.Levels);
        Assert.Equal((7L, 0L), (after.Levels.OnHand, after.Levels.Reserved));
    }

    [Fact]
    public async Task Due_hold_expires_exactly_once()
    {
        var (_, item) = await StockedAsync(20);
        (await item.PlaceHold(new HoldRequest("short", 5, TimeSpan.FromSeconds(60), null))).Ok();
        (await item.PlaceHold(new HoldRequest("long", 3, TimeSpan.FromSeconds(600), null))).Ok();
        (await item.PlaceHold(new HoldRequest("forever", 2, null, null))).Ok();
        Assert.Equal(0, await item.ExpireDueHolds());

        TestClock.Advance(TimeSpan.FromSeconds(61));
        var expired = await item.ExpireDueHolds();
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        var expiredAgain = await item.ExpireDueHolds();
        var (levelsAgain, ledgerAgain) = await LedgerReplay.AssertReplaysAsync(item);

        Assert.Equal(1, expired);
        Assert.Equal((20L, 5L), (levels.OnHand, levels.Reserved));
        var expiry = Assert.Single(ledger, e => e.Type == LedgerEntryType.Expire);
        Assert.Equal(("short", 5L), (expiry.MovementId, expiry.Quantity));
        Assert.Equal(0, expiredAgain);
        Assert.Equal(levels, levelsAgain);
        Assert.Equal(ledger, ledgerAgain);
    }

    [Fact]
    public async Task Expired_hold_release_is_a_no_op_and_commit_is_invalid()
    {
        var (_, item) = await StockedAsync(10);
        (await item.PlaceHold(new HoldRequest("h-1", 4, TimeSpan.FromSeconds(60), null))).Ok();
        TestClock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await item.ExpireDueHolds());

        var released = (await item.ReleaseHold("h-1")).Ok();
        (await item.CommitHold("h-1")).Refused(FailureCode.InvalidTransition);
        var expiredAgain = (await item.ExpireHold("h-1")).Ok();

        Assert.Equal(HoldStatus.Expired, released.Status);
        Assert.Equal(HoldStatus.Expired, expiredAgain.Status);
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal((10L, 0L), (levels.OnHand, levels.Reserved));
        Assert.Equal(1, Count(ledger, LedgerEntryType.Expire, "h-1"));
        Assert.Equal(0, Count(ledger, LedgerEntryType.Release, "h-1"));
    }

    [Fact]
    public async Task Kept_hold_no_longer_expires()
    {
        var (_, item) = await StockedAsync(10);
        (await item.PlaceHold(new HoldRequest("h-1", 4, TimeSpan.FromSeconds(60), null))).Ok();

        var kept = (await item.KeepHold("h-1")).Ok();
        TestClock.Advance(TimeSpan.FromMinutes(10));

        Assert.Null(kept.ExpiresAt);
        Assert.Equal(0, await item.ExpireDueHolds());
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal(4, levels.Reserved);
        Assert.DoesNotContain(ledger, e => e.Type == LedgerEntryType.Expire);
    }
}
