namespace Quartermaster.Bench.Baselines;

/// <summary>
/// The sql-update engine's SQL: each change of a stock item is one statement whose conditional UPDATE PostgreSQL's
/// row lock serialises (a waiting UPDATE re-checks its condition on the row its predecessor committed), and whose
/// ledger and hold rows are inserted by the same statement, so they exist exactly when the update happened.
/// </summary>
internal sealed class ConditionalUpdateSql(BaselineTables t)
{
    /// <summary>($1 tenant, $2 sku, $3 warehouse, $4 quantity, $5 movement id, $6 at) → on_hand, reserved, last_seq.</summary>
    public string Receive { get; } = $"""
        WITH item AS (
            INSERT INTO {t.Items} AS i (tenant_id, sku, warehouse_id, on_hand, reserved, last_seq) VALUES ($1, $2, $3, $4, 0, 1)
            ON CONFLICT (tenant_id, sku, warehouse_id) DO UPDATE SET on_hand = i.on_hand + EXCLUDED.on_hand, last_seq = i.last_seq + 1
            RETURNING on_hand, reserved, last_seq),
        entry AS (
            INSERT INTO {t.Ledger} (tenant_id, sku, warehouse_id, seq, movement_id, entry_type, quantity, on_hand_after, reserved_after, at)
            SELECT $1, $2, $3, last_seq, $5, '{BaselineValues.Receipt}', $4, on_hand, reserved, $6 FROM item)
        SELECT on_hand, reserved, last_seq FROM item
        """;

    /// <summary>
    /// ($1 tenant, $2 sku, $3 warehouse, $4 quantity, $5 hold id, $6 at, $7 expires at) → placed, on_hand, reserved,
    /// last_seq, hold id taken. When the condition fails the levels are the statement's snapshot (for the problem's
    /// available); no row at all means the item does not exist.
    /// </summary>
    public string PlaceHold { get; } = $"""
        WITH item AS (
            UPDATE {t.Items} SET reserved = reserved + $4, last_seq = last_seq + 1
            WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 AND on_hand - reserved >= $4
            RETURNING on_hand, reserved, last_seq),
        entry AS (
            INSERT INTO {t.Ledger} (tenant_id, sku, warehouse_id, seq, movement_id, entry_type, quantity, on_hand_after, reserved_after, at)
            SELECT $1, $2, $3, last_seq, $5, '{BaselineValues.Hold}', $4, on_hand, reserved, $6 FROM item),
        hold AS (
            INSERT INTO {t.Holds} (tenant_id, sku, warehouse_id, hold_id, quantity, expires_at, status)
            SELECT $1, $2, $3, $5, $4, $7, '{BaselineValues.ActiveHold}' FROM item)
        SELECT true, on_hand, reserved, last_seq, false FROM item
        UNION ALL
        SELECT false, on_hand, reserved, last_seq,
               EXISTS (SELECT 1 FROM {t.Holds} WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 AND hold_id = $5)
        FROM {t.Items}
        WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 AND NOT EXISTS (SELECT 1 FROM item)
        """;

    /// <summary>
    /// ($1 tenant, $2 sku, $3 warehouse, $4 hold id, $5 at) → 1 when the active hold was committed (onHand and reserved
    /// both drop by its quantity, one ledger entry), 0 when the hold was not active.
    /// </summary>
    public string CommitHold { get; } = $"""
        WITH hold AS (
            UPDATE {t.Holds} SET status = '{BaselineValues.CommittedHold}'
            WHERE tenant_id = $1 AND sku = $2 AND warehouse_id = $3 AND hold_id = $4 AND status = '{BaselineValues.ActiveHold}'
            RETURNING quantity),
        item AS (
            UPDATE {t.Items} i SET on_hand = i.on_hand - hold.quantity, reserved = i.reserved - hold.quantity, last_seq = i.last_seq + 1
            FROM hold WHERE i.tenant_id = $1 AND i.sku = $2 AND i.warehouse_id = $3
            RETURNING i.on_hand, i.reserved, i.last_seq, hold.quantity),
        entry AS (
            INSERT INTO {t.Ledger} (tenant_id, sku, warehouse_id, seq, movement_id, entry_type, quantity, on_hand_after, reserved_after, at)
            SELECT $1, $2, $3, last_seq, $4, '{BaselineValues.Commit}', quantity, on_hand, reserved, $5 FROM item)
        SELECT count(*)::int FROM item
        """;

    public string InsertOrder { get; } = BaselineOrders.InsertSql(t);
}
