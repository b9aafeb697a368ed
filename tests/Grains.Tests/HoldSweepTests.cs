using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Stock;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

/// <summary>
/// A hold whose stock item does not expire it itself (its timer is far off here, as it would be gone with a dead
/// silo) is expired by the sweep within the contract's 60 seconds, once, and leaves the due index.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HoldSweepTests(ClusterFixture fixture)
{
    private const string Sku = "sku-swept";
    private const string Wh = "wh-1";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_hold_past_its_expiry_is_expired_by_the_sweep_exactly_once_and_leaves_the_due_index()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains, [Sku], [Wh]);
        await tenant.ReceiveAsync(Sku, Wh, 10);
        var item = tenant.Stock(Sku, Wh);
        var itemKey = GrainKeys.StockItem(tenant.Id, Sku, Wh);
        // Its own expiry timer waits ten real minutes: within this test only the sweep can expire it.
        (await item.PlaceHold(new HoldRequest("h-swept", 4, TimeSpan.FromSeconds(600), null))).Ok();
        (await item.PlaceHold(new HoldRequest("h-kept", 1, null, null))).Ok();
        Assert.True(await IsDueAsync(itemKey, DateTimeOffset.MaxValue), "an item with an expiring hold is in the due index");

        TestClock.Advance(TimeSpan.FromSeconds(601));
        await Eventually.TrueAsync(async () => (await item.Get()).Ok().Reserved == 1, Bound, "the sweep expired the hold");

        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal((10L, 1L), (levels.OnHand, levels.Reserved));
        Assert.Single(ledger, e => e.Type == LedgerEntryType.Expire && e.MovementId == "h-swept");
        Assert.False(await IsDueAsync(itemKey, DateTimeOffset.MaxValue), "a hold that cannot expire keeps no item in the due index");
    }

    private async Task<bool> IsDueAsync(string itemKey, DateTimeOffset now)
    {
        var index = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredService<IHoldDueIndex>();
        for (var range = 0; range < OrderSweep.Ranges; range++)
        {
            var due = await index.DueAsync(range, now, null, 10_000, CancellationToken.None);
            if (due.Any(d => d.Key == itemKey))
            {
                return true;
            }
        }

        return false;
    }
}
