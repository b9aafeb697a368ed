using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// A page of the event log costs the same whatever the planner's statistics say. A tenant that appeared after the
/// tables were last analyzed is estimated at a row or so, and a join to the ledger planned for one row read every
/// ledger row of the tenant for each event of the page: the stream of a new busy tenant fell tens of seconds behind.
/// </summary>
public sealed class EventLogReadPlanTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private const int NewTenantEntries = 40_000;

    [Fact]
    public async Task A_page_of_a_tenant_the_statistics_have_not_seen_reads_only_its_own_ledger_rows()
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        await ExecuteAsync(source, """
            ALTER TABLE qm_stock_ledger SET (autovacuum_enabled = false);
            ALTER TABLE qm_events SET (autovacuum_enabled = false);
            """);
        await SeedAsync(source, "known", 2_000);
        await ExecuteAsync(source, "ANALYZE qm_stock_ledger; ANALYZE qm_events;");
        await SeedAsync(source, "new", NewTenantEntries);
        var log = new PostgresEventLog(source);
        var after = await EventIdAtAsync(source, "new", NewTenantEntries - 1_000);

        // The quickest of three reads, so that a busy machine's pause (or the connection's first use) is not taken for the plan.
        var page = await log.ReadAsync("new", after, null, 200, CancellationToken.None);
        var quickest = TimeSpan.MaxValue;
        for (var read = 0; read < 3; read++)
        {
            var watch = Stopwatch.StartNew();
            page = await log.ReadAsync("new", after, null, 200, CancellationToken.None);
            quickest = watch.Elapsed < quickest ? watch.Elapsed : quickest;
        }

        Assert.Equal(200, page.Events.Count);
        Assert.All(page.Events, e => Assert.Equal(e.Data.Stock!.Item.Version, e.Data.Stock.Entry!.Seq));
        // The page joins 200 ledger rows by their keys: milliseconds. Scanning the tenant's ledger per event took seconds.
        Assert.True(quickest < TimeSpan.FromMilliseconds(500), $"A page of 200 events took {quickest.TotalMilliseconds:0} ms");
    }

    private static async Task<string> EventIdAtAsync(NpgsqlDataSource source, string tenant, int position)
    {
        await using var command = source.CreateCommand(
            $"SELECT commit_id::text, event_seq FROM qm_events WHERE tenant_id = '{tenant}' ORDER BY commit_id, event_seq OFFSET {position - 1} LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return EventIds.Format(ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1));
    }

    private static Task SeedAsync(NpgsqlDataSource source, string tenant, int entries) => ExecuteAsync(source, $"""
        INSERT INTO qm_stock_ledger (tenant_id, sku, warehouse_id, seq, movement_id, entry_type, quantity, on_hand_after, reserved_after, at)
        SELECT '{tenant}', 'p1', 'w1', g, 'm' || g, 'receipt', 1, g, 0, now() FROM generate_series(1, {entries}) g;
        INSERT INTO qm_events (tenant_id, event_type, created_at, sku, warehouse_id, ledger_seq)
        SELECT '{tenant}', 'stock.changed', now(), 'p1', 'w1', g FROM generate_series(1, {entries}) g;
        """);

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
