using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock;
using Quartermaster.Persistence.Storage.GroupCommit;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// A stock item as one row of levels, a row per hold, and its append-only ledger rows. A read loads the levels
/// and the active holds only, never the ledger or ended holds (those are read through
/// <see cref="PostgresStockHistory"/>). One write is one statement: the row update conditional on the version
/// read and on none of the batch's new ids being stored already, the upsert of the holds the batch changed,
/// the insert of its ledger tail and of its events (references to the new ledger rows, or data for low-stock
/// crossings). The ETag is "version:lastSeq". Reads go straight to the database; writes go
/// through the silo's group commit.
/// </summary>
internal sealed class StockItemTable(NpgsqlDataSource database, WriteFlusher flusher) : IStateTable<StockItemState>
{
    public async Task ReadAsync(string grainType, string grainId, IGrainState<StockItemState> state)
    {
        var key = GrainKeys.ParseStockItem(grainId);
        await using var connection = await database.OpenConnectionAsync();
        await using var row = Command(connection, "SELECT on_hand, reserved, last_seq, version, low_stock_threshold, is_low FROM qm_stock_items WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3", key);
        await using var reader = await row.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return;
        }

        var (lastSeq, version) = (reader.GetInt64(2), reader.GetInt64(3));
        var stock = new StockItemState
        {
            OnHand = reader.GetInt64(0),
            Reserved = reader.GetInt64(1),
            LastSeq = lastSeq,
            LowStockThreshold = reader.IsDBNull(4) ? null : reader.GetInt64(4),
            Low = reader.GetBoolean(5),
        };
        await reader.DisposeAsync();

        if (await ReadActiveHoldsAsync(connection, key) is { Count: > 0 } holds)
        {
            stock.Holds = holds;
        }

        state.State = stock;
        state.ETag = Etag(version, lastSeq);
        state.RecordExists = true;
    }

    public async Task WriteAsync(string grainType, string grainId, IGrainState<StockItemState> state)
    {
        var key = GrainKeys.ParseStockItem(grainId);
        var stock = state.State!;
        var (expected, persistedSeq) = ParseEtag(state.ETag);
        var changes = stock.Unwritten();
        var lastSeq = stock.LastSeq;
        if (persistedSeq + changes.Ledger.Count != lastSeq)
        {
            throw new InvalidOperationException($"Stock item {grainId}: read at seq {persistedSeq} with {changes.Ledger.Count} new entries, but last seq {lastSeq}.");
        }

        var newMovements = changes.NewMovements.ToList();

        // One statement: the holds and ledger rows are written only if the levels row passed its version
        // check (and took its row lock).
        var command = new NpgsqlBatchCommand();
        var parameters = command.Parameters;
        parameters.AddWithValue(key.TenantId);
        parameters.AddWithValue(key.Sku);
        parameters.AddWithValue(key.WarehouseId);
        parameters.AddWithValue(stock.OnHand);
        parameters.AddWithValue(stock.Reserved);
        parameters.AddWithValue(lastSeq);
        parameters.Add(new NpgsqlParameter { Value = (object?)stock.LowStockThreshold ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        parameters.AddWithValue(stock.Low);
        var checksReplays = changes.NewHoldIds.Count > 0 || newMovements.Count > 0;
        var sql = new StringBuilder("WITH ");
        if (checksReplays)
        {
            AppendReplayCheck(sql, parameters, changes.NewHoldIds.ToArray(), newMovements);
        }

        var noReplay = checksReplays ? "NOT EXISTS (SELECT 1 FROM replayed)" : "true";
        if (expected is null)
        {
            sql.Append(CultureInfo.InvariantCulture, $"""
                levels AS (
                INSERT INTO qm_stock_items (tenant_id, sku, warehouse_id, on_hand, reserved, last_seq, low_stock_threshold, is_low, version)
                SELECT $1, $2, $3, $4, $5, $6, $7, $8, 1 WHERE {noReplay} ON CONFLICT DO NOTHING RETURNING 1)
                """);
        }
        else
        {
            var version = parameters.Count + 1;
            parameters.AddWithValue(expected.Value);
            sql.Append(CultureInfo.InvariantCulture, $"""
                levels AS (
                UPDATE qm_stock_items SET on_hand = $4, reserved = $5, last_seq = $6, low_stock_threshold = $7, is_low = $8, version = version + 1, updated_at = now()
                WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 AND version = ${version} AND {noReplay} RETURNING 1)
                """);
        }

        if (changes.Holds.Count > 0)
        {
            AppendHolds(sql, parameters, changes.Holds);
        }

        if (changes.Ledger.Count > 0)
        {
            AppendLedger(sql, parameters, changes.Ledger);
        }

        if (changes.Events.Count > 0)
        {
            EventRows.AppendStock(sql, parameters, changes.Events, applied: "levels");
        }

        // The flush reports only each statement's row count, so the outcome is told by it: one row when the write
        // was applied, none when it was stale, two when it was refused because it reused a stored id.
        sql.Append(checksReplays
            ? "\nSELECT 1 FROM levels UNION ALL SELECT 1 FROM (SELECT 1 FROM replayed LIMIT 1) AS refused CROSS JOIN generate_series(1, 2)"
            : "\nSELECT 1 FROM levels");
        command.CommandText = sql.ToString();
        // A stale write (or one refused as a replay) matches no levels row, so it inserts nothing either: it
        // cannot clash with stored ledger or hold rows, and any error here is a real one.
        await flusher.WriteAsync(new StateWrite(command));
        switch (command.Rows)
        {
            case 1:
                break;
            case 2:
                changes.ReplayRefused = true;
                return;
            default:
                throw StaleWrite.For(grainType, grainId, state.ETag);
        }

        state.ETag = Etag((expected ?? 0) + 1, lastSeq);
        state.RecordExists = true;
    }

    /// <summary>Stock items are never deleted: the ledger is their history.</summary>
    public Task ClearAsync(string grainType, string grainId, IGrainState<StockItemState> state) =>
        throw new NotSupportedException("Stock items are never cleared.");

    /// <summary>Through the partial index of active holds: ended ones, however many, are not touched.</summary>
    private static async Task<Dictionary<string, HoldRecord>> ReadActiveHoldsAsync(NpgsqlConnection connection, StockItemKey key)
    {
        await using var command = Command(connection,
            "SELECT hold_id, quantity, expires_at, status, ref FROM qm_stock_holds WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 AND status = 'active'", key);
        await using var reader = await command.ExecuteReaderAsync();
        var holds = new Dictionary<string, HoldRecord>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            holds[reader.GetString(0)] = StockRows.Hold(reader);
        }

        return holds;
    }

    /// <summary>
    /// The batch's new hold ids already in qm_stock_holds, or its new movements already in the ledger: some
    /// command was a replay the grain did not know about, and the whole write is refused (the unique keys would
    /// refuse it anyway, as an error that fails the statement; this says which case it is, without an error).
    /// </summary>
    private static void AppendReplayCheck(StringBuilder sql, NpgsqlParameterCollection parameters, string[] holdIds, List<MovementKey> movements)
    {
        var first = parameters.Count + 1;
        parameters.AddWithValue(holdIds);
        parameters.AddWithValue(movements.Select(m => LedgerEntryTypes.Name(m.Type)).ToArray());
        parameters.AddWithValue(movements.Select(m => m.MovementId).ToArray());
        // One index probe per id (LATERAL with its own LIMIT is never turned into a join): a plan that scans the
        // item's holds or ledger and filters them would cost a hot item time in proportion to its history.
        sql.Append(CultureInfo.InvariantCulture, $"""
            replayed AS (
                (SELECT 1 FROM unnest(${first}::text[]) AS n(hold_id)
                 CROSS JOIN LATERAL (SELECT 1 FROM qm_stock_holds h
                     WHERE h.tenant_id = $1 AND h.sku = $2 AND h.warehouse_id = $3 AND h.hold_id = n.hold_id LIMIT 1) AS stored
                 LIMIT 1)
                UNION ALL
                (SELECT 1 FROM unnest(${first + 1}::text[], ${first + 2}::text[]) AS m(entry_type, movement_id)
                 CROSS JOIN LATERAL (SELECT 1 FROM qm_stock_ledger l
                     WHERE l.tenant_id = $1 AND l.sku = $2 AND l.warehouse_id = $3
                       AND l.entry_type = m.entry_type AND l.movement_id = m.movement_id LIMIT 1) AS stored
                 LIMIT 1)),
            """);
    }

    private static void AppendHolds(StringBuilder sql, NpgsqlParameterCollection parameters, Dictionary<string, HoldRecord> holds)
    {
        var changed = holds.Select(pair => (Id: pair.Key, Hold: pair.Value)).ToList();
        var first = parameters.Count + 1;
        parameters.AddWithValue(changed.Select(h => h.Id).ToArray());
        parameters.AddWithValue(changed.Select(h => h.Hold.Quantity).ToArray());
        parameters.Add(new NpgsqlParameter
        {
            Value = changed.Select(h => h.Hold.ExpiresAt?.ToUniversalTime()).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        parameters.AddWithValue(changed.Select(h => HoldStatuses.Name(h.Hold.Status)).ToArray());
        parameters.Add(new NpgsqlParameter { Value = changed.Select(h => h.Hold.Ref).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        sql.Append(CultureInfo.InvariantCulture, $"""
            , holds AS (
                INSERT INTO qm_stock_holds (tenant_id, sku, warehouse_id, hold_id, quantity, expires_at, status, ref)
                SELECT $1, $2, $3, h.* FROM unnest(${first}::text[], ${first + 1}::bigint[], ${first + 2}::timestamptz[],
                    ${first + 3}::text[], ${first + 4}::text[]) AS h
                WHERE EXISTS (SELECT 1 FROM levels)
                ON CONFLICT (tenant_id, sku, warehouse_id, hold_id) DO UPDATE
                    SET quantity = excluded.quantity, expires_at = excluded.expires_at, status = excluded.status, ref = excluded.ref)
            """);
    }

    private static void AppendLedger(StringBuilder sql, NpgsqlParameterCollection parameters, List<LedgerEntry> entries)
    {
        var first = parameters.Count + 1;
        parameters.AddWithValue(entries.Select(e => e.Seq).ToArray());
        parameters.AddWithValue(entries.Select(e => e.MovementId).ToArray());
        parameters.AddWithValue(entries.Select(e => LedgerEntryTypes.Name(e.Type)).ToArray());
        parameters.AddWithValue(entries.Select(e => e.Quantity).ToArray());
        parameters.AddWithValue(entries.Select(e => e.OnHandAfter).ToArray());
        parameters.AddWithValue(entries.Select(e => e.ReservedAfter).ToArray());
        parameters.AddWithValue(entries.Select(e => e.At.ToUniversalTime()).ToArray());
        parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Reason).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Ref).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        sql.Append(CultureInfo.InvariantCulture, $"""
            , ledger AS (
                INSERT INTO qm_stock_ledger (tenant_id, sku, warehouse_id, seq, movement_id, entry_type, quantity,
                    on_hand_after, reserved_after, at, reason, ref)
                SELECT $1, $2, $3, e.* FROM unnest(${first}::bigint[], ${first + 1}::text[], ${first + 2}::text[],
                    ${first + 3}::bigint[], ${first + 4}::bigint[], ${first + 5}::bigint[], ${first + 6}::timestamptz[],
                    ${first + 7}::text[], ${first + 8}::text[]) AS e
                WHERE EXISTS (SELECT 1 FROM levels))
            """);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, StockItemKey key)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(key.TenantId);
        command.Parameters.AddWithValue(key.Sku);
        command.Parameters.AddWithValue(key.WarehouseId);
        return command;
    }

    private static string Etag(long version, long lastSeq) =>
        string.Create(CultureInfo.InvariantCulture, $"{version}:{lastSeq}");

    private static (long? Version, long LastSeq) ParseEtag(string? etag)
    {
        if (etag is null)
        {
            return (null, 0);
        }

        var parts = etag.Split(':');
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
