using System.Text;
using Npgsql;
using Quartermaster.Grains.Abstractions.Stock;
using Quartermaster.Grains.Stock.Search;

namespace Quartermaster.Persistence.Storage;

/// <summary>
/// GET /stock straight from qm_stock_items in primary-key order, continuing after a (sku, warehouseId) position,
/// so a page is a range scan of the tenant's rows. Each row is what the item's last acknowledged write left
/// (the grain answers only after its row committed). An item follows its tenant's threshold where its own is null.
/// A row with no ledger entry and no threshold of its own is left out: a client never wrote that item (an order
/// refused for stock leaves one where it revoked a hold it never placed).
/// </summary>
internal sealed class PostgresStockSearch(NpgsqlDataSource database) : IStockSearch
{
    public async Task<StockPage> SearchAsync(string tenantId, StockQuery query, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand();
        command.Parameters.AddWithValue(tenantId);
        command.Parameters.AddWithValue(query.TenantThreshold);
        var sql = new StringBuilder("""
            SELECT sku, warehouse_id, on_hand, reserved, last_seq, COALESCE(low_stock_threshold, $2)
            FROM qm_stock_items WHERE tenant_id = $1 AND (last_seq > 0 OR low_stock_threshold IS NOT NULL)
            """);
        void Where(string predicate, object value)
        {
            command.Parameters.AddWithValue(value);
            sql.Append(" AND ").Append(predicate.Replace("@", "$" + command.Parameters.Count, StringComparison.Ordinal));
        }

        if (query.WarehouseId is { } warehouse)
        {
            Where("warehouse_id = @", warehouse);
        }

        if (query.SkuPrefix is { } prefix)
        {
            Where("starts_with(sku, @)", prefix);
        }

        if (query.LowOnly)
        {
            // LowStockRule: stocked, a threshold above 0, available at or below it.
            sql.Append(" AND last_seq > 0 AND COALESCE(low_stock_threshold, $2) > 0 AND on_hand - reserved <= COALESCE(low_stock_threshold, $2)");
        }

        if (query.After is { } after)
        {
            command.Parameters.AddWithValue(after.Sku);
            command.Parameters.AddWithValue(after.WarehouseId);
            sql.Append($" AND (sku, warehouse_id) > (${command.Parameters.Count - 1}, ${command.Parameters.Count})");
        }

        command.Parameters.AddWithValue(query.Limit + 1);
        sql.Append($" ORDER BY sku, warehouse_id LIMIT ${command.Parameters.Count}");
        command.CommandText = sql.ToString();

        var items = new List<StockLevels>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new StockLevels(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        var page = items.Take(query.Limit).ToList();
        return new StockPage(page, items.Count > query.Limit ? new StockPosition(page[^1].Sku, page[^1].WarehouseId) : null);
    }
}
