-- Units, assignments and readiness (issue 4): the forming agencies, editable unit kinds and
-- positions, the unit tree of each region with its establishment, and the assignment history
-- of volunteers to positions.

-- The six agencies that may form territorial defence units (Law "On Territorial Defence").
CREATE TABLE agencies (
    id       TEXT PRIMARY KEY,
    name_kk  TEXT NOT NULL,
    name_ru  TEXT NOT NULL,
    name_en  TEXT NOT NULL
) STRICT;
INSERT INTO agencies (id, name_kk, name_ru, name_en) VALUES
    ('defence',           'Қорғаныс министрлігі (Қарулы Күштер)', 'Министерство обороны (Вооружённые Силы)', 'Ministry of Defence (Armed Forces)'),
    ('national_guard',    'Ұлттық ұлан',                          'Национальная гвардия',                    'National Guard'),
    ('state_security',    'Мемлекеттік күзет қызметі',             'Служба государственной охраны',           'State Security Service'),
    ('national_security', 'Ұлттық қауіпсіздік комитеті',           'Комитет национальной безопасности',       'National Security Committee'),
    ('internal_affairs',  'Ішкі істер министрлігі',                'Министерство внутренних дел',             'Ministry of Internal Affairs'),
    ('emergencies',       'Төтенше жағдайлар министрлігі',         'Министерство по чрезвычайным ситуациям',  'Ministry of Emergency Situations');

-- Unit kinds: an editable list; `rank` orders them from the largest formation down.
CREATE TABLE unit_kinds (
    code       TEXT PRIMARY KEY,
    name_kk    TEXT NOT NULL,
    name_ru    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    rank       INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 99),
    retired_at TEXT
) STRICT;
INSERT INTO unit_kinds (code, name_kk, name_ru, name_en, rank) VALUES
    ('brigade',   'Бригада',   'Бригада',   'Brigade',   1),
    ('battalion', 'Батальон',  'Батальон',  'Battalion', 2),
    ('company',   'Рота',      'Рота',      'Company',   3),
    ('platoon',   'Взвод',     'Взвод',     'Platoon',   4),
    ('squad',     'Бөлімше',   'Отделение', 'Squad',     5);

-- Positions: an editable catalogue. A position may require a skill of the volunteer catalogue
-- (and its certificate, when it has one, valid on the start date); `command` marks positions
-- whose vacancy readiness reports.
CREATE TABLE positions (
    code           TEXT PRIMARY KEY,
    name_kk        TEXT NOT NULL,
    name_ru        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    required_skill TEXT REFERENCES skills (code),
    command        INTEGER NOT NULL DEFAULT 0 CHECK (command IN (0, 1)),
    retired_at     TEXT
) STRICT;
INSERT INTO positions (code, name_kk, name_ru, name_en, required_skill, command) VALUES
    ('commander',        'Командир',                'Командир',                'Commander',         NULL,             1),
    ('deputy_commander', 'Командир орынбасары',     'Заместитель командира',   'Deputy commander',  NULL,             1),
    ('squad_leader',     'Бөлімше командирі',       'Командир отделения',      'Squad leader',      NULL,             1),
    ('rifleman',         'Атқыш',                   'Стрелок',                 'Rifleman',          NULL,             0),
    ('medic',            'Санитар',                 'Санитар',                 'Medic',             'medic',          0),
    ('driver',           'Жүргізуші',               'Водитель',                'Driver',            'driver',         0),
    ('signaller',        'Байланысшы',              'Связист',                 'Signaller',         'communications', 0),
    ('drone_operator',   'Дрон операторы',          'Оператор дронов',         'Drone operator',    'drone_operator', 0),
    ('sapper',           'Сапер',                   'Сапёр',                   'Sapper',            'engineer',       0),
    ('cook',             'Аспаз',                   'Повар',                   'Cook',              'cook',           0);

CREATE TABLE units (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,       -- UUID v7
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL REFERENCES unit_kinds (code),
    parent_id     TEXT REFERENCES units (id), -- same region; never its own ancestor (core)
    agency_id     TEXT NOT NULL REFERENCES agencies (id),
    region_id     TEXT NOT NULL REFERENCES regions (id),
    district_id   TEXT REFERENCES districts (id), -- home district; district operators see these
    direction     TEXT NOT NULL CHECK (direction IN
        ('russia', 'uzbekistan', 'china', 'kyrgyzstan', 'turkmenistan', 'interior')),
    status        TEXT NOT NULL CHECK (status IN
        ('cadre', 'forming', 'ready', 'deployed', 'disbanded')),
    commander_id  TEXT REFERENCES volunteers (id),
    disbanded_on  TEXT,                       -- local date
    disband_reason TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((status = 'disbanded') = (disbanded_on IS NOT NULL)),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX units_by_region ON units (region_id, name);
CREATE INDEX units_by_district ON units (district_id, name);
CREATE INDEX units_by_parent ON units (parent_id);

-- The establishment: authorised strength per position. A position not listed has none.
CREATE TABLE unit_establishment (
    unit_id    TEXT NOT NULL REFERENCES units (id),
    position   TEXT NOT NULL REFERENCES positions (code),
    authorised INTEGER NOT NULL CHECK (authorised BETWEEN 1 AND 5000),
    PRIMARY KEY (unit_id, position)
) STRICT, WITHOUT ROWID;

-- Assignments: one row per period a volunteer holds a position. Ending one sets its end date
-- and reason once; nothing else is ever changed or deleted (triggers below), so the history
-- stays as it happened. `birth_date`, `qual_missing` and `qual_expiry` copy what readiness
-- counts (the volunteer's birth date; whether the position's skill is missing; its certificate
-- expiry) so the national rollup reads one index instead of a million volunteer rows; the core
-- refreshes them whenever the volunteer record or the position's requirement changes.
CREATE TABLE assignments (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    volunteer_id  TEXT NOT NULL REFERENCES volunteers (id),
    unit_id       TEXT NOT NULL REFERENCES units (id),
    position      TEXT NOT NULL REFERENCES positions (code),
    start_date    TEXT NOT NULL,              -- local date
    end_date      TEXT,                       -- local date; NULL while active
    end_reason    TEXT,
    created_at    TEXT NOT NULL,
    ended_at      TEXT,
    birth_date    TEXT NOT NULL,
    qual_missing  INTEGER NOT NULL DEFAULT 0 CHECK (qual_missing IN (0, 1)),
    qual_expiry   TEXT,                       -- certificate expiry of the required skill
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK ((end_date IS NULL) = (end_reason IS NULL))
) STRICT;
-- At most one active assignment per volunteer, whatever path writes.
CREATE UNIQUE INDEX assignments_one_active ON assignments (volunteer_id) WHERE end_date IS NULL;
-- Readiness and member lists: the active rows of a unit, with everything readiness counts.
CREATE INDEX assignments_active_by_unit ON assignments
    (unit_id, position, birth_date, qual_missing, qual_expiry) WHERE end_date IS NULL;
CREATE INDEX assignments_by_volunteer ON assignments (volunteer_id, start_date);

CREATE TRIGGER assignments_history_kept BEFORE UPDATE ON assignments
WHEN OLD.end_date IS NOT NULL
    OR NEW.volunteer_id IS NOT OLD.volunteer_id OR NEW.unit_id IS NOT OLD.unit_id
    OR NEW.position IS NOT OLD.position OR NEW.start_date IS NOT OLD.start_date
    OR NEW.id IS NOT OLD.id
BEGIN
    SELECT RAISE(ABORT, 'assignment history is never rewritten');
END;
CREATE TRIGGER assignments_never_deleted BEFORE DELETE ON assignments
BEGIN
    SELECT RAISE(ABORT, 'assignment history is never deleted');
END;
