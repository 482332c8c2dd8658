//! Creating and editing units in a region the actor manages: the input's checks (a parent in
//! the same region and never a descendant, known kind and agency), and the audit entry every
//! change to a unit writes.

use rusqlite::{params, Connection, OptionalExtension};

use super::read::find_unit_in_scope;
use super::{require_manager, require_manager_role, Unit, UnitInput, UpdateUnit};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::clean;
use crate::units::UnitStatus;

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
