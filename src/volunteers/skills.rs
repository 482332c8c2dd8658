//! The skills catalogue (medic, driver, engineer...): reference data national administrators
//! edit. A skill is retired, never deleted, so records naming it still read.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use validator::Validate;

use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::stamp;
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::clean;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Skill {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    /// Whether the skill carries licence categories (drivers).
    pub has_licence: bool,
    pub retired_at: Option<String>,
}

/// Adds a skill or edits one (by code); `retired` retires or restores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Validate)]
pub struct SkillDraft {
    pub code: String,
    #[validate(length(min = 1, max = 100))]
    pub name_kk: String,
    #[validate(length(min = 1, max = 100))]
    pub name_ru: String,
    #[validate(length(min = 1, max = 100))]
    pub name_en: String,
    pub has_licence: bool,
    pub retired: bool,
}

/// The columns [`skill_from_row`] reads, in its order; the caller adds its `WHERE` or
/// `ORDER BY`.
const SKILL_SELECT: &str =
    "SELECT code, name_kk, name_ru, name_en, has_licence, retired_at FROM skills";

fn skill_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Skill> {
    Ok(Skill {
        code: r.get(0)?,
        name_kk: r.get(1)?,
        name_ru: r.get(2)?,
        name_en: r.get(3)?,
        has_licence: r.get(4)?,
        retired_at: r.get(5)?,
    })
}

/// Every signed-in user reads the catalogue (retired skills too, marked).
pub fn list_skills(store: &Store, actor: &Actor) -> Result<Vec<Skill>> {
    actor.ready()?;
    let mut stmt = store.conn().prepare(&format!(
        "{SKILL_SELECT} ORDER BY retired_at IS NOT NULL, name_en"
    ))?;
    let skills = stmt
        .query_map([], skill_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(skills)
}

/// National administrators maintain the catalogue.
pub fn save_skill(store: &mut Store, actor: &Actor, input: SkillDraft) -> Result<Skill> {
    actor.require_national_admin()?;
    let draft = SkillDraft {
        code: input.code.trim().to_ascii_lowercase(),
        name_kk: clean(&input.name_kk),
        name_ru: clean(&input.name_ru),
        name_en: clean(&input.name_en),
        ..input
    };
    let mut problems = match draft.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => Error::from(errors).fields,
    };
    let code_ok = (2..=40).contains(&draft.code.len())
        && draft
            .code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !code_ok {
        problems.push(FieldError::new("code", "skill_code_format"));
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let now = store.now();
    let tx = store.write()?;
    let read = |tx: &rusqlite::Transaction<'_>| {
        tx.query_row(
            &format!("{SKILL_SELECT} WHERE code = ?"),
            [&draft.code],
            skill_from_row,
        )
        .optional()
    };
    let before = read(&tx)?;
    // A new skill takes the lowest free bit of volunteers.skill_mask; with none left it has
    // none, and filters by it look each row's skills up instead.
    let taken: Vec<i64> = tx
        .prepare("SELECT bit FROM skills WHERE bit IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let free_bit = (0..=62i64).find(|b| !taken.contains(b));
    let retired_at = match (&before, draft.retired) {
        (
            Some(Skill {
                retired_at: Some(at),
                ..
            }),
            true,
        ) => Some(at.clone()),
        (_, true) => Some(stamp(now)),
        (_, false) => None,
    };
    tx.execute(
        "INSERT INTO skills (code, name_kk, name_ru, name_en, has_licence, retired_at, bit)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (code) DO UPDATE SET name_kk = ?2, name_ru = ?3, name_en = ?4,
             has_licence = ?5, retired_at = ?6",
        params![
            draft.code,
            draft.name_kk,
            draft.name_ru,
            draft.name_en,
            draft.has_licence,
            retired_at,
            free_bit
        ],
    )?;
    let after = read(&tx)?.ok_or_else(|| Error::internal("skill vanished after save"))?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&after.code),
            before: before.map(serde_json::to_value).transpose()?,
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, "skill.save", "skill")
        },
    )?;
    tx.commit()?;
    Ok(after)
}
