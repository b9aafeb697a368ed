-- The catalog in rows (expand step): a product or a warehouse is a row of its own, written by its own grain's
-- storage with a version fence, instead of one jsonb document per tenant in qm_grain_state that every product
-- PUT rewrote whole. The tenant's document is copied here once; the trigger at the end keeps copying what the
-- previous release writes to it while both releases run, so a product created on an old silo during a rolling
-- upgrade is a row too. The contract step (dropping the trigger, the function and the old documents) belongs to
-- a later release, once no silo of the previous one can start.
--
-- name_words is the name's lowercased words, each after a space, written by the grains from the rule the
-- in-memory lists share (a word is a run of letters and digits). Rows copied from the documents get it from
-- the same rule in SQL; a name with letters the database's locale does not class as such searches by its
-- other words until its next PUT.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE IF NOT EXISTS qm_products (
    tenant_id   text COLLATE "C" NOT NULL,
    sku         text COLLATE "C" NOT NULL,
    version     bigint      NOT NULL,
    name        text        NOT NULL,
    unit        text,
    name_words  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, sku)
);

-- q as a sku prefix, case ignored, reads ranges of the primary key, one per upper/lower spelling of its letters.
-- q as name words: name_words LIKE '% word%' for each word finds its candidates through trigrams.
CREATE INDEX IF NOT EXISTS qm_products_by_name_words ON qm_products USING gin (name_words gin_trgm_ops);

CREATE TABLE IF NOT EXISTS qm_warehouses (
    tenant_id     text COLLATE "C" NOT NULL,
    warehouse_id  text COLLATE "C" NOT NULL,
    version       bigint      NOT NULL,
    name          text        NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, warehouse_id)
);

CREATE OR REPLACE FUNCTION qm_catalog_name_words(name text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT ' ' || btrim(lower(regexp_replace(name, '[^[:alnum:]]+', ' ', 'g'))) $$;

-- Copies one tenant's catalog document into the rows; a row already at the same or a later version is kept.
CREATE OR REPLACE FUNCTION qm_copy_catalog_document(tenant text, document jsonb) RETURNS void
    LANGUAGE plpgsql AS $body$
BEGIN
    INSERT INTO qm_products AS p (tenant_id, sku, version, name, unit, name_words, created_at, updated_at)
    SELECT tenant, item.key, (item.value ->> 'Version')::bigint, item.value ->> 'Name', item.value ->> 'Unit',
           qm_catalog_name_words(item.value ->> 'Name'),
           (item.value ->> 'CreatedAt')::timestamptz, (item.value ->> 'UpdatedAt')::timestamptz
    FROM jsonb_each(coalesce(document -> 'Products', '{}'::jsonb)) AS item
    ON CONFLICT (tenant_id, sku) DO UPDATE
        SET version = EXCLUDED.version, name = EXCLUDED.name, unit = EXCLUDED.unit, name_words = EXCLUDED.name_words,
            updated_at = EXCLUDED.updated_at
        WHERE p.version < EXCLUDED.version;

    INSERT INTO qm_warehouses AS w (tenant_id, warehouse_id, version, name, created_at, updated_at)
    SELECT tenant, item.key, (item.value ->> 'Version')::bigint, item.value ->> 'Name',
           (item.value ->> 'CreatedAt')::timestamptz, (item.value ->> 'UpdatedAt')::timestamptz
    FROM jsonb_each(coalesce(document -> 'Warehouses', '{}'::jsonb)) AS item
    ON CONFLICT (tenant_id, warehouse_id) DO UPDATE
        SET version = EXCLUDED.version, name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
        WHERE w.version < EXCLUDED.version;
END
$body$;

SELECT qm_copy_catalog_document(grain_id, payload) FROM qm_grain_state WHERE grain_type = 'catalog/catalog';

CREATE OR REPLACE FUNCTION qm_mirror_catalog_document() RETURNS trigger
    LANGUAGE plpgsql AS $body$
BEGIN
    PERFORM qm_copy_catalog_document(NEW.grain_id, NEW.payload);
    RETURN NULL;
END
$body$;

DROP TRIGGER IF EXISTS qm_catalog_document_mirror ON qm_grain_state;
CREATE TRIGGER qm_catalog_document_mirror
    AFTER INSERT OR UPDATE ON qm_grain_state
    FOR EACH ROW WHEN (NEW.grain_type = 'catalog/catalog')
    EXECUTE FUNCTION qm_mirror_catalog_document();
