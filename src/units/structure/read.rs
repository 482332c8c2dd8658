//! Reading units through the actor's scope (the unit's region, or its home district for
//! district operators): one unit, the list, and a unit's detail with its establishment,
//! members and direct subunits. A unit that exists outside the scope is `forbidden`.

use rusqlite::{Connection, OptionalExtension};

use super::establishment::establishment_of;
use super::{Unit, UnitDetail, UnitQuery, UnitRow};
use crate::access::Actor;
use crate::db::{unknown_code, Store};
use crate::error::{Error, Result};
use crate::units::assignments::members_of;
use crate::units::{Direction, UnitStatus};

const UNIT_COLUMNS: &str = "u.id, u.name, u.kind, u.parent_id, u.agency_id, u.region_id,
    u.district_id, u.direction, u.status, u.commander_id,
    CASE WHEN c.id IS NULL THEN NULL ELSE c.surname || ' ' || c.given_name END,
    u.disbanded_on, u.created_at, u.updated_at";

// Both row shapes read the direction from column 7 and the status from column 8.
fn direction_of(text: String) -> rusqlite::Result<Direction> {
    Direction::parse(&text).ok_or_else(|| unknown_code(7, "direction", &text))
}

fn status_of(text: String) -> rusqlite::Result<UnitStatus> {
    UnitStatus::parse(&text).ok_or_else(|| unknown_code(8, "status", &text))
}

fn unit_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Unit> {
    Ok(Unit {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        parent_id: r.get(3)?,
        agency_id: r.get(4)?,
        region_id: r.get(5)?,
        district_id: r.get(6)?,
        direction: direction_of(r.get(7)?)?,
        status: status_of(r.get(8)?)?,
        commander_id: r.get(9)?,
        commander_name: r.get(10)?,
        disbanded_on: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
    })
}

/// Reads a unit through the actor's scope: one that exists elsewhere is `forbidden`.
pub(crate) fn find_unit_in_scope(conn: &Connection, actor: &Actor, id: &str) -> Result<Unit> {
    let (scope_sql, scope_param) = actor.scope().filter("u.region_id", "u.district_id");
    let sql = format!(
        "SELECT {UNIT_COLUMNS} FROM units u LEFT JOIN volunteers c ON c.id = u.commander_id
         WHERE u.id = ? AND {scope_sql}"
    );
    let args: Vec<&str> = std::iter::once(id).chain(scope_param.as_deref()).collect();
    let found = conn
        .query_row(&sql, rusqlite::params_from_iter(args), unit_from_row)
        .optional()?;
    match found {
        Some(unit) => Ok(unit),
        None => {
            let exists = conn
                .query_row("SELECT 1 FROM units WHERE id = ?", [id], |_| Ok(()))
                .optional()?
                .is_some();
            Err(if exists {
                Error::forbidden("out_of_scope")
            } else {
                Error::not_found("unit")
            })
        }
    }
}

/// Units in the actor's scope, narrowed to a region or district, sorted by region and name.
pub fn list_units(store: &Store, actor: &Actor, query: &UnitQuery) -> Result<Vec<UnitRow>> {
    actor.ready()?;
    let (scope_sql, scope_param) = actor.scope().filter("u.region_id", "u.district_id");
    let mut sql = format!("{UNIT_ROW_SELECT} WHERE {scope_sql}");
    let mut args: Vec<String> = scope_param.into_iter().collect();
    if let Some(region) = crate::text::clean_opt(query.region_id.as_deref()) {
        sql.push_str(" AND u.region_id = ?");
        args.push(region);
    }
    if let Some(district) = crate::text::clean_opt(query.district_id.as_deref()) {
        sql.push_str(" AND u.district_id = ?");
        args.push(district);
    }
    if !query.include_disbanded {
        sql.push_str(" AND u.status <> 'disbanded'");
    }
    sql.push_str(" ORDER BY u.region_id, u.name, u.id");
    rows(store.conn(), &sql, args)
}

/// The columns of a [`UnitRow`] (in the order [`rows`] reads them) and the join they need; the
/// caller adds its `WHERE`.
const UNIT_ROW_SELECT: &str =
    "SELECT u.id, u.name, u.kind, u.parent_id, u.agency_id, u.region_id, u.district_id,
         u.direction, u.status,
         CASE WHEN c.id IS NULL THEN NULL ELSE c.surname || ' ' || c.given_name END,
         (SELECT coalesce(sum(e.authorised), 0) FROM unit_establishment e WHERE e.unit_id = u.id),
         (SELECT count(*) FROM assignments a WHERE a.unit_id = u.id AND a.end_date IS NULL)
     FROM units u LEFT JOIN volunteers c ON c.id = u.commander_id";

fn rows(conn: &Connection, sql: &str, args: Vec<String>) -> Result<Vec<UnitRow>> {
    let mut stmt = conn.prepare(sql)?;
    let found = stmt
        .query_map(rusqlite::params_from_iter(args), |r| {
            Ok(UnitRow {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                parent_id: r.get(3)?,
                agency_id: r.get(4)?,
                region_id: r.get(5)?,
                district_id: r.get(6)?,
                direction: direction_of(r.get(7)?)?,
                status: status_of(r.get(8)?)?,
                commander_name: r.get(9)?,
                authorised: r.get(10)?,
                assigned: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(found)
}

/// A unit with its establishment (authorised and assigned per position), members and direct
/// subunits (those in the actor's scope).
pub fn get_unit(store: &Store, actor: &Actor, id: &str) -> Result<UnitDetail> {
    actor.ready()?;
    let conn = store.conn();
    let unit = find_unit_in_scope(conn, actor, id.trim())?;
    let establishment = establishment_of(conn, &unit.id)?;
    let members = members_of(conn, &unit.id, crate::clock::local_today(store.now()))?;
    let (scope_sql, scope_param) = actor.scope().filter("u.region_id", "u.district_id");
    let sql =
        format!("{UNIT_ROW_SELECT} WHERE u.parent_id = ? AND {scope_sql} ORDER BY u.name, u.id");
    let args: Vec<String> = std::iter::once(unit.id.clone())
        .chain(scope_param)
        .collect();
    let children = rows(conn, &sql, args)?;
    Ok(UnitDetail {
        unit,
        establishment,
        members,
        children,
    })
}
