-- Orders are guarded by a due index instead of a reminder row each: `target` is the transition an order
-- recorded but has not finished, `due_at` when the sweep should next wake it (soon after an unfinished
-- transition was recorded, at expiry while reserved, null when nothing can be due). The sweepers read
-- only rows whose due_at has passed, through the partial index below.
--
-- Compatible with the previous release: it neither reads nor writes these columns. An order it places or
-- changes during the rollout still gets its reminder, whose next tick (on a silo of this release) rewrites
-- the row's columns and removes the reminder; a stale due_at is rewritten when the sweep first wakes it.

ALTER TABLE qm_orders ADD COLUMN IF NOT EXISTS target text;
ALTER TABLE qm_orders ADD COLUMN IF NOT EXISTS due_at timestamptz;

-- Orders the previous release left unfinished are due now; its reservations are due at their expiry.
UPDATE qm_orders SET target = lower(payload ->> 'Target'), due_at = now()
WHERE payload ->> 'Target' IS NOT NULL AND due_at IS NULL;
UPDATE qm_orders SET due_at = expires_at
WHERE status = 'reserved' AND target IS NULL AND due_at IS NULL;

CREATE INDEX IF NOT EXISTS qm_orders_due ON qm_orders (due_at, tenant_id, order_id) WHERE due_at IS NOT NULL;
