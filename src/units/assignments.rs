//! Assignments: one enrolled, eligible volunteer in one position of one unit from a start
//! date; at most one active per volunteer (also a partial unique index). Transfers end the
//! current assignment and start the next in one transaction; ending sets an end date and
//! reason once and nothing is ever rewritten, so a volunteer's history reads as it happened.
//!
//! Operators assign within units of their district, regional administrators within their
//! region, national administrators anywhere; the volunteer must be in the actor's scope too.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::catalogue::{find_position, Position};
use super::checks::{self, check_assignable, day};
use super::structure::{find_unit_in_scope, Unit};
use super::{Qualification, UnitStatus, EXPIRY_WARNING_DAYS};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{local_today, new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::past_date;
use crate::volunteers::{self, volunteer_event, Volunteer};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssignInput {
    pub volunteer_id: String,
    pub unit_id: String,
    pub position: String,
    /// Local date `yyyy-mm-dd`, not in the future.
    pub start_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TransferInput {
    pub volunteer_id: String,
    pub unit_id: String,
    pub position: String,
    /// The day the current assignment ends and the next starts.
    pub date: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EndAssignmentInput {
    pub volunteer_id: String,
    pub date: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Assignment {
    pub id: String,
    pub volunteer_id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub position: String,
    pub start_date: String,
    pub end_date: Option<String>,
    pub end_reason: Option<String>,
    pub created_at: String,
}

/// An active member of a unit, with how their qualification for the position stands today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Member {
    pub assignment_id: String,
    pub volunteer_id: String,
    pub iin: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: String,
    pub age: i32,
    pub position: String,
    pub start_date: String,
    pub qualification: Qualification,
    pub review_flag: bool,
}

const ASSIGNMENT_COLUMNS: &str = "a.id, a.volunteer_id, a.unit_id, u.name, a.position,
    a.start_date, a.end_date, a.end_reason, a.created_at";

fn assignment_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Assignment> {
    Ok(Assignment {
        id: r.get(0)?,
        volunteer_id: r.get(1)?,
        unit_id: r.get(2)?,
        unit_name: r.get(3)?,
        position: r.get(4)?,
        start_date: r.get(5)?,
        end_date: r.get(6)?,
        end_reason: r.get(7)?,
        created_at: r.get(8)?,
    })
}

pub(crate) fn active_of(conn: &Connection, volunteer_id: &str) -> Result<Option<Assignment>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {ASSIGNMENT_COLUMNS} FROM assignments a JOIN units u ON u.id = a.unit_id
             WHERE a.volunteer_id = ? AND a.end_date IS NULL"
        ))?
        .query_row([volunteer_id], assignment_from_row)
        .optional()?)
}

/// The active assignments of these volunteers, by volunteer id (one statement for a bulk
/// transfer's whole sheet, walked in volunteer order through `assignments_one_active`).
pub(crate) fn active_of_many(
    conn: &Connection,
    volunteer_ids: &[&str],
) -> Result<std::collections::HashMap<String, Assignment>> {
    let mut sorted = volunteer_ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let list = serde_json::to_string(&sorted)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {ASSIGNMENT_COLUMNS} FROM json_each(?1) AS j
         CROSS JOIN assignments a INDEXED BY assignments_one_active
             ON a.volunteer_id = j.value AND a.end_date IS NULL
         JOIN units u ON u.id = a.unit_id"
    ))?;
    let found = stmt
        .query_map([&list], assignment_from_row)?
        .map(|a| a.map(|a| (a.volunteer_id.clone(), a)))
        .collect::<rusqlite::Result<_>>()?;
    Ok(found)
}

fn by_id(conn: &Connection, id: &str) -> Result<Assignment> {
    Ok(conn.query_row(
        &format!(
            "SELECT {ASSIGNMENT_COLUMNS} FROM assignments a JOIN units u ON u.id = a.unit_id
             WHERE a.id = ?"
        ),
        [id],
        assignment_from_row,
    )?)
}

/// A position of the catalogue that is not retired, or a field error.
pub(crate) fn open_position(conn: &Connection, code: &str) -> Result<Position> {
    match find_position(conn, code.trim())? {
        Some(p) if p.retired_at.is_none() => Ok(p),
        _ => Err(Error::field("position", "unknown_position")),
    }
}

/// A unit that can take members: in scope and not disbanded.
pub(crate) fn open_unit(conn: &Connection, actor: &Actor, id: &str) -> Result<Unit> {
    let unit = find_unit_in_scope(conn, actor, id.trim())?;
    if unit.status == UnitStatus::Disbanded {
        return Err(Error::conflict("unit_disbanded", "the unit is disbanded"));
    }
    Ok(unit)
}

/// Inserts a new active assignment (checks done by the caller).
pub(crate) fn start(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    volunteer: &Volunteer,
    unit_id: &str,
    position: &Position,
    start_date: NaiveDate,
) -> Result<String> {
    let (missing, expiry) = checks::qualification(volunteer, position.required_skill.as_deref());
    let id = new_id(now).to_string();
    tx.prepare_cached(
        "INSERT INTO assignments (id, volunteer_id, unit_id, position, start_date, created_at,
             birth_date, qual_missing, qual_expiry, volunteer_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, (SELECT seq FROM volunteers WHERE id = ?2))",
    )?
    .execute(params![
        id,
        volunteer.id,
        unit_id,
        position.code,
        day(start_date),
        stamp(now),
        volunteer.birth_date,
        missing,
        expiry
    ])?;
    Ok(id)
}

/// Ends an active assignment on `date` (never before its start) with `reason`.
pub(crate) fn finish(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    assignment_id: &str,
    date: &str,
    reason: &str,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE assignments SET end_date = max(?2, start_date), end_reason = ?3, ended_at = ?4
         WHERE id = ?1 AND end_date IS NULL",
    )?
    .execute(params![assignment_id, date, reason, stamp(now)])?;
    Ok(())
}

pub(crate) fn audit_assignment(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    actor: &Actor,
    action: &str,
    volunteer: &Volunteer,
    before: Option<&Assignment>,
    after: Option<&Assignment>,
) -> Result<()> {
    audit::record(
        tx,
        now,
        Event {
            before: before.map(serde_json::to_value).transpose()?,
            after: after.map(serde_json::to_value).transpose()?,
            ..volunteer_event(actor, action, volunteer)
        },
    )
}

/// Puts a volunteer without an active assignment into a position of a unit.
pub fn assign(store: &mut Store, actor: &Actor, input: AssignInput) -> Result<Assignment> {
    actor.require_writer()?;
    let now = store.now();
    let today = local_today(now);
    let mut problems = Vec::new();
    let start_date = past_date("start_date", &input.start_date, today, &mut problems);
    let tx = store.write()?;
    let unit = open_unit(&tx, actor, &input.unit_id)?;
    let volunteer = volunteers::find_in_scope(&tx, actor, input.volunteer_id.trim())?;
    let position = open_position(&tx, &input.position)?;
    let Some(start_date) = start_date.filter(|_| problems.is_empty()) else {
        return Err(Error::invalid(problems));
    };
    if active_of(&tx, &volunteer.id)?.is_some() {
        return Err(Error::conflict(
            "already_assigned",
            "the volunteer already holds a position; transfer instead",
        ));
    }
    check_assignable(&tx, &volunteer, &position, start_date, today)?;
    let id = start(&tx, now, &volunteer, &unit.id, &position, start_date)?;
    let after = by_id(&tx, &id)?;
    audit_assignment(
        &tx,
        now,
        actor,
        "assignment.start",
        &volunteer,
        None,
        Some(&after),
    )?;
    tx.commit()?;
    Ok(after)
}

/// The validated date and reason of a transfer or end, and the volunteer's current
/// assignment in a unit of the actor's scope.
fn current_in_scope(
    tx: &Transaction<'_>,
    actor: &Actor,
    volunteer_id: &str,
    date: &str,
    reason: &str,
    today: NaiveDate,
) -> Result<(Volunteer, Assignment, NaiveDate, String)> {
    let mut problems = Vec::new();
    let date = past_date("date", date, today, &mut problems);
    let reason = checks::end_reason(reason, &mut problems);
    let volunteer = volunteers::find_in_scope(tx, actor, volunteer_id.trim())?;
    let Some(current) = active_of(tx, &volunteer.id)? else {
        return Err(Error::conflict(
            "not_assigned",
            "the volunteer holds no position",
        ));
    };
    find_unit_in_scope(tx, actor, &current.unit_id)?;
    if let Some(date) = date {
        if day(date) < current.start_date {
            problems.push(
                FieldError::new("date", "before_current_start")
                    .with("start_date", &current.start_date),
            );
        }
    }
    let Some(date) = date.filter(|_| problems.is_empty()) else {
        return Err(Error::invalid(problems));
    };
    Ok((volunteer, current, date, reason))
}

/// Ends the current assignment and starts the next, in one transaction; returns the new one.
pub fn transfer(store: &mut Store, actor: &Actor, input: TransferInput) -> Result<Assignment> {
    actor.require_writer()?;
    let now = store.now();
    let today = local_today(now);
    let tx = store.write()?;
    let (volunteer, current, date, reason) = current_in_scope(
        &tx,
        actor,
        &input.volunteer_id,
        &input.date,
        &input.reason,
        today,
    )?;
    let unit = open_unit(&tx, actor, &input.unit_id)?;
    let position = open_position(&tx, &input.position)?;
    if unit.id == current.unit_id && position.code == current.position {
        return Err(Error::conflict(
            "same_assignment",
            "the volunteer already holds this position in this unit",
        ));
    }
    check_assignable(&tx, &volunteer, &position, date, today)?;
    finish(&tx, now, &current.id, &day(date), &reason)?;
    let id = start(&tx, now, &volunteer, &unit.id, &position, date)?;
    let after = by_id(&tx, &id)?;
    audit_assignment(
        &tx,
        now,
        actor,
        "assignment.transfer",
        &volunteer,
        Some(&current),
        Some(&after),
    )?;
    tx.commit()?;
    Ok(after)
}

/// Ends the volunteer's current assignment; returns it as ended.
pub fn end_assignment(
    store: &mut Store,
    actor: &Actor,
    input: EndAssignmentInput,
) -> Result<Assignment> {
    actor.require_writer()?;
    let now = store.now();
    let today = local_today(now);
    let tx = store.write()?;
    let (volunteer, current, date, reason) = current_in_scope(
        &tx,
        actor,
        &input.volunteer_id,
        &input.date,
        &input.reason,
        today,
    )?;
    finish(&tx, now, &current.id, &day(date), &reason)?;
    let after = by_id(&tx, &current.id)?;
    audit_assignment(
        &tx,
        now,
        actor,
        "assignment.end",
        &volunteer,
        Some(&current),
        Some(&after),
    )?;
    tx.commit()?;
    Ok(after)
}

/// Ends the active assignment of a volunteer who was discharged or became ineligible, inside
/// the caller's transaction (so the status change and the end land together). Returns
/// whether there was one.
pub(crate) fn end_for_status_change(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    actor: &Actor,
    volunteer: (&str, &str, &str),
    date: &str,
    reason: &str,
) -> Result<bool> {
    let (volunteer_id, region_id, district_id) = volunteer;
    let Some(current) = active_of(tx, volunteer_id)? else {
        return Ok(false);
    };
    finish(tx, now, &current.id, date, reason)?;
    let after = by_id(tx, &current.id)?;
    audit::record(
        tx,
        now,
        Event {
            entity_id: Some(volunteer_id),
            region_id: Some(region_id),
            district_id: Some(district_id),
            before: Some(serde_json::to_value(&current)?),
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, "assignment.end", "volunteer")
        },
    )?;
    Ok(true)
}

/// Re-reads the readiness copies of a volunteer's active assignment after their record changed.
pub(crate) fn refresh_member(tx: &Transaction<'_>, volunteer_id: &str) -> Result<()> {
    checks::refresh_volunteer(tx, volunteer_id)
}

/// A volunteer's assignments, newest first, for whoever may see the volunteer.
pub fn volunteer_assignments(
    store: &Store,
    actor: &Actor,
    volunteer_id: &str,
) -> Result<Vec<Assignment>> {
    actor.ready()?;
    let conn = store.conn();
    let volunteer = volunteers::find_in_scope(conn, actor, volunteer_id.trim())?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {ASSIGNMENT_COLUMNS} FROM assignments a JOIN units u ON u.id = a.unit_id
         WHERE a.volunteer_id = ? ORDER BY a.start_date DESC, a.seq DESC"
    ))?;
    let found = stmt
        .query_map([&volunteer.id], assignment_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(found)
}

/// The active members of a unit in the actor's scope.
pub fn list_members(store: &Store, actor: &Actor, unit_id: &str) -> Result<Vec<Member>> {
    actor.ready()?;
    let conn = store.conn();
    let unit = find_unit_in_scope(conn, actor, unit_id.trim())?;
    members_of(conn, &unit.id, local_today(store.now()))
}

pub(crate) fn qualification_on(
    missing: bool,
    expiry: Option<&str>,
    today: NaiveDate,
) -> Qualification {
    let warn = day(today + Duration::days(EXPIRY_WARNING_DAYS));
    match expiry {
        _ if missing => Qualification::Missing,
        Some(e) if e < day(today).as_str() => Qualification::Expired,
        Some(e) if e <= warn.as_str() => Qualification::Expiring,
        _ => Qualification::Ok,
    }
}

pub(crate) fn members_of(
    conn: &Connection,
    unit_id: &str,
    today: NaiveDate,
) -> Result<Vec<Member>> {
    // The partial index of active rows, named: the list must not depend on the planner
    // (the app never runs ANALYZE, and migration 0010's unit index once won the choice).
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, v.id, v.iin, v.surname, v.given_name, v.patronymic, v.birth_date,
             a.position, a.start_date, a.qual_missing, a.qual_expiry, v.review_flag
         FROM assignments a INDEXED BY assignments_active_by_unit
         JOIN volunteers v ON v.id = a.volunteer_id
         WHERE a.unit_id = ? AND a.end_date IS NULL",
    )?;
    let mut members = stmt
        .query_map([unit_id], |r| {
            let birth: String = r.get(6)?;
            let missing: bool = r.get(9)?;
            let expiry: Option<String> = r.get(10)?;
            let age = NaiveDate::parse_from_str(&birth, "%Y-%m-%d")
                .map(|b| volunteers::age_on(b, today))
                .unwrap_or(0);
            Ok(Member {
                assignment_id: r.get(0)?,
                volunteer_id: r.get(1)?,
                iin: r.get(2)?,
                surname: r.get(3)?,
                given_name: r.get(4)?,
                patronymic: r.get(5)?,
                birth_date: birth,
                age,
                position: r.get(7)?,
                start_date: r.get(8)?,
                qualification: qualification_on(missing, expiry.as_deref(), today),
                review_flag: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let order: Vec<String> = super::catalogue::positions(conn)?
        .into_iter()
        .map(|p| p.code)
        .collect();
    members.sort_by_cached_key(|m| {
        (
            order.iter().position(|c| c == &m.position),
            volunteers::fold::sort_key(&m.surname),
            volunteers::fold::sort_key(&m.given_name),
        )
    });
    Ok(members)
}
