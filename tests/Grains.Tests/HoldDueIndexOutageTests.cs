using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Tests.Infrastructure;

namespace Quartermaster.Grains.Tests;

/// <summary>
/// After a batch commits, the stock item tells the hold due index its next expiry. That bookkeeping failing
/// must not leave the batch's callers unanswered: what they asked for is durable.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HoldDueIndexOutageTests(ClusterFixture fixture)
{
    private const string Sku = "sku-1";
    private const string Wh = "wh-1";

    /// <summary>Far below the grain call timeout, which is how long an unanswered caller would wait.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Hold_writes_are_answered_while_the_due_index_cannot_be_told()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains, [Sku], [Wh], HoldDueIndexOutage.TenantPrefix);
        await tenant.ReceiveAsync(Sku, Wh, 10);
        var item = tenant.Stock(Sku, Wh);

        var placing = item.PlaceHold(new HoldRequest("h-1", 4, TimeSpan.FromSeconds(60), null));
        Assert.Same(placing, await Task.WhenAny(placing, Task.Delay(AnswerBound)));
        var placed = (await placing).Ok();
        var second = (await item.PlaceHold(new HoldRequest("h-2", 3, TimeSpan.FromSeconds(600), null))).Ok();

        var expired = (await item.ExpireHold("h-1")).Ok();

        Assert.Equal(HoldStatus.Active, placed.Status);
        Assert.Equal(7, second.Stock.Reserved);
        Assert.Equal(HoldStatus.Expired, expired.Status);
        var (levels, _) = await LedgerReplay.AssertReplaysAsync(item);
        Assert.Equal((10L, 3L), (levels.OnHand, levels.Reserved));
    }
}
