namespace Quartermaster.Bench.Baselines;

/// <summary>
/// The redis-lock engine's SQL: plain reads and blind writes of values computed in C#. Nothing here guards against
/// a concurrent writer (no FOR UPDATE, no version check): the Redis lock is the only thing that serialises.
/// </summary>
internal sealed class RedisLockSql(BaselineTables t)
{
    public string ItemWithHold { get; } = $"""
        SELECT i.on_hand, i.reserved, i.last_seq, h.hold_id
        FROM {t.Items} i
        LEFT JOIN {t.Holds} h ON h.tenant_id = i.tenant_id AND h.sku = i.sku AND h.warehouse_id = i.warehouse_id AND h.hold_id = $4
        WHERE i.tenant_id = $1 AND i.sku = $2 AND i.warehouse_id = $3
        """;

    public string ItemsOfOrder { get; } = $"""
        SELECT i.sku, i.warehouse_id, i.on_hand, i.reserved, i.last_seq
        FROM {t.Items} i
        JOIN unnest($2::text[], $3::text[]) AS k(sku, warehouse_id) ON i.sku = k.sku AND i.warehouse_id = k.warehouse_id
        WHERE i.tenant_id = $1
        """;

    public string UpsertLevels { get; } = $"""
        INSERT INTO {t.Items} (tenant_id, sku, warehouse_id, on_hand, reserved, last_seq) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (tenant_id, sku, warehouse_id)
        DO UPDATE SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved, last_seq = EXCLUDED.last_seq
        """;

    public string UpdateLevels { get; } =
        $"UPDATE {t.Items} SET on_hand = $4, reserved = $5, last_seq = $6 WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3";

    public string AppendLedger { get; } = $"""
        INSERT INTO {t.Ledger} (tenant_id, sku, warehouse_id, seq, movement_id, entry_type, quantity, on_hand_after, reserved_after, at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        """;

    public string InsertHold { get; } = $"""
        INSERT INTO {t.Holds} (tenant_id, sku, warehouse_id, hold_id, quantity, expires_at, status)
        VALUES ($1, $2, $3, $4, $5, $6, '{BaselineValues.ActiveHold}')
        """;

    public string CommitHold { get; } = $"""
        UPDATE {t.Holds} SET status = '{BaselineValues.CommittedHold}' WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 AND hold_id = $4
        """;

    public string SetOrderStatus { get; } =
        $"UPDATE {t.Orders} SET status = $3, updated_at = $4, expires_at = $5 WHERE tenant_id = $1 AND order_id = $2";

    public string InsertOrder { get; } = BaselineOrders.InsertSql(t);
}
