-- Activation speed (issue 8), second step: the call-out list without a foreign key on its
-- volunteer.
--
-- Inserting a list of 200,000 rows checked, for every row, that its volunteer exists: a
-- search of the volunteers table by rowid, about 0.2 s of an activation of 1.3-2.2 s
-- (sqlite3 shell on the bench database, three A/B pairs: 1.10-1.30 s with the key, 0.83-1.04
-- s without, for the list's INSERT). The rows are written by one statement only, the
-- activation's INSERT ... SELECT, which takes `volunteer_seq` from the volunteers row it has
-- just joined, in the same transaction; and a volunteer is never deleted (discharge keeps the
-- record, and the eligibility decisions every volunteer has reference it). The key on the
-- activation stays (one parent for the whole list, its pages stay in cache).
--
-- The table is rebuilt as in migration 0011 (its children `contact_attempts` and
-- `response_events` reference it, and foreign keys are on inside a migration): copied with
-- the same `seq` values, the old tables dropped children first, the new ones renamed. The
-- running totals (`callout_totals`, `callout_hours`) are untouched: the rows are the same.
-- The indexes and triggers of 0011 are created again as they were.

CREATE TABLE callout_rows_new (
    seq            INTEGER PRIMARY KEY,
    activation_seq INTEGER NOT NULL REFERENCES activations (seq),
    volunteer_seq  INTEGER NOT NULL,            -- volunteers (seq): see above
    unit_seq       INTEGER NOT NULL,            -- units (seq); names and ids are read by join
    region_id      TEXT NOT NULL,               -- the volunteer's at activation
    district_id    TEXT NOT NULL,
    position       TEXT NOT NULL,
    -- The checks of 0008, written as comparisons: SQLite builds a temporary table for an
    -- `IN (...)` list of three or more values in a CHECK for every row written (seen in
    -- EXPLAIN), which activation would do 200,000 times.
    excluded       TEXT CHECK (excluded = 'ineligible' OR excluded = 'discharged'
                               OR excluded = 'unavailable'),
    exclusion_detail TEXT,
    reached        INTEGER NOT NULL DEFAULT 0 CHECK (reached = 0 OR reached = 1),
    response       TEXT NOT NULL DEFAULT 'pending' CHECK (response = 'pending'
        OR response = 'will_report' OR response = 'reported' OR response = 'excused'
        OR response = 'not_reached' OR response = 'absent'),
    reported_at    TEXT,
    reason         TEXT
) STRICT;
INSERT INTO callout_rows_new (seq, activation_seq, volunteer_seq, unit_seq, region_id,
    district_id, position, excluded, exclusion_detail, reached, response, reported_at, reason)
    SELECT seq, activation_seq, volunteer_seq, unit_seq, region_id, district_id, position,
           excluded, exclusion_detail, reached, response, reported_at, reason
    FROM callout_rows;

CREATE TABLE contact_attempts_new (
    id            TEXT PRIMARY KEY,
    row_seq       INTEGER NOT NULL REFERENCES callout_rows_new (seq),
    at            TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('phone', 'sms', 'messenger', 'in_person', 'courier')),
    outcome       TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'wrong_number', 'refused')),
    note          TEXT,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL
) STRICT;
INSERT INTO contact_attempts_new SELECT id, row_seq, at, channel, outcome, note, recorded_at,
    recorded_by FROM contact_attempts;

CREATE TABLE response_events_new (
    seq           INTEGER PRIMARY KEY,
    activation_id TEXT NOT NULL REFERENCES activations (id),
    row_seq       INTEGER NOT NULL REFERENCES callout_rows_new (seq),
    response      TEXT NOT NULL CHECK (response IN
        ('will_report', 'reported', 'excused', 'not_reached', 'absent')),
    reported_at   TEXT,
    reason        TEXT,
    source        TEXT NOT NULL CHECK (source IN ('desk', 'sheet')),
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    undone_at     TEXT,
    undone_by     TEXT
) STRICT;
INSERT INTO response_events_new SELECT seq, activation_id, row_seq, response, reported_at,
    reason, source, recorded_at, recorded_by, undone_at, undone_by FROM response_events;

DROP TABLE response_events;
DROP TABLE contact_attempts;
DROP TABLE callout_rows;
ALTER TABLE callout_rows_new RENAME TO callout_rows;
ALTER TABLE contact_attempts_new RENAME TO contact_attempts;
ALTER TABLE response_events_new RENAME TO response_events;

-- One row per volunteer and activation; the desk and the sheets find a row by it.
CREATE UNIQUE INDEX callout_one_per_volunteer ON callout_rows (activation_seq, volunteer_seq);
-- A district's list and sheets (and a unit's, read from the same entries).
CREATE INDEX callout_by_district ON callout_rows (activation_seq, district_id, unit_seq);
CREATE INDEX contact_attempts_by_row ON contact_attempts (row_seq, at);
CREATE INDEX response_events_by_row ON response_events (row_seq, seq);
CREATE INDEX response_events_by_recorder ON response_events (activation_id, recorded_by, seq);

-- A row changes: its old values leave their totals and its new ones join theirs (a change
-- that touches none of them adds and takes away the same one).
CREATE TRIGGER callout_row_changed AFTER UPDATE OF activation_seq, region_id, district_id,
    unit_seq, position, excluded, reached, response, reported_at ON callout_rows
BEGIN
    INSERT INTO callout_totals (activation_seq, region_id, district_id, unit_seq, position,
        excluded, response, reached, n)
        VALUES (OLD.activation_seq, OLD.region_id, OLD.district_id, OLD.unit_seq, OLD.position,
                coalesce(OLD.excluded, ''), OLD.response, OLD.reached, -1)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO callout_totals (activation_seq, region_id, district_id, unit_seq, position,
        excluded, response, reached, n)
        VALUES (NEW.activation_seq, NEW.region_id, NEW.district_id, NEW.unit_seq, NEW.position,
                coalesce(NEW.excluded, ''), NEW.response, NEW.reached, 1)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO callout_hours (activation_seq, region_id, district_id, hour, reported)
        SELECT OLD.activation_seq, OLD.region_id, OLD.district_id, substr(OLD.reported_at, 1, 13), -1
        WHERE OLD.response = 'reported' AND OLD.reported_at IS NOT NULL
        ON CONFLICT DO UPDATE SET reported = reported + excluded.reported;
    INSERT INTO callout_hours (activation_seq, region_id, district_id, hour, reported)
        SELECT NEW.activation_seq, NEW.region_id, NEW.district_id, substr(NEW.reported_at, 1, 13), 1
        WHERE NEW.response = 'reported' AND NEW.reported_at IS NOT NULL
        ON CONFLICT DO UPDATE SET reported = reported + excluded.reported;
END;

-- Rows are never deleted by Jasaq; should one go, its totals go with it.
CREATE TRIGGER callout_row_deleted AFTER DELETE ON callout_rows
BEGIN
    INSERT INTO callout_totals (activation_seq, region_id, district_id, unit_seq, position,
        excluded, response, reached, n)
        VALUES (OLD.activation_seq, OLD.region_id, OLD.district_id, OLD.unit_seq, OLD.position,
                coalesce(OLD.excluded, ''), OLD.response, OLD.reached, -1)
        ON CONFLICT DO UPDATE SET n = n + excluded.n;
    INSERT INTO callout_hours (activation_seq, region_id, district_id, hour, reported)
        SELECT OLD.activation_seq, OLD.region_id, OLD.district_id, substr(OLD.reported_at, 1, 13), -1
        WHERE OLD.response = 'reported' AND OLD.reported_at IS NOT NULL
        ON CONFLICT DO UPDATE SET reported = reported + excluded.reported;
END;
