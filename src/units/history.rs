//! A unit's assignment history: who joined and left it, when and why, and for a transfer the
//! unit on the other side. Read from the assignment rows (never rewritten, so the history is
//! as it happened), scoped like the unit itself: whoever may see the unit sees its history.
//!
//! A transfer ends one assignment and starts the next in the same transaction, so the rows
//! share a timestamp; that is how a join is told apart as a transfer in (and a leave as a
//! transfer out), with the reason recorded on the ended row.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::structure::find_unit_in_scope;
use crate::access::Actor;
use crate::db::Store;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnitEventKind {
    Joined,
    TransferredIn,
    Left,
    TransferredOut,
}

/// One event of a unit's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitEvent {
    /// Local date `yyyy-mm-dd` the member joined or left.
    pub date: String,
    pub kind: UnitEventKind,
    pub assignment_id: String,
    pub volunteer_id: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub position: String,
    /// Why the member left, or why they were moved here.
    pub reason: Option<String>,
    /// The unit they came from or went to, on a transfer.
    pub other_unit_id: Option<String>,
    pub other_unit_name: Option<String>,
}

/// At most this many events, newest first (a brigade's history can run long; the member
/// lists and exports carry the rest).
pub const UNIT_HISTORY_LIMIT: usize = 2000;

/// The history of a unit in the actor's scope, newest first.
pub fn unit_history(store: &Store, actor: &Actor, unit_id: &str) -> Result<Vec<UnitEvent>> {
    actor.ready()?;
    let conn = store.conn();
    let unit = find_unit_in_scope(conn, actor, unit_id.trim())?;
    // The unit's rows: the active ones and the ended ones, each from its own partial index
    // (migration 0014). For each: the volunteer's row just before it if that one ended in the
    // same transaction (a transfer in), and the row just after it if it started in the
    // transaction that ended this one (a transfer out).
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.volunteer_id, v.surname, v.given_name, v.patronymic, a.position,
             a.start_date, a.end_date, a.end_reason,
             p.unit_id, pu.name, p.end_reason, n.unit_id, nu.name
         FROM (SELECT seq FROM assignments INDEXED BY assignments_active_by_unit
                   WHERE unit_id = ?1 AND end_date IS NULL
               UNION ALL
               SELECT seq FROM assignments INDEXED BY assignments_ended_by_unit
                   WHERE unit_id = ?1 AND end_date IS NOT NULL) AS mine
         JOIN assignments a ON a.seq = mine.seq
         JOIN volunteers v ON v.id = a.volunteer_id
         LEFT JOIN assignments p ON p.seq = (SELECT max(x.seq) FROM assignments x
                 WHERE x.volunteer_id = a.volunteer_id AND x.seq < a.seq)
             AND p.ended_at = a.created_at
         LEFT JOIN units pu ON pu.id = p.unit_id
         LEFT JOIN assignments n ON n.seq = (SELECT min(x.seq) FROM assignments x
                 WHERE x.volunteer_id = a.volunteer_id AND x.seq > a.seq)
             AND n.created_at = a.ended_at
         LEFT JOIN units nu ON nu.id = n.unit_id
         ORDER BY coalesce(a.end_date, a.start_date) DESC, a.seq DESC
         LIMIT ?2",
    )?;
    let mut rows = stmt.query(rusqlite::params![unit.id, UNIT_HISTORY_LIMIT as i64])?;
    let mut events = Vec::new();
    while let Some(r) = rows.next()? {
        let base = |date: String, kind, reason, other: Option<(String, String)>| {
            Ok::<_, rusqlite::Error>(UnitEvent {
                date,
                kind,
                assignment_id: r.get(0)?,
                volunteer_id: r.get(1)?,
                surname: r.get(2)?,
                given_name: r.get(3)?,
                patronymic: r.get(4)?,
                position: r.get(5)?,
                reason,
                other_unit_id: other.as_ref().map(|o| o.0.clone()),
                other_unit_name: other.map(|o| o.1),
            })
        };
        let start: String = r.get(6)?;
        let end: Option<String> = r.get(7)?;
        let came_from: Option<(String, String)> = match (r.get(9)?, r.get(10)?) {
            (Some(id), Some(name)) => Some((id, name)),
            _ => None,
        };
        let went_to: Option<(String, String)> = match (r.get(12)?, r.get(13)?) {
            (Some(id), Some(name)) => Some((id, name)),
            _ => None,
        };
        if let Some(end) = end {
            let kind = if went_to.is_some() {
                UnitEventKind::TransferredOut
            } else {
                UnitEventKind::Left
            };
            events.push(base(end, kind, r.get(8)?, went_to)?);
        }
        let (kind, reason) = if came_from.is_some() {
            (UnitEventKind::TransferredIn, r.get(11)?)
        } else {
            (UnitEventKind::Joined, None)
        };
        events.push(base(start, kind, reason, came_from)?);
    }
    // A row gives a leave and a join; keep the newest first across both.
    events.sort_by(|a, b| b.date.cmp(&a.date));
    events.truncate(UNIT_HISTORY_LIMIT);
    Ok(events)
}
