//! The checks an assignment must pass, shared by assign, transfer, disband and bulk transfer:
//! the volunteer is enrolled and eligible under the rules in force today, and holds the skill
//! the position requires with a certificate valid on the start date. Also the copy of the
//! qualification readiness counts (see `assignments` in migration 0005).

use chrono::NaiveDate;
use rusqlite::Connection;

use super::catalogue::Position;
use crate::error::{Error, FieldError, Result};
use crate::volunteers::{self, EligibilityOutcome, RuleSet, Status, Volunteer};

/// A reason for ending or moving (a discharge's reason ends the assignment too): required, at
/// most 500 characters.
pub(crate) fn end_reason(text: &str, problems: &mut Vec<FieldError>) -> String {
    let reason = crate::text::clean(text);
    if reason.is_empty() {
        problems.push(FieldError::new("reason", "required"));
    } else if reason.chars().count() > 500 {
        problems.push(FieldError::new("reason", "too_long").with("max", 500));
    }
    reason
}

pub(crate) fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Refuses a volunteer who may not hold `position` from `start`: not enrolled (conflict
/// `not_enrolled`), not eligible today (forbidden `not_eligible` naming the first failed
/// rule), lacking the required skill (`skill_missing`) or holding an expired certificate on
/// the start date (`certificate_expired`).
pub(crate) fn check_assignable(
    conn: &Connection,
    volunteer: &Volunteer,
    position: &Position,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    let rules = volunteers::current_rules(conn)?;
    check_assignable_under(&rules, volunteer, position, start, today)
}

/// [`check_assignable`] under rules the caller has read (a bulk transfer reads them once).
pub(crate) fn check_assignable_under(
    rules: &RuleSet,
    volunteer: &Volunteer,
    position: &Position,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    if volunteer.status != Status::Enrolled {
        return Err(
            Error::conflict("not_enrolled", "only an enrolled volunteer can be assigned")
                .with("status", volunteer.status.as_str()),
        );
    }
    let birth = NaiveDate::parse_from_str(&volunteer.birth_date, "%Y-%m-%d")
        .map_err(|e| Error::internal(format!("volunteer {}: birth date {e}", volunteer.id)))?;
    let (outcome, failed) = volunteers::evaluate(
        &volunteer.citizenship,
        birth,
        volunteer.health_category,
        rules,
        today,
    );
    if outcome != EligibilityOutcome::Eligible {
        return Err(volunteers::not_eligible(&failed));
    }
    if position.retired_at.is_some() {
        return Err(Error::field("position", "unknown_position"));
    }
    let Some(skill) = &position.required_skill else {
        return Ok(());
    };
    let Some(held) = volunteer.skills.iter().find(|s| &s.code == skill) else {
        return Err(Error::conflict(
            "skill_missing",
            format!("the position requires the skill {skill}"),
        )
        .with("skill", skill));
    };
    if let Some(expiry) = &held.certificate_expiry {
        if expiry.as_str() < day(start).as_str() {
            return Err(Error::conflict(
                "certificate_expired",
                format!("the {skill} certificate expired on {expiry}"),
            )
            .with("skill", skill)
            .with("expiry_date", expiry));
        }
    }
    Ok(())
}

/// What readiness counts of a holder of `position`: whether the required skill is missing,
/// and the certificate expiry of that skill, from the skills read with the volunteer (in the
/// same transaction, as the assignability checks read them).
pub(crate) fn qualification(
    volunteer: &Volunteer,
    required_skill: Option<&str>,
) -> (bool, Option<String>) {
    let Some(skill) = required_skill else {
        return (false, None);
    };
    match volunteer.skills.iter().find(|s| s.code == skill) {
        None => (true, None),
        Some(held) => (false, held.certificate_expiry.clone()),
    }
}

const REFRESH: &str = "UPDATE assignments SET
        birth_date = (SELECT v.birth_date FROM volunteers v WHERE v.id = volunteer_id),
        qual_missing = coalesce((SELECT p.required_skill IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM volunteer_skills s
            WHERE s.volunteer_id = assignments.volunteer_id AND s.skill_code = p.required_skill)
            FROM positions p WHERE p.code = position), 0),
        qual_expiry = (SELECT s.certificate_expiry FROM positions p
            JOIN volunteer_skills s ON s.skill_code = p.required_skill
            WHERE p.code = position AND s.volunteer_id = assignments.volunteer_id)";

/// Re-reads the readiness copies of everyone holding `position` now (its requirement changed).
pub(crate) fn refresh_position_qualifications(conn: &Connection, position: &str) -> Result<()> {
    conn.execute(
        &format!("{REFRESH} WHERE position = ? AND end_date IS NULL"),
        [position],
    )?;
    Ok(())
}

/// Re-reads the readiness copies of one volunteer's active assignment (their record changed).
pub(crate) fn refresh_volunteer(conn: &Connection, volunteer_id: &str) -> Result<()> {
    conn.execute(
        &format!("{REFRESH} WHERE volunteer_id = ? AND end_date IS NULL"),
        [volunteer_id],
    )?;
    Ok(())
}
