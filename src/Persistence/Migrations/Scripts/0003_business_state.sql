-- Business state: the system of record for stock, the stock ledger and orders, plus a generic table for
-- the other grains' state (tenants, API key look-ups, catalogs, transfers). Every row carries the version
-- its writer read; writes are conditional on it, so a stale activation's write changes nothing.

CREATE TABLE IF NOT EXISTS qm_grain_state (
    grain_type  text        NOT NULL,
    grain_id    text        NOT NULL,
    version     bigint      NOT NULL,
    payload     jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_id)
);

CREATE TABLE IF NOT EXISTS qm_stock_items (
    tenant_id     text COLLATE "C" NOT NULL,
    sku           text        NOT NULL,
    warehouse_id  text        NOT NULL,
    on_hand       bigint      NOT NULL,
    reserved      bigint      NOT NULL,
    last_seq      bigint      NOT NULL,
    version       bigint      NOT NULL,
    holds         jsonb       NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, sku, warehouse_id),
    -- the invariant of the whole service, enforced once more where the data lives
    CONSTRAINT qm_stock_items_levels CHECK (reserved >= 0 AND reserved <= on_hand)
);

-- Append-only: rows are inserted with their stock item's write and never updated or deleted.
CREATE TABLE IF NOT EXISTS qm_stock_ledger (
    tenant_id       text        NOT NULL,
    sku             text        NOT NULL,
    warehouse_id    text        NOT NULL,
    seq             bigint      NOT NULL,
    movement_id     text        NOT NULL,
    entry_type      text        NOT NULL,
    quantity        bigint      NOT NULL,
    on_hand_after   bigint      NOT NULL,
    reserved_after  bigint      NOT NULL,
    at              timestamptz NOT NULL,
    reason          text,
    ref             text,
    PRIMARY KEY (tenant_id, sku, warehouse_id, seq),
    CONSTRAINT qm_stock_ledger_movement UNIQUE (tenant_id, sku, warehouse_id, entry_type, movement_id)
);

CREATE OR REPLACE FUNCTION qm_stock_ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'qm_stock_ledger is append-only (% refused)', TG_OP;
END;
$$;

DROP TRIGGER IF EXISTS qm_stock_ledger_append_only ON qm_stock_ledger;
CREATE TRIGGER qm_stock_ledger_append_only
    BEFORE UPDATE OR DELETE ON qm_stock_ledger
    FOR EACH ROW EXECUTE FUNCTION qm_stock_ledger_is_append_only();

CREATE TABLE IF NOT EXISTS qm_orders (
    tenant_id     text COLLATE "C" NOT NULL,
    order_id      text COLLATE "C" NOT NULL,
    status        text,
    customer_ref  text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    version       bigint      NOT NULL,
    payload       jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, order_id)
);

-- GET /orders: newest first per tenant, optionally by status or by customer; status is null while an
-- order is still being placed, and such rows are never listed.
CREATE INDEX IF NOT EXISTS qm_orders_by_created
    ON qm_orders (tenant_id, created_at DESC, order_id DESC) WHERE status IS NOT NULL;
CREATE INDEX IF NOT EXISTS qm_orders_by_status
    ON qm_orders (tenant_id, status, created_at DESC, order_id DESC) WHERE status IS NOT NULL;
CREATE INDEX IF NOT EXISTS qm_orders_by_customer
    ON qm_orders (tenant_id, customer_ref, created_at DESC, order_id DESC) WHERE status IS NOT NULL;
