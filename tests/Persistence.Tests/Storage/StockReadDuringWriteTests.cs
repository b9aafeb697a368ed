using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// A stock item answers reads from memory while its write is in flight: a read then gives the levels PostgreSQL
/// holds, never the ones the pending batch would make, and the new levels once the write has committed.
/// </summary>
public sealed class StockReadDuringWriteTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    private const string Tenant = "t-read-during-write";

    [Fact]
    public async Task A_read_while_a_receipt_waits_on_the_database_gives_the_committed_levels()
    {
        await silo.PutCatalogAsync(Tenant, "w1", "sku-1");
        var item = silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(Tenant, "sku-1", "w1"));
        var before = (await item.Apply(new Movement("r-1", LedgerEntryType.Receipt, 10, null, null))).Value!;

        await using var rowLock = await HeldRowLock.TakeAsync(silo.Database.ConnectionString,
            "SELECT 1 FROM qm_stock_items WHERE tenant_id = $1 AND sku = 'sku-1' AND warehouse_id = 'w1' FOR UPDATE", Tenant);
        var receipt = item.Apply(new Movement("r-2", LedgerEntryType.Receipt, 5, null, null));
        await rowLock.WaitUntilAWriteBlocksAsync("the receipt's write to wait on the held row lock");

        var during = (await item.Get()).Value!;
        Assert.False(receipt.IsCompleted);
        Assert.Equal((10L, 0L, before.Version), (during.OnHand, during.Reserved, during.Version));

        await rowLock.ReleaseAsync();
        var written = (await receipt).Value!;
        Assert.Equal(15, written.OnHand);
        var after = (await item.Get()).Value!;
        Assert.Equal((15L, written.Version), (after.OnHand, after.Version));
        Assert.True(after.Version > before.Version);
    }
}
