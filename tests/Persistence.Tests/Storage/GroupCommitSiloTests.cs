using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Persistence.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>The group commit under real stock-item grains on one silo with PostgreSQL storage.</summary>
public sealed class GroupCommitSiloTests(DurableSilo silo, ITestOutputHelper output) : IClassFixture<DurableSilo>
{
    [Fact]
    public async Task A_grain_whose_row_moved_on_fails_its_write_and_reloads_while_its_neighbour_commits()
    {
        var tenant = await CatalogAsync(["stale", "fresh"]);
        var stale = Stock(tenant, "stale");
        var fresh = Stock(tenant, "fresh");
        Assert.Equal(10, (await stale.Apply(Receipt("r1", 10))).Value!.OnHand);
        Assert.Equal(10, (await fresh.Apply(Receipt("r1", 10))).Value!.OnHand);
        // Another writer (an activation elsewhere) wrote the row after this activation read it.
        await silo.Database.ScalarAsync<int>(
            "WITH moved AS (UPDATE qm_stock_items SET version = version + 1 WHERE tenant_id = $1 AND sku = 'stale' RETURNING 1) SELECT count(*)::int FROM moved",
            tenant);

        var staleWrite = stale.Apply(Receipt("r2", 5));
        var freshWrite = fresh.Apply(Receipt("r2", 5));
        await Assert.ThrowsAnyAsync<Exception>(() => staleWrite);
        Assert.Equal(15, (await freshWrite).Value!.OnHand);

        // The refused activation is dropped; the next one reads the stored row and the retry applies once.
        var retried = await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    return (await stale.Apply(Receipt("r2", 5))).Value;
                }
                catch (Exception)
                {
                    return null;
                }
            },
            levels => levels is not null, TimeSpan.FromSeconds(30), "the stale stock item to reload and accept the retry");
        Assert.Equal(15, retried!.OnHand);
        Assert.Equal(15L, await silo.Database.ScalarAsync<long>(
            "SELECT on_hand FROM qm_stock_items WHERE tenant_id = $1 AND sku = 'stale'", tenant));
        Assert.Equal(2L, await silo.Database.ScalarAsync<long>(
            "SELECT count(*) FROM qm_stock_ledger WHERE tenant_id = $1 AND sku = 'stale'", tenant));
    }

    [Fact]
    public async Task Writes_of_many_stock_items_at_once_share_transactions()
    {
        const int Items = 120;
        var skus = Enumerable.Range(0, Items).Select(i => $"sku-{i}").ToArray();
        var tenant = await CatalogAsync(skus);

        // The first receipts also activate the items (a read each), which spreads their writes out in time;
        // the second ones arrive together at active grains, as they do under load.
        await Task.WhenAll(skus.Select(sku => Stock(tenant, sku).Apply(Receipt("r1", 3))));
        var levels = await Task.WhenAll(skus.Select(sku => Stock(tenant, sku).Apply(Receipt("r2", 4))));

        Assert.All(levels, outcome => Assert.Equal(7, outcome.Value!.OnHand));
        Assert.Equal((long)Items, await silo.Database.ScalarAsync<long>(
            "SELECT count(*) FROM qm_stock_items WHERE tenant_id = $1 AND on_hand = 7", tenant));
        var transactions = await silo.Database.ScalarAsync<long>(
            "SELECT count(DISTINCT xmin::text) FROM qm_stock_items WHERE tenant_id = $1", tenant);
        output.WriteLine($"{Items} stock item writes arriving together committed in {transactions} transactions");
        Assert.True(transactions <= Items / 4, $"{Items} stock item writes took {transactions} transactions");
    }

    private async Task<string> CatalogAsync(IEnumerable<string> skus)
    {
        var tenant = $"t-{Guid.NewGuid():N}";
        await silo.PutCatalogAsync(tenant, "w", skus);
        return tenant;
    }

    private IStockItemGrain Stock(string tenant, string sku) => silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(tenant, sku, "w"));

    private static Movement Receipt(string movementId, long quantity) => new(movementId, LedgerEntryType.Receipt, quantity, null, null);
}
