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
/// A stock item as one row of levels, a row per hold, and its append-only ledger rows. One write is one
/// statement: the row update conditional on the version read, the upsert of the holds the batch changed,
/// and the insert of the ledger entries the state gained since. The ETag is "version:lastSeq", so the write
/// knows which entries are new. Reads go straight to the database; writes go through the silo's group commit.
/// </summary>
internal sealed class StockItemTable(NpgsqlDataSource database, WriteFlusher flusher) : IStateTable<StockItemState>
{
    public async Task ReadAsync(string grainType, string grainId, IGrainState<StockItemState> state)
    {
        var key = GrainKeys.ParseStockItem(grainId);
        await using var connection = await database.OpenConnectionAsync();
        await using var row = Command(connection, "SELECT on_hand, reserved, last_seq, version FROM qm_stock_items WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3", key);
        await using var reader = await row.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return;
        }

        var stock = new StockItemState { OnHand = reader.GetInt64(0), Reserved = reader.GetInt64(1) };
        var (lastSeq, version) = (reader.GetInt64(2), reader.GetInt64(3));
        await reader.DisposeAsync();

        stock.Holds = await ReadHoldsAsync(connection, key);
        stock.Ledger = await ReadLedgerAsync(connection, key);
        if (stock.Ledger.Count != lastSeq)
        {
            throw new InvalidOperationException($"Stock item {grainId}: {stock.Ledger.Count} ledger rows but last_seq {lastSeq}.");
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
        var lastSeq = stock.Ledger.Count;

        // One statement: the holds and ledger rows are written only if the levels row passed its version
        // check (and took its row lock).
        var command = new NpgsqlBatchCommand();
        var parameters = command.Parameters;
        parameters.AddWithValue(key.TenantId);
        parameters.AddWithValue(key.Sku);
        parameters.AddWithValue(key.WarehouseId);
        parameters.AddWithValue(stock.OnHand);
        parameters.AddWithValue(stock.Reserved);
        parameters.AddWithValue((long)lastSeq);
        var sql = new StringBuilder("WITH levels AS (");
        if (expected is null)
        {
            sql.Append("""
                INSERT INTO qm_stock_items (tenant_id, sku, warehouse_id, on_hand, reserved, last_seq, version)
                VALUES ($1, $2, $3, $4, $5, $6, 1) ON CONFLICT DO NOTHING RETURNING 1)
                """);
        }
        else
        {
            parameters.AddWithValue(expected.Value);
            sql.Append("""
                UPDATE qm_stock_items SET on_hand = $4, reserved = $5, last_seq = $6, version = version + 1, updated_at = now()
                WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 AND version = $7 RETURNING 1)
                """);
        }

        if (stock.ChangedHolds.Count > 0)
        {
            AppendHolds(sql, parameters, stock);
        }

        if (lastSeq > persistedSeq)
        {
            AppendLedger(sql, parameters, stock.Ledger.Skip((int)persistedSeq).ToList());
        }

        sql.Append("\nSELECT 1 FROM levels");
        command.CommandText = sql.ToString();
        // A stale write matches no levels row, so it inserts nothing either: it cannot clash with the newer
        // writer's ledger rows, and any error here is a real one.
        await flusher.WriteAsync(new StateWrite(command));
        if (command.Rows != 1)
        {
            throw StaleWrite.For(grainType, grainId, state.ETag);
        }

        stock.ChangedHolds.Clear();
        state.ETag = Etag((expected ?? 0) + 1, lastSeq);
        state.RecordExists = true;
    }

    /// <summary>Stock items are never deleted: the ledger is their history.</summary>
    public Task ClearAsync(string grainType, string grainId, IGrainState<StockItemState> state) =>
        throw new NotSupportedException("Stock items are never cleared.");

    private static async Task<List<LedgerEntry>> ReadLedgerAsync(NpgsqlConnection connection, StockItemKey key)
    {
        await using var command = Command(connection, """
            SELECT seq, movement_id, entry_type, quantity, on_hand_after, reserved_after, at, reason, ref
            FROM qm_stock_ledger WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 ORDER BY seq
            """, key);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(new LedgerEntry(
                reader.GetInt64(0), reader.GetString(1), LedgerEntryTypes.Parse(reader.GetString(2)), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return entries;
    }

    private static async Task<Dictionary<string, HoldRecord>> ReadHoldsAsync(NpgsqlConnection connection, StockItemKey key)
    {
        await using var command = Command(connection,
            "SELECT hold_id, quantity, expires_at, status, ref FROM qm_stock_holds WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3", key);
        await using var reader = await command.ExecuteReaderAsync();
        var holds = new Dictionary<string, HoldRecord>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            holds[reader.GetString(0)] = new HoldRecord
            {
                Quantity = reader.GetInt64(1),
                ExpiresAt = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
                Status = HoldStatuses.Parse(reader.GetString(3)),
                Ref = reader.IsDBNull(4) ? null : reader.GetString(4),
            };
        }

        return holds;
    }

    private static void AppendHolds(StringBuilder sql, NpgsqlParameterCollection parameters, StockItemState stock)
    {
        var changed = stock.ChangedHolds.Select(id => (Id: id, Hold: stock.Holds[id])).ToList();
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
