//! The unit tree of each region: creating and editing units, their establishment, and reading
//! them through the actor's scope (the unit's region, or its home district for district
//! operators). National administrators manage every region's structure, regional
//! administrators their own; a unit's parent is in the same region and never its descendant.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::assignments::{members_of, Member};
use super::catalogue::find_position;
use super::{Direction, UnitStatus, MAX_PER_POSITION, MAX_UNIT_TOTAL};
use crate::access::{Actor, Role};
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::clean;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitInput {
    pub name: String,
    pub kind: String,
    pub parent_id: Option<String>,
    pub agency_id: String,
    pub region_id: String,
    pub district_id: Option<String>,
    pub direction: Direction,
    /// Any status but `disbanded` (see [`super::disband`]).
    pub status: UnitStatus,
    /// An enrolled volunteer.
    pub commander_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateUnit {
    pub id: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub unit: UnitInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<String>,
    pub agency_id: String,
    pub region_id: String,
    pub district_id: Option<String>,
    pub direction: Direction,
    pub status: UnitStatus,
    pub commander_id: Option<String>,
    pub commander_name: Option<String>,
    pub disbanded_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitQuery {
    pub region_id: Option<String>,
    pub district_id: Option<String>,
    #[serde(default)]
    pub include_disbanded: bool,
}

/// One unit in a list, with its authorised and assigned strength.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<String>,
    pub agency_id: String,
    pub region_id: String,
    pub district_id: Option<String>,
    pub direction: Direction,
    pub status: UnitStatus,
    pub commander_name: Option<String>,
    pub authorised: u32,
    pub assigned: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EstablishmentLine {
    pub position: String,
    pub authorised: u32,
    pub assigned: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitDetail {
    pub unit: Unit,
    pub establishment: Vec<EstablishmentLine>,
    pub members: Vec<Member>,
    pub children: Vec<UnitRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EstablishmentLineInput {
    pub position: String,
    /// Signed so that a negative number reaches validation and is refused by name.
    #[ts(type = "number")]
    pub authorised: i64,
}

/// Replaces a unit's whole establishment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EstablishmentInput {
    pub unit_id: String,
    pub lines: Vec<EstablishmentLineInput>,
}

const UNIT_COLUMNS: &str = "u.id, u.name, u.kind, u.parent_id, u.agency_id, u.region_id,
    u.district_id, u.direction, u.status, u.commander_id,
    CASE WHEN c.id IS NULL THEN NULL ELSE c.surname || ' ' || c.given_name END,
    u.disbanded_on, u.created_at, u.updated_at";

fn direction_of(text: String) -> rusqlite::Result<Direction> {
    Direction::parse(&text).ok_or_else(|| bad_value("direction", text))
}

fn status_of(text: String) -> rusqlite::Result<UnitStatus> {
    UnitStatus::parse(&text).ok_or_else(|| bad_value("status", text))
}

fn bad_value(column: &str, text: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("unknown {column} {text}").into(),
    )
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

/// National administrators manage every region's structure, regional administrators their
/// own region's; nobody else manages structure.
pub(crate) fn require_manager(actor: &Actor, region_id: &str) -> Result<()> {
    actor.ready()?;
    match actor.role() {
        Role::NationalAdmin => Ok(()),
        Role::RegionalAdmin if actor.scope().region() == Some(region_id) => Ok(()),
        Role::RegionalAdmin => Err(Error::forbidden("out_of_scope")),
        _ => Err(Error::forbidden("role")),
    }
}

fn require_manager_role(actor: &Actor) -> Result<()> {
    actor.ready()?;
    match actor.role() {
        Role::NationalAdmin | Role::RegionalAdmin => Ok(()),
        _ => Err(Error::forbidden("role")),
    }
}

/// The cleaned input; `problems` collects every field that fails.
fn validate(
    conn: &Connection,
    actor: &Actor,
    input: &UnitInput,
    id: Option<&str>,
) -> Result<UnitInput> {
    let mut problems = Vec::new();
    let name = clean(&input.name);
    if name.is_empty() {
        problems.push(FieldError::new("name", "required"));
    } else if name.chars().count() > 200 {
        problems.push(FieldError::new("name", "too_long").with("max", 200));
    }
    let exists = |sql: &str, key: &str| -> Result<bool> {
        Ok(conn.query_row(sql, [key], |_| Ok(())).optional()?.is_some())
    };
    let kind = input.kind.trim().to_owned();
    if !exists(
        "SELECT 1 FROM unit_kinds WHERE code = ? AND retired_at IS NULL",
        &kind,
    )? {
        problems.push(FieldError::new("kind", "unknown_kind"));
    }
    let agency = input.agency_id.trim().to_owned();
    if !exists("SELECT 1 FROM agencies WHERE id = ?", &agency)? {
        problems.push(FieldError::new("agency_id", "unknown_agency"));
    }
    let region = input.region_id.trim().to_owned();
    if region.is_empty() {
        problems.push(FieldError::new("region_id", "required"));
    } else if !exists("SELECT 1 FROM regions WHERE id = ?", &region)? {
        problems.push(FieldError::new("region_id", "unknown_region"));
    }
    let district = crate::text::clean_opt(input.district_id.as_deref());
    if let Some(district) = &district {
        let found: Option<(String, Option<String>)> = conn
            .query_row(
                "SELECT region_id, retired_at FROM districts WHERE id = ?",
                [district],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match found {
            None => problems.push(FieldError::new("district_id", "unknown_district")),
            Some((_, Some(_))) => problems.push(FieldError::new("district_id", "district_retired")),
            Some((other, None)) if other != region => {
                problems.push(FieldError::new("district_id", "district_region_mismatch"))
            }
            Some(_) => {}
        }
    }
    if input.status == UnitStatus::Disbanded {
        problems.push(FieldError::new("status", "status_not_allowed"));
    }
    let parent = crate::text::clean_opt(input.parent_id.as_deref());
    if let Some(parent_id) = &parent {
        let found: Option<(String, String)> = conn
            .query_row(
                "SELECT region_id, status FROM units WHERE id = ?",
                [parent_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match found {
            None => problems.push(FieldError::new("parent_id", "unknown_unit")),
            Some((other, _)) if other != region => {
                problems.push(FieldError::new("parent_id", "parent_other_region"))
            }
            Some((_, status)) if status == "disbanded" => {
                problems.push(FieldError::new("parent_id", "parent_disbanded"))
            }
            Some(_) => {
                if let Some(id) = id {
                    if is_ancestor_or_self(conn, id, parent_id)? {
                        problems.push(FieldError::new("parent_id", "unit_cycle"));
                    }
                }
            }
        }
    }
    let commander = crate::text::clean_opt(input.commander_id.as_deref());
    if let Some(commander) = &commander {
        let status: Option<String> = conn
            .query_row(
                "SELECT status FROM volunteers WHERE id = ?",
                [commander],
                |r| r.get(0),
            )
            .optional()?;
        match status.as_deref() {
            None => problems.push(FieldError::new("commander_id", "unknown_volunteer")),
            Some("enrolled") => {}
            Some(_) => problems.push(FieldError::new("commander_id", "commander_not_enrolled")),
        }
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    require_manager(actor, &region)?;
    Ok(UnitInput {
        name,
        kind,
        parent_id: parent,
        agency_id: agency,
        region_id: region,
        district_id: district,
        direction: input.direction,
        status: input.status,
        commander_id: commander,
    })
}

/// Whether `unit_id` is `candidate` or one of its ancestors: making `candidate` the parent of
/// `unit_id` would then close a loop. Bounded so a corrupted chain cannot loop forever.
fn is_ancestor_or_self(conn: &Connection, unit_id: &str, candidate: &str) -> Result<bool> {
    let found: Option<i64> = conn
        .query_row(
            "WITH RECURSIVE chain(id, depth) AS (
                 SELECT ?2, 0
                 UNION ALL
                 SELECT u.parent_id, chain.depth + 1 FROM units u JOIN chain ON u.id = chain.id
                 WHERE u.parent_id IS NOT NULL AND chain.depth < 100
             )
             SELECT 1 FROM chain WHERE id = ?1 LIMIT 1",
            params![unit_id, candidate],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

/// Creates a unit in a region the actor manages.
pub fn create_unit(store: &mut Store, actor: &Actor, input: UnitInput) -> Result<Unit> {
    require_manager_role(actor)?;
    let now = store.now();
    let tx = store.write()?;
    let unit = validate(&tx, actor, &input, None)?;
    let id = new_id(now).to_string();
    let at = stamp(now);
    tx.execute(
        "INSERT INTO units (id, name, kind, parent_id, agency_id, region_id, district_id,
             direction, status, commander_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            id,
            unit.name,
            unit.kind,
            unit.parent_id,
            unit.agency_id,
            unit.region_id,
            unit.district_id,
            unit.direction.as_str(),
            unit.status.as_str(),
            unit.commander_id,
            at
        ],
    )?;
    let after = find_unit_in_scope(&tx, actor, &id)?;
    audit_unit(&tx, now, actor, "unit.create", None, &after)?;
    tx.commit()?;
    Ok(after)
}

pub(crate) fn audit_unit(
    tx: &rusqlite::Transaction<'_>,
    now: chrono::DateTime<chrono::Utc>,
    actor: &Actor,
    action: &str,
    before: Option<&Unit>,
    after: &Unit,
) -> Result<()> {
    audit::record(
        tx,
        now,
        Event {
            entity_id: Some(&after.id),
            region_id: Some(&after.region_id),
            district_id: after.district_id.as_deref(),
            before: before.map(serde_json::to_value).transpose()?,
            after: Some(serde_json::to_value(after)?),
            ..Event::by(actor, action, "unit")
        },
    )
}

/// Edits a unit of a region the actor manages. The region is fixed once created (its subunits
/// and members belong to it); a disbanded unit is not edited.
pub fn update_unit(store: &mut Store, actor: &Actor, input: UpdateUnit) -> Result<Unit> {
    require_manager_role(actor)?;
    let now = store.now();
    let tx = store.write()?;
    let before = find_unit_in_scope(&tx, actor, input.id.trim())?;
    require_manager(actor, &before.region_id)?;
    if before.status == UnitStatus::Disbanded {
        return Err(Error::conflict("unit_disbanded", "the unit is disbanded"));
    }
    if input.unit.region_id.trim() != before.region_id {
        return Err(Error::field("region_id", "region_fixed"));
    }
    let unit = validate(&tx, actor, &input.unit, Some(&before.id))?;
    tx.execute(
        "UPDATE units SET name = ?2, kind = ?3, parent_id = ?4, agency_id = ?5,
             district_id = ?6, direction = ?7, status = ?8, commander_id = ?9, updated_at = ?10
         WHERE id = ?1",
        params![
            before.id,
            unit.name,
            unit.kind,
            unit.parent_id,
            unit.agency_id,
            unit.district_id,
            unit.direction.as_str(),
            unit.status.as_str(),
            unit.commander_id,
            stamp(now)
        ],
    )?;
    let after = find_unit_in_scope(&tx, actor, &before.id)?;
    audit_unit(&tx, now, actor, "unit.update", Some(&before), &after)?;
    tx.commit()?;
    Ok(after)
}

/// Units in the actor's scope, narrowed to a region or district, sorted by region and name.
pub fn list_units(store: &Store, actor: &Actor, query: &UnitQuery) -> Result<Vec<UnitRow>> {
    actor.ready()?;
    let (scope_sql, scope_param) = actor.scope().filter("u.region_id", "u.district_id");
    let mut sql = format!(
        "SELECT u.id, u.name, u.kind, u.parent_id, u.agency_id, u.region_id, u.district_id,
             u.direction, u.status,
             CASE WHEN c.id IS NULL THEN NULL ELSE c.surname || ' ' || c.given_name END,
             (SELECT coalesce(sum(e.authorised), 0) FROM unit_establishment e
              WHERE e.unit_id = u.id),
             (SELECT count(*) FROM assignments a WHERE a.unit_id = u.id AND a.end_date IS NULL)
         FROM units u LEFT JOIN volunteers c ON c.id = u.commander_id WHERE {scope_sql}"
    );
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
    let sql = format!(
        "SELECT u.id, u.name, u.kind, u.parent_id, u.agency_id, u.region_id, u.district_id,
             u.direction, u.status,
             CASE WHEN c.id IS NULL THEN NULL ELSE c.surname || ' ' || c.given_name END,
             (SELECT coalesce(sum(e.authorised), 0) FROM unit_establishment e
              WHERE e.unit_id = u.id),
             (SELECT count(*) FROM assignments a WHERE a.unit_id = u.id AND a.end_date IS NULL)
         FROM units u LEFT JOIN volunteers c ON c.id = u.commander_id
         WHERE u.parent_id = ? AND {scope_sql} ORDER BY u.name, u.id"
    );
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

/// Authorised and assigned per position: every position in the establishment, and any
/// position held without being authorised (over establishment).
pub(crate) fn establishment_of(conn: &Connection, unit_id: &str) -> Result<Vec<EstablishmentLine>> {
    let mut lines: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut stmt = conn
        .prepare_cached("SELECT position, authorised FROM unit_establishment WHERE unit_id = ?")?;
    for row in stmt.query_map([unit_id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
        let (position, authorised) = row?;
        lines.entry(position).or_default().0 = authorised;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT position, count(*) FROM assignments WHERE unit_id = ? AND end_date IS NULL
         GROUP BY position",
    )?;
    for row in stmt.query_map([unit_id], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))? {
        let (position, assigned) = row?;
        lines.entry(position).or_default().1 = assigned;
    }
    let order: Vec<String> = super::catalogue::positions(conn)?
        .into_iter()
        .map(|p| p.code)
        .collect();
    let mut out: Vec<EstablishmentLine> = lines
        .into_iter()
        .map(|(position, (authorised, assigned))| EstablishmentLine {
            position,
            authorised,
            assigned,
        })
        .collect();
    out.sort_by_key(|l| order.iter().position(|c| c == &l.position));
    Ok(out)
}

/// Replaces the establishment of a unit the actor manages. Each line: a known position once,
/// 0 to [`MAX_PER_POSITION`] people (0 removes it); the whole unit at most [`MAX_UNIT_TOTAL`].
pub fn set_establishment(
    store: &mut Store,
    actor: &Actor,
    input: EstablishmentInput,
) -> Result<UnitDetail> {
    require_manager_role(actor)?;
    let now = store.now();
    let tx = store.write()?;
    let unit = find_unit_in_scope(&tx, actor, input.unit_id.trim())?;
    require_manager(actor, &unit.region_id)?;
    if unit.status == UnitStatus::Disbanded {
        return Err(Error::conflict("unit_disbanded", "the unit is disbanded"));
    }
    let mut problems = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut total: i64 = 0;
    for (i, line) in input.lines.iter().enumerate() {
        let position = line.position.trim().to_owned();
        let field = |name: &str| format!("lines[{i}].{name}");
        match find_position(&tx, &position)? {
            Some(p) if p.retired_at.is_none() => {}
            _ => problems.push(FieldError::new(&field("position"), "unknown_position")),
        }
        if seen.contains(&position) {
            problems.push(FieldError::new(&field("position"), "duplicate_position"));
        }
        seen.push(position);
        if !(0..=i64::from(MAX_PER_POSITION)).contains(&line.authorised) {
            problems.push(
                FieldError::new(&field("authorised"), "out_of_range")
                    .with("min", 0)
                    .with("max", MAX_PER_POSITION),
            );
        } else {
            total += line.authorised;
        }
    }
    if total > i64::from(MAX_UNIT_TOTAL) {
        problems
            .push(FieldError::new("lines", "establishment_too_large").with("max", MAX_UNIT_TOTAL));
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let before = establishment_of(&tx, &unit.id)?;
    tx.execute(
        "DELETE FROM unit_establishment WHERE unit_id = ?",
        [&unit.id],
    )?;
    for line in input.lines.iter().filter(|l| l.authorised > 0) {
        tx.execute(
            "INSERT INTO unit_establishment (unit_id, position, authorised) VALUES (?1, ?2, ?3)",
            params![unit.id, line.position.trim(), line.authorised],
        )?;
    }
    tx.execute(
        "UPDATE units SET updated_at = ?2 WHERE id = ?1",
        params![unit.id, stamp(now)],
    )?;
    let after = establishment_of(&tx, &unit.id)?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&unit.id),
            region_id: Some(&unit.region_id),
            district_id: unit.district_id.as_deref(),
            before: Some(serde_json::to_value(&before)?),
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, "unit.establishment", "unit")
        },
    )?;
    tx.commit()?;
    get_unit(store, actor, &unit.id)
}
