using Npgsql;
using Quartermaster.Grains.Abstractions.Identifiers;
using Quartermaster.Grains.Orders;
using Quartermaster.Grains.Stock;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// The hold due index on PostgreSQL: the active rows of qm_stock_holds whose expires_at has passed, read through
/// the partial index qm_stock_holds_due, one entry per stock item at its earliest expired hold. A sweep range is
/// a hash range of the stock item's key; the hash is computed only for holds already due, which are few.
/// </summary>
internal sealed class PostgresHoldDueIndex(NpgsqlDataSource database) : IHoldDueIndex
{
    private const string Due = """
        SELECT tenant_id, sku, warehouse_id, due_at FROM (
            SELECT tenant_id, sku, warehouse_id, min(expires_at) AS due_at FROM qm_stock_holds
            WHERE status = 'active' AND expires_at <= $1
              AND (hashtext(tenant_id || '/' || sku || '/' || warehouse_id) & 2147483647) % $2 = $3
            GROUP BY tenant_id, sku, warehouse_id) AS due
        """;

    public Task RecordAsync(string itemKey, DateTimeOffset? nextExpiry) => Task.CompletedTask;

    public async Task<IReadOnlyList<DueEntry>> DueAsync(int range, DateTimeOffset now, DueEntry? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        command.Parameters.AddWithValue(now.ToUniversalTime());
        command.Parameters.AddWithValue(OrderSweep.Ranges);
        command.Parameters.AddWithValue(range);
        command.Parameters.AddWithValue(limit);
        const string order = " ORDER BY due_at, tenant_id, sku, warehouse_id LIMIT $4";
        if (after is null)
        {
            command.CommandText = Due + order;
        }
        else
        {
            var key = GrainKeys.ParseStockItem(after.Key);
            command.Parameters.AddWithValue(after.DueAt.ToUniversalTime());
            command.Parameters.AddWithValue(key.TenantId);
            command.Parameters.AddWithValue(key.Sku);
            command.Parameters.AddWithValue(key.WarehouseId);
            command.CommandText = Due + " WHERE (due_at, tenant_id, sku, warehouse_id) > ($5, $6, $7, $8)" + order;
        }

        var due = new List<DueEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueEntry(reader.GetFieldValue<DateTimeOffset>(3), GrainKeys.StockItem(reader.GetString(0), reader.GetString(1), reader.GetString(2))));
        }

        return due;
    }
}
