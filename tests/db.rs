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
