using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// An order calls its storage provider directly, so the direct write's own log is the only record in the silo of a
/// write that failed; the activation is dropped and the next call works from what PostgreSQL holds.
/// </summary>
public sealed class OrderWriteFailureTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    private const string Tenant = "t-order-write-failure";
    private const int WriteFailedEvent = 1902;

    [Fact]
    public async Task A_failed_order_write_is_logged_changes_nothing_and_the_next_call_reloads()
    {
        await silo.PutCatalogAsync(Tenant, "w1", "sku-1");
        var item = silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(Tenant, "sku-1", "w1"));
        Assert.Null((await item.Apply(new Movement("r-1", LedgerEntryType.Receipt, 10, null, null))).Failure);
        var order = silo.Grains.GetGrain<IOrderGrain>(GrainKeys.Order(Tenant, "o-1"));
        Assert.Null((await order.Place(new PlaceOrder(null, [new OrderLine("sku-1", "w1", 2)], 600))).Failure);

        // Another writer moves the row on: the activation's next write is stale.
        await silo.Database.ScalarAsync<long>(
            "UPDATE qm_orders SET version = version + 1 WHERE tenant_id = $1 AND order_id = 'o-1' RETURNING version", Tenant);

        await Assert.ThrowsAnyAsync<Exception>(() => order.Confirm());

        Assert.Contains(silo.Logs.Entries, e => e.Id.Id == WriteFailedEvent && e.Message.Contains($"order/{Tenant}/o-1", StringComparison.Ordinal));
        Assert.Equal("reserved", await silo.Database.ScalarAsync<string>(
            "SELECT status FROM qm_orders WHERE tenant_id = $1 AND order_id = 'o-1'", Tenant));
        var confirmed = await order.Confirm();
        Assert.Equal(OrderStatus.Confirmed, confirmed.Value?.Status);
        Assert.Equal(2, (await item.Get()).Value!.Reserved);
    }
}
