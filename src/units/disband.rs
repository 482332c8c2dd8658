//! Disbanding a unit. Its members do not silently lose their posts: with members present the
//! administrator must choose to transfer them all to another unit (keeping their positions,
//! each checked like any transfer) or to end their assignments; the unit, the moves and the
//! ends are one transaction. A unit with subunits still standing is not disbanded.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::assignments::{audit_assignment, finish, open_position, open_unit, start};
use super::checks::{self, check_assignable, day};
use super::structure::{audit_unit, find_unit_in_scope, require_manager, Unit};
use super::UnitStatus;
use crate::access::Actor;
use crate::clock::{local_today, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::past_date;
use crate::volunteers;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DisbandChoice {
    /// Move every member to `target_unit_id`, in the same position.
    Transfer,
    /// End every member's assignment.
    End,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DisbandInput {
    pub id: String,
    /// Local date `yyyy-mm-dd`, not in the future.
    pub date: String,
    pub reason: String,
    /// Required when the unit has members.
    pub members: Option<DisbandChoice>,
    pub target_unit_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DisbandReport {
    pub unit: Unit,
    pub transferred: u32,
    pub ended: u32,
}

pub fn disband(store: &mut Store, actor: &Actor, input: DisbandInput) -> Result<DisbandReport> {
    actor.require_writer()?;
    let now = store.now();
    let today = local_today(now);
    let mut problems = Vec::new();
    let date = past_date("date", &input.date, today, &mut problems);
    let reason = checks::end_reason(&input.reason, &mut problems);
    let tx = store.write()?;
    let before = find_unit_in_scope(&tx, actor, input.id.trim())?;
    require_manager(actor, &before.region_id)?;
    if before.status == UnitStatus::Disbanded {
        return Err(Error::conflict("unit_disbanded", "the unit is disbanded"));
    }
    let Some(date) = date.filter(|_| problems.is_empty()) else {
        return Err(Error::invalid(problems));
    };
    let subunits: u32 = tx.query_row(
        "SELECT count(*) FROM units WHERE parent_id = ? AND status <> 'disbanded'",
        [&before.id],
        |r| r.get(0),
    )?;
    if subunits > 0 {
        return Err(Error::conflict(
            "unit_has_subunits",
            format!("{subunits} subunits still stand; disband or move them first"),
        )
        .with("count", subunits));
    }
    let members: Vec<(String, String, String, String)> = tx
        .prepare(
            "SELECT id, volunteer_id, position, start_date FROM assignments
             WHERE unit_id = ? AND end_date IS NULL ORDER BY seq",
        )?
        .query_map([&before.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let on = day(date);
    let (mut transferred, mut ended) = (0, 0);
    if !members.is_empty() {
        let choice = input.members.ok_or_else(|| {
            Error::conflict(
                "unit_has_members",
                format!(
                    "{} members hold positions: transfer them or end their assignments",
                    members.len()
                ),
            )
            .with("count", members.len())
        })?;
        let target = match choice {
            DisbandChoice::End => None,
            DisbandChoice::Transfer => {
                let Some(id) = crate::text::clean_opt(input.target_unit_id.as_deref()) else {
                    return Err(Error::field("target_unit_id", "target_required"));
                };
                if id == before.id {
                    return Err(Error::invalid(vec![FieldError::new(
                        "target_unit_id",
                        "target_is_unit",
                    )]));
                }
                Some(open_unit(&tx, actor, &id)?)
            }
        };
        for (assignment_id, volunteer_id, position, start_date) in &members {
            if on < *start_date {
                return Err(Error::invalid(vec![FieldError::new(
                    "date",
                    "before_current_start",
                )
                .with("start_date", start_date)]));
            }
            let volunteer = volunteers::find_in_scope(&tx, actor, volunteer_id)?;
            let current = super::assignments::active_of(&tx, volunteer_id)?;
            finish(&tx, now, assignment_id, &on, &reason)?;
            let next = match &target {
                Some(unit) => {
                    let position = open_position(&tx, position)?;
                    check_assignable(&tx, &volunteer, &position, date, today).map_err(|e| {
                        e.with("iin", &volunteer.iin)
                            .with("surname", &volunteer.surname)
                    })?;
                    let id = start(&tx, now, &volunteer, &unit.id, &position, date)?;
                    transferred += 1;
                    super::assignments::active_of(&tx, &volunteer.id)?.filter(|a| a.id == id)
                }
                None => {
                    ended += 1;
                    None
                }
            };
            let action = if next.is_some() {
                "assignment.transfer"
            } else {
                "assignment.end"
            };
            audit_assignment(
                &tx,
                now,
                actor,
                action,
                &volunteer,
                current.as_ref(),
                next.as_ref(),
            )?;
        }
    }
    tx.execute(
        "UPDATE units SET status = 'disbanded', disbanded_on = ?2, disband_reason = ?3,
             updated_at = ?4 WHERE id = ?1",
        params![before.id, on, reason, stamp(now)],
    )?;
    let unit = find_unit_in_scope(&tx, actor, &before.id)?;
    audit_unit(&tx, now, actor, "unit.disband", Some(&before), &unit)?;
    tx.commit()?;
    Ok(DisbandReport {
        unit,
        transferred,
        ended,
    })
}
