-- customer.updated events carry the customer as the change left it, personal fields included, and erasing a
-- customer removes those fields from its earlier events. This table names each customer's events, written in the
-- statement that inserts them, so the erasure finds them by primary key without reading the rest of the log (and
-- without an index over qm_events, whose building would hold up every write while it scanned the table).
-- Retention prunes it by age with the events.
--
-- The removal is a trigger on the customer's row, so it runs whichever release writes the erasure: a silo of the
-- previous release, still serving during a rollout (or again after a rollback), empties the row as it always did,
-- and the trigger strips the events that silos of this release wrote. The previous release never reads or writes
-- qm_customer_events; its own customer events carry no personal fields and are not listed.

CREATE TABLE IF NOT EXISTS qm_customer_events (
    tenant_id    text        NOT NULL,
    customer_ref text        NOT NULL,
    commit_id    xid8        NOT NULL,
    event_seq    bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, customer_ref, commit_id, event_seq)
);

CREATE INDEX IF NOT EXISTS qm_customer_events_created ON qm_customer_events (created_at);

-- Runs at the end of the erasing statement, so it also sees (and unlists) the erasure's own event, which that
-- statement inserted and listed and which carries nothing personal.
CREATE OR REPLACE FUNCTION qm_forget_erased_customer_events() RETURNS trigger
    LANGUAGE plpgsql AS $body$
BEGIN
    UPDATE qm_events e
    SET data = jsonb_set(e.data, '{Customer}', (e.data -> 'Customer') - ARRAY['Name', 'Email', 'Phone', 'Attributes'])
    FROM qm_customer_events c
    WHERE c.tenant_id = NEW.tenant_id AND c.customer_ref = NEW.customer_ref
        AND e.tenant_id = c.tenant_id AND e.commit_id = c.commit_id AND e.event_seq = c.event_seq
        AND e.data -> 'Customer' IS NOT NULL;
    DELETE FROM qm_customer_events WHERE tenant_id = NEW.tenant_id AND customer_ref = NEW.customer_ref;
    RETURN NULL;
END
$body$;

DROP TRIGGER IF EXISTS qm_customer_erased ON qm_customers;
CREATE TRIGGER qm_customer_erased
    AFTER INSERT OR UPDATE OF erased_at ON qm_customers
    FOR EACH ROW WHEN (NEW.erased_at IS NOT NULL)
    EXECUTE FUNCTION qm_forget_erased_customer_events();
