using System.Globalization;
using Npgsql;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Events;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// The event log in qm_events (migration 0008 explains the ordering and the stock events' references). Every state write inserted its own events
/// in its statement; this only reads them. A list returns only events whose transaction id is below the oldest
/// transaction still running, so the next page (or the next poll) can never be overtaken by a commit that sorts
/// before what was already returned.
/// </summary>
internal sealed class PostgresEventLog(NpgsqlDataSource database, StorageFailures? failures = null) : IEventLog
{
    // A stock event's data is built from the ledger row it names (and, for hold.expired, the hold's row). Each row is
    // looked up by its whole key in a LATERAL ... LIMIT 1, which the planner cannot turn into a join: planned as a
    // join, a tenant newer than the tables' statistics (estimated at one row) had the ledger scanned by tenant alone,
    // every row of the tenant's ledger read again for each event of the page.
    private const string Select = """
        SELECT e.commit_id::text, e.event_seq, e.event_type, e.created_at, e.data::text, e.sku, e.warehouse_id,
               l.seq, l.movement_id, l.entry_type, l.quantity, l.on_hand_after, l.reserved_after, l.at, l.reason, l.ref, h.expires_at
        FROM qm_events e
        LEFT JOIN LATERAL (
            SELECT l.seq, l.movement_id, l.entry_type, l.quantity, l.on_hand_after, l.reserved_after, l.at, l.reason, l.ref
            FROM qm_stock_ledger l
            WHERE e.ledger_seq IS NOT NULL AND l.tenant_id = e.tenant_id AND l.sku = e.sku AND l.warehouse_id = e.warehouse_id AND l.seq = e.ledger_seq
            LIMIT 1) l ON true
        LEFT JOIN LATERAL (
            SELECT h.expires_at
            FROM qm_stock_holds h
            WHERE e.event_type = 'hold.expired' AND h.tenant_id = e.tenant_id AND h.sku = e.sku AND h.warehouse_id = e.warehouse_id AND h.hold_id = l.movement_id
            LIMIT 1) h ON true
        """;

    public bool WrittenWithState => true;

    public Task RecordAsync(string tenantId, IReadOnlyList<PendingEvent> events) => Task.CompletedTask;

    public Task<EventPage> ReadAsync(string tenantId, string? after, IReadOnlyList<string>? types, int limit, CancellationToken cancellationToken) =>
        Guard(() => QueryAsync(tenantId, after, types, limit, cancellationToken));

    public Task<TenantEvent?> GetAsync(string tenantId, string eventId, CancellationToken cancellationToken) =>
        EventIds.TryParse(eventId, out var commit, out var position)
            ? Guard(() => QueryOneAsync(tenantId, commit, position, cancellationToken))
            : Task.FromResult<TenantEvent?>(null);

    public Task<string?> LastIdAsync(string tenantId, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            await using var command = database.CreateCommand("""
                SELECT commit_id::text, event_seq FROM qm_events
                WHERE tenant_id = $1 AND commit_id < pg_snapshot_xmin(pg_current_snapshot())
                ORDER BY commit_id DESC, event_seq DESC LIMIT 1
                """);
            command.Parameters.AddWithValue(tenantId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? EventIds.Format(ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1))
                : null;
        });

    private async Task<EventPage> QueryAsync(string tenantId, string? after, IReadOnlyList<string>? types, int limit, CancellationToken cancellationToken)
    {
        var (commit, position) = after is not null && EventIds.TryParse(after, out var c, out var p) ? (c, p) : (0UL, 0L);
        var byType = types is { Count: > 0 };
        await using var command = database.CreateCommand(PageQuery(byType));
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(commit.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue(position);
        command.Parameters.AddWithValue(limit + 1);
        if (byType)
        {
            command.Parameters.AddWithValue(types!.ToArray());
        }

        var events = await ReadAsync(command, cancellationToken);
        return new EventPage(events.Take(limit).ToList(), events.Count > limit);
    }

    /// <summary>A page: $1 tenant, $2 commit id and $3 position of the event it starts after, $4 rows, $5 types (if <paramref name="byType"/>).</summary>
    internal static string PageQuery(bool byType) => $"""
        {Select}
        WHERE e.tenant_id = $1 AND (e.commit_id, e.event_seq) > ($2::text::xid8, $3)
          AND e.commit_id < pg_snapshot_xmin(pg_current_snapshot())
          {(byType ? "AND e.event_type = ANY($5)" : "")}
        ORDER BY e.commit_id, e.event_seq LIMIT $4
        """;

    private async Task<TenantEvent?> QueryOneAsync(string tenantId, ulong commit, long position, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"{Select} WHERE e.tenant_id = $1 AND e.commit_id = $2::text::xid8 AND e.event_seq = $3");
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(commit.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue(position);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    private static async Task<List<TenantEvent>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<TenantEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = EventIds.Format(ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1));
            var type = reader.GetString(2);
            var data = reader.IsDBNull(4) ? StockData(type, reader) : StateJson.Deserialize<EventData>(reader.GetString(4));
            events.Add(new TenantEvent(id, type, reader.GetFieldValue<DateTimeOffset>(3), data));
        }

        return events;
    }

    /// <summary>Columns 5 and 6: sku, warehouse; 7 to 15: the ledger row; 16: the hold's expires_at.</summary>
    private static EventData StockData(string type, NpgsqlDataReader reader)
    {
        var entry = StockRows.LedgerEntry(reader, first: 7);
        var expiresAt = reader.IsDBNull(16) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(16);
        return StockEvents.DataOf(type, reader.GetString(5), reader.GetString(6), entry, expiresAt);
    }

    private Task<T> Guard<T>(Func<Task<T>> query) => (failures ?? StorageFailures.WithoutBreaker).Guard(query);
}
