//! The audit log: who changed what, when, with the values before and after.
//!
//! Entries are append-only (triggers refuse UPDATE and DELETE) and each carries the SHA-256 of
//! its own content and of the entry before it, so an edit made behind the application's back,
//! even with the triggers dropped, is found by [`verify`]. Entries are written inside the same
//! transaction as the change they describe: either both land or neither does.

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::access::{Actor, Scope};
use crate::clock::{local_midnight_utc, new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::optional_date;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What is being recorded. `actor` is `None` for events with no signed-in user (a failed
/// sign-in names the entered username in `actor_username` instead).
pub struct Event<'a> {
    pub actor_id: Option<&'a str>,
    pub actor_username: Option<&'a str>,
    pub action: &'a str,
    pub entity_kind: &'a str,
    pub entity_id: Option<&'a str>,
    pub region_id: Option<&'a str>,
    pub district_id: Option<&'a str>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Event<'a> {
    pub fn by(actor: &'a Actor, action: &'a str, entity_kind: &'a str) -> Self {
        Self {
            actor_id: Some(actor.user_id()),
            actor_username: Some(actor.username()),
            action,
            entity_kind,
            entity_id: None,
            region_id: None,
            district_id: None,
            before: None,
            after: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub id: String,
    pub at: String,
    pub actor_username: Option<String>,
    pub action: String,
    pub entity_kind: String,
    pub entity_id: Option<String>,
    pub region_id: Option<String>,
    pub district_id: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The columns of an [`AuditEntry`] in the order [`entry_from_row`] reads them; the caller adds
/// its `WHERE` and `ORDER BY`.
pub(crate) const ENTRY_SELECT: &str = "SELECT seq, id, at, actor_username, action, entity_kind,
    entity_id, region_id, district_id, before, after FROM audit_log";

pub(crate) fn entry_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.get(0)?,
        id: r.get(1)?,
        at: r.get(2)?,
        actor_username: r.get(3)?,
        action: r.get(4)?,
        entity_kind: r.get(5)?,
        entity_id: r.get(6)?,
        region_id: r.get(7)?,
        district_id: r.get(8)?,
        before: r.get(9)?,
        after: r.get(10)?,
    })
}

/// Appends one entry, chained to the last one, inside the caller's transaction.
pub fn record(
    tx: &Transaction<'_>,
    now: chrono::DateTime<chrono::Utc>,
    event: Event<'_>,
) -> Result<()> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (seq, prev_hash) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let row = Row {
        seq,
        id: new_id(now).to_string(),
        at: stamp(now),
        actor_id: event.actor_id.map(str::to_owned),
        actor_username: event.actor_username.map(|u| u.chars().take(64).collect()),
        action: event.action.to_owned(),
        entity_kind: event.entity_kind.to_owned(),
        entity_id: event.entity_id.map(str::to_owned),
        region_id: event.region_id.map(str::to_owned),
        district_id: event.district_id.map(str::to_owned),
        before: event.before.map(|v| v.to_string()),
        after: event.after.map(|v| v.to_string()),
        prev_hash,
    };
    let hash = row.hash();
    tx.execute(
        "INSERT INTO audit_log (seq, id, at, actor_id, actor_username, action, entity_kind,
             entity_id, region_id, district_id, before, after, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            row.seq,
            row.id,
            row.at,
            row.actor_id,
            row.actor_username,
            row.action,
            row.entity_kind,
            row.entity_id,
            row.region_id,
            row.district_id,
            row.before,
            row.after,
            row.prev_hash,
            hash
        ],
    )?;
    Ok(())
}

/// One stored entry with the fields its hash covers.
struct Row {
    seq: i64,
    id: String,
    at: String,
    actor_id: Option<String>,
    actor_username: Option<String>,
    action: String,
    entity_kind: String,
    entity_id: Option<String>,
    region_id: Option<String>,
    district_id: Option<String>,
    before: Option<String>,
    after: Option<String>,
    prev_hash: String,
}

impl Row {
    /// SHA-256 over a JSON array of every field: unambiguous, unlike joining with separators.
    fn hash(&self) -> String {
        let content = serde_json::json!([
            self.prev_hash,
            self.seq,
            self.id,
            self.at,
            self.actor_id,
            self.actor_username,
            self.action,
            self.entity_kind,
            self.entity_id,
            self.region_id,
            self.district_id,
            self.before,
            self.after,
        ]);
        hex::encode(Sha256::digest(content.to_string().as_bytes()))
    }
}

/// The outcome of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub entries: i64,
    /// The first entry whose content or link does not match, if any.
    pub first_broken_seq: Option<i64>,
}

/// Recomputes every hash in order. Open to administrators only: the answer reveals nothing
/// personal, but it is an administrative act and is itself not audited (it changes nothing).
pub fn verify(store: &Store, actor: &Actor) -> Result<Verification> {
    actor.require_admin()?;
    let mut stmt = store.conn().prepare(
        "SELECT seq, id, at, actor_id, actor_username, action, entity_kind, entity_id,
                region_id, district_id, before, after, prev_hash, hash
         FROM audit_log ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_seq = 1;
    let mut entries = 0;
    while let Some(r) = rows.next()? {
        let row = Row {
            seq: r.get(0)?,
            id: r.get(1)?,
            at: r.get(2)?,
            actor_id: r.get(3)?,
            actor_username: r.get(4)?,
            action: r.get(5)?,
            entity_kind: r.get(6)?,
            entity_id: r.get(7)?,
            region_id: r.get(8)?,
            district_id: r.get(9)?,
            before: r.get(10)?,
            after: r.get(11)?,
            prev_hash: r.get(12)?,
        };
        let stored: String = r.get(13)?;
        entries += 1;
        if row.seq != expected_seq || row.prev_hash != expected_prev || row.hash() != stored {
            return Ok(Verification {
                entries,
                first_broken_seq: Some(row.seq.min(expected_seq)),
            });
        }
        expected_prev = stored;
        expected_seq += 1;
    }
    Ok(Verification {
        entries,
        first_broken_seq: None,
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub entity_kind: Option<String>,
    /// Username of the actor (exact, case-insensitive).
    pub actor: Option<String>,
    /// Local (UTC+5) dates `yyyy-mm-dd`, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    #[ts(type = "number | null")]
    pub before_seq: Option<i64>,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    #[ts(type = "number | null")]
    pub next_before_seq: Option<i64>,
}

pub const MAX_PAGE: u32 = 500;

/// Browses the log, newest first, within the actor's scope: a regional administrator sees the
/// entries about their region only; national administrators see all.
pub fn list(store: &Store, actor: &Actor, filter: &AuditFilter) -> Result<AuditPage> {
    actor.require_admin()?;
    let mut problems = Vec::new();
    let from = optional_date("from", &filter.from, &mut problems);
    let to = optional_date("to", &filter.to, &mut problems);
    if !(1..=MAX_PAGE).contains(&filter.limit) {
        problems.push(
            FieldError::new("limit", "out_of_range")
                .with("min", 1)
                .with("max", MAX_PAGE),
        );
    }
    for (field, value) in [
        ("action", &filter.action),
        ("entity_kind", &filter.entity_kind),
        ("actor", &filter.actor),
    ] {
        if value.as_ref().is_some_and(|v| v.chars().count() > 200) {
            problems.push(FieldError::new(field, "too_long").with("max", 200));
        }
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }

    let (scope_sql, scope_param) = match actor.scope() {
        Scope::District { .. } => return Err(Error::forbidden("role")),
        scope => scope.filter("region_id", "district_id"),
    };
    let mut sql = format!("{ENTRY_SELECT} WHERE {scope_sql}");
    let mut args: Vec<Value> = scope_param.into_iter().map(Value::Text).collect();
    let mut push = |clause: &str, value: Value| {
        sql.push_str(clause);
        args.push(value);
    };
    if let Some(action) = filter
        .action
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        push(" AND action = ?", Value::Text(action.to_owned()));
    }
    if let Some(kind) = filter
        .entity_kind
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        push(" AND entity_kind = ?", Value::Text(kind.to_owned()));
    }
    if let Some(user) = filter
        .actor
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        push(" AND actor_username = ?", Value::Text(user.to_lowercase()));
    }
    if let Some(from) = from {
        push(" AND at >= ?", Value::Text(stamp(local_midnight_utc(from))));
    }
    if let Some(to) = to.and_then(|d| d.succ_opt()) {
        push(" AND at < ?", Value::Text(stamp(local_midnight_utc(to))));
    }
    if let Some(before) = filter.before_seq {
        push(" AND seq < ?", Value::Integer(before));
    }
    sql.push_str(" ORDER BY seq DESC LIMIT ?");
    args.push(Value::Integer(i64::from(filter.limit) + 1));

    let mut stmt = store.conn().prepare(&sql)?;
    let mut entries = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), entry_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let next_before_seq = if entries.len() > filter.limit as usize {
        entries.truncate(filter.limit as usize);
        entries.last().map(|e| e.seq)
    } else {
        None
    };
    Ok(AuditPage {
        entries,
        next_before_seq,
    })
}
