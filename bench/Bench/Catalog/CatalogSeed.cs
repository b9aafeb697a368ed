using System.Diagnostics;
using Npgsql;
using Quartermaster.Bench.Run;

namespace Quartermaster.Bench.Catalog;

/// <summary>
/// Writes a tenant's products straight into qm_products, as a bulk load or the catalog migration would: the same
/// columns the product grains write (name_words by the migration's own SQL rule), version 1, in transactions of
/// 100,000 rows so no single long transaction holds back the event log's readers; the name-word rows follow from
/// the table's trigger. Then VACUUM (ANALYZE), as autovacuum does after such a load, so the planner knows the
/// tables' sizes and the word index is read without visiting the table, and a CHECKPOINT.
/// </summary>
internal static class CatalogSeed
{
    private const int RowsPerTransaction = 100_000;

    public static async Task<TimeSpan> SeedAsync(string postgres, string tenantId, long products)
    {
        var took = Stopwatch.StartNew();
        await using var database = NpgsqlDataSource.Create(postgres);
        for (long first = 0; first < products; first += RowsPerTransaction)
        {
            var last = Math.Min(products, first + RowsPerTransaction) - 1;
            await using var insert = database.CreateCommand($"""
                INSERT INTO qm_products (tenant_id, sku, version, name, unit, name_words, created_at, updated_at)
                SELECT $1, '{CatalogVocabulary.SkuPrefix}' || lpad(n::text, {CatalogVocabulary.SkuDigits}, '0'), 1, name, 'pcs',
                       qm_catalog_name_words(name), now(), now()
                FROM (SELECT n, {CatalogVocabulary.NameSql} AS name FROM generate_series($4::bigint, $5::bigint) AS n) AS seeded
                """);
            insert.CommandTimeout = 600;
            insert.Parameters.AddWithValue(tenantId);
            insert.Parameters.AddWithValue(CatalogVocabulary.Kinds);
            insert.Parameters.AddWithValue(CatalogVocabulary.Materials);
            insert.Parameters.AddWithValue(first);
            insert.Parameters.AddWithValue(last);
            await insert.ExecuteNonQueryAsync();
            BenchRun.Progress($"catalog: seeded {last + 1:N0} of {products:N0} products");
        }

        await using var analyze = database.CreateCommand("VACUUM (ANALYZE) qm_products, qm_product_words");
        analyze.CommandTimeout = 600;
        await analyze.ExecuteNonQueryAsync();

        // The load leaves gigabytes of table pages for the disk to write. A catalog is loaded long before its busy day;
        // measured straight after, every commit of the workloads would wait behind that write-back.
        await using var checkpoint = database.CreateCommand("CHECKPOINT");
        checkpoint.CommandTimeout = 600;
        await checkpoint.ExecuteNonQueryAsync();
        return took.Elapsed;
    }
}
