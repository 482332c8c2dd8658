//! Appraisals of an asset. Several may exist; exactly one is the basis of the compensation,
//! marked with a reason. Marking another moves the basis (audited with before and after).

use crate::clock::local_today;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::register::{asset_event, find_asset, order_of};
use super::{amount, optional_text, past_date, required_text, Mode};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};

/// An appraisal. Amounts are tiyn. `basis` marks it as the basis at once (needs
/// `basis_reason`); the first appraisal of an asset becomes the basis anyway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewAppraisal {
    pub asset_id: String,
    pub appraiser: String,
    pub method: String,
    pub valuation_date: String,
    #[ts(type = "number")]
    pub market_value: i64,
    #[ts(type = "number | null")]
    pub use_rate_per_day: Option<i64>,
    pub basis: bool,
    pub basis_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Appraisal {
    pub id: String,
    pub asset_id: String,
    pub appraiser: String,
    pub method: String,
    pub valuation_date: String,
    #[ts(type = "number")]
    pub market_value: i64,
    #[ts(type = "number | null")]
    pub use_rate_per_day: Option<i64>,
    pub is_basis: bool,
    pub basis_reason: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MarkBasisInput {
    pub appraisal_id: String,
    pub reason: String,
}

pub(crate) fn appraisals_of(conn: &Connection, asset_id: &str) -> Result<Vec<Appraisal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, asset_id, appraiser, method, valuation_date, market_value, use_rate_per_day,
             is_basis, basis_reason, created_at
         FROM asset_appraisals WHERE asset_id = ? ORDER BY valuation_date, created_at",
    )?;
    let rows = stmt
        .query_map([asset_id], |r| {
            Ok(Appraisal {
                id: r.get(0)?,
                asset_id: r.get(1)?,
                appraiser: r.get(2)?,
                method: r.get(3)?,
                valuation_date: r.get(4)?,
                market_value: r.get(5)?,
                use_rate_per_day: r.get(6)?,
                is_basis: r.get(7)?,
                basis_reason: r.get(8)?,
                created_at: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Records an appraisal. Rule keys: `appraiser|method: required|too_long`;
/// `valuation_date: required|invalid_date|date_future`; `market_value: negative|
/// not_positive|too_large`; `use_rate_per_day: required` (temporary use: the basis needs a
/// rate) `|negative|not_positive|too_large`; `basis_reason: required` when marked as basis.
pub fn appraise(store: &mut Store, actor: &Actor, input: NewAppraisal) -> Result<Appraisal> {
    actor.require_writer()?;
    let now = store.now();
    let asset = find_asset(store.conn(), actor, input.asset_id.trim())?;
    let mode = order_of(store.conn(), &asset.id)?.map(|o| o.mode);
    let mut problems = Vec::new();
    let appraiser = required_text("appraiser", &input.appraiser, 300, &mut problems);
    let method = required_text("method", &input.method, 300, &mut problems);
    let date = past_date(
        "valuation_date",
        &input.valuation_date,
        local_today(now),
        &mut problems,
    );
    let market_value = amount("market_value", input.market_value, true, &mut problems);
    let rate = match input.use_rate_per_day {
        Some(rate) => amount("use_rate_per_day", rate, true, &mut problems),
        None if mode == Some(Mode::TemporaryUse) => {
            problems.push(FieldError::new("use_rate_per_day", "required"));
            None
        }
        None => None,
    };
    let reason = optional_text(
        "basis_reason",
        input.basis_reason.as_deref(),
        1000,
        &mut problems,
    );
    if input.basis && reason.is_none() {
        problems.push(FieldError::new("basis_reason", "required"));
    }
    let (Some(date), Some(market_value)) = (date, market_value) else {
        return Err(Error::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let tx = store.write()?;
    let has_basis = tx
        .query_row(
            "SELECT 1 FROM asset_appraisals WHERE asset_id = ? AND is_basis = 1",
            [&asset.id],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    let basis = input.basis || !has_basis;
    let reason = match (basis, reason) {
        (true, None) => Some("first_appraisal".to_owned()),
        (_, reason) => reason,
    };
    if basis {
        tx.execute(
            "UPDATE asset_appraisals SET is_basis = 0 WHERE asset_id = ? AND is_basis = 1",
            [&asset.id],
        )?;
    }
    let id = new_id(now).to_string();
    tx.execute(
        "INSERT INTO asset_appraisals (id, asset_id, appraiser, method, valuation_date,
             market_value, use_rate_per_day, is_basis, basis_reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            asset.id,
            appraiser,
            method,
            date.to_string(),
            market_value,
            rate,
            basis,
            reason,
            stamp(now)
        ],
    )?;
    let appraisal = appraisals_of(&tx, &asset.id)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::internal("appraisal vanished"))?;
    audit::record(
        &tx,
        now,
        Event {
            after: Some(serde_json::to_value(&appraisal)?),
            ..asset_event(actor, "asset.appraise", &asset)
        },
    )?;
    tx.commit()?;
    Ok(appraisal)
}

/// Moves the basis to another appraisal of the same asset. Rule keys: `reason:
/// required|too_long`; a temporary-use asset's basis needs a use rate
/// (`appraisal_id: no_use_rate`); `not_found/appraisal`, `forbidden/out_of_scope`.
pub fn mark_basis(store: &mut Store, actor: &Actor, input: MarkBasisInput) -> Result<Appraisal> {
    actor.require_writer()?;
    let now = store.now();
    let asset_id: Option<String> = store
        .conn()
        .query_row(
            "SELECT asset_id FROM asset_appraisals WHERE id = ?",
            [input.appraisal_id.trim()],
            |r| r.get(0),
        )
        .optional()?;
    let asset_id = asset_id.ok_or_else(|| Error::not_found("appraisal"))?;
    let asset = find_asset(store.conn(), actor, &asset_id)?;
    let mut problems = Vec::new();
    let reason = required_text("reason", &input.reason, 1000, &mut problems);
    let all = appraisals_of(store.conn(), &asset.id)?;
    let before = all.iter().find(|a| a.is_basis).cloned();
    let target = all
        .iter()
        .find(|a| a.id == input.appraisal_id.trim())
        .cloned()
        .ok_or_else(|| Error::not_found("appraisal"))?;
    let mode = order_of(store.conn(), &asset.id)?.map(|o| o.mode);
    if mode == Some(Mode::TemporaryUse) && target.use_rate_per_day.is_none() {
        problems.push(FieldError::new("appraisal_id", "no_use_rate"));
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let tx = store.write()?;
    tx.execute(
        "UPDATE asset_appraisals SET is_basis = 0 WHERE asset_id = ? AND is_basis = 1",
        [&asset.id],
    )?;
    tx.execute(
        "UPDATE asset_appraisals SET is_basis = 1, basis_reason = ? WHERE id = ?",
        params![reason, target.id],
    )?;
    let after = appraisals_of(&tx, &asset.id)?
        .into_iter()
        .find(|a| a.id == target.id)
        .ok_or_else(|| Error::internal("appraisal vanished"))?;
    audit::record(
        &tx,
        now,
        Event {
            before: before.map(|b| serde_json::json!({"basis": b.id, "reason": b.basis_reason})),
            after: Some(serde_json::json!({"basis": after.id, "reason": after.basis_reason})),
            ..asset_event(actor, "asset.basis", &asset)
        },
    )?;
    tx.commit()?;
    Ok(after)
}
