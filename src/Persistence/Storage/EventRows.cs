using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Quartermaster.Grains.Events;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// The part of a state write's statement that inserts its events into qm_events: a CTE that inserts only when
/// the write's own row passed its version check (the CTE named by <c>applied</c> returned a row), so a stale or
/// refused write leaves no event. The tenant id is parameter $1 unless the caller names another.
/// </summary>
internal static class EventRows
{
    /// <summary>
    /// The events of a stock item's write (<see cref="StockChanges.Events"/>): those of its ledger entries as
    /// references to the new ledger rows, low-stock crossings with their data. $2 and $3 are the item's sku and
    /// warehouse.
    /// </summary>
    public static void AppendStock(StringBuilder sql, NpgsqlParameterCollection parameters, IReadOnlyList<StockEventRow> events, string applied)
    {
        var first = parameters.Count + 1;
        parameters.AddWithValue(events.Select(e => e.Type).ToArray());
        parameters.AddWithValue(events.Select(e => e.At.ToUniversalTime()).ToArray());
        parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.LedgerSeq).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        parameters.Add(new NpgsqlParameter
        {
            Value = events.Select(e => e.Data is null ? null : StateJson.Serialize(e.Data)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
        });
        sql.Append(CultureInfo.InvariantCulture, $"""
            , events AS (
                INSERT INTO qm_events (tenant_id, event_type, created_at, sku, warehouse_id, ledger_seq, data)
                SELECT $1, e.event_type, e.created_at, $2, $3, e.ledger_seq, e.data
                FROM unnest(${first}::text[], ${first + 1}::timestamptz[], ${first + 2}::bigint[], ${first + 3}::jsonb[])
                    WITH ORDINALITY AS e(event_type, created_at, ledger_seq, data, n)
                WHERE EXISTS (SELECT 1 FROM {applied})
                ORDER BY e.n)
            """);
    }

    /// <param name="returningKeys">The CTE returns each inserted event's commit_id and event_seq (and created_at), for a caller that records where they went.</param>
    public static void Append(
        StringBuilder sql, NpgsqlParameterCollection parameters, IReadOnlyList<PendingEvent> events, string applied, string tenant = "$1", bool returningKeys = false)
    {
        var first = parameters.Count + 1;
        parameters.AddWithValue(events.Select(e => e.Type).ToArray());
        parameters.AddWithValue(events.Select(e => e.CreatedAt.ToUniversalTime()).ToArray());
        parameters.Add(new NpgsqlParameter { Value = events.Select(e => StateJson.Serialize(e.Data)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        // WITH ORDINALITY and ORDER BY: positions are drawn in the order the grain produced the events.
        sql.Append(CultureInfo.InvariantCulture, $"""
            , events AS (
                INSERT INTO qm_events (tenant_id, event_type, created_at, data)
                SELECT {tenant}, e.event_type, e.created_at, e.data
                FROM unnest(${first}::text[], ${first + 1}::timestamptz[], ${first + 2}::jsonb[]) WITH ORDINALITY AS e(event_type, created_at, data, n)
                WHERE EXISTS (SELECT 1 FROM {applied})
                ORDER BY e.n{(returningKeys ? "\n    RETURNING commit_id, event_seq, created_at" : "")})
            """);
    }
}
