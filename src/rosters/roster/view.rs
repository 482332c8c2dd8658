//! Reading one facility's roster: the grid of posts x shifts with its seats and open gaps and
//! the latest publication compared with it, and the independent validator's verdict on the
//! stored roster.

use chrono::Duration;
use rusqlite::Connection;

use super::publication::latest_publication;
use super::{
    check_period, roster_of, GapView, RosterCell, RosterQuery, RosterSeat, RosterShift, RosterView,
};
use crate::access::Actor;
use crate::clock::{local_today, stamp, KZ_OFFSET_HOURS};
use crate::db::Store;
use crate::error::Result;
use crate::rosters::facilities::{find_facility, Facility};
use crate::rosters::load::{load, Loaded};

fn local_hm(at: chrono::DateTime<chrono::Utc>) -> String {
    (at + Duration::hours(KZ_OFFSET_HOURS))
        .format("%H:%M")
        .to_string()
}

/// The queried facility, read through the actor's scope, and its period loaded with the
/// seats around it: what both the grid and the validator's verdict start from.
fn load_period(store: &Store, actor: &Actor, query: &RosterQuery) -> Result<(Facility, Loaded)> {
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
    Ok((facility, loaded))
}

/// The grid of one facility over a period.
pub fn roster_view(store: &Store, actor: &Actor, query: &RosterQuery) -> Result<RosterView> {
    let (facility, loaded) = load_period(store, actor, query)?;
    let conn = store.conn();
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
                    blocked: crate::db::json_column(4, &blocked)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The independent validator's verdict on the stored roster of a facility's period (context
/// seats elsewhere included, so a rule broken across facilities or the period's edge shows):
/// each broken rule as `rule` codes, empty when the roster is valid.
pub fn check_roster(store: &Store, actor: &Actor, query: &RosterQuery) -> Result<Vec<String>> {
    let (_, loaded) = load_period(store, actor, query)?;
    let report = crate::rosters::validate::validate(&loaded.instance, &roster_of(&loaded));
    Ok(report
        .violations
        .iter()
        .map(|v| v.rule.code().to_owned())
        .collect())
}
