-- Foundation: reference regions, editable districts, user accounts, sign-in throttling,
-- settings and the append-only, hash-chained audit log.

CREATE TABLE regions (
    id      TEXT PRIMARY KEY,            -- ISO 3166-2:KZ code, identical at every office
    kind    TEXT NOT NULL CHECK (kind IN ('oblast', 'city')),
    name_kk TEXT NOT NULL,
    name_ru TEXT NOT NULL,
    name_en TEXT NOT NULL
) STRICT;

INSERT INTO regions (id, kind, name_kk, name_ru, name_en) VALUES
    ('KZ-10', 'oblast', 'Абай облысы',                 'Абайская область',                'Abai Region'),
    ('KZ-11', 'oblast', 'Ақмола облысы',               'Акмолинская область',             'Akmola Region'),
    ('KZ-15', 'oblast', 'Ақтөбе облысы',               'Актюбинская область',             'Aktobe Region'),
    ('KZ-19', 'oblast', 'Алматы облысы',               'Алматинская область',             'Almaty Region'),
    ('KZ-23', 'oblast', 'Атырау облысы',               'Атырауская область',              'Atyrau Region'),
    ('KZ-63', 'oblast', 'Шығыс Қазақстан облысы',      'Восточно-Казахстанская область',  'East Kazakhstan Region'),
    ('KZ-31', 'oblast', 'Жамбыл облысы',               'Жамбылская область',              'Jambyl Region'),
    ('KZ-33', 'oblast', 'Жетісу облысы',               'Жетысуская область',              'Jetisu Region'),
    ('KZ-35', 'oblast', 'Қарағанды облысы',            'Карагандинская область',          'Karaganda Region'),
    ('KZ-39', 'oblast', 'Қостанай облысы',             'Костанайская область',            'Kostanay Region'),
    ('KZ-43', 'oblast', 'Қызылорда облысы',            'Кызылординская область',          'Kyzylorda Region'),
    ('KZ-47', 'oblast', 'Маңғыстау облысы',            'Мангистауская область',           'Mangystau Region'),
    ('KZ-59', 'oblast', 'Солтүстік Қазақстан облысы',  'Северо-Казахстанская область',    'North Kazakhstan Region'),
    ('KZ-55', 'oblast', 'Павлодар облысы',             'Павлодарская область',            'Pavlodar Region'),
    ('KZ-61', 'oblast', 'Түркістан облысы',            'Туркестанская область',           'Turkistan Region'),
    ('KZ-62', 'oblast', 'Ұлытау облысы',               'Улытауская область',              'Ulytau Region'),
    ('KZ-27', 'oblast', 'Батыс Қазақстан облысы',      'Западно-Казахстанская область',   'West Kazakhstan Region'),
    ('KZ-71', 'city',   'Астана қаласы',               'город Астана',                    'Astana'),
    ('KZ-75', 'city',   'Алматы қаласы',               'город Алматы',                    'Almaty'),
    ('KZ-79', 'city',   'Шымкент қаласы',              'город Шымкент',                   'Shymkent');

CREATE TABLE districts (
    id         TEXT PRIMARY KEY,         -- UUID v7
    region_id  TEXT NOT NULL REFERENCES regions (id),
    name_kk    TEXT NOT NULL,
    name_ru    TEXT NOT NULL,
    name_en    TEXT,
    created_at TEXT NOT NULL,
    retired_at TEXT                      -- a retired district keeps its row and history
) STRICT;
CREATE INDEX districts_by_region ON districts (region_id);

CREATE TABLE users (
    id                   TEXT PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,  -- lower-case ASCII, checked in the core
    display_name         TEXT NOT NULL,
    role                 TEXT NOT NULL
        CHECK (role IN ('national_admin', 'regional_admin', 'district_operator', 'viewer')),
    region_id            TEXT REFERENCES regions (id),
    district_id          TEXT REFERENCES districts (id),
    password_hash        TEXT NOT NULL,          -- Argon2id PHC string
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    -- The scope a role carries is part of the row's shape, so no write can leave it ambiguous.
    CHECK (
        (role = 'national_admin' AND region_id IS NULL AND district_id IS NULL) OR
        (role = 'regional_admin' AND region_id IS NOT NULL AND district_id IS NULL) OR
        (role = 'district_operator' AND region_id IS NOT NULL AND district_id IS NOT NULL) OR
        (role = 'viewer' AND district_id IS NULL)
    )
) STRICT;
CREATE INDEX users_by_region ON users (region_id);

-- Failed sign-ins are counted per entered username, whether or not such an account exists,
-- so the lockout behaves the same for both and reveals nothing.
CREATE TABLE sign_in_throttle (
    username     TEXT PRIMARY KEY,
    failed_count INTEGER NOT NULL,
    locked_until TEXT
) STRICT;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
INSERT INTO settings (key, value) VALUES ('idle_timeout_minutes', '15');

CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT NOT NULL UNIQUE,
    at             TEXT NOT NULL,
    actor_id       TEXT,
    actor_username TEXT,
    action         TEXT NOT NULL,
    entity_kind    TEXT NOT NULL,
    entity_id      TEXT,
    region_id      TEXT,                 -- scope of the entity, for scoped browsing
    district_id    TEXT,
    before         TEXT,                 -- JSON
    after          TEXT,                 -- JSON
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_region ON audit_log (region_id, seq);

-- Append-only: the application never changes or removes an entry. Someone with the file can
-- still drop these triggers; the hash chain is what reveals such tampering.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
