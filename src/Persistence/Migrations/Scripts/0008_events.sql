-- The transactional outbox: every state write inserts its events in the same statement, so an event exists
-- exactly when its change does. An event's place in the log is (commit_id, event_seq): the id of the
-- transaction that wrote it, then the order of insertion. Readers list only events whose transaction id is
-- below the oldest transaction still running (pg_snapshot_xmin of their snapshot): every transaction that
-- could still sort before them has ended, so a reader continuing after the last id it saw never misses an
-- event that commits later. Writes that follow one another's acknowledgement sort in that order.
--
-- Compatible with the previous release: it neither reads nor writes this table.

CREATE TABLE IF NOT EXISTS qm_events (
    tenant_id  text        NOT NULL,
    commit_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    event_seq  bigint      GENERATED ALWAYS AS IDENTITY,
    event_type text        NOT NULL,
    created_at timestamptz NOT NULL,
    data       jsonb       NOT NULL,
    PRIMARY KEY (tenant_id, commit_id, event_seq)
);

-- Retention prunes by age.
CREATE INDEX IF NOT EXISTS qm_events_created ON qm_events (created_at);
