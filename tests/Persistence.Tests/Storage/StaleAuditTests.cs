using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// A rolling restart once left a second activation of a stock item answering the invariant checker from the state
/// it had loaded, without the holds another activation wrote after that: five reserved orders "held nothing" for
/// as long as the check was retried. An audit compares its activation with what storage holds first.
/// </summary>
public sealed class StaleAuditTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    private const string Tenant = "t-stale-audit";

    [Fact]
    public async Task An_audit_by_an_activation_that_storage_has_moved_past_is_refused_and_the_next_one_reads_storage()
    {
        await silo.PutCatalogAsync(Tenant, "w1", "p1");
        var item = silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(Tenant, "p1", "w1"));
        Assert.Null((await item.Apply(new Movement("r1", LedgerEntryType.Receipt, 5, null, null))).Failure);
        Assert.Equal(5, (await item.Audit()).Value!.Levels.OnHand);

        // What another activation's write does to the row: a newer version (and here, more stock).
        await silo.Database.ScalarAsync<int>(
            "WITH changed AS (UPDATE qm_stock_items SET version = version + 1, on_hand = 7 WHERE tenant_id = $1 AND sku = 'p1' AND warehouse_id = 'w1' RETURNING 1) SELECT count(*)::int FROM changed",
            Tenant);

        await Assert.ThrowsAsync<GrainUnavailableException>(() => item.Audit());
        var audit = (await item.Audit()).Value!;
        Assert.Equal(7, audit.Levels.OnHand);
    }
}
