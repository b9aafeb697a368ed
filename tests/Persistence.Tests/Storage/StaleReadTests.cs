using Microsoft.Extensions.DependencyInjection;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Hosting;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// Around a membership change Orleans can keep an activation that loaded its state before another activation's
/// last write; nothing tells it until it writes. While membership settles, a read confirms its activation
/// against storage first. Each test moves a row on behind an active grain, as the other activation's write
/// would, then has a second silo join.
/// </summary>
public sealed class StaleReadTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    private const string Tenant = "t-stale-read";
    private const int StaleStockEvent = 2007;
    private const int StaleOrderEvent = 3004;

    [Fact]
    public async Task After_a_silo_joins_a_stock_read_by_an_activation_that_storage_has_moved_past_is_refused_and_the_next_one_reads_storage()
    {
        var item = await ActiveItemThatStorageMovedPastAsync("p1");

        await WhileAnotherSiloHasJoinedAsync(async () =>
        {
            await Assert.ThrowsAsync<GrainUnavailableException>(() => item.Get());
            Assert.Contains(silo.Logs.Entries, e => e.Id.Id == StaleStockEvent && e.Message.Contains("/p1/w1", StringComparison.Ordinal));
            Assert.Equal(7, (await item.Get()).Value!.OnHand);
        });
    }

    [Fact]
    public async Task After_a_silo_joins_a_refusal_that_writes_nothing_is_not_answered_from_memory_that_storage_has_moved_past()
    {
        var item = await ActiveItemThatStorageMovedPastAsync("p3");

        await WhileAnotherSiloHasJoinedAsync(async () =>
        {
            // Memory says 5 on hand, so a hold of 6 would be refused as short of stock: a batch that writes nothing.
            await Assert.ThrowsAsync<GrainUnavailableException>(() => item.PlaceHold(new HoldRequest("h-6", 6, TimeSpan.FromMinutes(10), null)));
            Assert.Null((await item.PlaceHold(new HoldRequest("h-6", 6, TimeSpan.FromMinutes(10), null))).Failure);
            Assert.Equal(6, (await item.Get()).Value!.Reserved);
        });
    }

    [Fact]
    public async Task After_a_silo_joins_an_order_read_by_an_activation_that_storage_has_moved_past_is_refused_and_the_next_one_reads_storage()
    {
        await silo.PutCatalogAsync(Tenant, "w1", "p2");
        var item = silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(Tenant, "p2", "w1"));
        Assert.Null((await item.Apply(new Movement("r2", LedgerEntryType.Receipt, 5, null, null))).Failure);
        var order = silo.Grains.GetGrain<IOrderGrain>(GrainKeys.Order(Tenant, "o-stale"));
        Assert.Null((await order.Place(new PlaceOrder(null, [new OrderLine("p2", "w1", 2)], 600))).Failure);
        await silo.Database.ScalarAsync<long>(
            "UPDATE qm_orders SET version = version + 1 WHERE tenant_id = $1 AND order_id = 'o-stale' RETURNING version", Tenant);

        await WhileAnotherSiloHasJoinedAsync(async () =>
        {
            await Assert.ThrowsAsync<GrainUnavailableException>(() => order.Get());
            Assert.Contains(silo.Logs.Entries, e => e.Id.Id == StaleOrderEvent && e.Message.Contains("o-stale", StringComparison.Ordinal));
            Assert.Equal(OrderStatus.Reserved, (await order.Get())!.Status);
        });
    }

    /// <summary>An active item with 5 on hand in memory, whose row another activation's write moved on to 7.</summary>
    private async Task<IStockItemGrain> ActiveItemThatStorageMovedPastAsync(string sku)
    {
        await silo.PutCatalogAsync(Tenant, "w1", sku);
        var item = silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(Tenant, sku, "w1"));
        Assert.Null((await item.Apply(new Movement("r-" + sku, LedgerEntryType.Receipt, 5, null, null))).Failure);
        Assert.Equal(1, await silo.Database.ScalarAsync<int>(
            "WITH changed AS (UPDATE qm_stock_items SET version = version + 1, on_hand = 7 WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = 'w1' RETURNING 1) SELECT count(*)::int FROM changed",
            Tenant, sku));
        return item;
    }

    private async Task WhileAnotherSiloHasJoinedAsync(Func<Task> reads)
    {
        var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
        var settling = silo.Services.GetRequiredService<MembershipSettling>();
        var before = membership.CurrentSnapshot.Version;
        using var another = await silo.StartAnotherSiloAsync();
        try
        {
            // Heard by the silo's watcher, before any read asks.
            await Eventually.ReturnsAsync(() => Task.FromResult(settling.ObservedVersion),
                version => version > before, TimeSpan.FromSeconds(30), "the first silo to see the second join");
            await reads();
        }
        finally
        {
            await another.StopAsync();
        }
    }
}
