-- The rows of imports that are running (API.md "Imports"): the file as the frontend validated it, in numbered
-- chunks of a few hundred rows, so an import whose silo died resumes from its rows here. An import deletes its
-- chunks when it finishes; what it has applied and counted is its own state (qm_grain_state).
--
-- A new table: the previous release never reads or writes it.

CREATE TABLE IF NOT EXISTS qm_import_chunks (
    tenant_id   text COLLATE "C" NOT NULL,
    import_id   text COLLATE "C" NOT NULL,
    chunk       integer     NOT NULL,
    rows        jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, import_id, chunk)
);
