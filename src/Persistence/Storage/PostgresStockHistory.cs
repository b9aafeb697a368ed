using System.Globalization;
using Npgsql;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// A stock item's history read from qm_stock_ledger and qm_stock_holds, which <see cref="StockItemTable"/>'s
/// write fills (and whose write refuses a batch that reuses a stored id).
/// </summary>
internal sealed class PostgresStockHistory(NpgsqlDataSource database, StorageFailures? failures = null) : IStockHistory
{
    public bool WriteRefusesReplays => true;

    public Task<Page<LedgerEntry>> ReadLedgerAsync(StockItemKey key, long afterSeq, int limit, long upToSeq) =>
        Guard(() => QueryLedgerAsync(key, afterSeq, limit, upToSeq));

    public Task<StoredIds> FindAsync(StockItemKey key, IReadOnlyCollection<MovementKey> movements, IReadOnlyCollection<string> holdIds) =>
        movements.Count == 0 && holdIds.Count == 0 ? Task.FromResult(StoredIds.None) : Guard(() => QueryIdsAsync(key, movements, holdIds));

    /// <summary>The stock write already stored it, in the same statement as the levels.</summary>
    public Task RecordAsync(StockItemKey key, StockChanges written, StockLevels levels) => Task.CompletedTask;

    /// <summary>As for storage: a database that is down answers "unavailable, retry", behind the same breaker.</summary>
    private Task<T> Guard<T>(Func<Task<T>> query) => (failures ?? StorageFailures.WithoutBreaker).Guard(query);

    private async Task<Page<LedgerEntry>> QueryLedgerAsync(StockItemKey key, long afterSeq, int limit, long upToSeq)
    {
        await using var command = database.CreateCommand("""
            SELECT seq, movement_id, entry_type, quantity, on_hand_after, reserved_after, at, reason, ref
            FROM qm_stock_ledger WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 AND seq > $4 AND seq <= $5
            ORDER BY seq LIMIT $6
            """);
        AddKey(command, key);
        command.Parameters.AddWithValue(afterSeq);
        command.Parameters.AddWithValue(upToSeq);
        command.Parameters.AddWithValue(limit);
        var entries = await ReadEntriesAsync(command);
        var next = entries.Count == limit && entries[^1].Seq < upToSeq
            ? entries[^1].Seq.ToString(CultureInfo.InvariantCulture)
            : null;
        return new Page<LedgerEntry>(entries, next);
    }

    private async Task<StoredIds> QueryIdsAsync(StockItemKey key, IReadOnlyCollection<MovementKey> movements, IReadOnlyCollection<string> holdIds)
    {
        await using var connection = await database.OpenConnectionAsync();
        var found = new List<LedgerEntry>();
        if (movements.Count > 0)
        {
            await using var command = new NpgsqlCommand("""
                SELECT l.seq, l.movement_id, l.entry_type, l.quantity, l.on_hand_after, l.reserved_after, l.at, l.reason, l.ref
                FROM qm_stock_ledger l JOIN unnest($4::text[], $5::text[]) AS m(entry_type, movement_id)
                    ON l.entry_type = m.entry_type AND l.movement_id = m.movement_id
                WHERE l.tenant_id = $1 AND l.sku = $2 AND l.warehouse_id = $3
                """, connection);
            AddKey(command, key);
            command.Parameters.AddWithValue(movements.Select(m => LedgerEntryTypes.Name(m.Type)).ToArray());
            command.Parameters.AddWithValue(movements.Select(m => m.MovementId).ToArray());
            found = await ReadEntriesAsync(command);
        }

        var holds = new Dictionary<string, HoldRecord>(StringComparer.Ordinal);
        if (holdIds.Count > 0)
        {
            await using var command = new NpgsqlCommand("""
                SELECT hold_id, quantity, expires_at, status, ref FROM qm_stock_holds
                WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 AND hold_id = ANY($4::text[])
                """, connection);
            AddKey(command, key);
            command.Parameters.AddWithValue(holdIds.ToArray());
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                holds[reader.GetString(0)] = StockRows.Hold(reader);
            }
        }

        return new StoredIds(found, holds);
    }

    private static async Task<List<LedgerEntry>> ReadEntriesAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<LedgerEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(StockRows.LedgerEntry(reader));
        }

        return entries;
    }

    private static void AddKey(NpgsqlCommand command, StockItemKey key)
    {
        command.Parameters.AddWithValue(key.TenantId);
        command.Parameters.AddWithValue(key.Sku);
        command.Parameters.AddWithValue(key.WarehouseId);
    }
}
