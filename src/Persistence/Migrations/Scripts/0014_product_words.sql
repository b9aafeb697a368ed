-- Name-word search in the list's own order: one row per (tenant, word of a product's name, sku), so the products
-- having a word are read from the primary key in sku order, and the products having several words are a merge of
-- those ordered reads that stops at the page. The trigram index of 0013 has to fetch, recheck and sort every
-- candidate when the words come together more often than the planner expects ("flange gasket"); this does not.
--
-- The words are those of name_words (0013), kept by a trigger in the same transaction as the product's row, so a
-- search sees exactly what the products' acknowledged writes left, whoever wrote the row: a product grain, the
-- mirror of a previous release's catalog document, or a bulk load. Safe with the previous release running: it never
-- reads this table, and its writes reach it through the same trigger.

CREATE TABLE IF NOT EXISTS qm_product_words (
    tenant_id  text COLLATE "C" NOT NULL,
    word       text COLLATE "C" NOT NULL,
    sku        text COLLATE "C" NOT NULL,
    PRIMARY KEY (tenant_id, word, sku)
);

CREATE OR REPLACE FUNCTION qm_name_word_list(name_words text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT coalesce(array_agg(DISTINCT word), '{}') FROM unnest(string_to_array(btrim(name_words), ' ')) AS word WHERE word <> '' $$;

CREATE OR REPLACE FUNCTION qm_keep_product_words() RETURNS trigger
    LANGUAGE plpgsql AS $body$
DECLARE
    now_words text[] := qm_name_word_list(NEW.name_words);
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.name_words = NEW.name_words THEN
            RETURN NULL;
        END IF;
        DELETE FROM qm_product_words
        WHERE tenant_id = OLD.tenant_id AND sku = OLD.sku
          AND word = ANY (qm_name_word_list(OLD.name_words)) AND NOT word = ANY (now_words);
    END IF;

    INSERT INTO qm_product_words (tenant_id, word, sku)
    SELECT NEW.tenant_id, word, NEW.sku FROM unnest(now_words) AS word
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$body$;

DROP TRIGGER IF EXISTS qm_product_words_kept ON qm_products;
CREATE TRIGGER qm_product_words_kept
    AFTER INSERT OR UPDATE OF name_words ON qm_products
    FOR EACH ROW EXECUTE FUNCTION qm_keep_product_words();

-- Products written before the trigger existed; rows written from here on are the trigger's. Creating the trigger
-- locked qm_products against writes until this script's transaction commits, so no write falls between the two.
INSERT INTO qm_product_words (tenant_id, word, sku)
SELECT p.tenant_id, word, p.sku FROM qm_products AS p CROSS JOIN LATERAL unnest(qm_name_word_list(p.name_words)) AS word
ON CONFLICT DO NOTHING;
