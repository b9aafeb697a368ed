using Npgsql;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Bench.Baselines;

/// <summary>
/// One engine's rows read back, the same way for every engine: stock levels, and what a replayed receipt, hold
/// or order already stored. Reads take no lock; writes are the engine's business.
/// </summary>
internal sealed class BaselineStore(BaselineDatabase database, BaselineTables tables)
{
    private readonly string _levels =
        $"SELECT on_hand, reserved, last_seq FROM {tables.Items} WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3";

    private readonly string _receipt = $"""
        SELECT l.quantity, i.on_hand, i.reserved, i.last_seq
        FROM {tables.Ledger} l
        JOIN {tables.Items} i ON i.tenant_id = l.tenant_id AND i.sku = l.sku AND i.warehouse_id = l.warehouse_id
        WHERE l.tenant_id = $1 AND l.sku = $2 AND l.warehouse_id = $3 AND l.entry_type = '{BaselineValues.Receipt}' AND l.movement_id = $4
        """;

    private readonly string _hold = $"""
        SELECT h.quantity, h.expires_at, h.status, i.on_hand, i.reserved, i.last_seq
        FROM {tables.Holds} h
        JOIN {tables.Items} i ON i.tenant_id = h.tenant_id AND i.sku = h.sku AND i.warehouse_id = h.warehouse_id
        WHERE h.tenant_id = $1 AND h.sku = $2 AND h.warehouse_id = $3 AND h.hold_id = $4
        """;

    public BaselineTables Tables => tables;

    /// <summary>The query of an order by (tenant_id $1, order_id $2), in the column order <see cref="ReadOrder"/> expects.</summary>
    public string OrderQuery { get; } = $"""
        SELECT order_id, status, customer_ref, line_skus, line_warehouse_ids, line_quantities, created_at, updated_at, expires_at
        FROM {tables.Orders} WHERE tenant_id = $1 AND order_id = $2
        """;

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        database.DataSource.OpenConnectionAsync(cancellationToken);

    public async Task<StockLevels?> LevelsAsync(ItemKey item, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await LevelsAsync(connection, item, cancellationToken);
    }

    public async Task<StockLevels?> LevelsAsync(NpgsqlConnection connection, ItemKey item, CancellationToken cancellationToken)
    {
        await using var command = BaselineSql.Command(connection, _levels, item.TenantId, item.Sku, item.WarehouseId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadLevels(item, reader, 0) : null;
    }

    /// <summary>The answer to a receipt whose movement id was already applied, or null when it was not.</summary>
    public async Task<Outcome<StockLevels>?> ReplayReceiptAsync(
        NpgsqlConnection connection, ItemKey item, string movementId, long quantity, CancellationToken cancellationToken)
    {
        await using var command = BaselineSql.Command(connection, _receipt, item.TenantId, item.Sku, item.WarehouseId, movementId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return reader.GetInt64(0) == quantity
            ? ReadLevels(item, reader, 1)
            : Failure.Conflict($"Movement '{movementId}' was already applied with other content.");
    }

    /// <summary>The answer to a hold whose id is already taken, or null when it is not.</summary>
    public async Task<Outcome<HoldView>?> ReplayHoldAsync(
        NpgsqlConnection connection, ItemKey item, string holdId, long quantity, CancellationToken cancellationToken)
    {
        await using var command = BaselineSql.Command(connection, _hold, item.TenantId, item.Sku, item.WarehouseId, holdId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        if (reader.GetInt64(0) != quantity)
        {
            return Failure.Conflict($"Hold '{holdId}' already exists with other content.");
        }

        var expiresAt = reader.IsDBNull(1) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(1);
        var status = Enum.Parse<HoldStatus>(reader.GetString(2), ignoreCase: true);
        return new HoldView(holdId, quantity, expiresAt, status, ReadLevels(item, reader, 3));
    }

    public async Task<OrderView?> OrderAsync(NpgsqlConnection connection, string tenantId, string orderId, CancellationToken cancellationToken)
    {
        await using var command = BaselineSql.Command(connection, OrderQuery, tenantId, orderId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadOrder(reader) : null;
    }

    /// <summary>Levels from three columns (on_hand, reserved, last_seq) starting at <paramref name="first"/>; the version is last_seq.</summary>
    public static StockLevels ReadLevels(ItemKey item, NpgsqlDataReader reader, int first) =>
        new(item.Sku, item.WarehouseId, reader.GetInt64(first), reader.GetInt64(first + 1), reader.GetInt64(first + 2));

    public static OrderView ReadOrder(NpgsqlDataReader reader)
    {
        var skus = reader.GetFieldValue<string[]>(3);
        var warehouses = reader.GetFieldValue<string[]>(4);
        var quantities = reader.GetFieldValue<long[]>(5);
        var lines = skus.Select((sku, i) => new OrderLine(sku, warehouses[i], quantities[i])).ToList();
        var status = Enum.Parse<OrderStatus>(reader.GetString(1), ignoreCase: true);
        var createdAt = reader.GetFieldValue<DateTimeOffset>(6);
        var expiresAt = reader.IsDBNull(8) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(8);
        return new OrderView(reader.GetString(0), status, reader.IsDBNull(2) ? null : reader.GetString(2), lines,
            createdAt, reader.GetFieldValue<DateTimeOffset>(7), expiresAt, [new OrderHistoryEntry(status, createdAt)], Version: 1);
    }
}
