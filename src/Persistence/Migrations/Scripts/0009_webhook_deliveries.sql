-- Webhook deliveries. Each endpoint's delivery engine (a grain) takes its tenant's events from qm_events in
-- order and is the only writer of these rows: one per (endpoint, event), written with the outcome of its first
-- attempt and updated by every later one. The cursor row says how far into the log the engine has taken
-- events; its version fences the writes of a second activation of the same engine (each save is conditional
-- on the version the engine loaded). A delivery's id is its event's id.
--
-- Compatible with the previous release: it neither reads nor writes these tables.

CREATE TABLE IF NOT EXISTS qm_webhook_cursors (
    tenant_id     text   NOT NULL,
    endpoint_id   text   NOT NULL,
    taken_through text,
    version       bigint NOT NULL,
    PRIMARY KEY (tenant_id, endpoint_id)
);

CREATE TABLE IF NOT EXISTS qm_webhook_deliveries (
    tenant_id        text        NOT NULL,
    endpoint_id      text        NOT NULL,
    event_id         text        NOT NULL,
    event_type       text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts         integer     NOT NULL,
    created_at       timestamptz NOT NULL,
    last_attempt_at  timestamptz,
    next_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    PRIMARY KEY (tenant_id, endpoint_id, event_id)
);

-- An engine's retries, soonest due first.
CREATE INDEX IF NOT EXISTS qm_webhook_deliveries_due
    ON qm_webhook_deliveries (tenant_id, endpoint_id, next_attempt_at, event_id) WHERE status = 'pending';

-- The oldest pending delivery of all (the deliveries health check), and retention by age.
CREATE INDEX IF NOT EXISTS qm_webhook_deliveries_created ON qm_webhook_deliveries (created_at);
