//! Helpers for the access, audit and secrets reviews: every role of the standard cast by name,
//! refusals checked by code and reason, a fingerprint of everything the database holds (to
//! prove a refused or failed write left nothing behind), and a switch that makes every audit
//! insert fail (to prove a change and its audit entry share one transaction).
//!
//! A test file includes it next to `common` with `#[path = "common/access.rs"] mod access;`,
//! so the shared `common/mod.rs` needs no edit.
#![allow(dead_code)]

use jasaq::access::Actor;
use jasaq::db::Store;
use jasaq::ErrorCode;

use crate::common::{Cast, World};

/// Every account of the standard cast, named as the asserts name them.
pub fn everyone(c: &Cast) -> Vec<(&'static str, Actor)> {
    vec![
        ("national admin", c.national.clone()),
        ("national viewer", c.national_viewer.clone()),
        ("Akmola admin", c.akmola_admin.clone()),
        ("Akmola viewer", c.akmola_viewer.clone()),
        ("Akmola district operator", c.akmola_operator.clone()),
        ("Karaganda admin", c.karaganda_admin.clone()),
    ]
}

/// Asserts a refusal by its stable code and reason (what the UI branches on).
#[track_caller]
pub fn assert_refused<T: std::fmt::Debug>(
    result: jasaq::Result<T>,
    code: ErrorCode,
    reason: &str,
    why: &str,
) {
    match result {
        Ok(value) => panic!("{why}: expected {code:?}/{reason}, but it succeeded with {value:?}"),
        Err(err) => assert_eq!(
            (err.code, err.reason.as_str()),
            (code, reason),
            "{why} (message: {})",
            err.message
        ),
    }
}

/// The number of rows and a SHA-256 of the content of every ordinary table (the search
/// indexes' shadow tables aside: the volunteer tables they index are read), and the last audit
/// sequence number. Equal fingerprints before and after an operation mean it wrote nothing: no
/// row added or removed, and none changed in place (an unaudited UPDATE shows too).
pub fn fingerprint(world: &World) -> Vec<(String, i64, String)> {
    let conn = world.store.conn();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
               AND sql NOT LIKE 'CREATE VIRTUAL%'
               AND name NOT IN (SELECT v.name || s.suffix FROM sqlite_master v,
                   (SELECT '_data' AS suffix UNION ALL SELECT '_idx' UNION ALL SELECT '_docsize'
                    UNION ALL SELECT '_config' UNION ALL SELECT '_content') s
                   WHERE v.sql LIKE 'CREATE VIRTUAL%')
             ORDER BY name",
        )
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .expect("the table names are read");
    let mut out: Vec<(String, i64, String)> = tables
        .into_iter()
        .map(|t| {
            let (n, digest) = table_digest(conn, &t);
            (t, n, digest)
        })
        .collect();
    let last: i64 = conn
        .query_row("SELECT coalesce(max(seq), 0) FROM audit_log", [], |r| {
            r.get(0)
        })
        .expect("the audit log is read");
    assert!(
        ["volunteers", "assets", "audit_log", "users"]
            .iter()
            .all(|t| out.iter().any(|(name, _, _)| name == t)),
        "the fingerprint counts the registry's tables: {out:?}"
    );
    out.push(("audit_log max(seq)".into(), last, String::new()));
    out
}

/// A table's row count and a SHA-256 of every value of every row, in the table's own order.
fn table_digest(conn: &rusqlite::Connection, table: &str) -> (i64, String) {
    use sha2::{Digest, Sha256};
    let mut stmt = conn
        .prepare(&format!("SELECT * FROM \"{table}\""))
        .unwrap_or_else(|e| panic!("read of {table}: {e}"));
    let columns = stmt.column_count();
    let mut rows = stmt.query([]).expect("the rows are read");
    let mut hash = Sha256::new();
    let mut n = 0;
    while let Some(row) = rows.next().expect("a row is read") {
        n += 1;
        for i in 0..columns {
            let value: rusqlite::types::Value = row.get(i).expect("a value is read");
            hash.update(format!("{value:?}\u{1f}").as_bytes());
        }
        hash.update(b"\x1e");
    }
    (n, hex::encode(hash.finalize()))
}

/// From now on every insert into the audit log fails, as a full disk or a broken chain would.
/// A temporary trigger lives on the store's connection only and leaves the file's schema alone.
pub fn refuse_audit(world: &World) {
    world
        .store
        .conn()
        .execute_batch(
            "CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log
             BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END;",
        )
        .expect("the test's trigger is created");
}

pub fn allow_audit(world: &World) {
    world
        .store
        .conn()
        .execute_batch("DROP TRIGGER temp.refuse_audit")
        .expect("the test's trigger is dropped");
}

/// Runs `write` with the audit log refusing inserts: the write must fail and leave the database
/// exactly as it was (the change was rolled back with its audit entry). Then audit is allowed
/// again.
#[track_caller]
pub fn assert_atomic_with_audit<T: std::fmt::Debug>(
    world: &mut World,
    what: &str,
    write: impl FnOnce(&mut World) -> jasaq::Result<T>,
) {
    let before = fingerprint(world);
    refuse_audit(world);
    let result = write(world);
    allow_audit(world);
    assert!(
        result.is_err(),
        "{what}: with the audit insert failing the change must fail too, but it returned {result:?}"
    );
    assert_eq!(
        fingerprint(world),
        before,
        "{what}: a change whose audit entry could not be written leaves no trace (one transaction)"
    );
}

/// The last audit entry: action, actor username, entity kind, entity id, region, district.
pub fn last_audit(world: &World) -> (String, Option<String>, String, Option<String>) {
    world
        .store
        .conn()
        .query_row(
            "SELECT action, actor_username, entity_kind, entity_id FROM audit_log
             ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("the audit log has an entry")
}

/// The entries written after `seq`, as (action, actor username).
pub fn audit_since(world: &World, seq: i64) -> Vec<(String, Option<String>)> {
    let conn = world.store.conn();
    let mut stmt = conn
        .prepare("SELECT action, actor_username FROM audit_log WHERE seq > ? ORDER BY seq")
        .expect("the audit query prepares");
    let rows = stmt
        .query_map([seq], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("the audit log is read")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("the audit log is read");
    rows
}

pub fn last_seq(world: &World) -> i64 {
    world
        .store
        .conn()
        .query_row("SELECT coalesce(max(seq), 0) FROM audit_log", [], |r| {
            r.get(0)
        })
        .expect("the audit log is read")
}

/// Runs `write` once with the audit log refusing inserts (it must fail and leave nothing), then
/// for real: it must succeed and leave one audit entry of `action` naming the actor.
#[track_caller]
pub fn audited_step<T: std::fmt::Debug>(
    world: &mut World,
    actor: &Actor,
    action: &str,
    write: impl Fn(&mut Store, &Actor) -> jasaq::Result<T>,
) -> T {
    assert_atomic_with_audit(world, action, |w| write(&mut w.store, actor));
    let before = last_seq(world);
    let out = write(&mut world.store, actor)
        .unwrap_or_else(|e| panic!("{action} by {} succeeds: {e:?}", actor.username()));
    let entries = audit_since(world, before);
    assert_eq!(
        entries,
        vec![(action.to_owned(), Some(actor.username().to_owned()))],
        "{action} writes exactly one audit entry, under the acting user's name"
    );
    out
}
