-- Expired holds are found by a due index instead of a reminder row per stock item: the sweepers read the
-- active holds whose expires_at has passed, through the partial index below, and wake their stock items.
-- Normally an active item expires its holds itself on a timer, so the index only ever returns holds whose
-- item was not active at their expiry (its silo died, or it was deactivated).
--
-- Compatible with the previous release: it neither reads nor writes anything new. Its reminder rows for
-- stock items end at their next tick on a silo of this release, which expires what is due and removes them.

CREATE INDEX IF NOT EXISTS qm_stock_holds_due ON qm_stock_holds (expires_at) WHERE status = 'active';
