-- Readiness running totals (issue 4, performance): the national rollup must not read 800,000
-- assignment entries per call. Triggers on `assignments` and `units` keep, whatever path writes:
--
-- * `readiness_strength`: active members and members missing the position's skill, per unit
--   and position (a few rows per unit);
-- * `readiness_births`: active members per (region, agency, direction) and birth month. Ages
--   change every day, so no age is stored: the rollup reads this compact histogram and counts
--   exactly, from `assignments_active_by_birth`, only the members born in the four months
--   that hold an age-band boundary on the day of the call.
--
-- Expired and expiring certificates (which also change with the day) are counted from
-- `assignments_active_by_expiry`, which holds only members whose position needs a skill with a
-- certificate date. Unit bulk transfers: one audit entry per operation and one row per move in
-- `unit_bulk_moves`, so every moved volunteer's history shows the operation.

CREATE TABLE readiness_strength (
    unit_id   TEXT NOT NULL,
    position  TEXT NOT NULL,
    assigned  INTEGER NOT NULL,
    missing   INTEGER NOT NULL,
    PRIMARY KEY (unit_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE readiness_births (
    region_id   TEXT NOT NULL,
    agency_id   TEXT NOT NULL,
    direction   TEXT NOT NULL,
    birth_month TEXT NOT NULL,          -- yyyy-mm
    members     INTEGER NOT NULL,
    PRIMARY KEY (region_id, agency_id, direction, birth_month)
) STRICT, WITHOUT ROWID;

CREATE INDEX assignments_active_by_birth ON assignments (birth_date, unit_id)
    WHERE end_date IS NULL;
CREATE INDEX assignments_active_by_expiry ON assignments (qual_expiry, unit_id)
    WHERE end_date IS NULL AND qual_missing = 0 AND qual_expiry IS NOT NULL;

INSERT INTO readiness_strength (unit_id, position, assigned, missing)
    SELECT unit_id, position, count(*), sum(qual_missing) FROM assignments
    WHERE end_date IS NULL GROUP BY unit_id, position;
INSERT INTO readiness_births (region_id, agency_id, direction, birth_month, members)
    SELECT u.region_id, u.agency_id, u.direction, substr(a.birth_date, 1, 7), count(*)
    FROM assignments a JOIN units u ON u.id = a.unit_id
    WHERE a.end_date IS NULL GROUP BY 1, 2, 3, 4;

-- A member joins: a new active row, or an active row's copies re-read (the update triggers).
CREATE TRIGGER readiness_join AFTER INSERT ON assignments WHEN NEW.end_date IS NULL
BEGIN
    INSERT INTO readiness_strength (unit_id, position, assigned, missing)
        VALUES (NEW.unit_id, NEW.position, 1, NEW.qual_missing)
        ON CONFLICT DO UPDATE SET assigned = assigned + 1, missing = missing + excluded.missing;
    INSERT INTO readiness_births (region_id, agency_id, direction, birth_month, members)
        SELECT region_id, agency_id, direction, substr(NEW.birth_date, 1, 7), 1
        FROM units WHERE id = NEW.unit_id
        ON CONFLICT DO UPDATE SET members = members + 1;
END;

-- Any change to an active row: take its old values out, then put its new ones in if still active.
CREATE TRIGGER readiness_change_out AFTER UPDATE OF end_date, unit_id, position, birth_date,
    qual_missing ON assignments WHEN OLD.end_date IS NULL
BEGIN
    UPDATE readiness_strength SET assigned = assigned - 1, missing = missing - OLD.qual_missing
        WHERE unit_id = OLD.unit_id AND position = OLD.position;
    UPDATE readiness_births SET members = members - 1
        WHERE (region_id, agency_id, direction) =
              (SELECT region_id, agency_id, direction FROM units WHERE id = OLD.unit_id)
          AND birth_month = substr(OLD.birth_date, 1, 7);
END;
CREATE TRIGGER readiness_change_in AFTER UPDATE OF end_date, unit_id, position, birth_date,
    qual_missing ON assignments WHEN OLD.end_date IS NULL AND NEW.end_date IS NULL
BEGIN
    INSERT INTO readiness_strength (unit_id, position, assigned, missing)
        VALUES (NEW.unit_id, NEW.position, 1, NEW.qual_missing)
        ON CONFLICT DO UPDATE SET assigned = assigned + 1, missing = missing + excluded.missing;
    INSERT INTO readiness_births (region_id, agency_id, direction, birth_month, members)
        SELECT region_id, agency_id, direction, substr(NEW.birth_date, 1, 7), 1
        FROM units WHERE id = NEW.unit_id
        ON CONFLICT DO UPDATE SET members = members + 1;
END;

-- A unit changes region, agency or direction: its members' births move to the new key.
CREATE TRIGGER readiness_unit_regrouped AFTER UPDATE OF region_id, agency_id, direction ON units
WHEN OLD.region_id IS NOT NEW.region_id OR OLD.agency_id IS NOT NEW.agency_id
    OR OLD.direction IS NOT NEW.direction
BEGIN
    INSERT INTO readiness_births (region_id, agency_id, direction, birth_month, members)
        SELECT OLD.region_id, OLD.agency_id, OLD.direction, substr(birth_date, 1, 7), -count(*)
        FROM assignments WHERE unit_id = NEW.id AND end_date IS NULL GROUP BY 4
        ON CONFLICT DO UPDATE SET members = members + excluded.members;
    INSERT INTO readiness_births (region_id, agency_id, direction, birth_month, members)
        SELECT NEW.region_id, NEW.agency_id, NEW.direction, substr(birth_date, 1, 7), count(*)
        FROM assignments WHERE unit_id = NEW.id AND end_date IS NULL GROUP BY 4
        ON CONFLICT DO UPDATE SET members = members + excluded.members;
END;

-- Bulk transfers: the operation (also one audit entry, entity `unit_bulk_transfer`) and each
-- move it made, so a volunteer's history can name the operation that moved them.
CREATE TABLE unit_bulk_transfers (
    id             TEXT PRIMARY KEY,        -- UUID v7; the audit entry's entity id
    at             TEXT NOT NULL,
    actor_id       TEXT NOT NULL REFERENCES users (id),
    reason         TEXT NOT NULL,
    on_date        TEXT NOT NULL,           -- local date of the moves
    moves          INTEGER NOT NULL,
    region_id      TEXT,                    -- the actor's scope
    district_id    TEXT
) STRICT;
CREATE TABLE unit_bulk_moves (
    bulk_id        TEXT NOT NULL REFERENCES unit_bulk_transfers (id),
    row_number     INTEGER NOT NULL,        -- as the sheet shows it
    volunteer_id   TEXT NOT NULL REFERENCES volunteers (id),
    ended_id       TEXT REFERENCES assignments (id),  -- NULL when the volunteer held no post
    started_id     TEXT NOT NULL REFERENCES assignments (id),
    PRIMARY KEY (bulk_id, row_number)
) STRICT, WITHOUT ROWID;
CREATE INDEX unit_bulk_moves_by_volunteer ON unit_bulk_moves (volunteer_id);

-- A unit's assignment history (joined, left, transferred) reads every row of the unit, ended
-- ones included; the active-only index does not hold those. `end_date` second, so a query for
-- a unit's active rows that picks this index still reads only those.
CREATE INDEX assignments_by_unit ON assignments (unit_id, end_date);
