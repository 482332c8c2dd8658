-- Volunteer registry: volunteers, the skills catalogue, versioned eligibility rules, every
-- eligibility decision, likely-duplicate flags, and the folded search index.

CREATE TABLE volunteers (
    seq               INTEGER PRIMARY KEY,    -- rowid alias: the search index keys on it
    id                TEXT NOT NULL UNIQUE,   -- UUID v7, what every API names
    iin               TEXT NOT NULL UNIQUE,   -- 12 digits, check digit verified in the core
    surname           TEXT NOT NULL,
    given_name        TEXT NOT NULL,
    patronymic        TEXT,
    birth_date        TEXT NOT NULL,          -- yyyy-mm-dd
    sex               TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    citizenship       TEXT NOT NULL,          -- ISO 3166-1 alpha-2 or 'stateless'
    region_id         TEXT NOT NULL REFERENCES regions (id),
    district_id       TEXT NOT NULL REFERENCES districts (id),
    registered_address TEXT NOT NULL,
    actual_address    TEXT NOT NULL,
    phone             TEXT NOT NULL,          -- E.164 +7XXXXXXXXXX
    email             TEXT,
    military_service  TEXT NOT NULL
        CHECK (military_service IN ('none', 'conscript', 'contract', 'officer', 'reserve')),
    health_category   TEXT CHECK (health_category IN ('a', 'b', 'v', 'g', 'd')),
    notes             TEXT,
    status            TEXT NOT NULL
        CHECK (status IN ('applicant', 'eligible', 'ineligible', 'enrolled', 'discharged')),
    eligible          INTEGER NOT NULL DEFAULT 0 CHECK (eligible IN (0, 1)), -- latest decision
    decision_version  INTEGER NOT NULL DEFAULT 0, -- rule-set version of the latest decision
    review_flag       INTEGER NOT NULL DEFAULT 0 CHECK (review_flag IN (0, 1)),
    enrolled_at       TEXT,
    discharged_on     TEXT,                   -- local date yyyy-mm-dd
    discharge_reason  TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    -- Derived copies for sorting and search (SQLite folds ASCII only), written by the core on
    -- every save: sort keys in the Kazakh alphabet's order, case-insensitive, ё as е
    -- (fold::sort_key), and a simplified Latin transliteration of the surname.
    surname_sort      TEXT NOT NULL,
    given_sort        TEXT NOT NULL,
    surname_lat       TEXT NOT NULL,
    name_key          TEXT NOT NULL,          -- folded full name, for likely duplicates
    -- One bit per catalogue skill (skills.bit), so a skill filter is checked inside an index
    -- instead of one lookup per row; volunteer_skills stays the record of detail.
    skill_mask        INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Scoped sorted pages: scope column (or none), then the sort key, then id as the tie-break,
-- then every filter column, so a page walks one index in order and checks its filters there
-- (SQLite defers reading a row until a column outside the index is needed): only the 50 rows
-- shown are read from the table.
CREATE INDEX volunteers_by_name ON volunteers
    (surname_sort, given_sort, id, status, eligible, birth_date, created_at, skill_mask);
CREATE INDEX volunteers_by_region_name ON volunteers
    (region_id, surname_sort, given_sort, id, status, eligible, birth_date, created_at, skill_mask);
CREATE INDEX volunteers_by_district_name ON volunteers
    (district_id, surname_sort, given_sort, id, status, eligible, birth_date, created_at, skill_mask);
CREATE INDEX volunteers_by_birth ON volunteers
    (birth_date, id, status, eligible, created_at, skill_mask);
CREATE INDEX volunteers_by_region_birth ON volunteers
    (region_id, birth_date, id, status, eligible, created_at, skill_mask);
CREATE INDEX volunteers_by_district_birth ON volunteers
    (district_id, birth_date, id, status, eligible, created_at, skill_mask);
CREATE INDEX volunteers_by_created ON volunteers
    (created_at, id, status, eligible, birth_date, skill_mask);
CREATE INDEX volunteers_by_region_created ON volunteers
    (region_id, created_at, id, status, eligible, birth_date, skill_mask);
CREATE INDEX volunteers_by_district_created ON volunteers
    (district_id, created_at, id, status, eligible, birth_date, skill_mask);
CREATE INDEX volunteers_by_status_name ON volunteers
    (status, surname_sort, given_sort, id, eligible, birth_date, created_at, skill_mask);
-- Short (1-2 letter) Latin queries use a prefix range; Cyrillic ones use volunteers_by_name (on the sort key).
CREATE INDEX volunteers_by_surname_lat ON volunteers (surname_lat);
CREATE INDEX volunteers_by_name_key ON volunteers (name_key, birth_date);
CREATE INDEX volunteers_review ON volunteers (review_flag) WHERE review_flag = 1;
-- Totals: counting the matches of a filtered list reads only (covering) indexes, never the
-- rows: these for a scope and a status, the page indexes above for the rest.
CREATE INDEX volunteers_count_district
    ON volunteers (district_id, status, eligible, birth_date, created_at, skill_mask);
CREATE INDEX volunteers_count_region
    ON volunteers (region_id, status, eligible, birth_date, created_at, skill_mask);

-- Any part of a name, in either script: trigrams over the folded text. Contentless (the text
-- lives in `volunteers`), with deletes so an edit can replace a row's entry. The national
-- index holds everyone; each region's index (one per reference region of 0001, which never
-- change) holds that region's volunteers with a marker of their district, so a regional or
-- district search walks a twentieth of the country (src/volunteers/search_index.rs).
CREATE VIRTUAL TABLE volunteer_search USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_10 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_11 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_15 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_19 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_23 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_27 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_31 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_33 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_35 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_39 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_43 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_47 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_55 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_59 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_61 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_62 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_63 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_71 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_75 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);
CREATE VIRTUAL TABLE volunteer_search_kz_79 USING fts5 (
    text, content = '', contentless_delete = 1, tokenize = 'trigram'
);

CREATE TABLE skills (
    code            TEXT PRIMARY KEY,         -- stable key: medic, driver...
    name_kk         TEXT NOT NULL,
    name_ru         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    has_licence     INTEGER NOT NULL DEFAULT 0 CHECK (has_licence IN (0, 1)),
    bit             INTEGER UNIQUE CHECK (bit BETWEEN 0 AND 62), -- in volunteers.skill_mask
    retired_at      TEXT
) STRICT;

INSERT INTO skills (code, name_kk, name_ru, name_en, has_licence, bit) VALUES
    ('medic',          'Медик',                 'Медик',                    'Medic', 0, 0),
    ('driver',         'Жүргізуші',             'Водитель',                 'Driver', 1, 1),
    ('engineer',       'Инженер',               'Инженер',                  'Engineer', 0, 2),
    ('communications', 'Байланысшы',            'Связист',                  'Communications', 0, 3),
    ('drone_operator', 'Дрон операторы',        'Оператор дронов',          'Drone operator', 0, 4),
    ('weapons',        'Қару-жарақпен жұмыс',   'Огневая подготовка',       'Weapons training', 0, 5),
    ('cook',           'Аспаз',                 'Повар',                    'Cook', 0, 6),
    ('rescuer',        'Құтқарушы',             'Спасатель',                'Rescuer', 0, 7),
    ('interpreter',    'Аудармашы',             'Переводчик',               'Interpreter', 0, 8);

CREATE TABLE volunteer_skills (
    volunteer_id       TEXT NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    skill_code         TEXT NOT NULL REFERENCES skills (code),
    licence_categories TEXT,                  -- comma-separated, drivers only
    certificate_number TEXT,
    certificate_expiry TEXT,                  -- yyyy-mm-dd
    PRIMARY KEY (volunteer_id, skill_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX volunteer_skills_by_skill ON volunteer_skills (skill_code, volunteer_id);

-- Configurable rules, versioned. The citizenship rule is code, not data: it is not here.
CREATE TABLE rule_sets (
    version            INTEGER PRIMARY KEY,
    effective_date     TEXT NOT NULL,          -- local date yyyy-mm-dd
    min_age            INTEGER NOT NULL,
    max_age            INTEGER NOT NULL,
    excluded_health    TEXT NOT NULL,          -- JSON array of health categories
    published_at       TEXT NOT NULL,
    published_by       TEXT,                   -- username; NULL for the seeded version
    CHECK (min_age >= 18 AND max_age >= min_age)
) STRICT;
INSERT INTO rule_sets (version, effective_date, min_age, max_age, excluded_health, published_at)
VALUES (1, '2025-01-01', 18, 60, '[]', '2025-01-01T00:00:00.000Z');

CREATE TABLE eligibility_decisions (
    id            TEXT PRIMARY KEY,
    volunteer_id  TEXT NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    rule_set_version INTEGER NOT NULL REFERENCES rule_sets (version),
    at            TEXT NOT NULL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('eligible', 'ineligible')),
    failed_rules  TEXT NOT NULL                -- JSON array of {code, params}
) STRICT;
CREATE INDEX decisions_by_volunteer ON eligibility_decisions (volunteer_id, at);

CREATE TABLE duplicate_flags (
    id            TEXT PRIMARY KEY,
    volunteer_a   TEXT NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    volunteer_b   TEXT NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    created_at    TEXT NOT NULL,
    resolved_at   TEXT,
    resolved_by   TEXT,
    resolution    TEXT CHECK (resolution IN ('not_duplicate')),
    CHECK (volunteer_a < volunteer_b),
    UNIQUE (volunteer_a, volunteer_b)
) STRICT;
CREATE INDEX duplicate_flags_open ON duplicate_flags (created_at) WHERE resolved_at IS NULL;
CREATE INDEX duplicate_flags_by_b ON duplicate_flags (volunteer_b);

-- A record's change history is read from the audit log by entity.
CREATE INDEX audit_by_entity ON audit_log (entity_id, seq);
