-- Facility-guarding rosters (issue 7): facilities and how each must be guarded (posts, shift
-- pattern), the hard limits per region (versioned), the soft-preference weights (versioned),
-- volunteers' day preferences, the roster's assignments, the auto-fill's gap explanations and
-- published (frozen) versions. Instants are UTC RFC 3339 text; dates and times of day are local
-- (UTC+5).

-- Facility categories: an editable list.
CREATE TABLE facility_categories (
    code       TEXT PRIMARY KEY,
    name_kk    TEXT NOT NULL,
    name_ru    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    retired_at TEXT
) STRICT;
INSERT INTO facility_categories (code, name_kk, name_ru, name_en) VALUES
    ('power_plant',      'Электр станциясы',          'Электростанция',              'Power plant'),
    ('substation',       'Қосалқы станция',           'Подстанция',                  'Substation'),
    ('water_supply',     'Сумен жабдықтау',           'Водоснабжение',               'Water supply'),
    ('bridge',           'Көпір',                     'Мост',                        'Bridge'),
    ('railway_node',     'Темір жол торабы',          'Железнодорожный узел',        'Railway node'),
    ('fuel_depot',       'Жанармай қоймасы',          'Склад горючего',              'Fuel depot'),
    ('oil_gas',          'Мұнай-газ нысаны',          'Нефтегазовый объект',         'Oil and gas site'),
    ('communications',   'Байланыс нысаны',           'Объект связи',                'Communications'),
    ('government',       'Мемлекеттік ғимарат',       'Государственное здание',      'Government building'),
    ('hospital',         'Аурухана',                  'Больница',                    'Hospital'),
    ('arms_store',       'Қару-жарақ қоймасы',        'Склад вооружения',            'Arms store'),
    ('checkpoint',       'Елді мекен бекеті',         'Блокпост населённого пункта', 'Settlement checkpoint'),
    ('other',            'Басқа',                     'Другое',                      'Other');

-- A facility to guard. The shift pattern is kept on the facility: `pattern_kind` with the first
-- start (HH:MM local) or, for `custom`, a JSON array of {"start": "HH:MM", "minutes": n}.
CREATE TABLE facilities (
    seq                 INTEGER PRIMARY KEY,
    id                  TEXT NOT NULL UNIQUE,          -- UUID v7
    name                TEXT NOT NULL,
    category            TEXT NOT NULL REFERENCES facility_categories (code),
    owner_bin           TEXT,                          -- 12 digits, check digit verified in the core
    owner_name          TEXT,
    own_protection_plan INTEGER NOT NULL DEFAULT 0 CHECK (own_protection_plan IN (0, 1)),
    region_id           TEXT NOT NULL REFERENCES regions (id),
    district_id         TEXT NOT NULL REFERENCES districts (id),
    address             TEXT NOT NULL,
    latitude            REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude           REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    criticality         INTEGER NOT NULL CHECK (criticality BETWEEN 1 AND 3),
    responsible_unit_id TEXT NOT NULL REFERENCES units (id), -- same region (core)
    pattern_kind        TEXT NOT NULL
        CHECK (pattern_kind IN ('three_eights', 'two_twelves', 'day_on_three_off', 'custom')),
    pattern_start       TEXT,                          -- HH:MM local, for the fixed kinds
    pattern_custom      TEXT,                          -- JSON, for custom
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX facilities_by_region ON facilities (region_id, name);
CREATE INDEX facilities_by_district ON facilities (district_id, name);
CREATE INDEX facilities_by_unit ON facilities (responsible_unit_id);

-- A place at a facility staffed on every shift whose local date is in [active_from, active_until].
CREATE TABLE facility_posts (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    facility_id      TEXT NOT NULL REFERENCES facilities (id),
    name             TEXT NOT NULL,
    guards_per_shift INTEGER NOT NULL CHECK (guards_per_shift BETWEEN 1 AND 50),
    required_skill   TEXT REFERENCES skills (code),
    active_from      TEXT NOT NULL,
    active_until     TEXT NOT NULL,
    CHECK (active_until >= active_from)
) STRICT;
CREATE INDEX facility_posts_by_facility ON facility_posts (facility_id, seq);

-- Hard limits per region, versioned: the version in force on a date is the latest whose
-- effective date is on or before it. A region without a version uses the issue's defaults.
CREATE TABLE roster_limits (
    version                INTEGER PRIMARY KEY,
    region_id              TEXT NOT NULL REFERENCES regions (id),
    effective_date         TEXT NOT NULL,
    min_rest_hours         INTEGER NOT NULL CHECK (min_rest_hours BETWEEN 0 AND 72),
    max_hours_7d           INTEGER NOT NULL CHECK (max_hours_7d BETWEEN 1 AND 168),
    max_consecutive_nights INTEGER NOT NULL CHECK (max_consecutive_nights BETWEEN 0 AND 7),
    published_at           TEXT NOT NULL,
    published_by           TEXT NOT NULL
) STRICT;
CREATE INDEX roster_limits_by_region ON roster_limits (region_id, effective_date);

-- Soft-preference weights (national), versioned the same way; none means the defaults.
CREATE TABLE roster_weights (
    version           INTEGER PRIMARY KEY,
    effective_date    TEXT NOT NULL,
    uncovered         REAL NOT NULL CHECK (uncovered >= 0),
    fairness          REAL NOT NULL CHECK (fairness >= 0),
    undesired_day     REAL NOT NULL CHECK (undesired_day >= 0),
    not_preferred_day REAL NOT NULL CHECK (not_preferred_day >= 0),
    post_change       REAL NOT NULL CHECK (post_change >= 0),
    away_from_home    REAL NOT NULL CHECK (away_from_home >= 0),
    published_at      TEXT NOT NULL,
    published_by      TEXT NOT NULL
) STRICT;

-- Weekdays a volunteer prefers or would rather not serve (0 = Monday).
CREATE TABLE volunteer_day_preferences (
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    preference   TEXT NOT NULL CHECK (preference IN ('preferred', 'undesired')),
    PRIMARY KEY (volunteer_id, weekday)
) STRICT, WITHOUT ROWID;

-- One guard standing one post on one shift. A shift is named by its start and end instants.
CREATE TABLE roster_assignments (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    post_id      TEXT NOT NULL REFERENCES facility_posts (id),
    facility_id  TEXT NOT NULL REFERENCES facilities (id),
    shift_start  TEXT NOT NULL,
    shift_end    TEXT NOT NULL,
    volunteer_id TEXT NOT NULL REFERENCES volunteers (id),
    pinned       INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    source       TEXT NOT NULL CHECK (source IN ('manual', 'auto')),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    CHECK (shift_end > shift_start),
    UNIQUE (post_id, shift_start, volunteer_id)
) STRICT;
CREATE INDEX roster_assignments_by_facility ON roster_assignments (facility_id, shift_start);
CREATE INDEX roster_assignments_by_volunteer ON roster_assignments (volunteer_id, shift_start);

-- Seats the last auto-fill of a facility's period left empty, and why.
CREATE TABLE roster_gaps (
    post_id     TEXT NOT NULL REFERENCES facility_posts (id),
    facility_id TEXT NOT NULL REFERENCES facilities (id),
    shift_start TEXT NOT NULL,
    shift_end   TEXT NOT NULL,
    missing     INTEGER NOT NULL CHECK (missing >= 1),
    reason      TEXT NOT NULL,
    blocked     TEXT NOT NULL,                       -- JSON [[reason, count], ...]
    found_at    TEXT NOT NULL,
    PRIMARY KEY (post_id, shift_start)
) STRICT, WITHOUT ROWID;
CREATE INDEX roster_gaps_by_facility ON roster_gaps (facility_id, shift_start);

-- A published roster: a frozen snapshot of a facility's period. Later changes are the
-- difference between the live assignments and the latest snapshot.
CREATE TABLE roster_publications (
    id           TEXT PRIMARY KEY,
    facility_id  TEXT NOT NULL REFERENCES facilities (id),
    version      INTEGER NOT NULL,
    from_date    TEXT NOT NULL,
    to_date      TEXT NOT NULL,
    snapshot     TEXT NOT NULL,                      -- JSON [{post_id, shift_start, shift_end, volunteer_id}]
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    UNIQUE (facility_id, version)
) STRICT;
CREATE TRIGGER roster_publications_frozen BEFORE UPDATE ON roster_publications
BEGIN
    SELECT RAISE(ABORT, 'a published roster is never changed');
END;
