using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Quartermaster.Grains.Abstractions.Catalog;
using Quartermaster.Grains.Search;
using Quartermaster.Persistence.Migrations;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Migrations;

/// <summary>
/// Migration 0013 against a database the previous release wrote: every tenant's catalog document (qm_grain_state,
/// grain type "catalog/catalog", the state serialised as that release did) becomes rows, and a document the previous
/// release writes while both run is mirrored into them; 0014 then gives every product's name words their rows.
/// </summary>
public sealed class CatalogRowsMigrationTests(FreshDatabases databases) : IClassFixture<FreshDatabases>
{
    private const int CatalogRowsVersion = 13;
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 9, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public async Task Every_product_and_warehouse_of_the_previous_layout_is_a_row_afterwards()
    {
        var database = await databases.CreateAsync();
        await MigrateAsync(database, before: CatalogRowsVersion);
        var acme = PreviousCatalog(products: 1_500, warehouses: 3);
        var globex = PreviousCatalog(products: 7, warehouses: 1);
        globex.Products["p-0"] = globex.Products["p-0"] with { Name = "Crème brûlée, 250 g", Unit = null, Version = 4 };
        await WriteDocumentAsync(database, "acme", acme);
        await WriteDocumentAsync(database, "globex", globex);

        await MigrateAsync(database, before: int.MaxValue);

        foreach (var (tenant, catalog) in new[] { ("acme", acme), ("globex", globex) })
        {
            Assert.Equal(catalog.Products.Values.Select(Describe), await ProductRowsAsync(database, tenant));
            Assert.Equal(catalog.Warehouses.Values.Select(Describe), await WarehouseRowsAsync(database, tenant));
        }

        // Non-ASCII letters are words as far as the database's locale classes them; the ASCII words always are.
        var words = await ScalarAsync<string>(database, "SELECT name_words FROM qm_products WHERE tenant_id = 'globex' AND sku = 'p-0'");
        Assert.StartsWith(" cr", words, StringComparison.Ordinal);
        Assert.EndsWith(" 250 g", words, StringComparison.Ordinal);
        Assert.Equal(SearchText.NameWords("Product 42 (blue)"), await ScalarAsync<string>(database,
            "SELECT name_words FROM qm_products WHERE tenant_id = 'acme' AND sku = 'p-42'"));
        await AssertWordRowsAreTheNamesWordsAsync(database, expectedProducts: 1_507);
    }

    [Fact]
    public async Task A_document_the_previous_release_writes_while_both_run_is_mirrored_and_never_overtakes_a_newer_row()
    {
        var database = await databases.CreateAsync();
        await MigrateAsync(database, before: CatalogRowsVersion);
        var catalog = PreviousCatalog(products: 3, warehouses: 1);
        await WriteDocumentAsync(database, "acme", catalog);
        await MigrateAsync(database, before: int.MaxValue);

        // This release renamed p-1 (version 2); the previous release, still holding version 1, then adds p-9 and renames p-2.
        await ExecuteAsync(database, "UPDATE qm_products SET name = 'Renamed here', version = 2 WHERE tenant_id = 'acme' AND sku = 'p-1'");
        catalog.Products["p-1"] = catalog.Products["p-1"] with { Name = "Stale name" };
        catalog.Products["p-2"] = catalog.Products["p-2"] with { Name = "Renamed there", Version = catalog.Products["p-2"].Version + 1 };
        catalog.Products["p-9"] = new Product("p-9", "Added there", "box", Created, Created, 1);
        catalog.Warehouses["w-5"] = new Warehouse("w-5", "Added there", Created, Created, 1);
        await WriteDocumentAsync(database, "acme", catalog);

        Assert.Equal(["p-0:Product 0 (blue):1", "p-1:Renamed here:2", "p-2:Renamed there:4", "p-9:Added there:1"],
            await StringsAsync(database, "SELECT sku || ':' || name || ':' || version FROM qm_products WHERE tenant_id = 'acme' ORDER BY sku"));
        Assert.Equal(["w-0", "w-5"], await StringsAsync(database, "SELECT warehouse_id FROM qm_warehouses WHERE tenant_id = 'acme' ORDER BY warehouse_id"));
        // p-2's words moved with the mirrored rename; p-1's stay its name_words', which this release's write above left as they were.
        Assert.Equal(["added:p-9", "blue:p-0", "product:p-0", "product:p-1", "red:p-1", "renamed:p-2", "there:p-2", "there:p-9"],
            await StringsAsync(database, "SELECT word || ':' || sku FROM qm_product_words WHERE tenant_id = 'acme' AND word NOT IN ('0', '1', '2') ORDER BY word, sku"));
        await AssertWordRowsAreTheNamesWordsAsync(database, expectedProducts: 4);
    }

    /// <summary>
    /// Migration 0014's word rows, one per distinct word of each product's name_words: copied for the rows 0013 made,
    /// kept by its trigger for every row written since.
    /// </summary>
    private static async Task AssertWordRowsAreTheNamesWordsAsync(string database, int expectedProducts)
    {
        var expected = new List<string>();
        foreach (var row in await StringsAsync(database, "SELECT tenant_id || '|' || sku || '|' || name_words FROM qm_products"))
        {
            var parts = row.Split('|');
            expected.AddRange(parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Select(word => $"{parts[0]}|{parts[1]}|{word}"));
        }

        var stored = await StringsAsync(database, "SELECT tenant_id || '|' || sku || '|' || word FROM qm_product_words");
        Assert.Equal(expectedProducts, expected.Select(w => w[..w.LastIndexOf('|')]).Distinct().Count());
        Assert.Equal(expected.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    /// <summary>The previous release's CatalogState: both maps in one document.</summary>
    private sealed class PreviousCatalogState
    {
        public SortedDictionary<string, Warehouse> Warehouses { get; set; } = new(StringComparer.Ordinal);

        public SortedDictionary<string, Product> Products { get; set; } = new(StringComparer.Ordinal);
    }

    private static PreviousCatalogState PreviousCatalog(int products, int warehouses)
    {
        var catalog = new PreviousCatalogState();
        for (var p = 0; p < products; p++)
        {
            var sku = $"p-{p}";
            catalog.Products[sku] = new Product(sku, $"Product {p} ({(p % 2 == 0 ? "blue" : "red")})", p % 3 == 0 ? null : "pcs",
                Created.AddMinutes(p), Created.AddMinutes(p).AddSeconds(p % 7), 1 + p % 4);
        }

        for (var w = 0; w < warehouses; w++)
        {
            catalog.Warehouses[$"w-{w}"] = new Warehouse($"w-{w}", $"Warehouse {w}", Created, Created.AddDays(w), 1 + w);
        }

        return catalog;
    }

    private static string Describe(Product p) => $"{p.Sku}|{p.Name}|{p.Unit}|{p.CreatedAt:O}|{p.UpdatedAt:O}|{p.Version}";

    private static string Describe(Warehouse w) => $"{w.WarehouseId}|{w.Name}|{w.CreatedAt:O}|{w.UpdatedAt:O}|{w.Version}";

    private static async Task<List<string>> ProductRowsAsync(string database, string tenant)
    {
        var rows = new List<string>();
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(
            "SELECT sku, name, unit, created_at, updated_at, version, name_words FROM qm_products WHERE tenant_id = $1 ORDER BY sku", connection);
        command.Parameters.AddWithValue(tenant);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Describe(new Product(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5))));
        }

        return rows;
    }

    private static async Task<List<string>> WarehouseRowsAsync(string database, string tenant)
    {
        var rows = new List<string>();
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(
            "SELECT warehouse_id, name, created_at, updated_at, version FROM qm_warehouses WHERE tenant_id = $1 ORDER BY warehouse_id", connection);
        command.Parameters.AddWithValue(tenant);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Describe(new Warehouse(reader.GetString(0), reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(4))));
        }

        return rows;
    }

    private static Task MigrateAsync(string database, int before) =>
        Migrator.MigrateAsync(database, EmbeddedScripts.Load().Where(s => s.Version < before).ToList(), NullLogger.Instance, CancellationToken.None);

    /// <summary>What the previous release's generic storage did for a catalog: one jsonb row per tenant, upserted.</summary>
    private static Task WriteDocumentAsync(string database, string tenant, PreviousCatalogState catalog) =>
        ExecuteAsync(database, """
            INSERT INTO qm_grain_state (grain_type, grain_id, version, payload) VALUES ('catalog/catalog', $1, 1, $2::jsonb)
            ON CONFLICT (grain_type, grain_id) DO UPDATE SET payload = EXCLUDED.payload, version = qm_grain_state.version + 1
            """, tenant, StateJson.Serialize(catalog));

    private static async Task ExecuteAsync(string database, string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> StringsAsync(string database, string sql)
    {
        var values = new List<string>();
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return connection;
    }
}
