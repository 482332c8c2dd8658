//! Reference data of the unit structure: the six forming agencies (fixed by law, seeded by the
//! migration), unit kinds and positions (editable catalogues national administrators keep).
//! Kinds and positions are retired, never deleted, so units and history naming them still read.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::stamp;
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::clean;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Agency {
    pub id: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitKind {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    /// Order from the largest formation (1) down.
    pub rank: u32,
    pub retired_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Position {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    /// A skill code of the volunteer catalogue the holder must have.
    pub required_skill: Option<String>,
    /// A command post: its vacancies are reported by readiness.
    pub command: bool,
    pub retired_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitCatalogues {
    pub agencies: Vec<Agency>,
    pub kinds: Vec<UnitKind>,
    pub positions: Vec<Position>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitKindDraft {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub rank: u32,
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PositionDraft {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub required_skill: Option<String>,
    pub command: bool,
    pub retired: bool,
}

/// Agencies, kinds and positions (retired ones too, marked); every signed-in user reads them.
pub fn catalogues(store: &Store, actor: &Actor) -> Result<UnitCatalogues> {
    actor.ready()?;
    let conn = store.conn();
    let agencies = conn
        .prepare("SELECT id, name_kk, name_ru, name_en FROM agencies ORDER BY rowid")?
        .query_map([], |r| {
            Ok(Agency {
                id: r.get(0)?,
                name_kk: r.get(1)?,
                name_ru: r.get(2)?,
                name_en: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let kinds = conn
        .prepare(
            "SELECT code, name_kk, name_ru, name_en, rank, retired_at FROM unit_kinds
             ORDER BY rank, code",
        )?
        .query_map([], kind_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(UnitCatalogues {
        agencies,
        kinds,
        positions: positions(conn)?,
    })
}

fn kind_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<UnitKind> {
    Ok(UnitKind {
        code: r.get(0)?,
        name_kk: r.get(1)?,
        name_ru: r.get(2)?,
        name_en: r.get(3)?,
        rank: r.get(4)?,
        retired_at: r.get(5)?,
    })
}

pub(crate) fn positions(conn: &Connection) -> Result<Vec<Position>> {
    Ok(conn
        .prepare(
            "SELECT code, name_kk, name_ru, name_en, required_skill, command, retired_at
             FROM positions ORDER BY command DESC, rowid",
        )?
        .query_map([], position_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

fn position_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Position> {
    Ok(Position {
        code: r.get(0)?,
        name_kk: r.get(1)?,
        name_ru: r.get(2)?,
        name_en: r.get(3)?,
        required_skill: r.get(4)?,
        command: r.get(5)?,
        retired_at: r.get(6)?,
    })
}

pub(crate) fn find_position(conn: &Connection, code: &str) -> Result<Option<Position>> {
    Ok(conn
        .query_row(
            "SELECT code, name_kk, name_ru, name_en, required_skill, command, retired_at
             FROM positions WHERE code = ?",
            [code],
            position_from_row,
        )
        .optional()?)
}

/// Checks a catalogue code and the three names, collecting field problems.
fn check_entry(code: &str, names: [(&str, &str); 3], problems: &mut Vec<FieldError>) {
    let code_ok = (2..=40).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !code_ok {
        problems.push(FieldError::new("code", "code_format"));
    }
    for (field, name) in names {
        if name.is_empty() {
            problems.push(FieldError::new(field, "required"));
        } else if name.chars().count() > 100 {
            problems.push(FieldError::new(field, "too_long").with("max", 100));
        }
    }
}

/// Adds or edits a unit kind (national administrators).
pub fn save_unit_kind(store: &mut Store, actor: &Actor, draft: UnitKindDraft) -> Result<UnitKind> {
    actor.require_national_admin()?;
    let code = draft.code.trim().to_ascii_lowercase();
    let (kk, ru, en) = (
        clean(&draft.name_kk),
        clean(&draft.name_ru),
        clean(&draft.name_en),
    );
    let mut problems = Vec::new();
    check_entry(
        &code,
        [("name_kk", &kk), ("name_ru", &ru), ("name_en", &en)],
        &mut problems,
    );
    if !(1..=99).contains(&draft.rank) {
        problems.push(
            FieldError::new("rank", "out_of_range")
                .with("min", 1)
                .with("max", 99),
        );
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let now = store.now();
    let tx = store.write()?;
    let read = |tx: &Connection| {
        tx.query_row(
            "SELECT code, name_kk, name_ru, name_en, rank, retired_at FROM unit_kinds
             WHERE code = ?",
            [&code],
            kind_from_row,
        )
        .optional()
    };
    let before = read(&tx)?;
    let retired_at = retirement(
        before.as_ref().and_then(|k| k.retired_at.clone()),
        draft.retired,
        now,
    );
    tx.execute(
        "INSERT INTO unit_kinds (code, name_kk, name_ru, name_en, rank, retired_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (code) DO UPDATE SET name_kk = ?2, name_ru = ?3, name_en = ?4, rank = ?5,
             retired_at = ?6",
        params![code, kk, ru, en, draft.rank, retired_at],
    )?;
    let after = read(&tx)?.ok_or_else(|| Error::internal("unit kind vanished after save"))?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&after.code),
            before: before.map(serde_json::to_value).transpose()?,
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, "unit_kind.save", "unit_kind")
        },
    )?;
    tx.commit()?;
    Ok(after)
}

fn retirement(
    before: Option<String>,
    retired: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<String> {
    match (before, retired) {
        (Some(at), true) => Some(at),
        (None, true) => Some(stamp(now)),
        (_, false) => None,
    }
}

/// Adds or edits a position (national administrators). A changed skill requirement is
/// re-applied to the qualification readiness counts of everyone holding the position now.
pub fn save_position(store: &mut Store, actor: &Actor, draft: PositionDraft) -> Result<Position> {
    actor.require_national_admin()?;
    let code = draft.code.trim().to_ascii_lowercase();
    let (kk, ru, en) = (
        clean(&draft.name_kk),
        clean(&draft.name_ru),
        clean(&draft.name_en),
    );
    let skill = draft
        .required_skill
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    let mut problems = Vec::new();
    check_entry(
        &code,
        [("name_kk", &kk), ("name_ru", &ru), ("name_en", &en)],
        &mut problems,
    );
    let now = store.now();
    let tx = store.write()?;
    if let Some(skill) = &skill {
        let known = tx
            .query_row("SELECT 1 FROM skills WHERE code = ?", [skill], |_| Ok(()))
            .optional()?
            .is_some();
        if !known {
            problems.push(FieldError::new("required_skill", "unknown_skill"));
        }
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let before = find_position(&tx, &code)?;
    let retired_at = retirement(
        before.as_ref().and_then(|p| p.retired_at.clone()),
        draft.retired,
        now,
    );
    tx.execute(
        "INSERT INTO positions (code, name_kk, name_ru, name_en, required_skill, command,
             retired_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (code) DO UPDATE SET name_kk = ?2, name_ru = ?3, name_en = ?4,
             required_skill = ?5, command = ?6, retired_at = ?7",
        params![code, kk, ru, en, skill, draft.command, retired_at],
    )?;
    if before.as_ref().map(|p| &p.required_skill) != Some(&skill) {
        super::checks::refresh_position_qualifications(&tx, &code)?;
    }
    let after = find_position(&tx, &code)?
        .ok_or_else(|| Error::internal("position vanished after save"))?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&after.code),
            before: before.map(serde_json::to_value).transpose()?,
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, "position.save", "position")
        },
    )?;
    tx.commit()?;
    Ok(after)
}
