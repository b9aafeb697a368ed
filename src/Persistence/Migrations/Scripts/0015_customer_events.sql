-- customer.updated events carry the customer as the change left it, personal fields included, and erasing a
-- customer removes those fields from its earlier events in the statement that empties its row. This table names
-- each customer's events, written in the statement that inserts them, so the erasure finds them by primary key
-- without reading the rest of the log (and without an index over qm_events, whose building would hold up every
-- write while it scanned the table). Retention prunes it by age with the events.
--
-- Safe with the previous release running: it never reads or writes this table, and the customer events it
-- writes carry no personal fields, so an erasure has nothing to remove from them.

CREATE TABLE IF NOT EXISTS qm_customer_events (
    tenant_id    text        NOT NULL,
    customer_ref text        NOT NULL,
    commit_id    xid8        NOT NULL,
    event_seq    bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, customer_ref, commit_id, event_seq)
);

CREATE INDEX IF NOT EXISTS qm_customer_events_created ON qm_customer_events (created_at);
