-- Spreadsheet imports: one row per import that wrote something (a refused or cancelled import
-- leaves nothing, its transaction is rolled back), and one row per record it created or
-- changed, so every such record can be traced to the file, the row and the person.

CREATE TABLE imports (
    id            TEXT PRIMARY KEY,          -- UUID v7; also in the import's audit entry
    kind          TEXT NOT NULL CHECK (kind IN ('volunteers')),
    at            TEXT NOT NULL,
    actor_id      TEXT NOT NULL REFERENCES users (id),
    actor_username TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    sha256        TEXT NOT NULL,             -- of the file's bytes, hex
    mode          TEXT NOT NULL CHECK (mode IN ('all_or_nothing', 'valid_only')),
    update_existing INTEGER NOT NULL CHECK (update_existing IN (0, 1)),
    rows_read     INTEGER NOT NULL,
    created       INTEGER NOT NULL,
    updated       INTEGER NOT NULL,
    unchanged     INTEGER NOT NULL,
    refused       INTEGER NOT NULL,
    region_id     TEXT,                      -- the importer's scope
    district_id   TEXT
) STRICT;

CREATE TABLE import_rows (
    import_id     TEXT NOT NULL REFERENCES imports (id),
    row_number    INTEGER NOT NULL,          -- as the file shows it
    volunteer_id  TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    PRIMARY KEY (import_id, row_number)
) STRICT, WITHOUT ROWID;
CREATE INDEX import_rows_by_volunteer ON import_rows (volunteer_id);
