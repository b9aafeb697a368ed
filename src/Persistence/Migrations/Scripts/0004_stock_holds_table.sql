-- Holds move out of qm_stock_items' jsonb column into rows of their own: a write then touches only the
-- holds its batch changed, instead of rewriting every hold the item ever had (which grows without bound).

CREATE TABLE IF NOT EXISTS qm_stock_holds (
    tenant_id     text COLLATE "C" NOT NULL,
    sku           text        NOT NULL,
    warehouse_id  text        NOT NULL,
    hold_id       text        NOT NULL,
    quantity      bigint      NOT NULL,
    expires_at    timestamptz,
    status        text        NOT NULL,
    ref           text,
    PRIMARY KEY (tenant_id, sku, warehouse_id, hold_id),
    CONSTRAINT qm_stock_holds_quantity CHECK (quantity >= 0)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_name = 'qm_stock_items' AND column_name = 'holds' AND table_schema = current_schema()) THEN
        INSERT INTO qm_stock_holds (tenant_id, sku, warehouse_id, hold_id, quantity, expires_at, status, ref)
        SELECT s.tenant_id, s.sku, s.warehouse_id, h.key,
               (h.value ->> 'Quantity')::bigint,
               (h.value ->> 'ExpiresAt')::timestamptz,
               lower(h.value ->> 'Status'),
               h.value ->> 'Ref'
        FROM qm_stock_items s, jsonb_each(s.holds) AS h
        ON CONFLICT DO NOTHING;
        ALTER TABLE qm_stock_items DROP COLUMN holds;
    END IF;
END;
$$;
