//! Working with one facility's roster: the grid of posts x shifts over a period, manual
//! assignment checked live by the engine's [`check_assignment`] (a broken rule is refused with
//! the rule's code), removal, pinning, the candidates for a seat, and publishing a frozen
//! version against which later changes are listed. Scoped through the facility's region and
//! district in SQL; every change audited.

use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::facilities::{find_facility, parse_date, Facility};
use super::load::{load, Loaded};
use super::model::Assignment;
use super::solve::check_assignment;
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{local_today, new_id, parse_stamp, stamp, KZ_OFFSET_HOURS};
use crate::db::Store;
use crate::error::{Error, ErrorCode, FieldError, Result};

/// Longest period one request reads or fills: a year (a leap one included).
pub const MAX_DAYS: u32 = 366;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterQuery {
    pub facility_id: String,
    /// First local date `yyyy-mm-dd`.
    pub from: String,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterShift {
    /// UTC instants, the shift's identity.
    pub start: String,
    pub end: String,
    /// Local (UTC+5) date and times for display.
    pub local_date: String,
    pub local_start: String,
    pub local_end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterSeat {
    pub assignment_id: String,
    pub volunteer_id: String,
    pub name: String,
    pub pinned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GapView {
    pub missing: u32,
    /// A `GapReason` in snake case (`no_skill`, `weekly_hours`, ...).
    pub reason: String,
    /// How many candidates each rule blocks.
    pub blocked: Vec<(String, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterCell {
    pub post_id: String,
    pub shift_start: String,
    pub need: u32,
    pub seats: Vec<RosterSeat>,
    pub gap: Option<GapView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterChange {
    /// `added` or `removed` since the latest publication.
    pub kind: String,
    pub post_id: String,
    pub shift_start: String,
    pub volunteer_id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Publication {
    pub version: u32,
    pub from_date: String,
    pub to_date: String,
    pub published_at: String,
    pub published_by: String,
    pub changes: Vec<RosterChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RosterView {
    pub facility: Facility,
    pub shifts: Vec<RosterShift>,
    pub cells: Vec<RosterCell>,
    pub publication: Option<Publication>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeatInput {
    pub post_id: String,
    pub shift_start: String,
    pub volunteer_id: String,
    #[serde(default)]
    pub pinned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CandidateQuery {
    pub post_id: String,
    pub shift_start: String,
    #[serde(default)]
    pub search: String,
}

/// A guard who might stand a seat, and the rule that refuses them if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Candidate {
    pub volunteer_id: String,
    pub name: String,
    pub refused_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublishInput {
    pub facility_id: String,
    pub from: String,
    pub days: u32,
}

pub(crate) fn check_period(from: &str, days: u32) -> Result<NaiveDate> {
    let mut problems = Vec::new();
    let date = parse_date(from);
    if date.is_none() {
        problems.push(FieldError::new("from", "date_format"));
    }
    if days == 0 || days > MAX_DAYS {
        problems.push(
            FieldError::new("days", "out_of_range")
                .with("min", 1)
                .with("max", MAX_DAYS),
        );
    }
    match date {
        Some(date) if problems.is_empty() => Ok(date),
        _ => Err(Error::invalid(problems)),
    }
}

fn local_hm(at: chrono::DateTime<chrono::Utc>) -> String {
    (at + Duration::hours(KZ_OFFSET_HOURS))
        .format("%H:%M")
        .to_string()
}

/// The refusal of a manual change: which hard rule it breaks.
pub fn rule_error(rule: super::model::Rule) -> Error {
    Error::new(
        ErrorCode::Conflict,
        "roster_rule",
        format!("the assignment breaks the roster rule {}", rule.code()),
    )
    .with("rule", rule.code())
}

/// The grid of one facility over a period.
pub fn roster_view(store: &Store, actor: &Actor, query: &RosterQuery) -> Result<RosterView> {
    actor.ready()?;
    let from = check_period(&query.from, query.days)?;
    let conn = store.conn();
    let facility = find_facility(conn, actor, query.facility_id.trim())?;
    let loaded = load(
        conn,
        &facility.region_id,
        std::slice::from_ref(&facility.id),
        from,
        query.days,
    )?;
    let shifts: Vec<RosterShift> = loaded
        .instance
        .shifts
        .iter()
        .filter(|s| s.facility == 0)
        .map(|s| RosterShift {
            start: stamp(s.start),
            end: stamp(s.end),
            local_date: local_today(s.start).to_string(),
            local_start: local_hm(s.start),
            local_end: local_hm(s.end),
        })
        .collect();
    let mut cells = Vec::new();
    let mut gaps = gaps_of(conn, &facility.id)?;
    for (p, post) in loaded.instance.posts.iter().enumerate() {
        let Some(post_id) = loaded.post_ids[p].clone() else {
            continue;
        };
        for (s, shift) in loaded.instance.shifts.iter().enumerate() {
            let day = local_today(shift.start);
            if shift.facility != post.facility || day < post.active_from || day > post.active_until
            {
                continue;
            }
            let seats = loaded
                .existing
                .iter()
                .filter(|e| e.in_period && e.assignment.post == p as u32)
                .filter(|e| e.assignment.shift == s as u32)
                .map(|e| RosterSeat {
                    assignment_id: e.id.clone(),
                    volunteer_id: loaded.guards[e.assignment.guard as usize].id.clone(),
                    name: loaded.guards[e.assignment.guard as usize].name.clone(),
                    pinned: e.pinned,
                })
                .collect::<Vec<_>>();
            let start = stamp(shift.start);
            let gap = gaps
                .remove(&(post_id.clone(), start.clone()))
                .filter(|_| (seats.len() as u32) < post.guards_per_shift);
            cells.push(RosterCell {
                post_id: post_id.clone(),
                shift_start: start,
                need: post.guards_per_shift,
                seats,
                gap,
            });
        }
    }
    let publication = latest_publication(conn, &facility.id, &loaded)?;
    Ok(RosterView {
        facility,
        shifts,
        cells,
        publication,
    })
}

fn gaps_of(
    conn: &Connection,
    facility_id: &str,
) -> Result<std::collections::HashMap<(String, String), GapView>> {
    let mut stmt = conn.prepare(
        "SELECT post_id, shift_start, missing, reason, blocked FROM roster_gaps
         WHERE facility_id = ?",
    )?;
    let rows = stmt
        .query_map([facility_id], |r| {
            let blocked: String = r.get(4)?;
            Ok((
                (r.get(0)?, r.get(1)?),
                GapView {
                    missing: r.get(2)?,
                    reason: r.get(3)?,
                    blocked: serde_json::from_str(&blocked).unwrap_or_default(),
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
struct Frozen {
    post_id: String,
    shift_start: String,
    volunteer_id: String,
    name: String,
}

fn latest_publication(
    conn: &Connection,
    facility_id: &str,
    loaded: &Loaded,
) -> Result<Option<Publication>> {
    let found: Option<(u32, String, String, String, String, String)> = conn
        .query_row(
            "SELECT version, from_date, to_date, snapshot, published_at, published_by
             FROM roster_publications WHERE facility_id = ? ORDER BY version DESC LIMIT 1",
            [facility_id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((version, from_date, to_date, snapshot, published_at, published_by)) = found else {
        return Ok(None);
    };
    let frozen: Vec<Frozen> = serde_json::from_str(&snapshot).unwrap_or_default();
    let live: Vec<Frozen> = frozen_of(loaded)
        .into_iter()
        .filter(|f| {
            let day = parse_stamp(&f.shift_start).map(local_today);
            day.is_some_and(|d| d.to_string() >= from_date && d.to_string() <= to_date)
        })
        .collect();
    // Only the shifts in view are compared.
    let in_view = |f: &Frozen| {
        loaded
            .instance
            .shifts
            .iter()
            .any(|s| s.facility == 0 && stamp(s.start) == f.shift_start)
    };
    let mut changes = Vec::new();
    for f in frozen.iter().filter(|f| in_view(f)) {
        if !live.iter().any(|l| same_seat(l, f)) {
            changes.push(change("removed", f));
        }
    }
    for l in &live {
        if !frozen.iter().any(|f| same_seat(l, f)) {
            changes.push(change("added", l));
        }
    }
    Ok(Some(Publication {
        version,
        from_date,
        to_date,
        published_at,
        published_by,
        changes,
    }))
}

fn same_seat(a: &Frozen, b: &Frozen) -> bool {
    a.post_id == b.post_id && a.shift_start == b.shift_start && a.volunteer_id == b.volunteer_id
}

fn change(kind: &str, f: &Frozen) -> RosterChange {
    RosterChange {
        kind: kind.to_owned(),
        post_id: f.post_id.clone(),
        shift_start: f.shift_start.clone(),
        volunteer_id: f.volunteer_id.clone(),
        name: f.name.clone(),
    }
}

fn frozen_of(loaded: &Loaded) -> Vec<Frozen> {
    let mut out: Vec<Frozen> = loaded
        .existing
        .iter()
        .filter(|e| e.in_period)
        .filter_map(|e| {
            let post_id = loaded.post_ids[e.assignment.post as usize].clone()?;
            let guard = &loaded.guards[e.assignment.guard as usize];
            Some(Frozen {
                post_id,
                shift_start: stamp(loaded.instance.shifts[e.assignment.shift as usize].start),
                volunteer_id: guard.id.clone(),
                name: guard.name.clone(),
            })
        })
        .collect();
    out.sort();
    out
}

/// The facility and loaded model around one seat (the shift's local day).
fn seat_model(
    conn: &Connection,
    actor: &Actor,
    post_id: &str,
    shift_start: &str,
) -> Result<(Facility, Loaded, u32, u32)> {
    let facility_id: Option<String> = conn
        .query_row(
            "SELECT facility_id FROM facility_posts WHERE id = ?",
            [post_id],
            |r| r.get(0),
        )
        .optional()?;
    let facility_id = facility_id.ok_or_else(|| Error::not_found("post"))?;
    let facility = find_facility(conn, actor, &facility_id)?;
    let start =
        parse_stamp(shift_start).ok_or_else(|| Error::field("shift_start", "date_format"))?;
    let loaded = load(
        conn,
        &facility.region_id,
        std::slice::from_ref(&facility.id),
        local_today(start),
        1,
    )?;
    let post = loaded
        .post_of(post_id)
        .ok_or_else(|| rule_error(super::model::Rule::NoSuchSlot))?;
    let shift = loaded
        .shift_of(0, start)
        .ok_or_else(|| rule_error(super::model::Rule::NoSuchSlot))?;
    Ok((facility, loaded, post, shift))
}

fn roster_of(loaded: &Loaded) -> Vec<Assignment> {
    loaded.existing.iter().map(|e| e.assignment).collect()
}

/// The guards of the facility's units matching `search` (any part of the name, any case), each
/// with the rule that would refuse them on this seat.
pub fn candidates(store: &Store, actor: &Actor, query: &CandidateQuery) -> Result<Vec<Candidate>> {
    actor.ready()?;
    let (_, loaded, post, shift) = seat_model(
        store.conn(),
        actor,
        query.post_id.trim(),
        query.shift_start.trim(),
    )?;
    let needle = query.search.trim().to_lowercase();
    let roster = roster_of(&loaded);
    let mut out: Vec<Candidate> = loaded
        .guards
        .iter()
        .enumerate()
        .filter(|(g, _)| {
            loaded.instance.guards[*g]
                .eligible_facilities
                .binary_search(&0)
                .is_ok()
        })
        .filter(|(_, info)| needle.is_empty() || info.name.to_lowercase().contains(&needle))
        .map(|(g, info)| Candidate {
            volunteer_id: info.id.clone(),
            name: info.name.clone(),
            refused_by: check_assignment(
                &loaded.instance,
                &roster,
                Assignment {
                    post,
                    shift,
                    guard: g as u32,
                },
            )
            .err()
            .map(|r| r.code().to_owned()),
        })
        .collect();
    out.sort_by(|a, b| (a.refused_by.is_some(), &a.name).cmp(&(b.refused_by.is_some(), &b.name)));
    out.truncate(50);
    Ok(out)
}

/// Puts a guard on a seat if no hard rule forbids it; otherwise refuses naming the rule.
pub fn assign_seat(store: &mut Store, actor: &Actor, input: SeatInput) -> Result<RosterSeat> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let (facility, loaded, post, shift) =
        seat_model(&tx, actor, input.post_id.trim(), input.shift_start.trim())?;
    let volunteer_id = input.volunteer_id.trim();
    let guard = match loaded.guard_of(volunteer_id) {
        Some(g) => g,
        None => {
            let exists = tx
                .query_row(
                    "SELECT 1 FROM volunteers WHERE id = ?",
                    [volunteer_id],
                    |_| Ok(()),
                )
                .optional()?
                .is_some();
            if !exists {
                return Err(Error::not_found("volunteer"));
            }
            // Not a member of the facility's units (another region, another unit, not
            // enrolled): the eligibility rule.
            return Err(rule_error(super::model::Rule::NotEligible));
        }
    };
    let assignment = Assignment { post, shift, guard };
    check_assignment(&loaded.instance, &roster_of(&loaded), assignment).map_err(rule_error)?;
    let s = &loaded.instance.shifts[shift as usize];
    let id = new_id(now).to_string();
    tx.execute(
        "INSERT INTO roster_assignments (id, post_id, facility_id, shift_start, shift_end,
             volunteer_id, pinned, source, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'manual', ?8, ?9)",
        params![
            id,
            input.post_id.trim(),
            facility.id,
            stamp(s.start),
            stamp(s.end),
            volunteer_id,
            input.pinned,
            stamp(now),
            actor.username()
        ],
    )?;
    refresh_gap(&tx, input.post_id.trim(), &stamp(s.start))?;
    let seat = RosterSeat {
        assignment_id: id,
        volunteer_id: volunteer_id.to_owned(),
        name: loaded.guards[guard as usize].name.clone(),
        pinned: input.pinned,
    };
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&seat.assignment_id),
            region_id: Some(&facility.region_id),
            district_id: Some(&facility.district_id),
            after: Some(serde_json::json!({
                "facility_id": facility.id,
                "post_id": input.post_id.trim(),
                "shift_start": stamp(s.start),
                "volunteer_id": volunteer_id,
                "pinned": input.pinned,
            })),
            ..Event::by(actor, "roster.assign", "roster_assignment")
        },
    )?;
    tx.commit()?;
    Ok(seat)
}

/// A stored gap shrinks as seats are filled by hand and goes when the slot is full.
fn refresh_gap(tx: &Connection, post_id: &str, shift_start: &str) -> Result<()> {
    tx.execute(
        "UPDATE roster_gaps SET missing = (SELECT p.guards_per_shift FROM facility_posts p
             WHERE p.id = roster_gaps.post_id) - (SELECT count(*) FROM roster_assignments r
             WHERE r.post_id = roster_gaps.post_id AND r.shift_start = roster_gaps.shift_start)
         WHERE post_id = ?1 AND shift_start = ?2",
        params![post_id, shift_start],
    )?;
    tx.execute(
        "DELETE FROM roster_gaps WHERE post_id = ?1 AND shift_start = ?2 AND missing <= 0",
        params![post_id, shift_start],
    )?;
    Ok(())
}

struct Stored {
    post_id: String,
    facility_id: String,
    shift_start: String,
    volunteer_id: String,
    pinned: bool,
}

fn find_assignment(conn: &Connection, actor: &Actor, id: &str) -> Result<(Stored, Facility)> {
    let found = conn
        .query_row(
            "SELECT post_id, facility_id, shift_start, volunteer_id, pinned
             FROM roster_assignments WHERE id = ?",
            [id],
            |r| {
                Ok(Stored {
                    post_id: r.get(0)?,
                    facility_id: r.get(1)?,
                    shift_start: r.get(2)?,
                    volunteer_id: r.get(3)?,
                    pinned: r.get::<_, i64>(4)? == 1,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found("roster_assignment"))?;
    let facility = find_facility(conn, actor, &found.facility_id)?;
    Ok((found, facility))
}

/// Takes a guard off a seat.
pub fn remove_seat(store: &mut Store, actor: &Actor, assignment_id: &str) -> Result<()> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let id = assignment_id.trim();
    let (stored, facility) = find_assignment(&tx, actor, id)?;
    tx.execute("DELETE FROM roster_assignments WHERE id = ?", [id])?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(id),
            region_id: Some(&facility.region_id),
            district_id: Some(&facility.district_id),
            before: Some(serde_json::json!({
                "facility_id": stored.facility_id,
                "post_id": stored.post_id,
                "shift_start": stored.shift_start,
                "volunteer_id": stored.volunteer_id,
                "pinned": stored.pinned,
            })),
            ..Event::by(actor, "roster.unassign", "roster_assignment")
        },
    )?;
    tx.commit()?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PinInput {
    pub assignment_id: String,
    pub pinned: bool,
}

/// Pins a seat (auto-fill never moves it) or releases it.
pub fn pin_seat(store: &mut Store, actor: &Actor, input: PinInput) -> Result<()> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let id = input.assignment_id.trim();
    let (stored, facility) = find_assignment(&tx, actor, id)?;
    tx.execute(
        "UPDATE roster_assignments SET pinned = ?2 WHERE id = ?1",
        params![id, input.pinned],
    )?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(id),
            region_id: Some(&facility.region_id),
            district_id: Some(&facility.district_id),
            before: Some(serde_json::json!({ "pinned": stored.pinned })),
            after: Some(serde_json::json!({ "pinned": input.pinned })),
            ..Event::by(actor, "roster.pin", "roster_assignment")
        },
    )?;
    tx.commit()?;
    Ok(())
}

/// Freezes the facility's roster of a period as its next version.
pub fn publish(store: &mut Store, actor: &Actor, input: PublishInput) -> Result<Publication> {
    actor.require_writer()?;
    let from = check_period(&input.from, input.days)?;
    let until = from + Duration::days(i64::from(input.days) - 1);
    let now = store.now();
    let tx = store.write()?;
    let facility = find_facility(&tx, actor, input.facility_id.trim())?;
    let loaded = load(
        &tx,
        &facility.region_id,
        std::slice::from_ref(&facility.id),
        from,
        input.days,
    )?;
    let frozen = frozen_of(&loaded);
    let version: u32 = tx.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM roster_publications WHERE facility_id = ?",
        [&facility.id],
        |r| r.get(0),
    )?;
    let id = new_id(now).to_string();
    tx.execute(
        "INSERT INTO roster_publications (id, facility_id, version, from_date, to_date, snapshot,
             published_at, published_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            facility.id,
            version,
            from.to_string(),
            until.to_string(),
            serde_json::to_string(&frozen)?,
            stamp(now),
            actor.username()
        ],
    )?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&id),
            region_id: Some(&facility.region_id),
            district_id: Some(&facility.district_id),
            after: Some(serde_json::json!({
                "facility_id": facility.id,
                "version": version,
                "from": from.to_string(),
                "to": until.to_string(),
                "assignments": frozen.len(),
            })),
            ..Event::by(actor, "roster.publish", "roster_publication")
        },
    )?;
    tx.commit()?;
    Ok(Publication {
        version,
        from_date: from.to_string(),
        to_date: until.to_string(),
        published_at: stamp(now),
        published_by: actor.username().to_owned(),
        changes: Vec::new(),
    })
}

/// The independent validator's verdict on the stored roster of a facility's period (context
/// seats elsewhere included, so a rule broken across facilities or the period's edge shows):
/// each broken rule as `rule` codes, empty when the roster is valid.
pub fn check_roster(store: &Store, actor: &Actor, query: &RosterQuery) -> Result<Vec<String>> {
    actor.ready()?;
    let from = check_period(&query.from, query.days)?;
    let conn = store.conn();
    let facility = find_facility(conn, actor, query.facility_id.trim())?;
    let loaded = load(
        conn,
        &facility.region_id,
        std::slice::from_ref(&facility.id),
        from,
        query.days,
    )?;
    let report = super::validate::validate(&loaded.instance, &roster_of(&loaded));
    Ok(report
        .violations
        .iter()
        .map(|v| v.rule.code().to_owned())
        .collect())
}
