//! A unit's roster: for a unit and its sub-units, every guard's shifts over a period (a week or
//! a month) as a guards x days calendar, with the facilities the unit's tree is responsible for.
//! Rows are the tree's members (their shifts wherever they stand, as a platoon stands its
//! company's facilities) and anyone else standing one of the tree's facilities in the period.
//!
//! The facility grid (`roster`) answers "who stands this post"; this one answers "what is this
//! platoon doing this week" and shows who has no shift at all, so a commander can spread the
//! load. It only reads: seats are changed on the facility grid, where every change is checked.
//! Scoped in SQL: the unit must be in the actor's scope, and only facilities in the actor's
//! scope are shown (a district operator sees the district's facilities of a regional unit).

use std::collections::BTreeMap;

use chrono::Duration;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::roster::check_period;
use crate::access::Actor;
use crate::clock::{local_midnight_utc, local_today, parse_stamp, stamp, KZ_OFFSET_HOURS};
use crate::db::Store;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitRosterQuery {
    pub unit_id: String,
    /// First local date `yyyy-mm-dd`.
    pub from: String,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitRosterShift {
    pub assignment_id: String,
    pub facility_id: String,
    pub facility_name: String,
    pub post_name: String,
    /// UTC instants.
    pub start: String,
    pub end: String,
    /// The local (UTC+5) date the shift starts on, and its local times.
    pub local_date: String,
    pub local_start: String,
    pub local_end: String,
    pub pinned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitRosterGuard {
    pub volunteer_id: String,
    pub name: String,
    /// The (sub-)unit the guard serves in now; `None` for a guard outside the tree standing one
    /// of its facilities (a member of the parent unit, or one transferred away since).
    pub unit_name: Option<String>,
    /// Hours of the shifts shown, rounded down.
    pub hours: u32,
    pub shifts: Vec<UnitRosterShift>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitRosterFacility {
    pub id: String,
    pub name: String,
    /// The unit of the tree responsible for it.
    pub unit_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitRosterView {
    pub unit_id: String,
    pub unit_name: String,
    /// The local dates of the period, in order.
    pub dates: Vec<String>,
    pub facilities: Vec<UnitRosterFacility>,
    /// The tree's members first (by name), then others with shifts at its facilities.
    pub guards: Vec<UnitRosterGuard>,
}

/// The unit's tree (the unit and its sub-units, disbanded ones included: their past shifts
/// still show) as a recursive CTE named `tree(id)`.
const TREE: &str = "WITH RECURSIVE tree(id, depth) AS (
         SELECT ?1, 0
         UNION ALL
         SELECT u.id, tree.depth + 1 FROM units u JOIN tree ON u.parent_id = tree.id
         WHERE tree.depth < 20
     )";

fn local_hm(at: chrono::DateTime<chrono::Utc>) -> String {
    (at + Duration::hours(KZ_OFFSET_HOURS))
        .format("%H:%M")
        .to_string()
}

/// The guards x days calendar of a unit and its sub-units over `days` local dates from `from`.
pub fn unit_roster(
    store: &Store,
    actor: &Actor,
    query: &UnitRosterQuery,
) -> Result<UnitRosterView> {
    actor.ready()?;
    let from = check_period(&query.from, query.days)?;
    let conn = store.conn();
    let unit_id = query.unit_id.trim();
    let (scope_sql, scope_param) = actor.scope().filter("u.region_id", "u.district_id");
    let sql = format!("SELECT u.name FROM units u WHERE u.id = ? AND {scope_sql}");
    let args: Vec<&str> = std::iter::once(unit_id)
        .chain(scope_param.as_deref())
        .collect();
    let unit_name: Option<String> = conn
        .query_row(&sql, rusqlite::params_from_iter(args), |r| r.get(0))
        .optional()?;
    let Some(unit_name) = unit_name else {
        let exists = conn
            .query_row("SELECT 1 FROM units WHERE id = ?", [unit_id], |_| Ok(()))
            .optional()?
            .is_some();
        return Err(if exists {
            Error::forbidden("out_of_scope")
        } else {
            Error::not_found("unit")
        });
    };

    // Facilities of the tree that the actor may see.
    let (f_scope, f_param) = actor.scope().filter("f.region_id", "f.district_id");
    let sql = format!(
        "{TREE} SELECT f.id, f.name, u.name FROM facilities f
             JOIN units u ON u.id = f.responsible_unit_id
         WHERE f.responsible_unit_id IN (SELECT id FROM tree) AND {f_scope}
         ORDER BY f.name, f.seq"
    );
    let args: Vec<&str> = std::iter::once(unit_id).chain(f_param.as_deref()).collect();
    let facilities = conn
        .prepare(&sql)?
        .query_map(rusqlite::params_from_iter(args), |r| {
            Ok(UnitRosterFacility {
                id: r.get(0)?,
                name: r.get(1)?,
                unit_name: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    // Current members of the tree, each once (one active assignment per volunteer).
    let mut guards: BTreeMap<String, UnitRosterGuard> = BTreeMap::new();
    let mut order: Vec<(bool, String, String)> = Vec::new();
    let mut stmt = conn.prepare(&format!(
        "{TREE} SELECT v.id, v.surname || ' ' || v.given_name, u.name
         FROM assignments a JOIN tree ON tree.id = a.unit_id
             JOIN volunteers v ON v.id = a.volunteer_id JOIN units u ON u.id = a.unit_id
         WHERE a.end_date IS NULL"
    ))?;
    let mut rows = stmt.query([unit_id])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let name: String = r.get(1)?;
        order.push((false, crate::volunteers::fold::sort_key(&name), id.clone()));
        guards.insert(
            id.clone(),
            UnitRosterGuard {
                volunteer_id: id,
                name,
                unit_name: Some(r.get(2)?),
                hours: 0,
                shifts: Vec::new(),
            },
        );
    }

    // Seats of the period (a shift belongs to the local day it starts on): the members' seats
    // at any facility the actor sees (a platoon stands its company's facilities), and anyone's
    // seats at the tree's facilities.
    let start = local_midnight_utc(from);
    let end = local_midnight_utc(from + Duration::days(i64::from(query.days)));
    let ids_json = serde_json::to_string(&facilities.iter().map(|f| &f.id).collect::<Vec<_>>())?;
    let members_json = serde_json::to_string(&guards.keys().collect::<Vec<_>>())?;
    let mut stmt = conn.prepare(&format!(
        "SELECT r.id, r.facility_id, f.name, p.name, r.shift_start, r.shift_end, r.pinned,
             v.id, v.surname || ' ' || v.given_name
         FROM roster_assignments r JOIN facilities f ON f.id = r.facility_id
             JOIN facility_posts p ON p.id = r.post_id JOIN volunteers v ON v.id = r.volunteer_id
         WHERE (r.facility_id IN (SELECT value FROM json_each(?1))
                OR r.volunteer_id IN (SELECT value FROM json_each(?2)))
             AND r.shift_start >= ?3 AND r.shift_start < ?4 AND {f_scope}
         ORDER BY r.shift_start, f.name, p.seq"
    ))?;
    let mut args: Vec<String> = vec![ids_json, members_json, stamp(start), stamp(end)];
    args.extend(f_param);
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    let mut minutes: BTreeMap<String, i64> = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let begins: String = r.get(4)?;
        let ends: String = r.get(5)?;
        let (Some(b), Some(e)) = (parse_stamp(&begins), parse_stamp(&ends)) else {
            continue;
        };
        let volunteer: String = r.get(7)?;
        let guard = guards.entry(volunteer.clone()).or_insert_with(|| {
            let name: String = r.get(8).unwrap_or_default();
            order.push((
                true,
                crate::volunteers::fold::sort_key(&name),
                volunteer.clone(),
            ));
            UnitRosterGuard {
                volunteer_id: volunteer.clone(),
                name,
                unit_name: None,
                hours: 0,
                shifts: Vec::new(),
            }
        });
        *minutes.entry(volunteer).or_default() += (e - b).num_minutes();
        guard.shifts.push(UnitRosterShift {
            assignment_id: r.get(0)?,
            facility_id: r.get(1)?,
            facility_name: r.get(2)?,
            post_name: r.get(3)?,
            start: begins,
            end: ends,
            local_date: local_today(b).to_string(),
            local_start: local_hm(b),
            local_end: local_hm(e),
            pinned: r.get::<_, i64>(6)? == 1,
        });
    }
    order.sort();
    let guards = order
        .into_iter()
        .filter_map(|(_, _, id)| {
            let mut g = guards.remove(&id)?;
            g.hours = (minutes.get(&id).copied().unwrap_or(0) / 60) as u32;
            Some(g)
        })
        .collect();
    let dates = (0..i64::from(query.days))
        .map(|d| (from + Duration::days(d)).to_string())
        .collect();
    Ok(UnitRosterView {
        unit_id: unit_id.to_owned(),
        unit_name,
        dates,
        facilities,
        guards,
    })
}
