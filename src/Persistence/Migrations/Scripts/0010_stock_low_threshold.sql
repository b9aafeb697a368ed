-- A stock item's low-stock state, written with its levels by its grain:
-- low_stock_threshold: its own threshold; null follows its tenant's setting (lowStockThreshold). Read by the
--   stock list (GET /stock?low=true) beside on_hand and reserved.
-- is_low: whether the last crossing it recorded was stock.low, so the next change that leaves it on the other
--   side records the opposite one.
--
-- Compatible with the previous release: it never names these columns, so its inserts leave the defaults (the
-- tenant's threshold, not low) and its updates leave them as they are.

ALTER TABLE qm_stock_items ADD COLUMN IF NOT EXISTS low_stock_threshold bigint;
ALTER TABLE qm_stock_items ADD COLUMN IF NOT EXISTS is_low boolean NOT NULL DEFAULT false;
