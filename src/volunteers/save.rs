//! Saving a volunteer: the form's registration and correction, and the same steps one record
//! at a time for an import. Each save has two halves, so that a form and a spreadsheet row
//! cannot drift apart:
//!
//! - checking ([`check_new`], [`check_correction`]): validation of the whole form (every
//!   problem at once) and the IIN's uniqueness; nothing is written, so a refused row leaves no
//!   trace;
//! - writing ([`write_new`], [`write_correction`]): the row, its skills, its search entries,
//!   an eligibility decision under the current rules and likely-duplicate flags.
//!
//! An import takes the same halves (`import::row`, `import::run`): `validate` on its reading
//! thread and [`check_unique`] on the connection, then the insert of [`write_new`] with the
//! names folded ahead and the search entries written a few thousand at a time
//! (`record::insert_unsearchable`, `search_index::Pending`); its likely duplicates are flagged
//! by one join after the rows (`duplicates::flag_import_duplicates`).
//!
//! The caller owns the transaction and the audit entry: one entry per form save, one per
//! import (which lists the rows it touched in its own table).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, Transaction};

use super::duplicates::flag_likely_duplicates;
use super::eligibility::{current_rules, evaluate, next_status, record_decision, Decision};
use super::record::{
    find_in_scope, index_search, insert, volunteer_event, write_skills, SaveOutcome,
    UpdateVolunteer,
};
use super::validate::{ensure_iin_free, validate, Clean};
use super::{
    fold, EligibilityOutcome, RuleSet, Status, Volunteer, VolunteerInput, VolunteerSkill, Warnings,
};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{local_today, stamp};
use crate::db::Store;
use crate::error::Result;

/// Validation and IIN uniqueness of a new record; writes nothing.
pub(crate) fn check_new(
    tx: &Connection,
    actor: &Actor,
    input: &VolunteerInput,
    now: DateTime<Utc>,
) -> Result<(Clean, Warnings)> {
    check_unique(tx, actor, validate(tx, actor, input, now)?, None)
}

/// The second half of [`check_new`] and [`check_correction`], after the form's validation:
/// the IIN is free (`except` the record being corrected). An import validates its rows on a
/// reading thread and runs this half on the writing one, in the same order.
pub(crate) fn check_unique(
    tx: &Connection,
    actor: &Actor,
    validated: (Clean, Warnings),
    except: Option<&str>,
) -> Result<(Clean, Warnings)> {
    ensure_iin_free(tx, actor, &validated.0.iin, except)?;
    Ok(validated)
}

/// Writes a checked new record: row, skills, search entries, decision, duplicate flags.
pub(crate) fn write_new(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    clean: &Clean,
    rules: &RuleSet,
) -> Result<(Volunteer, Decision, u32)> {
    let (volunteer, decision) = insert(tx, now, clean, rules)?;
    let likely_duplicates = flag_likely_duplicates(tx, now, &volunteer.id)?;
    Ok((volunteer, decision, likely_duplicates))
}

/// Validation and IIN uniqueness of a correction of `before`; writes nothing.
pub(crate) fn check_correction(
    tx: &Connection,
    actor: &Actor,
    before: &Volunteer,
    input: &VolunteerInput,
    now: DateTime<Utc>,
) -> Result<(Clean, Warnings)> {
    check_unique(
        tx,
        actor,
        validate(tx, actor, input, now)?,
        Some(&before.id),
    )
}

/// Whether a checked correction would leave the stored record as it is.
pub(crate) fn unchanged(before: &Volunteer, clean: &Clean) -> bool {
    before.iin == clean.iin
        && before.surname == clean.surname
        && before.given_name == clean.given_name
        && before.patronymic == clean.patronymic
        && before.birth_date == clean.birth_date.format("%Y-%m-%d").to_string()
        && before.sex == clean.sex
        && before.citizenship == clean.citizenship
        && before.region_id == clean.region_id
        && before.district_id == clean.district_id
        && before.registered_address == clean.registered_address
        && before.actual_address == clean.actual_address
        && before.phone == clean.phone
        && before.email == clean.email
        && before.military_service == clean.military_service
        && before.health_category == clean.health_category
        && before.notes == clean.notes
        && same_skills(&before.skills, &clean.skills)
}

/// Whether two lists hold the same skills in any order: a stored record lists its skills by
/// code, a form or a sheet in the order typed ("medic, cook" is the stored "cook, medic").
fn same_skills(stored: &[VolunteerSkill], given: &[VolunteerSkill]) -> bool {
    let by_code = |skills: &[VolunteerSkill]| {
        let mut sorted: Vec<VolunteerSkill> = skills.to_vec();
        sorted.sort_by(|a, b| a.code.cmp(&b.code));
        sorted
    };
    by_code(stored) == by_code(given)
}

/// Writes a checked correction of `before`, re-evaluated under the current rules (an enrolled
/// volunteer who no longer qualifies is flagged for review). Returns the record as read back.
pub(crate) fn write_correction(
    tx: &Transaction<'_>,
    actor: &Actor,
    now: DateTime<Utc>,
    before: &Volunteer,
    clean: &Clean,
    rules: &RuleSet,
) -> Result<(Volunteer, Decision, u32)> {
    let (outcome, failed) = evaluate(
        &clean.citizenship,
        clean.birth_date,
        clean.health_category,
        rules,
        local_today(now),
    );
    let (status, review) = next_status(before.status, outcome);
    let review = review || (before.review_flag && status == Status::Enrolled);
    let eligible = outcome == EligibilityOutcome::Eligible;
    let at = stamp(now);
    tx.prepare_cached(
        "UPDATE volunteers SET iin = ?2, surname = ?3, given_name = ?4, patronymic = ?5,
             birth_date = ?6, sex = ?7, citizenship = ?8, region_id = ?9, district_id = ?10,
             registered_address = ?11, actual_address = ?12, phone = ?13, email = ?14,
             military_service = ?15, health_category = ?16, notes = ?17, status = ?18,
             eligible = ?19, decision_version = ?20, review_flag = ?21, updated_at = ?22,
             surname_sort = ?23, given_sort = ?24, surname_lat = ?25, name_key = ?26,
             skill_mask = ?27
         WHERE id = ?1",
    )?
    .execute(params![
        before.id,
        clean.iin,
        clean.surname,
        clean.given_name,
        clean.patronymic,
        clean.birth_date.format("%Y-%m-%d").to_string(),
        clean.sex.as_str(),
        clean.citizenship,
        clean.region_id,
        clean.district_id,
        clean.registered_address,
        clean.actual_address,
        clean.phone,
        clean.email,
        clean.military_service.as_str(),
        clean.health_category.map(|h| h.as_str()),
        clean.notes,
        status.as_str(),
        eligible,
        rules.version,
        review,
        at,
        fold::sort_key(&clean.surname),
        fold::sort_key(&clean.given_name),
        fold::latin(&clean.surname),
        fold::name_key(
            &clean.surname,
            &clean.given_name,
            clean.patronymic.as_deref()
        ),
        clean.skill_mask,
    ])?;
    let seq: i64 = tx
        .prepare_cached("SELECT seq FROM volunteers WHERE id = ?")?
        .query_row([&before.id], |r| r.get(0))?;
    index_search(tx, seq, clean, Some(&before.region_id))?;
    write_skills(tx, &before.id, &clean.skills)?;
    // Readiness copies of the volunteer's post follow the record; an ineligible volunteer
    // holds no post, so the assignment ends in this transaction.
    crate::units::refresh_member(tx, &before.id)?;
    if !eligible && status == Status::Enrolled {
        let codes: Vec<&str> = failed.iter().map(|f| f.code.as_str()).collect();
        crate::units::end_for_status_change(
            tx,
            now,
            actor,
            (&before.id, &clean.region_id, &clean.district_id),
            &local_today(now).format("%Y-%m-%d").to_string(),
            &format!("ineligible: {}", codes.join(", ")),
        )?;
    }
    let decision = record_decision(tx, now, &before.id, rules, outcome, failed)?;
    let likely_duplicates = flag_likely_duplicates(tx, now, &before.id)?;
    let after = find_in_scope(tx, actor, &before.id)?;
    Ok((after, decision, likely_duplicates))
}

/// Registers a volunteer: validated, unique by IIN, evaluated, indexed, checked for likely
/// duplicates and audited, in one transaction.
pub fn register(store: &mut Store, actor: &Actor, input: VolunteerInput) -> Result<SaveOutcome> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let (clean, warnings) = check_new(&tx, actor, &input, now)?;
    let rules = current_rules(&tx)?;
    let (volunteer, decision, likely_duplicates) = write_new(&tx, now, &clean, &rules)?;
    audit::record(
        &tx,
        now,
        Event {
            after: Some(serde_json::to_value(&volunteer)?),
            ..volunteer_event(actor, "volunteer.create", &volunteer)
        },
    )?;
    tx.commit()?;
    Ok(SaveOutcome {
        volunteer,
        decision,
        warnings,
        likely_duplicates,
    })
}

/// Corrects a record in the actor's scope (moving it only to a district in scope). The saved
/// record is re-evaluated; an enrolled volunteer who no longer qualifies is flagged for review.
pub fn update(store: &mut Store, actor: &Actor, input: UpdateVolunteer) -> Result<SaveOutcome> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let before = find_in_scope(&tx, actor, input.id.trim())?;
    let (clean, warnings) = check_correction(&tx, actor, &before, &input.volunteer, now)?;
    let rules = current_rules(&tx)?;
    let (after, decision, likely_duplicates) =
        write_correction(&tx, actor, now, &before, &clean, &rules)?;
    audit::record(
        &tx,
        now,
        Event {
            before: Some(serde_json::to_value(&before)?),
            after: Some(serde_json::to_value(&after)?),
            ..volunteer_event(actor, "volunteer.update", &after)
        },
    )?;
    tx.commit()?;
    Ok(SaveOutcome {
        volunteer: after,
        decision,
        warnings,
        likely_duplicates,
    })
}
