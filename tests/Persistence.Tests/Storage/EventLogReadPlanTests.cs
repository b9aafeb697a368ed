using System.Globalization;
using System.Text.Json;
using Npgsql;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Persistence.Storage;
using Quartermaster.Persistence.Tests.Infrastructure;

namespace Quartermaster.Persistence.Tests.Storage;

/// <summary>
/// A page of the event log costs the same whatever the planner's statistics say. A tenant that appeared after the
/// tables were last analyzed is estimated at a row or so, and a join to the ledger planned for one row read every
/// ledger row of the tenant for each event of the page: the stream of a new busy tenant fell tens of seconds behind.
/// The query's work is counted in buffers (EXPLAIN ANALYZE), not timed.
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

        var page = await log.ReadAsync("new", after, null, 200, CancellationToken.None);
        Assert.Equal(200, page.Events.Count);
        Assert.All(page.Events, e => Assert.Equal(e.Data.Stock!.Item.Version, e.Data.Stock.Entry!.Seq));

        // The work of the same page query, in buffers rather than time: joining 200 ledger rows by their keys touches a few
        // thousand at most; scanning the tenant's ledger for each event touched hundreds of thousands (over a second).
        var buffers = await PageBuffersAsync(source, "new", after, 200);
        Assert.True(buffers < 10_000, $"A page of 200 events touched {buffers:N0} buffers");
    }

    /// <summary>Shared buffers hit or read by the page query, from EXPLAIN (ANALYZE, BUFFERS).</summary>
    private static async Task<long> PageBuffersAsync(NpgsqlDataSource source, string tenant, string after, int limit)
    {
        Assert.True(EventIds.TryParse(after, out var commit, out var position));
        await using var command = source.CreateCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + PostgresEventLog.PageQuery(byType: false));
        command.Parameters.AddWithValue(tenant);
        command.Parameters.AddWithValue(commit.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue(position);
        command.Parameters.AddWithValue(limit + 1);
        var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!).RootElement[0].GetProperty("Plan");
        return plan.GetProperty("Shared Hit Blocks").GetInt64() + plan.GetProperty("Shared Read Blocks").GetInt64();
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
