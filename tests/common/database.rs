//! Looking into a test's database: query results as lines of values, the schema, the store's
//! connection's settings, SQLite's integrity checks, and what the contentless search indexes
//! hold (which no query of the registry shows).

use jasaq::volunteers::fold;
use jasaq::volunteers::search_index::{NATIONAL, REGIONAL};
use rusqlite::types::Value;
use rusqlite::Connection;

use super::World;

/// Every row a query returns, each as one line of its values.
pub fn lines_of(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).expect("the projection prepares");
    let width = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            (0..width)
                .map(|i| r.get::<_, Value>(i).map(|v| format!("{v:?}")))
                .collect::<rusqlite::Result<Vec<_>>>()
                .map(|cells| cells.join(" | "))
        })
        .expect("the projection runs")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("the projection's rows are read");
    rows
}

pub fn lines(world: &World, sql: &str) -> Vec<String> {
    lines_of(world.store.conn(), sql)
}

pub fn search_tables() -> impl Iterator<Item = &'static str> {
    std::iter::once(NATIONAL).chain(REGIONAL.iter().map(|(_, table)| *table))
}

/// Every entry of every search index (term, column, offset) by its volunteer's IIN, read
/// through `fts5vocab` on a connection of its own: the indexes are contentless, so this is
/// the only way to see what they hold. Sorted, with district markers named ([`named_marker`]).
pub fn search_entries(world: &World) -> Vec<String> {
    let conn = Connection::open(world.path()).expect("a second connection opens");
    let mut entries = Vec::new();
    for table in search_tables() {
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE temp.vocab_{table} USING fts5vocab(main, '{table}', 'instance')"
        ))
        .expect("the vocabulary of a search index opens");
        let mut stmt = conn
            .prepare(&format!(
                "SELECT coalesce(v.iin, 'no volunteer: ' || i.doc), i.term, i.col, i.offset,
                        v.district_id, d.name_ru
                 FROM temp.vocab_{table} i
                 LEFT JOIN main.volunteers v ON v.seq = i.doc
                 LEFT JOIN main.districts d ON d.id = v.district_id"
            ))
            .expect("the entries' query prepares");
        let rows = stmt
            .query_map([], |r| {
                let term: String = r.get(1)?;
                let (district_id, district): (Option<String>, Option<String>) =
                    (r.get(4)?, r.get(5)?);
                let term = named_marker(&term, district_id.as_deref(), district.as_deref());
                let (volunteer, column, offset): (String, String, i64) =
                    (r.get(0)?, r.get(2)?, r.get(3)?);
                Ok(format!(
                    "{table} | {volunteer} | {term:?} | {column} | {offset}"
                ))
            })
            .expect("the entries are read")
            .collect::<rusqlite::Result<Vec<_>>>()
            .expect("the entries are read");
        entries.extend(rows);
    }
    entries.sort();
    entries
}

/// A regional entry ends in its district's marker: U+E001 and two characters hashed from the
/// district's id, which differs from one database to another. A term holding a marker's
/// characters is written with the district they must name, the volunteer's own, instead.
fn named_marker(term: &str, district_id: Option<&str>, district: Option<&str>) -> String {
    let Some((names, hashed)) = term.split_once('\u{E001}') else {
        return term.to_owned();
    };
    let own = district_id.map(fold::district_marker).unwrap_or_default();
    if own
        .strip_prefix('\u{E001}')
        .is_some_and(|own| own.starts_with(hashed))
    {
        let n = hashed.chars().count();
        format!("{names}<marker of {}: {n} of 2>", district.unwrap_or("?"))
    } else {
        format!("{term} (not the marker of the volunteer's district {district:?})")
    }
}

/// How many segments a search index is made of, from its structure record (row 10 of its
/// `_data` table, SQLite's fts5_index.c `fts5StructureDecode`): a 4-byte cookie, the 4 bytes
/// FF 00 00 01 of the version-2 format (contentless-delete tables), then the number of levels
/// and of segments as varints, each one byte below 128.
pub fn segments(world: &World, table: &str) -> u8 {
    let record: Vec<u8> = world
        .store
        .conn()
        .query_row(
            &format!("SELECT block FROM {table}_data WHERE id = 10"),
            [],
            |r| r.get(0),
        )
        .expect("a search index has a structure record");
    let at = if record.get(4..8) == Some(&[0xFF, 0, 0, 1][..]) {
        8
    } else {
        4
    };
    match record.get(at..at + 2) {
        Some(&[levels, segments]) if levels < 128 && segments < 128 => segments,
        _ => panic!("{table}: an unexpected structure record {record:?}"),
    }
}

/// Every table, index and trigger as created (not where its pages are: a rebuilt index has
/// new ones).
pub fn schema(world: &World) -> Vec<String> {
    lines(
        world,
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name",
    )
}

pub fn pragma(world: &World, name: &str) -> i64 {
    world
        .store
        .conn()
        .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("PRAGMA {name}: {e}"))
}

/// The store's connection's page cache and sorter threads (a bulk import changes both).
pub fn settings(world: &World) -> (i64, i64) {
    (pragma(world, "cache_size"), pragma(world, "threads"))
}

/// SQLite's own checks: every index agrees with its table, and every search index is sound.
/// The search indexes are contentless, so FTS5's integrity-check can only check their own
/// structure (there is no content to compare them with): [`search_entries`] compares what
/// they hold.
pub fn assert_intact(world: &World, when: &str) {
    let conn = world.store.conn();
    let found: Vec<String> = conn
        .prepare("SELECT * FROM pragma_integrity_check")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .expect("integrity_check runs");
    assert_eq!(
        found,
        vec!["ok".to_owned()],
        "{when}: every table and index is consistent (PRAGMA integrity_check)"
    );
    for table in search_tables() {
        let checked = conn.execute(
            &format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 0)"),
            [],
        );
        assert!(
            checked.is_ok(),
            "{when}: the search index {table} is sound: {checked:?}"
        );
    }
}

/// The likely-duplicate flags as pairs of IINs, with their resolution.
pub const LIKELY_DUPLICATES: &str = "SELECT min(a.iin, b.iin), max(a.iin, b.iin), f.resolved_at
     FROM duplicate_flags f
     LEFT JOIN volunteers a ON a.id = f.volunteer_a
     LEFT JOIN volunteers b ON b.id = f.volunteer_b
     ORDER BY 1, 2";

/// What an import writes, without its random ids and timestamps: the volunteers by IIN (their
/// district by name), their eligibility decisions and skills, the likely-duplicate pairs as
/// IIN pairs, the import's trace by file row, the import's record and audit entry, and how many
/// audit entries of each kind there are.
pub const CONTENT: &[(&str, &str)] = &[
    (
        "volunteers",
        "SELECT v.iin, v.surname, v.given_name, v.patronymic, v.birth_date, v.sex,
                v.citizenship, v.region_id, d.name_ru, v.registered_address, v.actual_address,
                v.phone, v.email, v.military_service, v.health_category, v.notes, v.status,
                v.eligible, v.decision_version, v.review_flag, v.surname_sort, v.given_sort,
                v.surname_lat, v.name_key, v.skill_mask
         FROM volunteers v LEFT JOIN districts d ON d.id = v.district_id ORDER BY v.iin",
    ),
    (
        "eligibility decisions",
        "SELECT v.iin, e.rule_set_version, e.outcome, e.failed_rules
         FROM eligibility_decisions e LEFT JOIN volunteers v ON v.id = e.volunteer_id
         ORDER BY 1, 2, 3, 4",
    ),
    (
        "skills",
        "SELECT v.iin, s.skill_code, s.licence_categories, s.certificate_number,
                s.certificate_expiry
         FROM volunteer_skills s LEFT JOIN volunteers v ON v.id = s.volunteer_id
         ORDER BY 1, 2",
    ),
    ("likely duplicates", LIKELY_DUPLICATES),
    (
        "import trace",
        "SELECT i.file_name, r.row_number, v.iin, r.action
         FROM import_rows r
         LEFT JOIN imports i ON i.id = r.import_id
         LEFT JOIN volunteers v ON v.id = r.volunteer_id
         ORDER BY i.at, i.file_name, r.row_number",
    ),
    (
        "import records",
        "SELECT kind, actor_username, file_name, sha256, mode, update_existing, rows_read,
                created, updated, unchanged, refused, region_id, district_id
         FROM imports ORDER BY at, file_name",
    ),
    (
        "import audit entries",
        "SELECT actor_username, region_id, district_id, after FROM audit_log
         WHERE action = 'volunteer.import' ORDER BY seq",
    ),
    (
        "audit entries by action",
        "SELECT action, count(*) FROM audit_log GROUP BY action ORDER BY action",
    ),
];

pub fn content(world: &World) -> Vec<(&'static str, Vec<String>)> {
    CONTENT
        .iter()
        .map(|(name, sql)| (*name, lines(world, sql)))
        .collect()
}

/// Everything an import that writes nothing must leave as it found it.
pub struct Snapshot {
    pub schema: Vec<String>,
    pub schema_version: i64,
    pub settings: (i64, i64),
    pub content: Vec<(&'static str, Vec<String>)>,
    pub search: Vec<String>,
}

pub fn snapshot(world: &World) -> Snapshot {
    Snapshot {
        schema: schema(world),
        schema_version: pragma(world, "schema_version"),
        settings: settings(world),
        content: content(world),
        search: search_entries(world),
    }
}

pub fn assert_unchanged(world: &World, before: &Snapshot, what: &str) {
    let after = snapshot(world);
    assert_eq!(
        after.schema, before.schema,
        "{what}: every table and index is still there, as it was"
    );
    assert_eq!(
        after.schema_version, before.schema_version,
        "{what}: the dropped indexes came back with the rollback (the schema is as committed)"
    );
    assert_eq!(
        after.settings, before.settings,
        "{what}: the connection's cache_size and threads are restored"
    );
    for ((name, was), (_, is)) in before.content.iter().zip(&after.content) {
        assert_eq!(is, was, "{what}: nothing is written: {name}");
    }
    assert!(
        after.search == before.search,
        "{what}: the search indexes hold what they held ({} entries before, {} after)",
        before.search.len(),
        after.search.len()
    );
    assert_intact(world, what);
}
