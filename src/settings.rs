//! Settings that administrators may change at run time (only the idle sign-out delay for now).

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use validator::Validate;

use crate::access::Actor;
use crate::audit::{self, Event};
use crate::db::Store;
use crate::error::Result;

pub const DEFAULT_IDLE_MINUTES: u32 = 15;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Validate)]
pub struct Settings {
    #[validate(range(min = 1, max = 480))]
    pub idle_timeout_minutes: u32,
}

pub fn idle_timeout_minutes(conn: &Connection) -> Result<u32> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'idle_timeout_minutes'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_IDLE_MINUTES))
}

pub fn get_settings(store: &Store, actor: &Actor) -> Result<Settings> {
    actor.ready()?;
    Ok(Settings {
        idle_timeout_minutes: idle_timeout_minutes(store.conn())?,
    })
}

/// National administrators only: the setting applies to every office.
pub fn update_settings(store: &mut Store, actor: &Actor, input: Settings) -> Result<Settings> {
    actor.require_national_admin()?;
    input.validate()?;
    let now = store.now();
    let tx = store.write()?;
    let before = Settings {
        idle_timeout_minutes: idle_timeout_minutes(&tx)?,
    };
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('idle_timeout_minutes', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [input.idle_timeout_minutes.to_string()],
    )?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some("idle_timeout_minutes"),
            before: Some(serde_json::to_value(&before)?),
            after: Some(serde_json::to_value(&input)?),
            ..Event::by(actor, "settings.update", "settings")
        },
    )?;
    tx.commit()?;
    Ok(input)
}
