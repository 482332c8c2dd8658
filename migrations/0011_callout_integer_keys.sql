-- Call-out lists keyed by integers, with running totals (issue 8, performance).
--
-- Activating a scope of 200,000 volunteers spent most of its time maintaining three indexes
-- of `callout_rows` keyed by 36-character UUID text (activation, volunteer, unit, district).
-- The list now names its activation, volunteer and unit by their `seq` (INTEGER PRIMARY KEY
-- of each table: the rowid, stable across VACUUM) and keeps two indexes instead of three.
-- The region's and district's codes stay as text: the access filters compare them.
--
-- The live figures no longer count rows: `callout_totals` holds how many rows of an
-- activation share a region, district, unit, position, exclusion, answer and reach, and
-- `callout_hours` how many reported in each hour, per region and district. Activation adds a
-- list's totals with one GROUP BY over the rows it has just written (`callout_rows` is only
-- ever inserted by activation); the triggers below keep them right on every later change of a
-- row, whatever writes it (the desk, an undo, a contact, a merged sheet).
--
-- The rebuild: `contact_attempts` and `response_events` reference `callout_rows (seq)`, and
-- foreign keys are on inside the migration's transaction, so the three tables are copied into
-- new ones (same `seq` values), the old ones dropped children first and the new ones renamed
-- (a rename carries the references of the children along).

CREATE TABLE callout_rows_new (
    seq            INTEGER PRIMARY KEY,
    activation_seq INTEGER NOT NULL REFERENCES activations (seq),
    volunteer_seq  INTEGER NOT NULL REFERENCES volunteers (seq),
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
    SELECT c.seq, a.seq, v.seq, u.seq, c.region_id, c.district_id, c.position, c.excluded,
           c.exclusion_detail, c.reached, c.response, c.reported_at, c.reason
    FROM callout_rows c
    JOIN activations a ON a.id = c.activation_id
    JOIN volunteers v ON v.id = c.volunteer_id
    JOIN units u ON u.id = c.unit_id;

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

-- How many rows of an activation share these values; `excluded` is '' for those called.
CREATE TABLE callout_totals (
    activation_seq INTEGER NOT NULL,
    region_id      TEXT NOT NULL,
    district_id    TEXT NOT NULL,
    unit_seq       INTEGER NOT NULL,
    position       TEXT NOT NULL,
    excluded       TEXT NOT NULL,
    response       TEXT NOT NULL,
    reached        INTEGER NOT NULL,
    n              INTEGER NOT NULL,
    PRIMARY KEY (activation_seq, region_id, district_id, unit_seq, position, excluded,
                 response, reached)
) STRICT, WITHOUT ROWID;

-- How many rows of an activation reported (response 'reported' with a time) in each UTC hour
-- (`substr(reported_at, 1, 13)`), per region and district.
CREATE TABLE callout_hours (
    activation_seq INTEGER NOT NULL,
    region_id      TEXT NOT NULL,
    district_id    TEXT NOT NULL,
    hour           TEXT NOT NULL,
    reported       INTEGER NOT NULL,
    PRIMARY KEY (activation_seq, region_id, district_id, hour)
) STRICT, WITHOUT ROWID;

INSERT INTO callout_totals (activation_seq, region_id, district_id, unit_seq, position,
    excluded, response, reached, n)
    SELECT activation_seq, region_id, district_id, unit_seq, position, coalesce(excluded, ''),
           response, reached, count(*)
    FROM callout_rows WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO callout_hours (activation_seq, region_id, district_id, hour, reported)
    SELECT activation_seq, region_id, district_id, substr(reported_at, 1, 13), count(*)
    FROM callout_rows WHERE response = 'reported' AND reported_at IS NOT NULL
    GROUP BY 1, 2, 3, 4;

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
