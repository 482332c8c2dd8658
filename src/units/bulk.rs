//! Bulk transfer: rows of IIN -> unit (and optional position) applied with one reason and
//! date, all or nothing. Every row is checked exactly as a single transfer would be (scope,
//! enrolment, eligibility, skill and certificate, dates) inside the write transaction that
//! would apply it, and the report lists every failing row before anything is written; one
//! failing row and nothing is applied. A volunteer without a current post is assigned (the
//! position is then required).
//!
//! Ten thousand rows must apply within two seconds, so one call reads the rules once, caches
//! positions and the scope checks of units, and prepares each statement once; the operation
//! is one audit entry (`assignment.bulk_transfer`, entity `unit_bulk_transfer`) with one
//! `unit_bulk_moves` row per move, which a moved volunteer's history shows.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::assignments::{active_of_many, finish, open_position, start, Assignment};
use super::catalogue::Position;
use super::checks::{self, check_assignable_under, day};
use super::structure::find_unit_in_scope;
use super::UnitStatus;
use crate::access::{Actor, Role};
use crate::audit::{self, Event};
use crate::clock::{local_today, new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::past_date;
use crate::volunteers::{self, RuleSet, Volunteer};

/// One row as read from the sheet; `row` is its line number (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkRow {
    pub row: u32,
    pub iin: String,
    /// A unit id, or the exact name of a unit unique in the actor's scope.
    pub unit: String,
    pub position: Option<String>,
}

/// A bulk transfer as the UI sends it: the chosen file's bytes, one reason and one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkTransferInput {
    pub file_name: String,
    pub content: Vec<u8>,
    pub reason: String,
    /// Local date `yyyy-mm-dd`, not in the future.
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkRowError {
    pub row: u32,
    pub iin: Option<String>,
    /// `iin`, `unit`, `position`, `date` or `file`.
    pub field: String,
    pub rule: String,
    pub params: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BulkTransferReport {
    pub rows: u32,
    /// Rows that move (or would move) a volunteer.
    pub moves: u32,
    pub applied: bool,
    pub errors: Vec<BulkRowError>,
}

struct Move {
    row: u32,
    volunteer: Volunteer,
    current: Option<Assignment>,
    unit_id: String,
    position: Position,
}

fn row_error(row: &BulkRow, field: &str, err: &Error) -> BulkRowError {
    let (field, rule, params) = match err.fields.first() {
        Some(f) if err.reason == "invalid" => (f.field.clone(), f.rule.clone(), f.params.clone()),
        _ => (field.to_owned(), err.reason.clone(), err.params.clone()),
    };
    BulkRowError {
        row: row.row,
        iin: Some(row.iin.trim().to_owned()).filter(|i| !i.is_empty()),
        field,
        rule,
        params,
    }
}

fn rule(row: &BulkRow, field: &str, rule: &str) -> BulkRowError {
    row_error(
        row,
        field,
        &Error::new(crate::ErrorCode::Validation, rule, rule),
    )
}

/// Resolves a unit cell: an id or a unique name in scope, not disbanded.
fn resolve_unit(tx: &Transaction<'_>, actor: &Actor, cell: &str) -> Result<String, &'static str> {
    let (scope_sql, scope_param) = actor.scope().filter("u.region_id", "u.district_id");
    let sql = format!(
        "SELECT u.id, u.status FROM units u WHERE (u.id = ?1 OR u.name = ?1) AND {scope_sql}
         LIMIT 2"
    );
    let args: Vec<&str> = std::iter::once(cell)
        .chain(scope_param.as_deref())
        .collect();
    let found: Vec<(String, String)> = tx
        .prepare_cached(&sql)
        .and_then(|mut s| {
            s.query_map(rusqlite::params_from_iter(args), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect()
        })
        .map_err(|_| "unknown_unit")?;
    match found.as_slice() {
        [] => Err("unknown_unit"),
        [(id, status)] if status != UnitStatus::Disbanded.as_str() => Ok(id.clone()),
        [_] => Err("unit_disbanded"),
        _ => Err("ambiguous_unit"),
    }
}

/// Checks every row; returns the moves (in sheet order) and the errors. The sheet's
/// volunteers and their current posts are read first with one statement each (see
/// [`volunteers::find_by_iins_in_scope`]); the checks then run row by row on what was read,
/// in the order and with the outcome a row-by-row read would give.
fn plan(
    tx: &Transaction<'_>,
    actor: &Actor,
    rows: &[BulkRow],
    date: NaiveDate,
    today: NaiveDate,
) -> Result<(Vec<Move>, Vec<BulkRowError>)> {
    let iins: Vec<&str> = rows
        .iter()
        .map(|r| r.iin.trim())
        .filter(|i| !i.is_empty())
        .collect();
    let mut found: HashMap<String, Volunteer> =
        volunteers::find_by_iins_in_scope(tx, actor, &iins)?
            .into_iter()
            .map(|v| (v.iin.clone(), v))
            .collect();
    let ids: Vec<&str> = found.values().map(|v| v.id.as_str()).collect();
    let mut current = active_of_many(tx, &ids)?;
    let mut units: HashMap<String, Result<String, &'static str>> = HashMap::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut cache = Cache {
        rules: volunteers::current_rules(tx)?,
        positions: HashMap::new(),
        current_units: HashMap::new(),
    };
    let mut moves = Vec::new();
    let mut errors = Vec::new();
    for row in rows {
        let iin = row.iin.trim();
        if iin.is_empty() {
            errors.push(rule(row, "iin", "required"));
            continue;
        }
        if !seen.insert(iin.to_owned()) {
            errors.push(rule(row, "iin", "duplicate_iin"));
            continue;
        }
        // Each IIN is seen once past this point, so its record can be taken.
        let Some(volunteer) = found.remove(iin) else {
            errors.push(rule(row, "iin", "unknown_iin"));
            continue;
        };
        let cell = crate::text::clean(&row.unit);
        if cell.is_empty() {
            errors.push(rule(row, "unit", "required"));
            continue;
        }
        let unit_id = match units
            .entry(cell.clone())
            .or_insert_with(|| resolve_unit(tx, actor, &cell))
        {
            Ok(id) => id.clone(),
            Err(reason) => {
                errors.push(rule(row, "unit", reason));
                continue;
            }
        };
        let post = current.remove(&volunteer.id);
        match check_row(
            tx, actor, &mut cache, row, volunteer, post, unit_id, date, today,
        ) {
            Ok(one) => moves.push(one),
            Err(e) => errors.push(e),
        }
    }
    Ok((moves, errors))
}

/// What every row reads alike, read once per call.
struct Cache {
    rules: RuleSet,
    positions: HashMap<String, Result<Position>>,
    /// Units of current posts: in the actor's scope or the error to report.
    current_units: HashMap<String, Result<()>>,
}

#[allow(clippy::too_many_arguments)]
fn check_row(
    tx: &Transaction<'_>,
    actor: &Actor,
    cache: &mut Cache,
    row: &BulkRow,
    volunteer: Volunteer,
    current: Option<Assignment>,
    unit_id: String,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<Move, BulkRowError> {
    let wanted = crate::text::clean_opt(row.position.as_deref())
        .or_else(|| current.as_ref().map(|c| c.position.clone()));
    let Some(wanted) = wanted else {
        return Err(rule(row, "position", "position_required"));
    };
    let position = cache
        .positions
        .entry(wanted.clone())
        .or_insert_with(|| open_position(tx, &wanted))
        .as_ref()
        .map_err(|e| row_error(row, "position", e))?
        .clone();
    if let Some(current) = &current {
        cache
            .current_units
            .entry(current.unit_id.clone())
            .or_insert_with(|| find_unit_in_scope(tx, actor, &current.unit_id).map(|_| ()))
            .as_ref()
            .map_err(|e| row_error(row, "iin", e))?;
        if current.unit_id == unit_id && current.position == position.code {
            return Err(rule(row, "unit", "same_assignment"));
        }
        if day(date) < current.start_date {
            let err = Error::invalid(vec![FieldError::new("date", "before_current_start")
                .with("start_date", &current.start_date)]);
            return Err(row_error(row, "date", &err));
        }
    }
    check_assignable_under(&cache.rules, &volunteer, &position, date, today)
        .map_err(|e| row_error(row, "iin", &e))?;
    Ok(Move {
        row: row.row,
        volunteer,
        current,
        unit_id,
        position,
    })
}

fn require_bulk_role(actor: &Actor) -> Result<()> {
    actor.ready()?;
    match actor.role() {
        Role::NationalAdmin | Role::RegionalAdmin => Ok(()),
        _ => Err(Error::forbidden("role")),
    }
}

fn checked_input(
    reason: &str,
    date: &str,
    today: NaiveDate,
    rows: &[BulkRow],
) -> Result<(String, NaiveDate)> {
    let mut problems = Vec::new();
    let date = past_date("date", date, today, &mut problems);
    let reason = checks::end_reason(reason, &mut problems);
    if rows.is_empty() {
        problems.push(FieldError::new("file", "empty"));
    }
    match date.filter(|_| problems.is_empty()) {
        Some(date) => Ok((reason, date)),
        None => Err(Error::invalid(problems)),
    }
}

/// The page cache while a sheet is checked or applied, in KiB: ten thousand rows touch pages
/// of six indexes of a million-row table, more than SQLite's default 2 MB holds.
const CACHE_KIB: i64 = 128 * 1024;

/// Runs `work` with the larger page cache, restoring the previous size whatever happened.
fn with_cache<T>(store: &mut Store, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
    let before: i64 = store
        .conn()
        .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    store.conn().pragma_update(None, "cache_size", -CACHE_KIB)?;
    let result = work(store);
    store.conn().pragma_update(None, "cache_size", before)?;
    result
}

/// Checks every row and reports, writing nothing.
pub fn preview_bulk_transfer(
    store: &mut Store,
    actor: &Actor,
    rows: &[BulkRow],
    reason: &str,
    date: &str,
) -> Result<BulkTransferReport> {
    with_cache(store, |store| preview(store, actor, rows, reason, date))
}

fn preview(
    store: &mut Store,
    actor: &Actor,
    rows: &[BulkRow],
    reason: &str,
    date: &str,
) -> Result<BulkTransferReport> {
    require_bulk_role(actor)?;
    let today = local_today(store.now());
    let (_, date) = checked_input(reason, date, today, rows)?;
    let tx = store.write()?;
    let (moves, errors) = plan(&tx, actor, rows, date, today)?;
    drop(tx);
    Ok(BulkTransferReport {
        rows: rows.len() as u32,
        moves: moves.len() as u32,
        applied: false,
        errors,
    })
}

/// Applies every row in one transaction, or none if any row fails (the report says which).
pub fn apply_bulk_transfer(
    store: &mut Store,
    actor: &Actor,
    rows: &[BulkRow],
    reason: &str,
    date: &str,
) -> Result<BulkTransferReport> {
    with_cache(store, |store| apply(store, actor, rows, reason, date))
}

fn apply(
    store: &mut Store,
    actor: &Actor,
    rows: &[BulkRow],
    reason: &str,
    date: &str,
) -> Result<BulkTransferReport> {
    require_bulk_role(actor)?;
    let now = store.now();
    let today = local_today(now);
    let (reason, date) = checked_input(reason, date, today, rows)?;
    let tx = store.write()?;
    let (mut moves, errors) = plan(&tx, actor, rows, date, today)?;
    if !errors.is_empty() {
        return Ok(BulkTransferReport {
            rows: rows.len() as u32,
            moves: 0,
            applied: false,
            errors,
        });
    }
    let on = day(date);
    let bulk_id = new_id(now).to_string();
    let scope = actor.scope();
    let district = match &scope {
        crate::access::Scope::District { district_id, .. } => Some(district_id.as_str()),
        _ => None,
    };
    tx.execute(
        "INSERT INTO unit_bulk_transfers (id, at, actor_id, reason, on_date, moves, region_id,
             district_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            bulk_id,
            stamp(now),
            actor.user_id(),
            reason,
            on,
            moves.len() as i64,
            scope.region(),
            district
        ],
    )?;
    {
        let mut moved = tx.prepare_cached(
            "INSERT INTO unit_bulk_moves (bulk_id, row_number, volunteer_id, ended_id, started_id)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        // In volunteer order: the index entries keyed by volunteer (the one-active and
        // by-volunteer indexes, the moves' own index) are then written leaf after leaf
        // instead of at ten thousand random places.
        moves.sort_unstable_by(|a, b| a.volunteer.id.cmp(&b.volunteer.id));
        for one in &moves {
            if let Some(current) = &one.current {
                finish(&tx, now, &current.id, &on, &reason)?;
            }
            let started = start(&tx, now, &one.volunteer, &one.unit_id, &one.position, date)?;
            moved.execute(rusqlite::params![
                bulk_id,
                one.row,
                one.volunteer.id,
                one.current.as_ref().map(|c| c.id.as_str()),
                started
            ])?;
        }
    }
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&bulk_id),
            region_id: scope.region(),
            district_id: district,
            after: Some(serde_json::json!({
                "id": bulk_id,
                "reason": reason,
                "date": on,
                "rows": rows.len(),
                "moves": moves.len(),
            })),
            ..Event::by(actor, "assignment.bulk_transfer", "unit_bulk_transfer")
        },
    )?;
    tx.commit()?;
    Ok(BulkTransferReport {
        rows: rows.len() as u32,
        moves: moves.len() as u32,
        applied: true,
        errors: Vec::new(),
    })
}
