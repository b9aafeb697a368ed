-- A stock item loads only its active holds: the levels and the holds still reserving stock are all it keeps
-- in memory. Ended holds stay as rows (they are what makes a hold id taken for good) but are read only when a
-- command names one, by primary key. This index keeps the load independent of how many holds have ended.

CREATE INDEX IF NOT EXISTS qm_stock_holds_active
    ON qm_stock_holds (tenant_id, sku, warehouse_id) WHERE status = 'active';
