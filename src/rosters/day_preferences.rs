//! Volunteers' preferred and undesired weekdays: soft preferences the auto-fill weighs (never a
//! hard rule), read and replaced through the volunteer's region or district, every change
//! audited. Re-exported by `limits`, beside the weights that price them.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::Actor;
use crate::audit::{self, Event};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayPreferencesInput {
    pub volunteer_id: String,
    /// 0 = Monday .. 6 = Sunday.
    pub preferred: Vec<u8>,
    pub undesired: Vec<u8>,
}

/// Replaces a volunteer's preferred and undesired weekdays (writers within the volunteer's
/// region or district).
pub fn set_day_preferences(
    store: &mut Store,
    actor: &Actor,
    input: DayPreferencesInput,
) -> Result<()> {
    actor.require_writer()?;
    let mut problems = Vec::new();
    for (field, days) in [
        ("preferred", &input.preferred),
        ("undesired", &input.undesired),
    ] {
        if days.iter().any(|d| *d > 6) {
            problems.push(FieldError::new(field, "weekday_range"));
        }
    }
    if input.preferred.iter().any(|d| input.undesired.contains(d)) {
        problems.push(FieldError::new("undesired", "preferred_and_undesired"));
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let now = store.now();
    let tx = store.write()?;
    let id = input.volunteer_id.trim();
    let volunteer = crate::volunteers::find_in_scope(&tx, actor, id)?;
    tx.execute(
        "DELETE FROM volunteer_day_preferences WHERE volunteer_id = ?",
        [id],
    )?;
    for (days, kind) in [
        (&input.preferred, "preferred"),
        (&input.undesired, "undesired"),
    ] {
        for d in days {
            tx.execute(
                "INSERT OR REPLACE INTO volunteer_day_preferences (volunteer_id, weekday, preference)
                 VALUES (?1, ?2, ?3)",
                params![id, d, kind],
            )?;
        }
    }
    audit::record(
        &tx,
        now,
        Event {
            after: Some(serde_json::to_value(&input)?),
            ..crate::volunteers::volunteer_event(actor, "volunteer.day_preferences", &volunteer)
        },
    )?;
    tx.commit()?;
    Ok(())
}

/// A volunteer's preferred and undesired weekdays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayPreferences {
    pub volunteer_id: String,
    /// 0 = Monday .. 6 = Sunday, ascending.
    pub preferred: Vec<u8>,
    pub undesired: Vec<u8>,
}

/// A volunteer's weekdays, read through the actor's scope (the volunteer's region or district).
pub fn day_preferences(store: &Store, actor: &Actor, volunteer_id: &str) -> Result<DayPreferences> {
    actor.ready()?;
    let conn = store.conn();
    let id = volunteer_id.trim();
    crate::volunteers::find_in_scope(conn, actor, id)?;
    let mut out = DayPreferences {
        volunteer_id: id.to_owned(),
        preferred: Vec::new(),
        undesired: Vec::new(),
    };
    let mut stmt = conn.prepare(
        "SELECT weekday, preference FROM volunteer_day_preferences WHERE volunteer_id = ?
         ORDER BY weekday",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let day: u8 = r.get(0)?;
        let kind: String = r.get(1)?;
        if kind == "preferred" {
            out.preferred.push(day);
        } else {
            out.undesired.push(day);
        }
    }
    Ok(out)
}
