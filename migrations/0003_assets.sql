-- Requisitioned assets: owners, assets with their requisition order and attached files,
-- appraisals, the outcome (return or total loss), claims with their steps, and payments.
-- Money is INTEGER tiyn everywhere (1 tenge = 100 tiyn); dates are local yyyy-mm-dd.

CREATE TABLE asset_owners (
    id             TEXT PRIMARY KEY,               -- UUID v7
    kind           TEXT NOT NULL CHECK (kind IN ('citizen', 'organisation')),
    ident          TEXT NOT NULL UNIQUE,           -- IIN of a citizen or BIN of an organisation
    surname        TEXT,                           -- citizens
    given_name     TEXT,
    patronymic     TEXT,
    org_name       TEXT,                           -- organisations
    contact_person TEXT,
    phone          TEXT,                           -- E.164
    email          TEXT,
    address        TEXT NOT NULL,
    region_id      TEXT NOT NULL REFERENCES regions (id),   -- the office that recorded it
    district_id    TEXT NOT NULL REFERENCES districts (id),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK ((kind = 'citizen' AND surname IS NOT NULL AND given_name IS NOT NULL)
        OR (kind = 'organisation' AND org_name IS NOT NULL))
) STRICT;
CREATE INDEX asset_owners_by_region ON asset_owners (region_id, district_id);

CREATE TABLE assets (
    id               TEXT PRIMARY KEY,
    owner_id         TEXT NOT NULL REFERENCES asset_owners (id),
    kind             TEXT NOT NULL CHECK (kind IN ('building', 'premises', 'land', 'vehicle',
                         'special_machinery', 'equipment', 'fuel_supplies', 'other')),
    description      TEXT NOT NULL,
    plate_number     TEXT,
    vin              TEXT,
    cadastral_number TEXT,
    serial_number    TEXT,
    address          TEXT NOT NULL,
    region_id        TEXT NOT NULL REFERENCES regions (id),
    district_id      TEXT NOT NULL REFERENCES districts (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX assets_by_owner ON assets (owner_id);
CREATE INDEX assets_by_region ON assets (region_id, district_id);
CREATE INDEX assets_by_district ON assets (district_id);

-- One requisition order per asset.
CREATE TABLE asset_orders (
    asset_id            TEXT PRIMARY KEY REFERENCES assets (id),
    number              TEXT NOT NULL,
    order_date          TEXT NOT NULL,
    legal_basis         TEXT NOT NULL,
    authorising_official TEXT NOT NULL,
    approving_administration TEXT NOT NULL,
    receiving_unit      TEXT NOT NULL,
    mode                TEXT NOT NULL CHECK (mode IN ('temporary_use', 'transfer_of_ownership')),
    intake_date         TEXT NOT NULL,
    intake_condition    TEXT NOT NULL,
    created_at          TEXT NOT NULL
) STRICT;

-- Photos and scans travel with the database, not as paths to files that may vanish.
CREATE TABLE asset_files (
    id         TEXT PRIMARY KEY,
    asset_id   TEXT NOT NULL REFERENCES assets (id),
    name       TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL CHECK (size BETWEEN 0 AND 10485760),
    sha256     TEXT NOT NULL,
    data       BLOB NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX asset_files_by_asset ON asset_files (asset_id);

CREATE TABLE asset_appraisals (
    id             TEXT PRIMARY KEY,
    asset_id       TEXT NOT NULL REFERENCES assets (id),
    appraiser      TEXT NOT NULL,
    method         TEXT NOT NULL,
    valuation_date TEXT NOT NULL,
    market_value   INTEGER NOT NULL CHECK (market_value > 0),
    use_rate_per_day INTEGER CHECK (use_rate_per_day IS NULL OR use_rate_per_day > 0),
    is_basis       INTEGER NOT NULL DEFAULT 0 CHECK (is_basis IN (0, 1)),
    basis_reason   TEXT,
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX asset_appraisals_by_asset ON asset_appraisals (asset_id, valuation_date);
-- Exactly one basis per asset once any is marked.
CREATE UNIQUE INDEX asset_appraisals_one_basis ON asset_appraisals (asset_id) WHERE is_basis = 1;

-- The end of the holding: a return or a total loss, never both (one row per asset).
CREATE TABLE asset_outcomes (
    asset_id      TEXT PRIMARY KEY REFERENCES assets (id),
    outcome       TEXT NOT NULL CHECK (outcome IN ('returned', 'lost')),
    outcome_date  TEXT NOT NULL,
    condition     TEXT,                         -- at return
    loss_of_value INTEGER CHECK (loss_of_value IS NULL OR loss_of_value >= 0),
    loss_kind     TEXT CHECK (loss_kind IS NULL OR loss_kind IN ('destroyed', 'lost', 'consumed')),
    circumstances TEXT,                         -- of a total loss
    created_at    TEXT NOT NULL,
    CHECK ((outcome = 'returned' AND loss_of_value IS NOT NULL AND loss_kind IS NULL)
        OR (outcome = 'lost' AND loss_kind IS NOT NULL))
) STRICT;

-- One claim per asset; its steps (filed, decided, appealed, decided again) in order.
CREATE TABLE asset_claims (
    id             TEXT PRIMARY KEY,
    asset_id       TEXT NOT NULL UNIQUE REFERENCES assets (id),
    status         TEXT NOT NULL
        CHECK (status IN ('filed', 'decided', 'appealed', 'partly_paid', 'paid')),
    amount_claimed INTEGER NOT NULL CHECK (amount_claimed > 0),
    amount_decided INTEGER CHECK (amount_decided IS NULL OR amount_decided >= 0),
    amount_paid    INTEGER NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE asset_claim_steps (
    id              TEXT PRIMARY KEY,
    claim_id        TEXT NOT NULL REFERENCES asset_claims (id),
    step            TEXT NOT NULL CHECK (step IN ('filed', 'decided', 'appealed')),
    step_date       TEXT NOT NULL,
    amount          INTEGER,
    document_number TEXT NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX asset_claim_steps_by_claim ON asset_claim_steps (claim_id, created_at);

CREATE TABLE asset_payments (
    id              TEXT PRIMARY KEY,
    claim_id        TEXT NOT NULL REFERENCES asset_claims (id),
    paid_on         TEXT NOT NULL,
    amount          INTEGER NOT NULL CHECK (amount > 0),
    document_number TEXT NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX asset_payments_by_claim ON asset_payments (claim_id, paid_on);
