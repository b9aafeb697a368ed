using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class StockConcurrencyTests(ClusterFixture fixture)
{
    private const string Sku = "sku-1";
    private const string Wh = "wh-1";

    private async Task<IStockItemGrain> StockedAsync(long onHand)
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains, [Sku], [Wh]);
        await tenant.ReceiveAsync(Sku, Wh, onHand);
        return tenant.Stock(Sku, Wh);
    }

    [Fact]
    public async Task A_thousand_concurrent_holds_on_five_hundred_units_never_oversell()
    {
        var item = await StockedAsync(500);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 1000)
            .Select(i => item.PlaceHold(new HoldRequest($"h-{i}", 1, null, null))));

        Assert.Equal(500, outcomes.Count(o => o.Failure is null));
        Assert.All(outcomes.Where(o => o.Failure is not null), o =>
        {
            var failure = o.Refused(FailureCode.InsufficientStock);
            Assert.Equal(0, failure.Available);
        });
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item, pageSize: 500);
        Assert.Equal((500L, 500L, 0L), (levels.OnHand, levels.Reserved, levels.Available));
        Assert.Equal(501, ledger.Count);
        var granted = outcomes.Select((o, i) => (o, id: $"h-{i}")).Where(x => x.o.Failure is null).Select(x => x.id).ToHashSet();
        Assert.True(granted.SetEquals(ledger.Where(e => e.Type == LedgerEntryType.Hold).Select(e => e.MovementId)));
    }

    [Fact]
    public async Task Concurrent_retries_of_one_hold_place_it_once()
    {
        var item = await StockedAsync(10);
        var request = new HoldRequest("h-1", 3, null, null);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => item.PlaceHold(request)));

        Assert.All(outcomes, o => Assert.Equal(HoldStatus.Active, o.Ok().Status));
        var (levels, ledger) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal(3, levels.Reserved);
        Assert.Single(ledger, e => e.Type == LedgerEntryType.Hold);
    }

    [Fact]
    public async Task Mixed_concurrent_holds_releases_commits_and_receipts_keep_reserved_within_on_hand()
    {
        const long Initial = 300;
        var item = await StockedAsync(Initial);
        var existing = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(i => item.PlaceHold(new HoldRequest($"old-{i}", 1 + (i % 3), null, null))));
        var oldQuantity = existing.Select(o => o.Ok().Quantity).ToArray();
        var snapshots = new List<Task<Outcome<StockLevels>>>();

        var newHolds = Enumerable.Range(0, 200).Select(i => item.PlaceHold(new HoldRequest($"new-{i}", 2, null, null))).ToArray();
        var releases = Enumerable.Range(0, 50).Select(i => item.ReleaseHold($"old-{i}")).ToArray();
        var commits = Enumerable.Range(50, 50).Select(i => item.CommitHold($"old-{i}")).ToArray();
        var receipts = Enumerable.Range(0, 20)
            .Select(i => item.Apply(new Movement($"rcv-{i}", LedgerEntryType.Receipt, 5, null, null))).ToArray();
        for (var i = 0; i < 20; i++)
        {
            snapshots.Add(item.Get());
        }

        var placed = await Task.WhenAll(newHolds);
        Assert.All(await Task.WhenAll(releases), o => Assert.Equal(HoldStatus.Released, o.Ok().Status));
        Assert.All(await Task.WhenAll(commits), o => Assert.Equal(HoldStatus.Committed, o.Ok().Status));
        Assert.All(await Task.WhenAll(receipts), o => o.Ok());
        Assert.All(await Task.WhenAll(snapshots), o => Assert.InRange(o.Ok().Reserved, 0, o.Ok().OnHand));

        Assert.All(placed.Where(o => o.Failure is not null), o => o.Refused(FailureCode.InsufficientStock));
        var committed = oldQuantity[50..].Sum();
        var stillHeld = placed.Count(o => o.Failure is null) * 2L;
        var (levels, _) = await LedgerReplay.AssertReplaysAsync(item, pageSize: 100);
        Assert.Equal(Initial + (20 * 5) - committed, levels.OnHand);
        Assert.Equal(stillHeld, levels.Reserved);
        Assert.InRange(levels.Reserved, 0, levels.OnHand);
    }
}
