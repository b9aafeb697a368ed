-- Customers (API.md "Customers"): a row each, written by its grain, conditional on the version it read.
-- Erasure (GDPR) empties every personal column and keeps the row as a tombstone (erased_at set, status null),
-- so versions keep rising and the ref can be used again; the constraint below makes an erased row unable to
-- hold anything personal. name_words is the name's lowercased words, each after a space, written by the grain:
-- the customer search matches a word prefix as ' ' || prefix, the same rule the in-memory list applies.
--
-- A new table: the previous release never reads or writes it.

CREATE TABLE IF NOT EXISTS qm_customers (
    tenant_id     text COLLATE "C" NOT NULL,
    customer_ref  text COLLATE "C" NOT NULL,
    version       bigint      NOT NULL,
    status        text,
    name          text,
    email         text,
    phone         text,
    attributes    jsonb,
    name_words    text,
    created_at    timestamptz,
    updated_at    timestamptz NOT NULL,
    erased_at     timestamptz,
    PRIMARY KEY (tenant_id, customer_ref),
    CONSTRAINT qm_customers_status CHECK (status IN ('active', 'blocked')),
    CONSTRAINT qm_customers_erasure CHECK (CASE
        WHEN erased_at IS NULL THEN num_nulls(status, name, name_words, created_at) = 0
        ELSE num_nonnulls(status, name, email, phone, attributes, name_words, created_at) = 0
    END)
);

-- GET /customers?status=: one tenant's customers of one status in ref order.
CREATE INDEX IF NOT EXISTS qm_customers_by_status
    ON qm_customers (tenant_id, status, customer_ref) WHERE erased_at IS NULL;
