-- A stock item's own low-stock threshold; null follows its tenant's setting (lowStockThreshold). Written with
-- the item's levels by its grain, read by the stock list (GET /stock?low=true) beside on_hand and reserved.
--
-- Compatible with the previous release: it never names the column, so its inserts leave it null (the tenant's
-- threshold) and its updates leave it as it is.

ALTER TABLE qm_stock_items ADD COLUMN IF NOT EXISTS low_stock_threshold bigint;
