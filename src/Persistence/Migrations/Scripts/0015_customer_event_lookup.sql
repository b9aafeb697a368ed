-- customer.updated events carry the customer as the change left it, personal fields included. Erasing a customer
-- removes those fields from its earlier events in the statement that empties its row; this index finds them
-- without reading the rest of the tenant's log. Only customer events are in it.
--
-- Building it locks qm_events against writes until it is built (one pass over the table, few entries). Safe with
-- the previous release running: that release never updates qm_events, and its customer events (no personal
-- fields) are found and left as they are.

CREATE INDEX IF NOT EXISTS qm_events_customer
    ON qm_events (tenant_id, (data -> 'Customer' ->> 'CustomerRef')) WHERE event_type = 'customer.updated';
