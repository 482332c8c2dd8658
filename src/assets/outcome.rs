//! The end of a holding: the return of an asset (with its condition and appraised loss of
//! value) or its total loss. One or the other, once: no return after a total loss, no total
//! loss after a return, and an asset whose ownership was transferred is neither returned nor
//! recorded as lost (it is the state's).

use crate::clock::local_today;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::register::{asset_event, find_asset, order_of, Asset, RequisitionOrder};
use super::{amount, past_date, required_text, LossKind, Mode};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::stamp;
use crate::db::Store;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReturnInput {
    pub asset_id: String,
    pub returned_on: String,
    pub condition: String,
    /// Appraised loss of value, tiyn (0 when returned as taken).
    #[ts(type = "number")]
    pub loss_of_value: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LossInput {
    pub asset_id: String,
    pub kind: LossKind,
    pub lost_on: String,
    pub circumstances: String,
}

/// How a holding ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Returned {
        returned_on: String,
        condition: String,
        #[ts(type = "number")]
        loss_of_value: i64,
    },
    Lost {
        kind: LossKind,
        lost_on: String,
        circumstances: String,
    },
}

/// outcome, date, condition, loss of value, loss kind, circumstances.
type OutcomeRow = (
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
);

pub(crate) fn outcome_of(conn: &Connection, asset_id: &str) -> Result<Option<Outcome>> {
    let row: Option<OutcomeRow> = conn
        .query_row(
            "SELECT outcome, outcome_date, condition, loss_of_value, loss_kind, circumstances
             FROM asset_outcomes WHERE asset_id = ?",
            [asset_id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((outcome, date, condition, loss, kind, circumstances)) = row else {
        return Ok(None);
    };
    // The schema's CHECKs pair each outcome with its fields; anything else is a damaged row,
    // and guessing would pick the wrong compensation (market value for a loss, the use rate and
    // the loss of value for a return).
    let damaged = || Error::internal(format!("asset {asset_id}: unreadable outcome {outcome:?}"));
    Ok(Some(match (outcome.as_str(), kind.as_deref(), loss) {
        ("lost", Some(kind), _) => Outcome::Lost {
            kind: LossKind::parse(kind).ok_or_else(damaged)?,
            lost_on: date,
            circumstances: circumstances.unwrap_or_default(),
        },
        ("returned", None, Some(loss_of_value)) => Outcome::Returned {
            returned_on: date,
            condition: condition.unwrap_or_default(),
            loss_of_value,
        },
        _ => return Err(damaged()),
    }))
}

/// The checks both endings share: an order exists, the ownership was not transferred, and
/// the holding has not ended yet. Reasons: `conflict/not_requisitioned`,
/// `conflict/transferred_asset`, `conflict/already_returned`, `conflict/already_lost`.
fn open_holding(conn: &Connection, asset: &Asset) -> Result<RequisitionOrder> {
    let order = order_of(conn, &asset.id)?.ok_or_else(|| {
        Error::conflict(
            "not_requisitioned",
            "this asset has no requisition order yet",
        )
    })?;
    if order.mode == Mode::TransferOfOwnership {
        return Err(Error::conflict(
            "transferred_asset",
            "the ownership of this asset was transferred: it is not returned",
        ));
    }
    match outcome_of(conn, &asset.id)? {
        Some(Outcome::Returned { .. }) => Err(Error::conflict(
            "already_returned",
            "this asset was already returned",
        )),
        Some(Outcome::Lost { .. }) => Err(Error::conflict(
            "already_lost",
            "this asset was recorded as a total loss",
        )),
        None => Ok(order),
    }
}

fn end_date(
    field: &str,
    text: &str,
    order: &RequisitionOrder,
    today: NaiveDate,
    problems: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    let date = past_date(field, text, today, problems)?;
    let intake = NaiveDate::parse_from_str(&order.intake_date, "%Y-%m-%d").ok()?;
    if date < intake {
        problems.push(FieldError::new(field, "before_intake").with("intake_date", intake));
        return None;
    }
    Some(date)
}

/// Records the return of a temporarily used asset. Rule keys: `returned_on: required|
/// invalid_date|date_future|before_intake`; `condition: required|too_long`;
/// `loss_of_value: negative|too_large`; transition reasons as [`open_holding`].
pub fn record_return(store: &mut Store, actor: &Actor, input: ReturnInput) -> Result<Outcome> {
    actor.require_writer()?;
    let now = store.now();
    let asset = find_asset(store.conn(), actor, input.asset_id.trim())?;
    let order = open_holding(store.conn(), &asset)?;
    let mut problems = Vec::new();
    let date = end_date(
        "returned_on",
        &input.returned_on,
        &order,
        local_today(now),
        &mut problems,
    );
    let condition = required_text("condition", &input.condition, 4000, &mut problems);
    let loss = amount("loss_of_value", input.loss_of_value, false, &mut problems);
    let (Some(date), Some(loss)) = (date, loss) else {
        return Err(Error::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let tx = store.write()?;
    open_holding(&tx, &asset)?;
    tx.execute(
        "INSERT INTO asset_outcomes (asset_id, outcome, outcome_date, condition, loss_of_value,
             created_at) VALUES (?1, 'returned', ?2, ?3, ?4, ?5)",
        params![asset.id, date.to_string(), condition, loss, stamp(now)],
    )?;
    let outcome = write_audit(&tx, now, actor, &asset, "asset.return")?;
    tx.commit()?;
    Ok(outcome)
}

/// Records a total loss (destroyed, lost, consumed). Rule keys: `lost_on: required|
/// invalid_date|date_future|before_intake`; `circumstances: required|too_long`; transition
/// reasons as [`open_holding`].
pub fn record_loss(store: &mut Store, actor: &Actor, input: LossInput) -> Result<Outcome> {
    actor.require_writer()?;
    let now = store.now();
    let asset = find_asset(store.conn(), actor, input.asset_id.trim())?;
    let order = open_holding(store.conn(), &asset)?;
    let mut problems = Vec::new();
    let date = end_date(
        "lost_on",
        &input.lost_on,
        &order,
        local_today(now),
        &mut problems,
    );
    let circumstances = required_text("circumstances", &input.circumstances, 4000, &mut problems);
    let Some(date) = date else {
        return Err(Error::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let tx = store.write()?;
    open_holding(&tx, &asset)?;
    tx.execute(
        "INSERT INTO asset_outcomes (asset_id, outcome, outcome_date, loss_kind, circumstances,
             created_at) VALUES (?1, 'lost', ?2, ?3, ?4, ?5)",
        params![
            asset.id,
            date.to_string(),
            input.kind.as_str(),
            circumstances,
            stamp(now)
        ],
    )?;
    let outcome = write_audit(&tx, now, actor, &asset, "asset.loss")?;
    tx.commit()?;
    Ok(outcome)
}

fn write_audit(
    tx: &rusqlite::Transaction<'_>,
    now: chrono::DateTime<chrono::Utc>,
    actor: &Actor,
    asset: &Asset,
    action: &str,
) -> Result<Outcome> {
    let outcome = outcome_of(tx, &asset.id)?.ok_or_else(|| Error::internal("outcome vanished"))?;
    audit::record(
        tx,
        now,
        Event {
            after: Some(serde_json::to_value(&outcome)?),
            ..asset_event(actor, action, asset)
        },
    )?;
    Ok(outcome)
}
