//! The national list of facility categories: read by everyone signed in, edited by national
//! administrators only. Kept apart from the facilities because it has its own access rule and
//! its own audit entity.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::stamp;
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::clean;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilityCategory {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub retired_at: Option<String>,
}

/// The columns [`category_from_row`] reads, in its order; the caller adds its `WHERE` or
/// `ORDER BY`.
const CATEGORY_SELECT: &str =
    "SELECT code, name_kk, name_ru, name_en, retired_at FROM facility_categories";

fn category_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<FacilityCategory> {
    Ok(FacilityCategory {
        code: r.get(0)?,
        name_kk: r.get(1)?,
        name_ru: r.get(2)?,
        name_en: r.get(3)?,
        retired_at: r.get(4)?,
    })
}

pub fn list_categories(store: &Store, actor: &Actor) -> Result<Vec<FacilityCategory>> {
    actor.ready()?;
    let mut stmt = store.conn().prepare(&format!(
        "{CATEGORY_SELECT} ORDER BY retired_at IS NOT NULL, code"
    ))?;
    let rows = stmt
        .query_map([], category_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Adds or renames a category, or retires it (national administrators; the list is national).
pub fn save_category(
    store: &mut Store,
    actor: &Actor,
    input: FacilityCategory,
) -> Result<FacilityCategory> {
    actor.require_national_admin()?;
    let mut problems = Vec::new();
    let code = input.code.trim().to_owned();
    if code.is_empty()
        || code.len() > 40
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        problems.push(FieldError::new("code", "code_format"));
    }
    let names = [
        ("name_kk", clean(&input.name_kk)),
        ("name_ru", clean(&input.name_ru)),
        ("name_en", clean(&input.name_en)),
    ];
    for (field, name) in &names {
        if name.is_empty() {
            problems.push(FieldError::new(field, "required"));
        } else if name.chars().count() > 200 {
            problems.push(FieldError::new(field, "too_long").with("max", 200));
        }
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let now = store.now();
    let retired = input.retired_at.as_ref().map(|_| stamp(now));
    let tx = store.write()?;
    let by_code = format!("{CATEGORY_SELECT} WHERE code = ?");
    let before: Option<FacilityCategory> = tx
        .query_row(&by_code, [&code], category_from_row)
        .optional()?;
    tx.execute(
        "INSERT INTO facility_categories (code, name_kk, name_ru, name_en, retired_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (code) DO UPDATE SET name_kk = ?2, name_ru = ?3, name_en = ?4,
             retired_at = CASE WHEN ?5 IS NULL THEN NULL
                               ELSE coalesce(retired_at, ?5) END",
        params![code, names[0].1, names[1].1, names[2].1, retired],
    )?;
    let after: FacilityCategory = tx.query_row(&by_code, [&code], category_from_row)?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&code),
            before: before.map(serde_json::to_value).transpose()?,
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, "facility_category.save", "facility_category")
        },
    )?;
    tx.commit()?;
    Ok(after)
}
