-- The transactional outbox: every state write inserts its events in the same statement, so an event exists
-- exactly when its change does. An event's place in the log is (commit_id, event_seq): the id of the
-- transaction that wrote it, then the order of insertion. Readers list only events whose transaction id is
-- below the oldest transaction still running (pg_snapshot_xmin of their snapshot): every transaction that
-- could still sort before them has ended, so a reader continuing after the last id it saw never misses an
-- event that commits later. Writes that follow one another's acknowledgement sort in that order.
--
-- Compatible with the previous release: it neither reads nor writes this table.

-- A stock event (stock.changed, hold.expired) names the ledger row it is about, and its data is built from
-- that row (and the hold's row) when it is read: the ledger is append-only, so the row is always there, and
-- the event costs a few narrow columns instead of a copy. Every other event carries its data.
CREATE TABLE IF NOT EXISTS qm_events (
    tenant_id    text        NOT NULL,
    commit_id    xid8        NOT NULL DEFAULT pg_current_xact_id(),
    event_seq    bigint      GENERATED ALWAYS AS IDENTITY,
    event_type   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    sku          text,
    warehouse_id text,
    ledger_seq   bigint,
    data         jsonb,
    PRIMARY KEY (tenant_id, commit_id, event_seq),
    CONSTRAINT qm_events_data_or_ledger_row CHECK ((data IS NULL) = (ledger_seq IS NOT NULL))
);

-- Retention prunes by age.
CREATE INDEX IF NOT EXISTS qm_events_created ON qm_events (created_at);
