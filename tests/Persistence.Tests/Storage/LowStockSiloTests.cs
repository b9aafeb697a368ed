using Npgsql;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Abstractions.Tenants;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>Thresholds, low-stock crossings and the stock list on PostgreSQL, through real stock-item grains.</summary>
public sealed class LowStockSiloTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    [Fact]
    public async Task Crossings_are_written_with_their_change_and_the_list_reads_the_threshold_in_force_from_the_rows()
    {
        var tenant = $"t-{Guid.NewGuid():N}";
        var created = await silo.Grains.GetGrain<ITenantGrain>(tenant).Create("Low stock", TenantSettings.Default with { LowStockThreshold = 5 });
        Assert.Null(created.Failure);
        await silo.PutCatalogAsync(tenant, "w", "a", "b");

        var a = Stock(tenant, "a");
        Assert.Equal(5, (await a.Apply(new Movement("r1", LedgerEntryType.Receipt, 10, null, null))).Value!.LowStockThreshold);
        Assert.Null((await a.PlaceHold(new HoldRequest("h1", 6, TimeSpan.FromHours(1), null))).Failure);   // 4: low
        Assert.Equal(3, (await a.SetLowStockThreshold(3)).Value!.LowStockThreshold);                         // own 3: restocked
        Assert.Null((await Stock(tenant, "b").Apply(new Movement("r1", LedgerEntryType.Receipt, 2, null, null))).Failure); // 2 at 5: low

        await using var source = NpgsqlDataSource.Create(silo.Database.ConnectionString);
        var log = new PostgresEventLog(source);
        var events = (await Eventually.ReturnsAsync(() => log.ReadAsync(tenant, null, null, 50, CancellationToken.None),
            p => p.Events.Count >= 6, TimeSpan.FromSeconds(10), "six events listed")).Events;
        Assert.Equal(
            [("stock.changed", "a", 10L, (long?)null, "r1"), ("stock.changed", "a", 4L, null, "h1"), ("stock.low", "a", 4L, 5L, "h1"),
             ("stock.restocked", "a", 4L, 3L, null), ("stock.changed", "b", 2L, null, "r1"), ("stock.low", "b", 2L, 5L, "r1")],
            events.Select(e => (e.Type, e.Data.Stock!.Item.Sku, e.Data.Stock.Item.Available, e.Data.Stock.Item.LowStockThreshold, e.Data.Stock.Entry?.MovementId)));
        Assert.Equal(3L, await silo.Database.ScalarAsync<long>(
            "SELECT low_stock_threshold FROM qm_stock_items WHERE tenant_id = $1 AND sku = 'a'", tenant));
        Assert.Equal("a:f,b:t", await silo.Database.ScalarAsync<string>(
            "SELECT string_agg(sku || ':' || is_low::text::char, ',' ORDER BY sku) FROM qm_stock_items WHERE tenant_id = $1", tenant));

        var search = silo.Grains.GetGrain<IStockSearchGrain>(tenant);
        var low = await search.Query(new StockQuery(null, null, LowOnly: true, TenantThreshold: 5, After: null, Limit: 10));
        Assert.Equal([("b", 5L)], low.Items.Select(i => (i.Sku, i.LowStockThreshold!.Value)));
        var first = await search.Query(new StockQuery("w", null, LowOnly: false, TenantThreshold: 5, After: null, Limit: 1));
        Assert.Equal([("a", 3L, 4L)], first.Items.Select(i => (i.Sku, i.LowStockThreshold!.Value, i.Available)));
        var second = await search.Query(new StockQuery("w", null, LowOnly: false, TenantThreshold: 5, After: first.Next, Limit: 1));
        Assert.Equal(["b"], second.Items.Select(i => i.Sku));
        Assert.Null(second.Next);
        Assert.Empty((await search.Query(new StockQuery(null, "c", LowOnly: false, TenantThreshold: 5, After: null, Limit: 10))).Items);
    }

    [Fact]
    public async Task A_change_of_the_tenants_threshold_writes_the_crossing_of_each_item_it_moved_with_the_items_row()
    {
        var tenant = $"t-{Guid.NewGuid():N}";
        Assert.Null((await silo.Grains.GetGrain<ITenantGrain>(tenant).Create("Low stock", TenantSettings.Default with { LowStockThreshold = 5 })).Failure);
        await silo.PutCatalogAsync(tenant, "w", "a", "b", "c");
        Assert.Null((await Stock(tenant, "a").Apply(new Movement("r1", LedgerEntryType.Receipt, 10, null, null))).Failure); // 10 at 5
        Assert.Null((await Stock(tenant, "b").Apply(new Movement("r1", LedgerEntryType.Receipt, 3, null, null))).Failure);  // 3 at 5: low
        Assert.Null((await Stock(tenant, "c").Apply(new Movement("r1", LedgerEntryType.Receipt, 10, null, null))).Failure); // 10,
        Assert.Null((await Stock(tenant, "c").SetLowStockThreshold(1)).Failure);                                               // own 1

        Assert.Null((await silo.Grains.GetGrain<ITenantGrain>(tenant).UpdateSettings(new SettingsChange(null, 12, null, null), null)).Failure);

        await using var source = NpgsqlDataSource.Create(silo.Database.ConnectionString);
        var log = new PostgresEventLog(source);
        var crossings = (await Eventually.ReturnsAsync(() => log.ReadAsync(tenant, null, [EventTypes.StockLow, EventTypes.StockRestocked], 50, CancellationToken.None),
            p => p.Events.Count >= 2, TimeSpan.FromSeconds(10), "a's crossing listed")).Events;
        Assert.Equal([("stock.low", "b", 5L, 3L), ("stock.low", "a", 12L, 10L)],
            crossings.Select(e => (e.Type, e.Data.Stock!.Item.Sku, e.Data.Stock.Item.LowStockThreshold!.Value, e.Data.Stock.Item.Available)));
        Assert.Null(crossings[1].Data.Stock!.Entry);
        Assert.Equal("a:t,b:t,c:f", await silo.Database.ScalarAsync<string>(
            "SELECT string_agg(sku || ':' || is_low::text::char, ',' ORDER BY sku) FROM qm_stock_items WHERE tenant_id = $1", tenant));
    }

    [Fact]
    public async Task The_list_leaves_out_an_item_whose_row_holds_only_a_revoked_hold_and_shows_one_given_a_threshold()
    {
        var tenant = $"t-{Guid.NewGuid():N}";
        Assert.Null((await silo.Grains.GetGrain<ITenantGrain>(tenant).Create("Untouched", TenantSettings.Default)).Failure);
        await silo.PutCatalogAsync(tenant, "w", "stocked", "never", "watched");
        Assert.Null((await Stock(tenant, "stocked").Apply(new Movement("r1", LedgerEntryType.Receipt, 5, null, null))).Failure);
        // What an order refused for stock does to a line it never held: the hold id is taken, no stock moves.
        Assert.Null((await Stock(tenant, "never").RevokeHold("order:o1:1:1")).Failure);
        Assert.Null((await Stock(tenant, "watched").SetLowStockThreshold(2)).Failure);
        Assert.Equal(3L, await silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_stock_items WHERE tenant_id = $1", tenant));

        var listed = await silo.Grains.GetGrain<IStockSearchGrain>(tenant)
            .Query(new StockQuery(null, null, LowOnly: false, TenantThreshold: 0, After: null, Limit: 10));
        Assert.Equal([("stocked", 5L), ("watched", 0L)], listed.Items.Select(i => (i.Sku, i.Available)));
    }

    private IStockItemGrain Stock(string tenant, string sku) => silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(tenant, sku, "w"));
}
