//! Registering and correcting a volunteer, and reading one record in full.
//!
//! One transaction per save: validation (every problem at once, as field errors), the IIN
//! uniqueness check (which names the existing record only if the actor may see it), the row,
//! its skills, its search-index entry, an eligibility decision, likely-duplicate flags and the
//! audit entry. Invalid input writes nothing. The form's checks live in `validate`.

use std::collections::HashMap;

use crate::clock::local_today;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::eligibility::{decisions_of, evaluate, next_status, record_decision_with, Decision};
use super::validate::Clean;
use super::{
    fold, search_index, HealthCategory, History, MilitaryService, Status, Volunteer,
    VolunteerInput, VolunteerSkill, Warnings,
};
use crate::access::Actor;
use crate::audit::{self, Event, ENTRY_SELECT};
use crate::clock::{stamp, Ids, RandomIds};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::identity::Sex;

/// A correction of a stored record: the whole form again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateVolunteer {
    pub id: String,
    pub volunteer: VolunteerInput,
}

/// The result of a save: the record, the decision made on it, warnings (the IIN proposes
/// another birth date or sex) and how many likely duplicates were flagged for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaveOutcome {
    pub volunteer: Volunteer,
    pub decision: Decision,
    pub warnings: Warnings,
    pub likely_duplicates: u32,
}

/// A record with its decisions (newest first) and change history (oldest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VolunteerDetail {
    pub volunteer: Volunteer,
    pub decisions: Vec<Decision>,
    pub history: History,
}

pub(crate) const COLUMNS: &str = "id, iin, surname, given_name, patronymic, birth_date, sex, \
    citizenship, region_id, district_id, registered_address, actual_address, phone, email, \
    military_service, health_category, notes, status, eligible, decision_version, review_flag, \
    enrolled_at, discharged_on, discharge_reason, created_at, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Volunteer> {
    let sex: String = r.get(6)?;
    let service: String = r.get(14)?;
    let health: Option<String> = r.get(15)?;
    let status: String = r.get(17)?;
    Ok(Volunteer {
        id: r.get(0)?,
        iin: r.get(1)?,
        surname: r.get(2)?,
        given_name: r.get(3)?,
        patronymic: r.get(4)?,
        birth_date: r.get(5)?,
        sex: Sex::parse(&sex).ok_or_else(|| crate::db::unknown_code(6, "sex", &sex))?,
        citizenship: r.get(7)?,
        region_id: r.get(8)?,
        district_id: r.get(9)?,
        registered_address: r.get(10)?,
        actual_address: r.get(11)?,
        phone: r.get(12)?,
        email: r.get(13)?,
        military_service: MilitaryService::parse(&service)
            .ok_or_else(|| crate::db::unknown_code(14, "military service", &service))?,
        health_category: health
            .map(|h| {
                HealthCategory::parse(&h)
                    .ok_or_else(|| crate::db::unknown_code(15, "health category", &h))
            })
            .transpose()?,
        notes: r.get(16)?,
        status: Status::parse(&status)
            .ok_or_else(|| crate::db::unknown_code(17, "status", &status))?,
        eligible: r.get(18)?,
        decision_version: r.get(19)?,
        review_flag: r.get(20)?,
        enrolled_at: r.get(21)?,
        discharged_on: r.get(22)?,
        discharge_reason: r.get(23)?,
        created_at: r.get(24)?,
        updated_at: r.get(25)?,
        skills: Vec::new(),
    })
}

fn skills_of(conn: &Connection, id: &str) -> Result<Vec<VolunteerSkill>> {
    let mut stmt = conn.prepare_cached(
        "SELECT skill_code, licence_categories, certificate_number, certificate_expiry
         FROM volunteer_skills WHERE volunteer_id = ? ORDER BY skill_code",
    )?;
    let skills = stmt
        .query_map([id], |r| skill_from_row(r, 0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(skills)
}

/// A skill from `skill_code, licence_categories, certificate_number, certificate_expiry`
/// starting at column `at`.
fn skill_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<VolunteerSkill> {
    let licences: Option<String> = r.get(at + 1)?;
    Ok(VolunteerSkill {
        code: r.get(at)?,
        licence_categories: licences
            .map(|l| l.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
        certificate_number: r.get(at + 2)?,
        certificate_expiry: r.get(at + 3)?,
    })
}

/// An audit event on a volunteer: filed under the volunteer and their region and district, so
/// that the record's history and the scoped audit log find it.
pub(crate) fn volunteer_event<'a>(
    actor: &'a Actor,
    action: &'a str,
    volunteer: &'a Volunteer,
) -> Event<'a> {
    Event {
        entity_id: Some(&volunteer.id),
        region_id: Some(&volunteer.region_id),
        district_id: Some(&volunteer.district_id),
        ..Event::by(actor, action, "volunteer")
    }
}

/// Reads a volunteer through the actor's scope: one that exists elsewhere is `forbidden`.
pub(crate) fn find_in_scope(conn: &Connection, actor: &Actor, id: &str) -> Result<Volunteer> {
    let (scope_sql, scope_param) = actor.scope().filter("region_id", "district_id");
    let sql = format!("SELECT {COLUMNS} FROM volunteers WHERE id = ? AND {scope_sql}");
    let args: Vec<&str> = std::iter::once(id).chain(scope_param.as_deref()).collect();
    // Cached: a bulk transfer finds thousands of volunteers in one call.
    let found = conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(args), from_row)
        .optional()?;
    match found {
        Some(mut volunteer) => {
            volunteer.skills = skills_of(conn, &volunteer.id)?;
            Ok(volunteer)
        }
        None => {
            let exists = conn
                .query_row("SELECT 1 FROM volunteers WHERE id = ?", [id], |_| Ok(()))
                .optional()?
                .is_some();
            Err(if exists {
                Error::forbidden("out_of_scope")
            } else {
                Error::not_found("volunteer")
            })
        }
    }
}

/// The volunteers with these IINs in the actor's scope, with their skills, in IIN order; an
/// IIN with no volunteer in scope is simply absent. A unit bulk transfer reads its whole sheet
/// with two statements: the IINs are walked in sorted order through the IIN index (and the
/// skills by volunteer id), instead of three statements per row at random places.
pub(crate) fn find_by_iins_in_scope(
    conn: &Connection,
    actor: &Actor,
    iins: &[&str],
) -> Result<Vec<Volunteer>> {
    let mut sorted: Vec<&str> = iins.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let (scope_sql, scope_param) = actor.scope().filter("v.region_id", "v.district_id");
    let columns: String = COLUMNS
        .split(", ")
        .map(|c| format!("v.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    // CROSS JOIN keeps the sheet's IINs as the outer loop: one IIN-index probe each.
    let sql = format!(
        "SELECT {columns} FROM json_each(?1) AS j CROSS JOIN volunteers v ON v.iin = j.value
         WHERE {scope_sql} ORDER BY j.value"
    );
    let list = serde_json::to_string(&sorted)?;
    let args: Vec<&str> = std::iter::once(list.as_str())
        .chain(scope_param.as_deref())
        .collect();
    let mut found = conn
        .prepare(&sql)?
        .query_map(rusqlite::params_from_iter(args), from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut ids: Vec<&str> = found.iter().map(|v| v.id.as_str()).collect();
    ids.sort_unstable();
    let ids = serde_json::to_string(&ids)?;
    let mut skills: HashMap<String, Vec<VolunteerSkill>> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT s.volunteer_id, s.skill_code, s.licence_categories, s.certificate_number,
                 s.certificate_expiry
             FROM json_each(?1) AS j CROSS JOIN volunteer_skills s ON s.volunteer_id = j.value
             ORDER BY s.volunteer_id, s.skill_code",
        )?;
        let mut rows = stmt.query([&ids])?;
        while let Some(r) = rows.next()? {
            skills
                .entry(r.get(0)?)
                .or_default()
                .push(skill_from_row(r, 1)?);
        }
    }
    for volunteer in &mut found {
        volunteer.skills = skills.remove(&volunteer.id).unwrap_or_default();
    }
    Ok(found)
}

/// Writes the row's search-index entries (replacing those of `previous_region`, if any).
pub(crate) fn index_search(
    tx: &Connection,
    seq: i64,
    clean: &Clean,
    previous_region: Option<&str>,
) -> Result<()> {
    search_index::write(tx, seq, &search_entry(clean), previous_region)
}

fn search_entry(clean: &Clean) -> search_index::Entry<'_> {
    search_index::Entry {
        surname: &clean.surname,
        given_name: &clean.given_name,
        patronymic: clean.patronymic.as_deref(),
        region_id: &clean.region_id,
        district_id: &clean.district_id,
    }
}

/// The columns and search texts a clean record's names are folded into, made once (an import
/// folds them on its reading thread, see `import::run`).
pub(crate) struct Folded {
    pub surname_sort: String,
    pub given_sort: String,
    pub surname_lat: String,
    pub name_key: String,
    pub search: search_index::Texts,
}

impl Folded {
    pub fn of(clean: &Clean) -> Self {
        Self {
            surname_sort: fold::sort_key(&clean.surname),
            given_sort: fold::sort_key(&clean.given_name),
            surname_lat: fold::latin(&clean.surname),
            name_key: fold::name_key(
                &clean.surname,
                &clean.given_name,
                clean.patronymic.as_deref(),
            ),
            search: search_index::Texts::of(&search_entry(clean)),
        }
    }
}

pub(crate) fn write_skills(tx: &Connection, id: &str, skills: &[VolunteerSkill]) -> Result<()> {
    tx.prepare_cached("DELETE FROM volunteer_skills WHERE volunteer_id = ?")?
        .execute([id])?;
    add_skills(tx, id, skills)
}

/// Inserts the skills of a record that has none yet.
fn add_skills(tx: &Connection, id: &str, skills: &[VolunteerSkill]) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO volunteer_skills (volunteer_id, skill_code, licence_categories,
             certificate_number, certificate_expiry) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for skill in skills {
        let licences =
            (!skill.licence_categories.is_empty()).then(|| skill.licence_categories.join(","));
        insert.execute(params![
            id,
            skill.code,
            licences,
            skill.certificate_number,
            skill.certificate_expiry
        ])?;
    }
    Ok(())
}

/// What [`insert_folded`] stored besides the clean form.
pub(crate) struct Inserted {
    pub id: String,
    pub status: Status,
    pub review: bool,
    pub eligible: bool,
    pub at: String,
    pub decision: Decision,
}

/// Inserts a validated record with its first decision; shared with the generator so that
/// generated data goes through the same columns, index entry and rules.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    clean: &Clean,
    rules: &super::RuleSet,
) -> Result<(Volunteer, Decision)> {
    let inserted = insert_folded(tx, &RandomIds, now, clean, &Folded::of(clean), rules)?;
    let volunteer = Volunteer {
        id: inserted.id,
        iin: clean.iin.clone(),
        surname: clean.surname.clone(),
        given_name: clean.given_name.clone(),
        patronymic: clean.patronymic.clone(),
        birth_date: clean.birth_date.format("%Y-%m-%d").to_string(),
        sex: clean.sex,
        citizenship: clean.citizenship.clone(),
        region_id: clean.region_id.clone(),
        district_id: clean.district_id.clone(),
        registered_address: clean.registered_address.clone(),
        actual_address: clean.actual_address.clone(),
        phone: clean.phone.clone(),
        email: clean.email.clone(),
        military_service: clean.military_service,
        health_category: clean.health_category,
        notes: clean.notes.clone(),
        status: inserted.status,
        eligible: inserted.eligible,
        decision_version: rules.version,
        review_flag: inserted.review,
        enrolled_at: None,
        discharged_on: None,
        discharge_reason: None,
        created_at: inserted.at.clone(),
        updated_at: inserted.at,
        skills: clean.skills.clone(),
    };
    Ok((volunteer, inserted.decision))
}

/// [`insert`] with the names already folded and the ids from `ids`: the row, its search
/// entries, its skills and its first decision.
pub(crate) fn insert_folded(
    tx: &Transaction<'_>,
    ids: &dyn Ids,
    now: DateTime<Utc>,
    clean: &Clean,
    folded: &Folded,
    rules: &super::RuleSet,
) -> Result<Inserted> {
    let (inserted, seq) = insert_unsearchable(tx, ids, now, clean, folded, rules)?;
    search_index::write_texts(tx, seq, &folded.search, None)?;
    Ok(inserted)
}

/// [`insert_folded`] without the search entries: the caller writes `folded.search` under the
/// returned `seq` before its transaction ends (an import gathers them, [`search_index::Pending`]).
pub(crate) fn insert_unsearchable(
    tx: &Transaction<'_>,
    ids: &dyn Ids,
    now: DateTime<Utc>,
    clean: &Clean,
    folded: &Folded,
    rules: &super::RuleSet,
) -> Result<(Inserted, i64)> {
    let id = ids.next_id(now).to_string();
    let (outcome, failed) = evaluate(
        &clean.citizenship,
        clean.birth_date,
        clean.health_category,
        rules,
        local_today(now),
    );
    let (status, review) = next_status(Status::Applicant, outcome);
    let eligible = outcome == super::EligibilityOutcome::Eligible;
    let at = stamp(now);
    tx.prepare_cached(
        "INSERT INTO volunteers (id, iin, surname, given_name, patronymic, birth_date, sex,
             citizenship, region_id, district_id, registered_address, actual_address, phone,
             email, military_service, health_category, notes, status, eligible,
             decision_version, review_flag, created_at, updated_at, surname_sort, given_sort,
             surname_lat, name_key, skill_mask)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22, ?22, ?23, ?24, ?25, ?26, ?27)",
    )?
    .execute(params![
        id,
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
        folded.surname_sort,
        folded.given_sort,
        folded.surname_lat,
        folded.name_key,
        clean.skill_mask,
    ])?;
    let seq = tx.last_insert_rowid();
    add_skills(tx, &id, &clean.skills)?;
    let decision = record_decision_with(tx, ids, now, &id, rules, outcome, failed)?;
    let inserted = Inserted {
        id,
        status,
        review,
        eligible,
        at,
        decision,
    };
    Ok((inserted, seq))
}

/// One record in full, with its decisions and its change history from the audit log.
pub fn get(store: &Store, actor: &Actor, id: &str) -> Result<VolunteerDetail> {
    actor.ready()?;
    let conn = store.conn();
    let volunteer = find_in_scope(conn, actor, id.trim())?;
    let decisions = decisions_of(conn, &volunteer.id)?;
    let mut stmt = conn.prepare(&format!(
        "{ENTRY_SELECT} WHERE seq IN (
             SELECT seq FROM audit_log WHERE entity_id = ?1 AND entity_kind = 'volunteer'
             -- a unit bulk transfer is one entry for all its moves (unit_bulk_moves)
             UNION SELECT a.seq FROM unit_bulk_moves m
                 JOIN audit_log a ON a.entity_id = m.bulk_id
                     AND a.entity_kind = 'unit_bulk_transfer'
                 WHERE m.volunteer_id = ?1)
         ORDER BY seq"
    ))?;
    let history = stmt
        .query_map([&volunteer.id], audit::entry_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(VolunteerDetail {
        volunteer,
        decisions,
        history,
    })
}
