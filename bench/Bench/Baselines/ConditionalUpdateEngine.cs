using Npgsql;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Bench.Baselines;

/// <summary>
/// The "sql-update" baseline: no application lock at all. A hold is one conditional statement (its own transaction);
/// an order is one transaction whose statements, one per line in sorted item order, go to the server in one batch.
/// A taken id (unique violation) is answered as the replay it is.
/// </summary>
internal sealed class ConditionalUpdateEngine : IBaselineEngine
{
    public const string EngineName = "sql-update";

    private readonly TimeProvider _clock;
    private readonly ConditionalUpdateSql _sql;
    private readonly BaselineLifecycle _lifecycle;

    public ConditionalUpdateEngine(BaselineDatabase database, TimeProvider clock)
    {
        var tables = new BaselineTables("baseline_sql_update");
        Store = new BaselineStore(database, tables);
        _sql = new ConditionalUpdateSql(tables);
        _lifecycle = new BaselineLifecycle(tables);
        _clock = clock;
    }

    public string Name => EngineName;

    public BaselineStore Store { get; }

    public async Task<Outcome<StockLevels>> ReceiveAsync(ItemKey item, string movementId, long quantity, CancellationToken cancellationToken)
    {
        await using var connection = await Store.OpenAsync(cancellationToken);
        return await TryReceiveAsync(connection, item, movementId, quantity, cancellationToken)
            ?? await Store.ReplayReceiptAsync(connection, item, movementId, quantity, cancellationToken)
            ?? throw new InvalidOperationException($"Movement '{movementId}' collided with an entry that is not there.");
    }

    public async Task<Outcome<HoldView>> PlaceHoldAsync(
        ItemKey item, string holdId, long quantity, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var connection = await Store.OpenAsync(cancellationToken);
        return await TryPlaceHoldAsync(connection, item, holdId, quantity, ttl, cancellationToken)
            ?? await Store.ReplayHoldAsync(connection, item, holdId, quantity, cancellationToken)
            ?? throw new InvalidOperationException($"Hold '{holdId}' collided with a hold that is not there.");
    }

    public async Task<Outcome<OrderView>> PlaceOrderAsync(
        string tenantId, string orderId, string? customerRef, IReadOnlyList<OrderLine> lines, CancellationToken cancellationToken)
    {
        await using var connection = await Store.OpenAsync(cancellationToken);
        if (await TryPlaceOrderAsync(connection, tenantId, orderId, customerRef, lines, cancellationToken) is { } placed)
        {
            return placed;
        }

        return await Store.OrderAsync(connection, tenantId, orderId, cancellationToken) is { } stored
            ? BaselineOrders.Replay(stored, customerRef, lines)
            : Failure.Conflict($"Order '{orderId}' collided with holds of an order that is not there.");
    }

    public async Task<Outcome<OrderView>> ConfirmOrderAsync(string tenantId, string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await Store.OpenAsync(cancellationToken);
        await using (var command = BaselineSql.Command(connection, _lifecycle.Confirm, tenantId, orderId, _clock.GetUtcNow()))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                return BaselineStore.ReadOrder(reader);
            }
        }

        return BaselineLifecycle.Unmatched(await Store.OrderAsync(connection, tenantId, orderId, cancellationToken), orderId, OrderStatus.Confirmed);
    }

    /// <summary>
    /// One transaction: the order's conditional status change (which returns its lines, and makes a concurrent twin
    /// wait on the order row), then every line's hold committed in one batch, in item order.
    /// </summary>
    public async Task<Outcome<OrderView>> ShipOrderAsync(string tenantId, string orderId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        await using var connection = await Store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        OrderView shipped;
        await using (var command = BaselineSql.Command(connection, _lifecycle.Ship, tenantId, orderId, now))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                await reader.CloseAsync();
                await transaction.RollbackAsync(cancellationToken);
                return BaselineLifecycle.Unmatched(await Store.OrderAsync(connection, tenantId, orderId, cancellationToken), orderId, OrderStatus.Shipped);
            }

            shipped = BaselineStore.ReadOrder(reader);
        }

        await using var commits = new NpgsqlBatch(connection, transaction);
        foreach (var (_, item, holdId) in BaselineLifecycle.Holds(tenantId, shipped))
        {
            commits.BatchCommands.Add(BaselineSql.Statement(_sql.CommitHold, tenantId, item.Sku, item.WarehouseId, holdId, now));
        }

        await using (var reader = await commits.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                if (await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) != 1)
                {
                    await reader.CloseAsync();
                    await transaction.RollbackAsync(cancellationToken);
                    return Failure.Conflict($"Order '{orderId}' has a line whose hold is no longer active.");
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return shipped;
    }

    /// <summary>Null when the movement id is already in the ledger.</summary>
    private async Task<Outcome<StockLevels>?> TryReceiveAsync(
        NpgsqlConnection connection, ItemKey item, string movementId, long quantity, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = BaselineSql.Command(
                connection, _sql.Receive, item.TenantId, item.Sku, item.WarehouseId, quantity, movementId, _clock.GetUtcNow());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return BaselineStore.ReadLevels(item, reader, 0);
        }
        catch (PostgresException error) when (BaselineSql.IsUniqueViolation(error))
        {
            return null;
        }
    }

    /// <summary>Null when the hold id is already taken.</summary>
    private async Task<Outcome<HoldView>?> TryPlaceHoldAsync(
        NpgsqlConnection connection, ItemKey item, string holdId, long quantity, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        StockLevels snapshot;
        try
        {
            await using var command = BaselineSql.Command(
                connection, _sql.PlaceHold, item.TenantId, item.Sku, item.WarehouseId, quantity, holdId, now, now + ttl);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return Failure.NotFound($"Stock item '{item.Sku}' in warehouse '{item.WarehouseId}' does not exist.");
            }

            snapshot = BaselineStore.ReadLevels(item, reader, 1);
            if (reader.GetBoolean(0))
            {
                return new HoldView(holdId, quantity, now + ttl, HoldStatus.Active, snapshot);
            }

            if (reader.GetBoolean(4))
            {
                return null;
            }
        }
        catch (PostgresException error) when (BaselineSql.IsUniqueViolation(error))
        {
            return null;
        }

        return Failure.Insufficient(quantity, await AvailableAfterRefusalAsync(connection, item, snapshot.Available, quantity, cancellationToken));
    }

    /// <summary>Null when the order id (or one of its hold ids) is already taken.</summary>
    private async Task<Outcome<OrderView>?> TryPlaceOrderAsync(
        NpgsqlConnection connection, string tenantId, string orderId, string? customerRef, IReadOnlyList<OrderLine> lines,
        CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var expiresAt = now + BaselineValues.DefaultReservationTtl;
        var sorted = BaselineOrders.InLockOrder(lines);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The order row first: a concurrent twin waits on its key before touching any stock row.
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { BaselineSql.Statement(_sql.InsertOrder, BaselineOrders.InsertValues(tenantId, orderId, customerRef, lines, now, expiresAt)) },
        };
        foreach (var (line, index) in sorted)
        {
            batch.BatchCommands.Add(BaselineSql.Statement(
                _sql.PlaceHold, tenantId, line.Sku, line.WarehouseId, line.Quantity, BaselineOrders.HoldId(orderId, index), now, expiresAt));
        }

        var shortLines = new Dictionary<int, long>();
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            foreach (var (line, index) in sorted)
            {
                await reader.NextResultAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return BaselineOrders.Missing(line);
                }

                if (!reader.GetBoolean(0))
                {
                    shortLines[index] = reader.GetInt64(1) - reader.GetInt64(2);
                }
            }
        }
        catch (PostgresException error) when (BaselineSql.IsUniqueViolation(error))
        {
            return null;
        }

        if (shortLines.Count > 0)
        {
            foreach (var (index, available) in shortLines.ToList())
            {
                var item = new ItemKey(tenantId, lines[index].Sku, lines[index].WarehouseId);
                shortLines[index] = await AvailableAfterRefusalAsync(connection, item, available, lines[index].Quantity, cancellationToken);
            }

            return BaselineOrders.Insufficient(lines, shortLines);
        }

        await transaction.CommitAsync(cancellationToken);
        return BaselineOrders.Placed(orderId, customerRef, lines, now, expiresAt);
    }

    /// <summary>
    /// What was available to a refused change. The statement's own read can predate the commit its conditional UPDATE
    /// waited for; only when it contradicts the refusal is it worth a fresh read (a new statement sees that commit).
    /// </summary>
    private async Task<long> AvailableAfterRefusalAsync(
        NpgsqlConnection connection, ItemKey item, long snapshotAvailable, long requested, CancellationToken cancellationToken) =>
        snapshotAvailable < requested
            ? snapshotAvailable
            : (await Store.LevelsAsync(connection, item, cancellationToken))?.Available ?? snapshotAvailable;
}
