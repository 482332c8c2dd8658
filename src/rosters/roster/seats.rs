//! Manual changes to a roster, one seat at a time: the candidates for a seat with the rule that
//! would refuse each, assigning a guard (checked live by the engine's `check_assignment`; a
//! broken rule is refused with its code), removing and pinning. Each change is one audited
//! transaction, and a stored gap shrinks as seats are filled by hand.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{roster_of, rule_error, Candidate, CandidateQuery, RosterSeat, SeatInput};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{local_today, new_id, parse_stamp, stamp};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::rosters::facilities::{find_facility, Facility};
use crate::rosters::load::{load, Loaded};
use crate::rosters::model::Assignment;
use crate::rosters::solve::check_assignment;

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
        .ok_or_else(|| rule_error(crate::rosters::model::Rule::NoSuchSlot))?;
    let shift = loaded
        .shift_of(0, start)
        .ok_or_else(|| rule_error(crate::rosters::model::Rule::NoSuchSlot))?;
    Ok((facility, loaded, post, shift))
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
            return Err(rule_error(crate::rosters::model::Rule::NotEligible));
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
