//! Enrolment and discharge: the two status changes a person makes.
//!
//! Enrolment re-evaluates the record under the rules in force at that moment (a birthday or a
//! new rule may have changed the answer since the last save) and refuses an ineligible person
//! with `forbidden`/`not_eligible`, whichever path calls it. Discharge keeps the record.

use crate::clock::local_today;
use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::eligibility::{current_rules, evaluate, record_decision};
use super::record::{find_in_scope, volunteer_event};
use super::{EligibilityOutcome, Status, Volunteer};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::stamp;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::text::past_date;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DischargeInput {
    pub id: String,
    /// Local date `yyyy-mm-dd`; not in the future.
    pub date: String,
    pub reason: String,
}

/// Enrols an eligible volunteer of the actor's scope.
pub fn enrol(store: &mut Store, actor: &Actor, id: &str) -> Result<Volunteer> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let before = find_in_scope(&tx, actor, id.trim())?;
    match before.status {
        Status::Enrolled => {
            return Err(Error::conflict("already_enrolled", "already enrolled"));
        }
        Status::Discharged => {
            return Err(Error::conflict(
                "discharged",
                "a discharged volunteer is not enrolled again; register a new decision first",
            ));
        }
        _ => {}
    }
    let rules = current_rules(&tx)?;
    let birth = NaiveDate::parse_from_str(&before.birth_date, "%Y-%m-%d")
        .map_err(|e| Error::internal(format!("volunteer {}: birth date {e}", before.id)))?;
    let (outcome, failed) = evaluate(
        &before.citizenship,
        birth,
        before.health_category,
        &rules,
        local_today(now),
    );
    if outcome != EligibilityOutcome::Eligible {
        return Err(super::not_eligible(&failed));
    }
    let at = stamp(now);
    tx.execute(
        "UPDATE volunteers SET status = 'enrolled', eligible = 1, decision_version = ?2,
             review_flag = 0, enrolled_at = ?3, updated_at = ?3 WHERE id = ?1",
        params![before.id, rules.version, at],
    )?;
    record_decision(&tx, now, &before.id, &rules, outcome, failed)?;
    let after = find_in_scope(&tx, actor, &before.id)?;
    audit::record(
        &tx,
        now,
        Event {
            before: Some(serde_json::json!({"status": before.status})),
            after: Some(
                serde_json::json!({"status": after.status, "enrolled_at": after.enrolled_at}),
            ),
            ..volunteer_event(actor, "volunteer.enrol", &after)
        },
    )?;
    tx.commit()?;
    Ok(after)
}

/// Discharges an enrolled volunteer (or closes an applicant's record) with a date and reason.
pub fn discharge(store: &mut Store, actor: &Actor, input: DischargeInput) -> Result<Volunteer> {
    actor.require_writer()?;
    let now = store.now();
    let mut problems = Vec::new();
    let date = past_date("date", &input.date, local_today(now), &mut problems);
    let reason = crate::units::end_reason(&input.reason, &mut problems);
    let tx = store.write()?;
    let before = find_in_scope(&tx, actor, input.id.trim())?;
    let Some(date) = date.filter(|_| problems.is_empty()) else {
        return Err(Error::invalid(problems));
    };
    if before.status == Status::Discharged {
        return Err(Error::conflict("already_discharged", "already discharged"));
    }
    let day = date.format("%Y-%m-%d").to_string();
    tx.execute(
        "UPDATE volunteers SET status = 'discharged', review_flag = 0, discharged_on = ?2,
             discharge_reason = ?3, updated_at = ?4 WHERE id = ?1",
        params![before.id, day, reason, stamp(now)],
    )?;
    let after = find_in_scope(&tx, actor, &before.id)?;
    // A discharged volunteer holds no post: the assignment ends with the discharge.
    crate::units::end_for_status_change(
        &tx,
        now,
        actor,
        (&after.id, &after.region_id, &after.district_id),
        &day,
        &format!("discharged: {reason}"),
    )?;
    audit::record(
        &tx,
        now,
        Event {
            before: Some(
                serde_json::json!({"status": before.status, "review_flag": before.review_flag}),
            ),
            after: Some(serde_json::json!({
                "status": after.status,
                "discharged_on": after.discharged_on,
                "discharge_reason": after.discharge_reason,
            })),
            ..volunteer_event(actor, "volunteer.discharge", &after)
        },
    )?;
    tx.commit()?;
    Ok(after)
}
