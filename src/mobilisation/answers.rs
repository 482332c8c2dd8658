//! Contact attempts, answers and undo for one call-out row.
//!
//! Every answer is an event in `response_events` and the row keeps the current one, so the
//! desk reads one row and an undo returns the row to the answer before the mistaken one. The
//! checks: the activation is active (a closed one is frozen), the volunteer is on its list
//! (not listed apart), the row is in the actor's scope (an operator works their district's
//! rows), "reported" is not before the declaration nor in the future, "excused" has a reason.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::declare::require_active;
use super::model::{parse_local_instant, Activation, CallRow, Channel, ContactOutcome, Response};
use super::read::{find_activation, row_from, ROW_COLUMNS, ROW_JOIN};
use crate::access::{Actor, Scope};
use crate::audit::{self, Event};
use crate::clock::{new_id, parse_stamp, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::clean;

/// An answer entered at the desk. The volunteer is named by id or by IIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MarkInput {
    pub activation_id: String,
    pub volunteer_id: Option<String>,
    pub iin: Option<String>,
    pub response: Response,
    /// Local (UTC+5) time the volunteer reported; `None`: now. Only for `reported`.
    pub reported_at: Option<String>,
    /// Why excused (required for `excused`), or a note.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactInput {
    pub activation_id: String,
    pub volunteer_id: String,
    /// Local (UTC+5) time of the attempt; `None`: now.
    pub at: Option<String>,
    pub channel: Channel,
    pub outcome: ContactOutcome,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UndoInput {
    pub activation_id: String,
    /// Undo the latest answer on this volunteer's row; `None`: the actor's own latest answer
    /// in this activation (the desk's "undo the last mark").
    pub volunteer_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UndoReport {
    /// The answer that was undone.
    pub undone: Response,
    /// The row as it stands now.
    pub row: CallRow,
}

/// A row found for a write: its key, scope and current answer.
pub(crate) struct Target {
    pub seq: i64,
    pub volunteer_id: String,
    pub region_id: String,
    pub district_id: String,
    pub excluded: Option<String>,
    pub response: String,
    pub reported_at: Option<String>,
    pub reason: Option<String>,
}

pub(crate) fn target_by_volunteer(
    conn: &Connection,
    activation_id: &str,
    volunteer_id: &str,
) -> Result<Option<Target>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.seq, v.id, c.region_id, c.district_id, c.excluded, c.response,
                    c.reported_at, c.reason
             FROM volunteers v CROSS JOIN callout_rows c
                 ON c.activation_seq = (SELECT seq FROM activations WHERE id = ?1)
                 AND c.volunteer_seq = v.seq
             WHERE v.id = ?2",
        )?
        .query_row([activation_id, volunteer_id], |r| {
            Ok(Target {
                seq: r.get(0)?,
                volunteer_id: r.get(1)?,
                region_id: r.get(2)?,
                district_id: r.get(3)?,
                excluded: r.get(4)?,
                response: r.get(5)?,
                reported_at: r.get(6)?,
                reason: r.get(7)?,
            })
        })
        .optional()?)
}

pub(crate) fn volunteer_by_iin(conn: &Connection, iin: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT id FROM volunteers WHERE iin = ?")?
        .query_row([iin], |r| r.get(0))
        .optional()?)
}

pub(crate) fn in_scope(actor: &Actor, region: &str, district: &str) -> bool {
    match actor.scope() {
        Scope::National => true,
        Scope::Region(r) => r == region,
        Scope::District { district_id, .. } => district_id == district,
    }
}

/// The row of a volunteer named by id or IIN, in the actor's scope and open to answers.
fn writable_target(
    conn: &Connection,
    actor: &Actor,
    activation: &Activation,
    volunteer_id: Option<&str>,
    iin: Option<&str>,
) -> Result<Target> {
    let volunteer_id = match (volunteer_id.map(str::trim), iin.map(str::trim)) {
        (Some(id), _) if !id.is_empty() => id.to_owned(),
        (_, Some(iin)) if !iin.is_empty() => match volunteer_by_iin(conn, iin)? {
            Some(id) => id,
            None => return Err(Error::field("iin", "unknown_iin")),
        },
        _ => return Err(Error::field("volunteer", "required")),
    };
    let Some(target) = target_by_volunteer(conn, &activation.id, &volunteer_id)? else {
        return Err(Error::field("volunteer", "not_in_activation"));
    };
    if !in_scope(actor, &target.region_id, &target.district_id) {
        return Err(Error::forbidden("out_of_scope"));
    }
    if let Some(why) = &target.excluded {
        return Err(Error::conflict(
            "volunteer_excluded",
            "the volunteer is listed apart from the call-out",
        )
        .with("exclusion", why));
    }
    Ok(target)
}

/// An instant at or after the declaration and not in the future (five minutes' grace for
/// clocks of other machines).
fn answer_time(
    field: &str,
    text: Option<&str>,
    activation: &Activation,
    now: DateTime<Utc>,
    problems: &mut Vec<FieldError>,
) -> Option<DateTime<Utc>> {
    let at = match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => now,
        Some(t) => match parse_local_instant(t) {
            Some(at) => at,
            None => {
                problems.push(FieldError::new(field, "invalid_datetime"));
                return None;
            }
        },
    };
    let declared = parse_stamp(&activation.declared_at)?;
    if at < declared {
        problems.push(
            FieldError::new(field, "before_declared").with("declared_at", &activation.declared_at),
        );
        return None;
    }
    if at > now + Duration::minutes(5) {
        problems.push(FieldError::new(field, "datetime_future"));
        return None;
    }
    Some(at)
}

/// The answer's own checks, shared with the sheet merge: returns (reported_at, reason).
pub(crate) fn check_answer(
    activation: &Activation,
    response: Response,
    reported_at: Option<&str>,
    reason: Option<&str>,
    now: DateTime<Utc>,
    problems: &mut Vec<FieldError>,
) -> (Option<String>, Option<String>) {
    let reason = reason.map(clean).filter(|r| !r.is_empty());
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        problems.push(FieldError::new("reason", "too_long").with("max", 500));
    }
    match response {
        Response::Pending => {
            problems.push(FieldError::new("response", "unknown_value"));
            (None, reason)
        }
        Response::Reported => {
            let at = answer_time("reported_at", reported_at, activation, now, problems);
            (at.map(stamp), reason)
        }
        Response::Excused if reason.is_none() => {
            problems.push(FieldError::new("reason", "required"));
            (None, None)
        }
        _ => (None, reason),
    }
}

/// Writes an answer to a row: the event, the row's current state, the audit entry.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_answer(
    tx: &Transaction<'_>,
    actor: &Actor,
    activation: &Activation,
    target: &Target,
    response: Response,
    reported_at: Option<&str>,
    reason: Option<&str>,
    source: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO response_events (activation_id, row_seq, response, reported_at, reason,
             source, recorded_at, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        activation.id,
        target.seq,
        response.as_str(),
        reported_at,
        reason,
        source,
        stamp(now),
        actor.username()
    ])?;
    tx.prepare_cached(
        "UPDATE callout_rows SET response = ?2, reported_at = ?3, reason = ?4 WHERE seq = ?1",
    )?
    .execute(params![target.seq, response.as_str(), reported_at, reason])?;
    audit::record(
        tx,
        now,
        Event {
            entity_id: Some(&target.volunteer_id),
            region_id: Some(&target.region_id),
            district_id: Some(&target.district_id),
            before: Some(serde_json::json!({
                "activation_id": activation.id, "response": target.response,
                "reported_at": target.reported_at, "reason": target.reason
            })),
            after: Some(serde_json::json!({
                "activation_id": activation.id, "response": response.as_str(),
                "reported_at": reported_at, "reason": reason, "source": source
            })),
            ..Event::by(actor, "activation.answer", "volunteer")
        },
    )
}

fn current_row(conn: &Connection, seq: i64) -> Result<CallRow> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM callout_rows c {ROW_JOIN} WHERE c.seq = ?"
        ))?
        .query_row([seq], row_from)?)
}

/// Records an answer (will report, reported, excused, not reached, absent).
pub fn mark(store: &mut Store, actor: &Actor, input: MarkInput) -> Result<CallRow> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let activation = find_activation(&tx, actor, input.activation_id.trim())?;
    require_active(&activation)?;
    let target = writable_target(
        &tx,
        actor,
        &activation,
        input.volunteer_id.as_deref(),
        input.iin.as_deref(),
    )?;
    let mut problems = Vec::new();
    let (reported_at, reason) = check_answer(
        &activation,
        input.response,
        input.reported_at.as_deref(),
        input.reason.as_deref(),
        now,
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    if target.response == input.response.as_str() {
        return Err(
            Error::conflict("already_marked", "the volunteer already has this answer")
                .with("response", input.response.as_str()),
        );
    }
    write_answer(
        &tx,
        actor,
        &activation,
        &target,
        input.response,
        reported_at.as_deref(),
        reason.as_deref(),
        "desk",
        now,
    )?;
    let row = current_row(&tx, target.seq)?;
    tx.commit()?;
    Ok(row)
}

/// Undoes the latest answer of a row (or the actor's own latest in the activation): the
/// event is kept and marked undone, the row returns to the answer before it.
pub fn undo_last(store: &mut Store, actor: &Actor, input: UndoInput) -> Result<UndoReport> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let activation = find_activation(&tx, actor, input.activation_id.trim())?;
    require_active(&activation)?;
    let event: Option<(i64, i64, String)> = match input.volunteer_id.as_deref().map(str::trim) {
        Some(volunteer) if !volunteer.is_empty() => {
            let target = writable_target(&tx, actor, &activation, Some(volunteer), None)?;
            tx.query_row(
                "SELECT seq, row_seq, response FROM response_events
                 WHERE row_seq = ? AND undone_at IS NULL ORDER BY seq DESC LIMIT 1",
                [target.seq],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
        }
        _ => tx
            .query_row(
                "SELECT seq, row_seq, response FROM response_events
                 WHERE activation_id = ? AND recorded_by = ? AND undone_at IS NULL
                 ORDER BY seq DESC LIMIT 1",
                [&activation.id, actor.username()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?,
    };
    let Some((event_seq, row_seq, undone)) = event else {
        return Err(Error::conflict(
            "nothing_to_undo",
            "there is no answer to undo",
        ));
    };
    let before = current_row(&tx, row_seq)?;
    if !in_scope(actor, &before.region_id, &before.district_id) {
        return Err(Error::forbidden("out_of_scope"));
    }
    tx.execute(
        "UPDATE response_events SET undone_at = ?2, undone_by = ?3 WHERE seq = ?1",
        params![event_seq, stamp(now), actor.username()],
    )?;
    let previous: Option<(String, Option<String>, Option<String>)> = tx
        .query_row(
            "SELECT response, reported_at, reason FROM response_events
             WHERE row_seq = ? AND undone_at IS NULL ORDER BY seq DESC LIMIT 1",
            [row_seq],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (response, reported_at, reason) =
        previous.unwrap_or_else(|| ("pending".to_owned(), None, None));
    tx.execute(
        "UPDATE callout_rows SET response = ?2, reported_at = ?3, reason = ?4 WHERE seq = ?1",
        params![row_seq, response, reported_at, reason],
    )?;
    let row = current_row(&tx, row_seq)?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&row.volunteer_id),
            region_id: Some(&row.region_id),
            district_id: Some(&row.district_id),
            before: Some(serde_json::json!({
                "activation_id": activation.id, "response": before.response.as_str(),
                "reported_at": before.reported_at, "reason": before.reason
            })),
            after: Some(serde_json::json!({
                "activation_id": activation.id, "response": row.response.as_str(),
                "reported_at": row.reported_at, "reason": row.reason, "undone": undone
            })),
            ..Event::by(actor, "activation.undo", "volunteer")
        },
    )?;
    tx.commit()?;
    Ok(UndoReport {
        undone: Response::parse(&undone).unwrap_or(Response::Pending),
        row,
    })
}

/// Records one attempt to reach a volunteer; `reached` marks the row reached.
pub fn record_contact(store: &mut Store, actor: &Actor, input: ContactInput) -> Result<CallRow> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let activation = find_activation(&tx, actor, input.activation_id.trim())?;
    require_active(&activation)?;
    let target = writable_target(&tx, actor, &activation, Some(&input.volunteer_id), None)?;
    let mut problems = Vec::new();
    let at = answer_time("at", input.at.as_deref(), &activation, now, &mut problems);
    let note = input.note.as_deref().map(clean).filter(|n| !n.is_empty());
    if note.as_ref().is_some_and(|n| n.chars().count() > 500) {
        problems.push(FieldError::new("note", "too_long").with("max", 500));
    }
    let Some(at) = at.filter(|_| problems.is_empty()) else {
        return Err(Error::invalid(problems));
    };
    let id = new_id(now).to_string();
    tx.execute(
        "INSERT INTO contact_attempts (id, row_seq, at, channel, outcome, note, recorded_at,
             recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            target.seq,
            stamp(at),
            input.channel.as_str(),
            input.outcome.as_str(),
            note,
            stamp(now),
            actor.username()
        ],
    )?;
    if input.outcome == ContactOutcome::Reached {
        tx.execute(
            "UPDATE callout_rows SET reached = 1 WHERE seq = ?",
            [target.seq],
        )?;
    }
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&target.volunteer_id),
            region_id: Some(&target.region_id),
            district_id: Some(&target.district_id),
            after: Some(serde_json::json!({
                "activation_id": activation.id, "at": stamp(at),
                "channel": input.channel.as_str(), "outcome": input.outcome.as_str(), "note": note
            })),
            ..Event::by(actor, "activation.contact", "volunteer")
        },
    )?;
    let row = current_row(&tx, target.seq)?;
    tx.commit()?;
    Ok(row)
}
