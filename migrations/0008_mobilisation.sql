-- Mobilisation call-outs (issue 8): activations and their scope, the units they reach with an
-- assembly point and report-by time each, the call-out list (a snapshot of each volunteer's
-- unit, position, phone, addresses and district at activation, with those listed apart and
-- why), contact attempts, and the log of answers with undo. Instants are UTC RFC 3339 text.

CREATE TABLE activations (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,        -- UUID v7
    kind          TEXT NOT NULL CHECK (kind IN ('exercise', 'emergency', 'martial_law')),
    legal_basis   TEXT NOT NULL,
    order_number  TEXT NOT NULL,
    declared_at   TEXT NOT NULL,               -- UTC instant
    region_id     TEXT REFERENCES regions (id), -- the declaring regional admin's region; NULL: national
    assembly_point TEXT NOT NULL,              -- default for units not given their own
    report_by     TEXT NOT NULL,               -- UTC instant, default for units
    status        TEXT NOT NULL CHECK (status IN ('draft', 'active', 'closed')),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    activated_at  TEXT,
    closed_at     TEXT,
    CHECK (report_by >= declared_at)
) STRICT;
CREATE INDEX activations_by_region ON activations (region_id, declared_at);

-- What was chosen: units (with their sub-units), whole regions, or border directions.
CREATE TABLE activation_scope (
    activation_id TEXT NOT NULL REFERENCES activations (id),
    kind          TEXT NOT NULL CHECK (kind IN ('unit', 'region', 'direction')),
    value         TEXT NOT NULL,
    assembly_point TEXT,                       -- units only: where this unit assembles
    report_by     TEXT,
    PRIMARY KEY (activation_id, kind, value)
) STRICT, WITHOUT ROWID;

-- The units the scope expanded to at activation, each with where and by when it assembles.
CREATE TABLE activation_units (
    activation_id TEXT NOT NULL REFERENCES activations (id),
    unit_id       TEXT NOT NULL REFERENCES units (id),
    unit_name     TEXT NOT NULL,
    region_id     TEXT NOT NULL,
    district_id   TEXT,
    direction     TEXT NOT NULL,
    assembly_point TEXT NOT NULL,
    report_by     TEXT NOT NULL,
    PRIMARY KEY (activation_id, unit_id)
) STRICT, WITHOUT ROWID;

-- The call-out list. `excluded` is NULL for a volunteer called; otherwise why they are listed
-- apart. `region_id`/`district_id` are the volunteer's at activation: district operators work
-- their district's rows. `response` is the current answer; `response_events` is its history.
-- The row keeps what the list is about (scope, unit, position, why apart, the answer); the
-- person's IIN, name, phone and addresses are read from their volunteer record (kept:
-- referenced here), so a district office always calls the number on file now and activation
-- writes a narrow row (measured: 200,000 rows, see BENCHMARKS.md issue 8).
CREATE TABLE callout_rows (
    seq           INTEGER PRIMARY KEY,
    activation_id TEXT NOT NULL REFERENCES activations (id),
    volunteer_id  TEXT NOT NULL REFERENCES volunteers (id),
    region_id     TEXT NOT NULL,
    district_id   TEXT NOT NULL,
    unit_id       TEXT NOT NULL,
    position      TEXT NOT NULL,
    excluded      TEXT CHECK (excluded IN ('ineligible', 'discharged', 'unavailable')),
    exclusion_detail TEXT,
    reached       INTEGER NOT NULL DEFAULT 0 CHECK (reached IN (0, 1)),
    response      TEXT NOT NULL DEFAULT 'pending' CHECK (response IN
        ('pending', 'will_report', 'reported', 'excused', 'not_reached', 'absent')),
    reported_at   TEXT,
    reason        TEXT
) STRICT;
-- One row per volunteer and activation; the desk and the sheets find a row by it.
CREATE UNIQUE INDEX callout_one_per_volunteer ON callout_rows (activation_id, volunteer_id);
-- Figures of a region, unit or direction read this index only.
CREATE INDEX callout_figures ON callout_rows
    (activation_id, region_id, unit_id, position, excluded, response, reached, reported_at);
CREATE INDEX callout_by_district ON callout_rows (activation_id, district_id, unit_id);

CREATE TABLE contact_attempts (
    id            TEXT PRIMARY KEY,
    row_seq       INTEGER NOT NULL REFERENCES callout_rows (seq),
    at            TEXT NOT NULL,
    channel       TEXT NOT NULL CHECK (channel IN ('phone', 'sms', 'messenger', 'in_person', 'courier')),
    outcome       TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'wrong_number', 'refused')),
    note          TEXT,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL
) STRICT;
CREATE INDEX contact_attempts_by_row ON contact_attempts (row_seq, at);

-- Every answer as entered. An undo marks the event undone (by the undo's own event) and the
-- row returns to the answer before it; nothing is deleted.
CREATE TABLE response_events (
    seq           INTEGER PRIMARY KEY,
    activation_id TEXT NOT NULL REFERENCES activations (id),
    row_seq       INTEGER NOT NULL REFERENCES callout_rows (seq),
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
CREATE INDEX response_events_by_row ON response_events (row_seq, seq);
CREATE INDEX response_events_by_recorder ON response_events (activation_id, recorded_by, seq);
