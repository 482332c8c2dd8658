//! Declared unavailability: days a volunteer has said they cannot serve (leave, illness,
//! civilian work, other). Guard rosters never put a volunteer on such a day; a mobilisation
//! call-out lists them apart with the reason instead of dropping them.
//!
//! Scoped like a volunteer edit: writers (administrators and district operators) reach the
//! volunteers of their scope, viewers read. Every declaration and removal is audited in the
//! same transaction with the volunteer's region and district, so it shows in their history.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::record::{find_in_scope, volunteer_event};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::clean;

/// The longest single declaration: a year. Longer absences are a discharge, not leave.
pub const MAX_UNAVAILABLE_DAYS: i64 = 366;
pub const MAX_NOTE_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnavailabilityKind {
    Leave,
    Illness,
    Work,
    Other,
}

impl UnavailabilityKind {
    pub const ALL: [UnavailabilityKind; 4] = [
        UnavailabilityKind::Leave,
        UnavailabilityKind::Illness,
        UnavailabilityKind::Work,
        UnavailabilityKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UnavailabilityKind::Leave => "leave",
            UnavailabilityKind::Illness => "illness",
            UnavailabilityKind::Work => "work",
            UnavailabilityKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnavailabilityInput {
    pub volunteer_id: String,
    /// Local dates `yyyy-mm-dd`, inclusive.
    pub from_date: String,
    pub to_date: String,
    pub kind: UnavailabilityKind,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Unavailability {
    pub id: String,
    pub volunteer_id: String,
    pub from_date: String,
    pub to_date: String,
    pub kind: UnavailabilityKind,
    pub note: Option<String>,
    pub created_at: String,
    pub created_by: String,
}

const COLUMNS: &str = "id, volunteer_id, from_date, to_date, kind, note, created_at, created_by";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Unavailability> {
    let kind: String = r.get(4)?;
    Ok(Unavailability {
        id: r.get(0)?,
        volunteer_id: r.get(1)?,
        from_date: r.get(2)?,
        to_date: r.get(3)?,
        kind: UnavailabilityKind::parse(&kind)
            .ok_or_else(|| crate::db::unknown_code(4, "unavailability kind", &kind))?,
        note: r.get(5)?,
        created_at: r.get(6)?,
        created_by: r.get(7)?,
    })
}

fn date(field: &str, text: &str, problems: &mut Vec<FieldError>) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push(FieldError::new(field, "invalid_date"));
            None
        }
    }
}

/// Declares a period a volunteer of the actor's scope cannot serve.
pub fn declare_unavailability(
    store: &mut Store,
    actor: &Actor,
    input: UnavailabilityInput,
) -> Result<Unavailability> {
    actor.require_writer()?;
    let now = store.now();
    let mut problems = Vec::new();
    let from = date("from_date", &input.from_date, &mut problems);
    let to = date("to_date", &input.to_date, &mut problems);
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            problems.push(FieldError::new("to_date", "before_from_date"));
        } else if (to - from).num_days() + 1 > MAX_UNAVAILABLE_DAYS {
            problems.push(
                FieldError::new("to_date", "period_too_long").with("max", MAX_UNAVAILABLE_DAYS),
            );
        }
    }
    let note = input.note.as_deref().map(clean).filter(|n| !n.is_empty());
    if note
        .as_ref()
        .is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS)
    {
        problems.push(FieldError::new("note", "too_long").with("max", MAX_NOTE_CHARS));
    }
    let tx = store.write()?;
    let volunteer = find_in_scope(&tx, actor, input.volunteer_id.trim())?;
    let (Some(from), Some(to)) = (from, to) else {
        return Err(Error::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let row = Unavailability {
        id: new_id(now).to_string(),
        volunteer_id: volunteer.id.clone(),
        from_date: from.format("%Y-%m-%d").to_string(),
        to_date: to.format("%Y-%m-%d").to_string(),
        kind: input.kind,
        note,
        created_at: stamp(now),
        created_by: actor.username().to_owned(),
    };
    tx.execute(
        &format!("INSERT INTO volunteer_unavailability ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        params![
            row.id,
            row.volunteer_id,
            row.from_date,
            row.to_date,
            row.kind.as_str(),
            row.note,
            row.created_at,
            row.created_by
        ],
    )?;
    audit::record(
        &tx,
        now,
        Event {
            after: Some(serde_json::to_value(&row)?),
            ..volunteer_event(actor, "volunteer.unavailability_declare", &volunteer)
        },
    )?;
    tx.commit()?;
    Ok(row)
}

/// The declared periods of a volunteer of the actor's scope, latest first.
pub fn list_unavailability(
    store: &Store,
    actor: &Actor,
    volunteer_id: &str,
) -> Result<Vec<Unavailability>> {
    actor.ready()?;
    let volunteer = find_in_scope(store.conn(), actor, volunteer_id.trim())?;
    let mut stmt = store.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM volunteer_unavailability WHERE volunteer_id = ?
         ORDER BY from_date DESC, id DESC"
    ))?;
    let rows = stmt
        .query_map([&volunteer.id], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn by_id(conn: &Connection, id: &str) -> Result<Option<Unavailability>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM volunteer_unavailability WHERE id = ?"),
            [id],
            from_row,
        )
        .optional()?)
}

/// Removes a declaration (entered by mistake, or the person is available after all).
pub fn remove_unavailability(store: &mut Store, actor: &Actor, id: &str) -> Result<()> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let Some(row) = by_id(&tx, id.trim())? else {
        return Err(Error::not_found("unavailability"));
    };
    let volunteer = find_in_scope(&tx, actor, &row.volunteer_id)?;
    tx.execute(
        "DELETE FROM volunteer_unavailability WHERE id = ?",
        [&row.id],
    )?;
    audit::record(
        &tx,
        now,
        Event {
            before: Some(serde_json::to_value(&row)?),
            ..volunteer_event(actor, "volunteer.unavailability_remove", &volunteer)
        },
    )?;
    tx.commit()?;
    Ok(())
}
