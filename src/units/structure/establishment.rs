//! A unit's establishment: the authorised posts per position against those assigned, and
//! replacing the whole establishment in one audited transaction within the per-position and
//! per-unit limits.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};

use super::read::{find_unit_in_scope, get_unit};
use super::{
    require_manager, require_manager_role, EstablishmentInput, EstablishmentLine, UnitDetail,
};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::stamp;
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::units::catalogue::find_position;
use crate::units::{UnitStatus, MAX_PER_POSITION, MAX_UNIT_TOTAL};

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
    let order: Vec<String> = crate::units::catalogue::positions(conn)?
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
