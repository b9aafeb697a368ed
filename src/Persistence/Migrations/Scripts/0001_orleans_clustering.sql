-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet (invariant "Npgsql").
--
-- What the provider fixes, and nothing more:
--   * at start-up it runs exactly `SELECT QueryKey, QueryText FROM OrleansQuery` and keeps the rows by key;
--     unquoted, PostgreSQL folds those names to orleansquery / querykey / querytext, so the table below
--     must carry those (lower-case) names;
--   * each query text is run with named parameters (@DeploymentId is the ClusterId, @Address, @Port,
--     @Generation, @Status, @Version, ...), and the provider reads result columns by name ("Address",
--     "Version", ...) without regard to case.
-- Table and column names behind the queries are ours. Every result column is aliased to the name the
-- provider reads, so the contract is visible in the query text itself.

CREATE TABLE orleansquery (
    querykey   text PRIMARY KEY,
    querytext  text NOT NULL
);

-- One row per cluster: the membership table version. A silo row may only be inserted or changed by a
-- statement that names the version its writer read and moves it on by one, so of two silos acting on
-- the same view of the cluster only the first one wins; the other re-reads and tries again.
CREATE TABLE orleans_cluster_version (
    deployment_id  text        PRIMARY KEY,
    version        integer     NOT NULL DEFAULT 0,
    changed_at     timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port and generation, which changes on every restart).
-- status is Orleans' SiloStatus number (3 = Active, 6 = Dead); suspect_times is the provider's own
-- "silo,date|silo,date" text and is stored as given.
CREATE TABLE orleans_silos (
    deployment_id    text        NOT NULL REFERENCES orleans_cluster_version (deployment_id) ON DELETE CASCADE,
    address          text        NOT NULL,
    port             integer     NOT NULL,
    generation       integer     NOT NULL,
    silo_name        text        NOT NULL,
    host_name        text        NOT NULL,
    status           integer     NOT NULL,
    proxy_port       integer     NOT NULL,
    suspect_times    text,
    start_time       timestamptz NOT NULL,
    i_am_alive_time  timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- The query texts. Written as single statements, so each one commits or fails as a whole; the ones the
-- provider reads as "did it work" return the number of rows they changed in one column (0 = no).
INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates the version row of a cluster unless it exists. Returns 1 when it created it.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_cluster_version (deployment_id)
    VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT CAST(count(*) AS integer) AS "RowsAffected" FROM created
$q$),

-- Adds a silo row if @Version is still the cluster's version and the row is new; bumps the version in
-- the same statement. Returns 1 on success, 0 when the version moved on or the silo is already there.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_cluster_version
       SET version = version + 1,
           changed_at = now()
     WHERE deployment_id = @DeploymentId
       AND version = @Version
       AND NOT EXISTS (
           SELECT 1 FROM orleans_silos
            WHERE deployment_id = @DeploymentId
              AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), added AS (
    INSERT INTO orleans_silos
           (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
            start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
           @StartTime, @IAmAliveTime
      FROM bumped
    RETURNING 1
)
SELECT CAST(count(*) AS integer) AS "RowsAffected" FROM added
$q$),

-- Changes status, suspicions and liveness of an existing silo row if @Version is still the cluster's
-- version; bumps the version in the same statement. Returns 1 on success, 0 otherwise.
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_cluster_version
       SET version = version + 1,
           changed_at = now()
     WHERE deployment_id = @DeploymentId
       AND version = @Version
       AND EXISTS (
           SELECT 1 FROM orleans_silos
            WHERE deployment_id = @DeploymentId
              AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), changed AS (
    UPDATE orleans_silos AS s
       SET status = @Status,
           suspect_times = @SuspectTimes,
           i_am_alive_time = @IAmAliveTime
      FROM bumped AS b
     WHERE s.deployment_id = b.deployment_id
       AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
    RETURNING 1
)
SELECT CAST(count(*) AS integer) AS "RowsAffected" FROM changed
$q$),

-- The periodic heartbeat. Not versioned: it changes nothing other silos decide on.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_silos
   SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId
   AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- One silo row together with the cluster version. The version row drives the join, so the version comes
-- back (with empty silo columns) even when the silo has no row yet.
('MembershipReadRowKey', $q$
SELECT v.version          AS "Version",
       s.address          AS "Address",
       s.port             AS "Port",
       s.generation       AS "Generation",
       s.silo_name        AS "SiloName",
       s.host_name        AS "HostName",
       s.status           AS "Status",
       s.proxy_port       AS "ProxyPort",
       s.suspect_times    AS "SuspectTimes",
       s.start_time       AS "StartTime",
       s.i_am_alive_time  AS "IAmAliveTime"
  FROM orleans_cluster_version AS v
  LEFT JOIN orleans_silos AS s
         ON s.deployment_id = v.deployment_id
        AND s.address = @Address AND s.port = @Port AND s.generation = @Generation
 WHERE v.deployment_id = @DeploymentId
$q$),

-- Every silo row of the cluster, each with the cluster version (one row with empty silo columns when
-- the cluster has no silos yet).
('MembershipReadAllKey', $q$
SELECT v.version          AS "Version",
       s.address          AS "Address",
       s.port             AS "Port",
       s.generation       AS "Generation",
       s.silo_name        AS "SiloName",
       s.host_name        AS "HostName",
       s.status           AS "Status",
       s.proxy_port       AS "ProxyPort",
       s.suspect_times    AS "SuspectTimes",
       s.start_time       AS "StartTime",
       s.i_am_alive_time  AS "IAmAliveTime"
  FROM orleans_cluster_version AS v
  LEFT JOIN orleans_silos AS s ON s.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId
$q$),

-- What clients connect to: the gateway endpoint of each silo in the given status (the provider asks
-- for Active) that has a gateway at all.
('GatewaysQueryKey', $q$
SELECT address     AS "Address",
       proxy_port  AS "ProxyPort",
       generation  AS "Generation"
  FROM orleans_silos
 WHERE deployment_id = @DeploymentId
   AND status = @Status
   AND proxy_port > 0
$q$),

-- Forgets a whole cluster: its silo rows and its version row.
('DeleteMembershipTableEntriesKey', $q$
WITH silos_gone AS (
    DELETE FROM orleans_silos WHERE deployment_id = @DeploymentId
)
DELETE FROM orleans_cluster_version WHERE deployment_id = @DeploymentId
$q$),

-- Required by the provider, but only used when the row-by-row query below is missing: removes the rows
-- of dead silos that neither started nor reported alive since @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_silos
 WHERE deployment_id = @DeploymentId
   AND status = 6
   AND start_time < @IAmAliveTime
   AND i_am_alive_time < @IAmAliveTime
$q$),

-- Optional, preferred by the provider when present: it reads the table, picks the dead rows older than
-- its cut-off itself, then removes each one only if it is still exactly as read (same start, heartbeat
-- and suspicions), so a row that changed in between is left alone.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_silos
 WHERE deployment_id = @DeploymentId
   AND address = @Address AND port = @Port AND generation = @Generation
   AND status = 6
   AND start_time = @StartTime
   AND i_am_alive_time = @IAmAliveTime
   AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$q$);
