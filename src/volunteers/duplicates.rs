//! Likely duplicates: two records with the same folded full name and birth date but different
//! IINs (a mistyped IIN, or a person registered twice). They are flagged on save and listed for
//! review; a person resolves a pair as "not a duplicate" (the flag is kept, resolved, so the
//! same pair is not flagged again). Only pairs with both records in the actor's scope are
//! shown: a flag must not reveal a record the actor may not read.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::search::{row_from, ROW_COLUMNS};
use super::VolunteerRow;
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp, Ids};
use crate::db::Store;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DuplicateFlag {
    pub id: String,
    pub created_at: String,
    pub first: VolunteerRow,
    pub second: VolunteerRow,
    pub resolved_at: Option<String>,
    pub resolved_by: Option<String>,
}

/// Flags every other record sharing the saved record's folded name and birth date; returns
/// how many such records have an open (unresolved) flag with it.
pub(crate) fn flag_likely_duplicates(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    id: &str,
) -> Result<u32> {
    let others: Vec<String> = {
        let mut stmt = tx.prepare_cached(
            "SELECT o.id FROM volunteers v JOIN volunteers o
               ON o.name_key = v.name_key AND o.birth_date = v.birth_date AND o.id <> v.id
             WHERE v.id = ?",
        )?;
        let rows = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    let mut open = 0;
    for other in others {
        let (a, b) = if id < other.as_str() {
            (id, other.as_str())
        } else {
            (other.as_str(), id)
        };
        tx.prepare_cached(
            "INSERT INTO duplicate_flags (id, volunteer_a, volunteer_b, created_at)
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (volunteer_a, volunteer_b) DO NOTHING",
        )?
        .execute(params![new_id(now).to_string(), a, b, stamp(now)])?;
        let resolved: Option<String> = tx
            .prepare_cached(
                "SELECT resolved_at FROM duplicate_flags WHERE volunteer_a = ? AND volunteer_b = ?",
            )?
            .query_row([a, b], |r| r.get(0))?;
        if resolved.is_none() {
            open += 1;
        }
    }
    Ok(open)
}

/// The flags [`flag_likely_duplicates`] makes, for every record an import created, made by
/// one join after the import's rows (a bulk import has rebuilt the name index by then):
/// every other record sharing the created record's folded name and birth date. A row-by-row
/// check finds the same pairs, since each created record is compared with every record
/// stored when it, or its partner, was written; pairs an update of the same import touches
/// are flagged by that update's own check. Returns the number of pairs found.
pub(crate) fn flag_import_duplicates(
    tx: &Transaction<'_>,
    ids: &dyn Ids,
    now: DateTime<Utc>,
    import_id: &str,
) -> Result<u64> {
    let pairs: Vec<(String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT v.id, o.id FROM import_rows r
               CROSS JOIN volunteers v ON v.id = r.volunteer_id
               CROSS JOIN volunteers o
                 ON o.name_key = v.name_key AND o.birth_date = v.birth_date AND o.id <> v.id
             WHERE r.import_id = ? AND r.action = 'created'",
        )?;
        let rows = stmt
            .query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows
    };
    let at = stamp(now);
    let mut insert = tx.prepare_cached(
        "INSERT INTO duplicate_flags (id, volunteer_a, volunteer_b, created_at)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (volunteer_a, volunteer_b) DO NOTHING",
    )?;
    for (id, other) in &pairs {
        let (a, b) = if id < other { (id, other) } else { (other, id) };
        insert.execute(params![ids.next_id(now).to_string(), a, b, at])?;
    }
    Ok(pairs.len() as u64)
}

fn flags(conn: &Connection, actor: &Actor, flag_id: Option<&str>) -> Result<Vec<DuplicateFlag>> {
    let scope = actor.scope();
    let (scope_a, param_a) = scope.filter("a.region_id", "a.district_id");
    let (scope_b, param_b) = scope.filter("b.region_id", "b.district_id");
    let cols_a = ROW_COLUMNS.replace("v.", "a.");
    let cols_b = ROW_COLUMNS.replace("v.", "b.");
    let mut sql = format!(
        "SELECT f.id, f.created_at, f.resolved_at, f.resolved_by, {cols_a}, {cols_b}
         FROM duplicate_flags f
         JOIN volunteers a ON a.id = f.volunteer_a
         JOIN volunteers b ON b.id = f.volunteer_b
         WHERE {scope_a} AND {scope_b}"
    );
    let mut args: Vec<String> = param_a.into_iter().chain(param_b).collect();
    match flag_id {
        Some(id) => {
            sql.push_str(" AND f.id = ?");
            args.push(id.to_owned());
        }
        None => sql.push_str(" AND f.resolved_at IS NULL ORDER BY f.created_at LIMIT 500"),
    }
    let mut stmt = conn.prepare(&sql)?;
    let found = stmt
        .query_map(rusqlite::params_from_iter(args), |r| {
            Ok(DuplicateFlag {
                id: r.get(0)?,
                created_at: r.get(1)?,
                resolved_at: r.get(2)?,
                resolved_by: r.get(3)?,
                first: row_from(r, 4)?,
                second: row_from(r, 4 + super::search::ROW_WIDTH)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(found)
}

/// The review queue: open flags whose two records are both in the actor's scope, oldest
/// first (at most 500).
pub fn list_duplicates(store: &Store, actor: &Actor) -> Result<Vec<DuplicateFlag>> {
    actor.ready()?;
    flags(store.conn(), actor, None)
}

/// Resolves a flag as "not a duplicate".
pub fn resolve_duplicate(store: &mut Store, actor: &Actor, flag_id: &str) -> Result<DuplicateFlag> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let Some(before) = flags(&tx, actor, Some(flag_id.trim()))?.into_iter().next() else {
        let exists = tx
            .query_row(
                "SELECT 1 FROM duplicate_flags WHERE id = ?",
                [flag_id.trim()],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        return Err(if exists {
            Error::forbidden("out_of_scope")
        } else {
            Error::not_found("duplicate_flag")
        });
    };
    if before.resolved_at.is_some() {
        return Err(Error::conflict(
            "already_resolved",
            "this flag is already resolved",
        ));
    }
    tx.execute(
        "UPDATE duplicate_flags SET resolved_at = ?2, resolved_by = ?3,
             resolution = 'not_duplicate' WHERE id = ?1",
        params![before.id, stamp(now), actor.username()],
    )?;
    let after = DuplicateFlag {
        resolved_at: Some(stamp(now)),
        resolved_by: Some(actor.username().to_owned()),
        ..before.clone()
    };
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&after.id),
            region_id: Some(&after.first.region_id),
            district_id: Some(&after.first.district_id),
            before: Some(serde_json::json!({"resolved_at": null})),
            after: Some(serde_json::json!({
                "resolution": "not_duplicate",
                "volunteers": [after.first.id, after.second.id],
            })),
            ..Event::by(actor, "duplicate.resolve", "duplicate_flag")
        },
    )?;
    tx.commit()?;
    Ok(after)
}
