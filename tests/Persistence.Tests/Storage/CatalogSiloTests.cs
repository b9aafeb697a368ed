using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Search;
using Quartermaster.Persistence.Storage.Catalog;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>The catalog on PostgreSQL, through real grains: a row per product and per warehouse, the list and search from the rows.</summary>
public sealed class CatalogSiloTests(DurableSilo silo) : IClassFixture<DurableSilo>
{
    [Fact]
    public async Task A_product_put_writes_its_own_row_and_a_stale_activation_is_refused_and_reloads()
    {
        var tenant = NewTenant();
        var product = silo.Grains.Product(tenant, "bolt");
        Assert.True((await product.Put("Steel bolt", "pcs", null)).Value!.Created);
        Assert.Equal("Steel bolt| steel bolt|1", await silo.Database.ScalarAsync<string>(
            "SELECT name || '|' || name_words || '|' || version FROM qm_products WHERE tenant_id = $1 AND sku = 'bolt'", tenant));

        // Another writer moved the row on: this activation's write is refused, and the next call reads the row again.
        await silo.Database.ScalarAsync<int>("UPDATE qm_products SET name = 'Brass bolt', version = 2 WHERE tenant_id = $1 AND sku = 'bolt' RETURNING 1", tenant);
        await Assert.ThrowsAnyAsync<Exception>(() => product.Put("Zinc bolt", "pcs", null));
        Assert.Equal("Brass bolt", (await product.Get())!.Name);
        Assert.Equal(3L, (await product.Put("Zinc bolt", "pcs", VersionMatch.OneOf(2))).Value!.Item.Version);
        Assert.Equal(1L, await silo.Database.ScalarAsync<long>("SELECT count(*) FROM qm_products WHERE tenant_id = $1", tenant));
    }

    [Fact]
    public async Task Warehouses_are_rows_and_a_change_writes_only_its_own()
    {
        var tenant = NewTenant();
        var catalog = silo.Grains.GetGrain<ICatalogGrain>(tenant);
        Assert.Null((await catalog.PutWarehouse("east", "East", null)).Failure);
        Assert.Null((await catalog.PutWarehouse("west", "West", null)).Failure);
        var westWritten = await silo.Database.ScalarAsync<DateTime>("SELECT updated_at FROM qm_warehouses WHERE tenant_id = $1 AND warehouse_id = 'west'", tenant);

        Assert.Equal(2L, (await catalog.PutWarehouse("east", "East hall", VersionMatch.OneOf(1))).Value!.Item.Version);
        Assert.Equal(FailureCode.LimitReached, (await catalog.PutWarehouse("north", "North", null, maxWarehouses: 2)).Failure?.Code);

        Assert.Equal("east:East hall:2,west:West:1", await silo.Database.ScalarAsync<string>(
            "SELECT string_agg(warehouse_id || ':' || name || ':' || version, ',' ORDER BY warehouse_id) FROM qm_warehouses WHERE tenant_id = $1", tenant));
        Assert.Equal(westWritten, await silo.Database.ScalarAsync<DateTime>("SELECT updated_at FROM qm_warehouses WHERE tenant_id = $1 AND warehouse_id = 'west'", tenant));
    }

    [Fact]
    public async Task Stock_refuses_a_product_or_warehouse_that_has_no_row()
    {
        var tenant = NewTenant();
        Assert.Null((await silo.Grains.GetGrain<ICatalogGrain>(tenant).PutWarehouse("w", "Main", null)).Failure);
        Assert.Null((await silo.Grains.Product(tenant, "p").Put("Product", null, null)).Failure);

        var unknownProduct = await Item(tenant, "nope", "w").Apply(new Movement("m1", LedgerEntryType.Receipt, 1, null, null));
        var unknownWarehouse = await Item(tenant, "p", "nowhere").Apply(new Movement("m2", LedgerEntryType.Receipt, 1, null, null));
        var known = await Item(tenant, "p", "w").Apply(new Movement("m3", LedgerEntryType.Receipt, 1, null, null));

        Assert.Equal((FailureCode.NotFound, "sku"), (unknownProduct.Failure!.Code, unknownProduct.Failure.Field));
        Assert.Equal((FailureCode.NotFound, "warehouseId"), (unknownWarehouse.Failure!.Code, unknownWarehouse.Failure.Field));
        Assert.Null(known.Failure);
    }

    [Fact]
    public async Task The_list_on_postgresql_answers_every_search_as_the_shared_rule_does()
    {
        var tenant = NewTenant();
        var products = new (string Sku, string Name)[]
        {
            ("BOLT-M8", "Steel bolt M8"), ("bolt-m10", "Steel bolt M10, zinc"), ("Bolt_x", "Brass bolt"), ("NUT-M8", "Hex nut M8"),
            ("nut-m10", "Nylon lock nut"), ("WASHER", "Washer for bolts"), ("w.1", "Odd 100% sku"), ("x_y", "Underscore sku"),
            ("steel-rod", "Rod"), ("zz", "Crème brûlée"), ("SteelRod-XL", "Long rod"), ("steelrodz", "Short rod"), ("STEELROD-XS", "Tiny rod"),
        };
        var stored = new List<Product>();
        foreach (var (sku, name) in products)
        {
            stored.Add((await silo.Grains.Product(tenant, sku).Put(name, null, null)).Value!.Item);
        }

        var search = silo.Grains.GetGrain<IProductSearchGrain>(tenant);
        foreach (var text in new[] { "bolt", "BOLT-M", "steel", "steel m1", "m8", "nut", "lock nut", "w%", "x_", "%", "_", "crème", "brû", "bolts", "q", "-", "steelrod-x", "STEELROD", "sTeElR", "steel-", "steel bolt", "bolt steel zinc", "brass bolts", "lock nu", "bo m" })
        {
            var expected = stored.Where(p => SearchText.StartsWithIgnoringCase(p.Sku, text) || SearchText.NameMatches(p.Name, text))
                .Select(p => p.Sku).Order(StringComparer.Ordinal).ToList();
            var found = new List<string>();
            string? after = null;
            do
            {
                var page = await search.Query(new ProductQuery(text, after, 2));
                found.AddRange(page.Items.Select(p => p.Sku));
                after = page.NextAfter;
            }
            while (after is not null);
            Assert.True(expected.SequenceEqual(found), $"q={text}: expected [{string.Join(",", expected)}], got [{string.Join(",", found)}]");
        }

        Assert.Equal(["BOLT-M8", "Bolt_x", "WASHER", "bolt-m10"], (await search.Query(new ProductQuery("bolt", null, 10))).Items.Select(p => p.Sku));
        var listed = (await search.Query(new ProductQuery(null, null, 20))).Items;
        Assert.Equal(stored.Select(p => (p.Sku, p.Name, p.Version)).OrderBy(p => p.Sku, StringComparer.Ordinal), listed.Select(p => (p.Sku, p.Name, p.Version)));
    }

    [Fact]
    public async Task A_rare_word_far_apart_in_a_large_catalog_is_found_in_order_and_a_common_one_continues_at_the_cursor()
    {
        // Enough products that the planner reads a rare word through its trigrams and a common one in key order.
        var tenant = NewTenant();
        const int products = 20_600;
        await silo.Database.ScalarAsync<int>("""
            INSERT INTO qm_products (tenant_id, sku, version, name, unit, name_words, created_at, updated_at)
            SELECT $1, 'P' || lpad(n::text, 6, '0'), 1, name, NULL, qm_catalog_name_words(name), now(), now()
            FROM (SELECT n, CASE WHEN n IN (5, 19999, 20001, 20500) THEN 'Rare widget ' || n ELSE 'Common part ' || n END AS name
                  FROM generate_series(0, $2 - 1) AS n) AS seeded
            RETURNING 1
            """, tenant, products);
        var search = silo.Grains.GetGrain<IProductSearchGrain>(tenant);

        var rare = new List<string>();
        string? after = null;
        do
        {
            var page = await search.Query(new ProductQuery("rare wid", after, 2));
            rare.AddRange(page.Items.Select(p => p.Sku));
            after = page.NextAfter;
        }
        while (after is not null);
        Assert.Equal(["P000005", "P019999", "P020001", "P020500"], rare);

        var common = await search.Query(new ProductQuery("common", "P020000", 3));
        Assert.Equal(["P020002", "P020003", "P020004"], common.Items.Select(p => p.Sku));
        Assert.Equal("P020004", common.NextAfter);
    }

    [Fact]
    public async Task A_typed_word_standing_for_many_name_words_still_matches_and_a_rename_moves_the_product_to_its_new_words()
    {
        var tenant = NewTenant();
        for (var n = 1; n <= NameWordExpansion.MaxWords + 4; n++)
        {
            await silo.Grains.Product(tenant, $"P{n:D2}").Put($"Part a{n} {(n % 2 == 0 ? "even" : "odd")}", null, null);
        }

        var search = silo.Grains.GetGrain<IProductSearchGrain>(tenant);
        async Task<List<string>> Skus(string text) => (await search.Query(new ProductQuery(text, null, 100))).Items.Select(p => p.Sku).ToList();

        Assert.Equal(["P02", "P04", "P06", "P08", "P10", "P12", "P14", "P16", "P18", "P20"], await Skus("a even"));
        Assert.Equal(["P01", "P10", "P11", "P12", "P13", "P14", "P15", "P16", "P17", "P18", "P19"], await Skus("part a1 p"));
        Assert.Equal(["P03"], await Skus("odd a3"));
        Assert.Empty(await Skus("even a3"));
        Assert.Empty(await Skus("part nothing"));

        await silo.Grains.Product(tenant, "P03").Put("Part renamed even", null, null);
        Assert.Empty(await Skus("odd a3"));
        Assert.Empty(await Skus("a3"));
        Assert.Equal(["P03"], await Skus("renamed"));
        Assert.Equal(["P02", "P03", "P04"], (await Skus("even part")).Take(3));
        Assert.Equal("even part renamed", await silo.Database.ScalarAsync<string>(
            "SELECT string_agg(word, ' ' ORDER BY word) FROM qm_product_words WHERE tenant_id = $1 AND sku = 'P03'", tenant));
    }

    private static string NewTenant() => $"t-{Guid.NewGuid():N}";

    private IStockItemGrain Item(string tenant, string sku, string warehouse) =>
        silo.Grains.GetGrain<IStockItemGrain>(GrainKeys.StockItem(tenant, sku, warehouse));
}
