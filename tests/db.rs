//! Opening databases: migration from nothing, refusal of newer schemas and of files that are
//! not SQLite, leaving such files exactly as they were.

use std::sync::Arc;

use jasaq::clock::SystemClock;
use jasaq::db::{schema_version, Store};

#[test]
fn an_empty_file_is_migrated_to_the_current_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    let store =
        Store::open(&path, Arc::new(SystemClock)).expect("a zero-byte file is an empty database");
    let version: u32 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema_version(), "every migration was applied");
    let mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal", "WAL is on");
    let fk: i64 = store
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1, "foreign keys are enforced");
    drop(store);
    Store::open(&path, Arc::new(SystemClock)).expect("reopening an up-to-date database works");
}

#[test]
fn a_database_from_a_newer_jasaq_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE future (x); PRAGMA user_version = {};",
            schema_version() + 1
        ))
        .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let err = Store::open(&path, Arc::new(SystemClock))
        .err()
        .expect("a newer schema is refused");
    assert_eq!(
        err.reason, "newer_schema",
        "the reason says the database is newer"
    );
    assert!(
        err.message.contains("newer Jasaq"),
        "the message explains: {}",
        err.message
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the file was not modified"
    );
    assert!(
        !dir.path().join("newer.db-wal").exists(),
        "not even a WAL file was created"
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.xlsx");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open(&path, Arc::new(SystemClock))
        .err()
        .expect("garbage is refused");
    assert_eq!(
        err.reason, "not_a_database",
        "the reason says it is not a database"
    );
    assert_eq!(
        err.params.get("path").map(String::as_str),
        Some(path.to_str().unwrap()),
        "the path is named"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        garbage,
        "the file was not modified"
    );
}

#[test]
fn the_background_checkpointer_copies_the_log_into_the_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jasaq.db");
    let store = Store::open(&path, Arc::new(SystemClock)).unwrap();
    let auto: i64 = store
        .conn()
        .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
        .unwrap();
    assert_eq!(auto, 0, "saves never checkpoint on their own thread");
    store
        .conn()
        .execute_batch(
            "CREATE TABLE filler (x BLOB);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
             INSERT INTO filler SELECT randomblob(4096) FROM n;",
        )
        .unwrap();
    // Observed from outside SQLite, so that looking does not checkpoint by itself.
    let main_file = || std::fs::metadata(&path).unwrap().len();
    std::thread::sleep(jasaq::db::Checkpointer::INTERVAL * 2);
    assert!(
        main_file() < 300 * 4096,
        "without the checkpointer the 1.2 MB of new rows stay in the log ({} bytes in the file)",
        main_file()
    );
    let checkpointer = jasaq::db::Checkpointer::spawn(&path).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while main_file() < 300 * 4096 {
        assert!(
            std::time::Instant::now() < deadline,
            "the checkpointer copies the log into the file within seconds ({} bytes)",
            main_file()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    drop(checkpointer);
    let rows: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM filler", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 300, "nothing was lost on the way");
}

/// The checkpointer leaves a burst of saves alone and copies the log at the first pause.
#[test]
fn the_checkpointer_waits_for_a_pause_in_writing() {
    use jasaq::db::Checkpointer;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jasaq.db");
    let store = Store::open(&path, Arc::new(SystemClock)).unwrap();
    store
        .conn()
        .execute_batch("CREATE TABLE filler (x BLOB);")
        .unwrap();
    let checkpointer = Checkpointer::spawn(&path).unwrap();
    // A burst: a save every 50 ms for two seconds (shorter than MAX_DEFER).
    let burst = Instant::now();
    let mut last = Instant::now();
    let mut longest_gap = Duration::ZERO;
    while burst.elapsed() < Duration::from_secs(2) {
        store
            .conn()
            .execute("INSERT INTO filler VALUES (randomblob(4096))", [])
            .unwrap();
        longest_gap = longest_gap.max(last.elapsed());
        last = Instant::now();
        std::thread::sleep(Duration::from_millis(50));
    }
    // On a machine so loaded that a 50 ms sleep took most of QUIET, a pause did happen.
    if longest_gap < Checkpointer::QUIET.saturating_sub(Checkpointer::INTERVAL) {
        assert_eq!(
            checkpointer.checkpoints(),
            0,
            "no checkpoint during the burst (longest gap between saves {longest_gap:?})"
        );
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while checkpointer.checkpoints() == 0 {
        assert!(
            Instant::now() < deadline,
            "the log is copied soon after the burst ends"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let main_file = std::fs::metadata(&path).unwrap().len();
    assert!(
        main_file >= 30 * 4096,
        "the burst's rows are in the database file now ({main_file} bytes)"
    );
    drop(checkpointer);
}

#[test]
fn migration_17_salts_name_digests_and_drops_throttle_rows_of_names_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v16.db");
    drop(Store::open(&path, Arc::new(SystemClock)).unwrap());
    // A database as version 16 left it: no salt, and throttle rows keyed by what was typed.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO users (id, username, display_name, password_hash, role, created_at, updated_at)
                 SELECT 'u1', 'chief', 'Chief', 'x', 'national_admin', '2026-01-01T00:00:00.000Z',
                        '2026-01-01T00:00:00.000Z';
             INSERT INTO sign_in_throttle (username, failed_count) VALUES ('chief', 2);
             INSERT INTO sign_in_throttle (username, failed_count) VALUES ('my-secret-pass-9', 1);
             DELETE FROM settings WHERE key = 'sign_in_name_salt';
             PRAGMA user_version = 16;",
        )
        .unwrap();
    }
    let store = Store::open(&path, Arc::new(SystemClock)).expect("version 16 migrates");
    let names: Vec<String> = store
        .conn()
        .prepare("SELECT username FROM sign_in_throttle ORDER BY username")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap();
    assert_eq!(
        names,
        ["chief"],
        "an account's throttle row stays; a name no account has, kept as typed, goes"
    );
    let salt: String = store
        .conn()
        .query_row(
            "SELECT value FROM settings WHERE key = 'sign_in_name_salt'",
            [],
            |r| r.get(0),
        )
        .expect("the installation has a salt");
    assert_eq!(salt.len(), 32, "16 random bytes in hex: {salt}");
}
