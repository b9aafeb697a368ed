-- Durable reminders for Microsoft.Orleans.Reminders.AdoNet (invariant "Npgsql"). The provider finds its
-- statements in orleansquery (created by 0001) and reads result columns by name: "GrainId",
-- "ReminderName", "StartTime", "Period" (milliseconds, read as a 64-bit integer) and "Version" (the etag).

-- grain_hash is the grain's position on the consistent-hash ring. The ring is unsigned 32-bit, but the
-- provider binds every hash as a signed integer (the same 32 bits), so it is stored and compared that way.
CREATE TABLE orleans_reminders (
    service_id     text        NOT NULL,
    grain_id       text        NOT NULL,
    reminder_name  text        NOT NULL,
    grain_hash     integer     NOT NULL,
    start_time     timestamptz NOT NULL,
    period_ms      bigint      NOT NULL,
    version        integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Each silo loads the reminders of the ring ranges it owns.
CREATE INDEX orleans_reminders_by_ring ON orleans_reminders (service_id, grain_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates or replaces a reminder; every write gives it a new version, which is returned as the etag.
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders AS r
       (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET grain_hash = EXCLUDED.grain_hash,
       start_time = EXCLUDED.start_time,
       period_ms = EXCLUDED.period_ms,
       version = r.version + 1
RETURNING r.version AS "Version"
$q$),

-- All reminders of one grain.
('ReadReminderRowsKey', $q$
SELECT grain_id       AS "GrainId",
       reminder_name  AS "ReminderName",
       start_time     AS "StartTime",
       period_ms      AS "Period",
       version        AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId
   AND grain_id = @GrainId
$q$),

-- One reminder of one grain (no row when there is none).
('ReadReminderRowKey', $q$
SELECT grain_id       AS "GrainId",
       reminder_name  AS "ReminderName",
       start_time     AS "StartTime",
       period_ms      AS "Period",
       version        AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId
   AND grain_id = @GrainId
   AND reminder_name = @ReminderName
$q$),

-- The ring range (@BeginHash, @EndHash] when, compared as signed integers, begin < end: one contiguous
-- stretch of stored values.
('ReadRangeRows1Key', $q$
SELECT grain_id       AS "GrainId",
       reminder_name  AS "ReminderName",
       start_time     AS "StartTime",
       period_ms      AS "Period",
       version        AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId
   AND grain_hash > @BeginHash
   AND grain_hash <= @EndHash
$q$),

-- The same range when it wraps around the end of the signed order (begin >= end): everything above
-- begin plus everything up to and including end. begin = end is the whole ring.
('ReadRangeRows2Key', $q$
SELECT grain_id       AS "GrainId",
       reminder_name  AS "ReminderName",
       start_time     AS "StartTime",
       period_ms      AS "Period",
       version        AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId
   AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

-- Removes a reminder only if it is still at the version the caller read. Returns 1 if it did.
('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM orleans_reminders
     WHERE service_id = @ServiceId
       AND grain_id = @GrainId
       AND reminder_name = @ReminderName
       AND version = @Version
    RETURNING 1
)
SELECT CAST(count(*) AS integer) AS "RowsAffected" FROM removed
$q$),

-- Removes every reminder of a service (used by tests and tooling).
('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$);
