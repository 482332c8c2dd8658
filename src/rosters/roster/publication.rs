//! Publishing: a facility's roster of a period frozen as its next version, and the list of
//! seats added or removed since the latest version, for the shifts in view.

use chrono::Duration;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{check_period, Publication, PublishInput, RosterChange};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{local_today, new_id, parse_stamp, stamp};
use crate::db::Store;
use crate::error::Result;
use crate::rosters::facilities::find_facility;
use crate::rosters::load::{load, Loaded};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
struct Frozen {
    post_id: String,
    shift_start: String,
    volunteer_id: String,
    name: String,
}

pub(super) fn latest_publication(
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
    let frozen: Vec<Frozen> = crate::db::json_column(3, &snapshot)?;
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
