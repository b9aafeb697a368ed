using Npgsql;
using Quartermaster.Grains.Abstractions.Common;
using Quartermaster.Grains.Abstractions.Orders;
using Quartermaster.Grains.Abstractions.Stock;

namespace Quartermaster.Bench.Baselines;

/// <summary>
/// The "redis-lock" baseline, the design Quartermaster replaces: take a Redis lock key per stock item touched, then
/// read-modify-write in one PostgreSQL transaction (read, check in C#, write levels, ledger and holds, commit),
/// then release the locks. The writes of one change go in one batch, so the engine is not slowed by needless trips.
/// </summary>
internal sealed class RedisLockEngine : IBaselineEngine
{
    public const string EngineName = "redis-lock";

    private readonly RedisLock _locks;
    private readonly TimeProvider _clock;
    private readonly RedisLockSql _sql;

    public RedisLockEngine(BaselineDatabase database, RedisLock locks, TimeProvider clock)
    {
        var tables = new BaselineTables("baseline_redis_lock");
        Store = new BaselineStore(database, tables);
        _sql = new RedisLockSql(tables);
        _locks = locks;
        _clock = clock;
    }

    public string Name => EngineName;

    public BaselineStore Store { get; }

    public async Task<Outcome<StockLevels>> ReceiveAsync(ItemKey item, string movementId, long quantity, CancellationToken cancellationToken)
    {
        await using var locks = await _locks.AcquireAsync([item], cancellationToken);
        await using var connection = await Store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await Store.ReplayReceiptAsync(connection, item, movementId, quantity, cancellationToken) is { } replay)
        {
            return replay;
        }

        var current = await Store.LevelsAsync(connection, item, cancellationToken) ?? new StockLevels(item.Sku, item.WarehouseId, 0, 0, 0);
        var after = current with { OnHand = current.OnHand + quantity, Version = current.Version + 1 };
        await using var writes = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { Levels(_sql.UpsertLevels, item, after), Entry(item, after, movementId, BaselineValues.Receipt, quantity) },
        };
        await writes.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    public async Task<Outcome<HoldView>> PlaceHoldAsync(
        ItemKey item, string holdId, long quantity, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var locks = await _locks.AcquireAsync([item], cancellationToken);
        await using var connection = await Store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        StockLevels current;
        bool holdTaken;
        await using (var read = BaselineSql.Command(connection, _sql.ItemWithHold, item.TenantId, item.Sku, item.WarehouseId, holdId))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return Failure.NotFound($"Stock item '{item.Sku}' in warehouse '{item.WarehouseId}' does not exist.");
            }

            current = BaselineStore.ReadLevels(item, reader, 0);
            holdTaken = !reader.IsDBNull(3);
        }

        if (holdTaken)
        {
            return await Store.ReplayHoldAsync(connection, item, holdId, quantity, cancellationToken)
                ?? throw new InvalidOperationException($"Hold '{holdId}' vanished while its item was locked.");
        }

        if (quantity > current.Available)
        {
            return Failure.Insufficient(quantity, current.Available);
        }

        var expiresAt = _clock.GetUtcNow() + ttl;
        var after = current with { Reserved = current.Reserved + quantity, Version = current.Version + 1 };
        await using var writes = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Levels(_sql.UpdateLevels, item, after),
                Entry(item, after, holdId, BaselineValues.Hold, quantity),
                BaselineSql.Statement(_sql.InsertHold, item.TenantId, item.Sku, item.WarehouseId, holdId, quantity, expiresAt),
            },
        };
        await writes.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new HoldView(holdId, quantity, expiresAt, HoldStatus.Active, after);
    }

    public async Task<Outcome<OrderView>> PlaceOrderAsync(
        string tenantId, string orderId, string? customerRef, IReadOnlyList<OrderLine> lines, CancellationToken cancellationToken)
    {
        var keys = lines.Select(line => new ItemKey(tenantId, line.Sku, line.WarehouseId)).ToList();
        await using var locks = await _locks.AcquireAsync(keys, cancellationToken);
        await using var connection = await Store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (stored, levels) = await ReadOrderAndItemsAsync(connection, transaction, tenantId, orderId, keys, cancellationToken);
        if (stored is not null)
        {
            return BaselineOrders.Replay(stored, customerRef, lines);
        }

        var now = _clock.GetUtcNow();
        var expiresAt = now + BaselineValues.DefaultReservationTtl;
        await using var writes = new NpgsqlBatch(connection, transaction);
        var shortLines = new Dictionary<int, long>();
        foreach (var (line, index) in BaselineOrders.InLockOrder(lines))
        {
            if (!levels.TryGetValue(keys[index], out var current))
            {
                return BaselineOrders.Missing(line);
            }

            if (line.Quantity > current.Available)
            {
                shortLines[index] = current.Available;
                continue;
            }

            var after = current with { Reserved = current.Reserved + line.Quantity, Version = current.Version + 1 };
            levels[keys[index]] = after;
            var holdId = BaselineOrders.HoldId(orderId, index);
            writes.BatchCommands.Add(Entry(keys[index], after, holdId, BaselineValues.Hold, line.Quantity));
            writes.BatchCommands.Add(BaselineSql.Statement(
                _sql.InsertHold, tenantId, line.Sku, line.WarehouseId, holdId, line.Quantity, expiresAt));
        }

        if (shortLines.Count > 0)
        {
            return BaselineOrders.Insufficient(lines, shortLines);
        }

        foreach (var key in keys.Distinct())
        {
            writes.BatchCommands.Add(Levels(_sql.UpdateLevels, key, levels[key]));
        }

        writes.BatchCommands.Add(BaselineSql.Statement(
            _sql.InsertOrder, BaselineOrders.InsertValues(tenantId, orderId, customerRef, lines, now, expiresAt)));
        await writes.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BaselineOrders.Placed(orderId, customerRef, lines, now, expiresAt);
    }

    /// <summary>Under the order's lock: read it, check the transition in C#, write the new status.</summary>
    public async Task<Outcome<OrderView>> ConfirmOrderAsync(string tenantId, string orderId, CancellationToken cancellationToken)
    {
        await using var locks = await _locks.AcquireAsync([ItemKey.OrderLockKey(tenantId, orderId)], cancellationToken);
        await using var connection = await Store.OpenAsync(cancellationToken);
        var stored = await Store.OrderAsync(connection, tenantId, orderId, cancellationToken);
        if (stored?.Status != OrderStatus.Reserved)
        {
            return BaselineLifecycle.Unmatched(stored, orderId, OrderStatus.Confirmed);
        }

        var now = _clock.GetUtcNow();
        await using var write = BaselineSql.Command(
            connection, _sql.SetOrderStatus, tenantId, orderId, BaselineValues.ConfirmedOrder, now, null);
        await write.ExecuteNonQueryAsync(cancellationToken);
        return stored with { Status = OrderStatus.Confirmed, UpdatedAt = now, ExpiresAt = null };
    }

    /// <summary>
    /// The order is read first to learn its items; then its lock and every item's lock are taken, the order and the
    /// items are read again under them, and levels, ledger, holds and the order are written in one transaction.
    /// </summary>
    public async Task<Outcome<OrderView>> ShipOrderAsync(string tenantId, string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await Store.OpenAsync(cancellationToken);
        var unlocked = await Store.OrderAsync(connection, tenantId, orderId, cancellationToken);
        if (unlocked?.Status != OrderStatus.Confirmed)
        {
            return BaselineLifecycle.Unmatched(unlocked, orderId, OrderStatus.Shipped);
        }

        var holds = BaselineLifecycle.Holds(tenantId, unlocked).ToList();
        var keys = holds.Select(h => h.Item).ToList();
        await using var locks = await _locks.AcquireAsync(
            keys.Select(k => k.LockKey).Append(ItemKey.OrderLockKey(tenantId, orderId)), cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (stored, levels) = await ReadOrderAndItemsAsync(connection, transaction, tenantId, orderId, keys, cancellationToken);
        if (stored?.Status != OrderStatus.Confirmed)
        {
            return BaselineLifecycle.Unmatched(stored, orderId, OrderStatus.Shipped);
        }

        var now = _clock.GetUtcNow();
        await using var writes = new NpgsqlBatch(connection, transaction);
        foreach (var (line, item, holdId) in holds)
        {
            var after = levels[item] with
            {
                OnHand = levels[item].OnHand - line.Quantity, Reserved = levels[item].Reserved - line.Quantity, Version = levels[item].Version + 1,
            };
            levels[item] = after;
            writes.BatchCommands.Add(Entry(item, after, holdId, BaselineValues.Commit, line.Quantity));
            writes.BatchCommands.Add(BaselineSql.Statement(_sql.CommitHold, tenantId, item.Sku, item.WarehouseId, holdId));
        }

        foreach (var key in keys.Distinct())
        {
            writes.BatchCommands.Add(Levels(_sql.UpdateLevels, key, levels[key]));
        }

        writes.BatchCommands.Add(BaselineSql.Statement(_sql.SetOrderStatus, tenantId, orderId, BaselineValues.ShippedOrder, now, stored.ExpiresAt));
        await writes.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored with { Status = OrderStatus.Shipped, UpdatedAt = now };
    }

    private async Task<(OrderView? Stored, Dictionary<ItemKey, StockLevels> Levels)> ReadOrderAndItemsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string tenantId, string orderId, List<ItemKey> keys,
        CancellationToken cancellationToken)
    {
        await using var reads = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                BaselineSql.Statement(Store.OrderQuery, tenantId, orderId),
                BaselineSql.Statement(_sql.ItemsOfOrder, tenantId, keys.Select(k => k.Sku).ToArray(), keys.Select(k => k.WarehouseId).ToArray()),
            },
        };
        await using var reader = await reads.ExecuteReaderAsync(cancellationToken);
        var stored = await reader.ReadAsync(cancellationToken) ? BaselineStore.ReadOrder(reader) : null;
        await reader.NextResultAsync(cancellationToken);
        var levels = new Dictionary<ItemKey, StockLevels>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new ItemKey(tenantId, reader.GetString(0), reader.GetString(1));
            levels[key] = BaselineStore.ReadLevels(key, reader, 2);
        }

        return (stored, levels);
    }

    private static NpgsqlBatchCommand Levels(string sql, ItemKey item, StockLevels after) =>
        BaselineSql.Statement(sql, item.TenantId, item.Sku, item.WarehouseId, after.OnHand, after.Reserved, after.Version);

    private NpgsqlBatchCommand Entry(ItemKey item, StockLevels after, string movementId, string type, long quantity) =>
        BaselineSql.Statement(_sql.AppendLedger, item.TenantId, item.Sku, item.WarehouseId, after.Version, movementId, type, quantity,
            after.OnHand, after.Reserved, _clock.GetUtcNow());
}
