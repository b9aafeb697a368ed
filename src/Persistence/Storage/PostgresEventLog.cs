using System.Globalization;
using Npgsql;
using Quartermaster.Grains.Abstractions.Events;
using Quartermaster.Grains.Events;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// The event log in qm_events (migration 0008 explains the ordering). Every state write inserted its own events
/// in its statement; this only reads them. A list returns only events whose transaction id is below the oldest
/// transaction still running, so the next page (or the next poll) can never be overtaken by a commit that sorts
/// before what was already returned.
/// </summary>
internal sealed class PostgresEventLog(NpgsqlDataSource database, StorageFailures? failures = null) : IEventLog
{
    private const string Columns = "commit_id::text, event_seq, event_type, created_at, data::text";

    public bool WrittenWithState => true;

    public Task RecordAsync(string tenantId, IReadOnlyList<PendingEvent> events) => Task.CompletedTask;

    public Task<EventPage> ReadAsync(string tenantId, string? after, IReadOnlyList<string>? types, int limit, CancellationToken cancellationToken) =>
        Guard(() => QueryAsync(tenantId, after, types, limit, cancellationToken));

    public Task<TenantEvent?> GetAsync(string tenantId, string eventId, CancellationToken cancellationToken) =>
        EventIds.TryParse(eventId, out var commit, out var position)
            ? Guard(() => QueryOneAsync(tenantId, commit, position, cancellationToken))
            : Task.FromResult<TenantEvent?>(null);

    private async Task<EventPage> QueryAsync(string tenantId, string? after, IReadOnlyList<string>? types, int limit, CancellationToken cancellationToken)
    {
        var (commit, position) = after is not null && EventIds.TryParse(after, out var c, out var p) ? (c, p) : (0UL, 0L);
        var byType = types is { Count: > 0 };
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM qm_events
            WHERE tenant_id = $1 AND (commit_id, event_seq) > ($2::text::xid8, $3)
              AND commit_id < pg_snapshot_xmin(pg_current_snapshot())
              {(byType ? "AND event_type = ANY($5)" : "")}
            ORDER BY commit_id, event_seq LIMIT $4
            """);
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

    private async Task<TenantEvent?> QueryOneAsync(string tenantId, ulong commit, long position, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            $"SELECT {Columns} FROM qm_events WHERE tenant_id = $1 AND commit_id = $2::text::xid8 AND event_seq = $3");
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
            events.Add(new TenantEvent(id, reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                StateJson.Deserialize<EventData>(reader.GetString(4))));
        }

        return events;
    }

    private Task<T> Guard<T>(Func<Task<T>> query) => (failures ?? StorageFailures.WithoutBreaker).Guard(query);
}
