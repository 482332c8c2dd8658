//! Reading facilities through the actor's scope: one facility with its posts, and the list.
//! The scope filter is part of every query, so a facility outside it is never read.

use rusqlite::{Connection, OptionalExtension};

use super::pattern::{PatternInput, PatternKind};
use super::{Facility, FacilityPost, FacilityQuery, FacilityRow};
use crate::access::Actor;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::text::clean_opt;

const FACILITY_COLUMNS: &str = "f.id, f.name, f.category, f.owner_bin, f.owner_name,
    f.own_protection_plan, f.region_id, f.district_id, f.address, f.latitude, f.longitude,
    f.criticality, f.responsible_unit_id, u.name, f.pattern_kind, f.pattern_start,
    f.pattern_custom, f.created_at, f.updated_at";

fn facility_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Facility> {
    let kind: String = r.get(14)?;
    let custom: Option<String> = r.get(16)?;
    Ok(Facility {
        id: r.get(0)?,
        name: r.get(1)?,
        category: r.get(2)?,
        owner_bin: r.get(3)?,
        owner_name: r.get(4)?,
        own_protection_plan: r.get::<_, i64>(5)? == 1,
        region_id: r.get(6)?,
        district_id: r.get(7)?,
        address: r.get(8)?,
        latitude: r.get(9)?,
        longitude: r.get(10)?,
        criticality: r.get(11)?,
        responsible_unit_id: r.get(12)?,
        responsible_unit_name: r.get(13)?,
        pattern: PatternInput {
            kind: PatternKind::parse(&kind)
                .ok_or_else(|| crate::db::unknown_code(14, "shift pattern", &kind))?,
            start: r.get(15)?,
            custom: custom
                .map(|c| crate::db::json_column(16, &c))
                .transpose()?
                .unwrap_or_default(),
        },
        posts: Vec::new(),
        created_at: r.get(17)?,
        updated_at: r.get(18)?,
    })
}

fn posts_of(conn: &Connection, facility_id: &str) -> Result<Vec<FacilityPost>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, guards_per_shift, required_skill, active_from, active_until
         FROM facility_posts WHERE facility_id = ? ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([facility_id], |r| {
            Ok(FacilityPost {
                id: r.get(0)?,
                name: r.get(1)?,
                guards_per_shift: r.get(2)?,
                required_skill: r.get(3)?,
                active_from: r.get(4)?,
                active_until: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Reads a facility through the actor's scope: one that exists elsewhere is `forbidden`.
pub(crate) fn find_facility(conn: &Connection, actor: &Actor, id: &str) -> Result<Facility> {
    let (scope_sql, scope_param) = actor.scope().filter("f.region_id", "f.district_id");
    let sql = format!(
        "SELECT {FACILITY_COLUMNS} FROM facilities f JOIN units u ON u.id = f.responsible_unit_id
         WHERE f.id = ? AND {scope_sql}"
    );
    let args: Vec<&str> = std::iter::once(id).chain(scope_param.as_deref()).collect();
    let found = conn
        .query_row(&sql, rusqlite::params_from_iter(args), facility_from_row)
        .optional()?;
    match found {
        Some(mut facility) => {
            facility.posts = posts_of(conn, &facility.id)?;
            Ok(facility)
        }
        None => {
            let exists = conn
                .query_row("SELECT 1 FROM facilities WHERE id = ?", [id], |_| Ok(()))
                .optional()?
                .is_some();
            Err(if exists {
                Error::forbidden("out_of_scope")
            } else {
                Error::not_found("facility")
            })
        }
    }
}

pub fn get_facility(store: &Store, actor: &Actor, id: &str) -> Result<Facility> {
    actor.ready()?;
    find_facility(store.conn(), actor, id.trim())
}

/// Facilities in the actor's scope, narrowed to a region or district, by name.
pub fn list_facilities(
    store: &Store,
    actor: &Actor,
    query: &FacilityQuery,
) -> Result<Vec<FacilityRow>> {
    actor.ready()?;
    let (scope_sql, scope_param) = actor.scope().filter("f.region_id", "f.district_id");
    let mut sql = format!(
        "SELECT f.id, f.name, f.category, f.region_id, f.district_id, f.criticality, u.name,
             (SELECT count(*) FROM facility_posts p WHERE p.facility_id = f.id)
         FROM facilities f JOIN units u ON u.id = f.responsible_unit_id WHERE {scope_sql}"
    );
    let mut args: Vec<String> = scope_param.into_iter().collect();
    if let Some(region) = clean_opt(query.region_id.as_deref()) {
        sql.push_str(" AND f.region_id = ?");
        args.push(region);
    }
    if let Some(district) = clean_opt(query.district_id.as_deref()) {
        sql.push_str(" AND f.district_id = ?");
        args.push(district);
    }
    sql.push_str(" ORDER BY f.region_id, f.name, f.id");
    let mut stmt = store.conn().prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args), |r| {
            Ok(FacilityRow {
                id: r.get(0)?,
                name: r.get(1)?,
                category: r.get(2)?,
                region_id: r.get(3)?,
                district_id: r.get(4)?,
                criticality: r.get(5)?,
                responsible_unit_name: r.get(6)?,
                posts: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
