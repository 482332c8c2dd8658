//! One asset in full: owner, order, files, appraisals, outcome, claim, the computed
//! compensation and the timeline (its audit entries, oldest first).

use crate::clock::local_today;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::appraisals::{appraisals_of, Appraisal};
use super::claims::{claim_of_asset, Claim};
use super::compensation::{compute, CompensationBreakdown, CompensationInput, Holding};
use super::outcome::{outcome_of, Outcome};
use super::owners::{find_owner, Owner};
use super::register::{find_asset, order_of, Asset, AssetFile, RequisitionOrder};
use crate::access::Actor;
use crate::audit::{self, AuditEntry, ENTRY_SELECT};
use crate::db::Store;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetDetail {
    pub asset: Asset,
    pub owner: Owner,
    pub order: Option<RequisitionOrder>,
    pub files: Vec<AssetFile>,
    pub appraisals: Vec<Appraisal>,
    pub outcome: Option<Outcome>,
    pub claim: Option<Claim>,
    /// The computation to date (`None` before the requisition order).
    pub compensation: Option<CompensationBreakdown>,
    /// The rule key of a computation that could not be made (e.g. `overflow`).
    pub compensation_problem: Option<String>,
    /// The local date the computation runs to (today while the asset is held).
    pub computed_on: String,
    pub history: Vec<AuditEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileContent {
    pub file: AssetFile,
    pub data: Vec<u8>,
}

fn date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::internal(format!("stored date {text:?} is not yyyy-mm-dd")))
}

/// The computation for a stored asset on `today`, or `None` before its order.
pub(crate) fn compensation_of(
    conn: &Connection,
    asset_id: &str,
    today: NaiveDate,
) -> Result<Option<Result<CompensationBreakdown>>> {
    let Some(order) = order_of(conn, asset_id)? else {
        return Ok(None);
    };
    let basis = appraisals_of(conn, asset_id)?
        .into_iter()
        .find(|a| a.is_basis);
    let holding = match outcome_of(conn, asset_id)? {
        None => Holding::Held { today },
        Some(Outcome::Returned {
            returned_on,
            loss_of_value,
            ..
        }) => Holding::Returned {
            on: date(&returned_on)?,
            loss_of_value,
        },
        Some(Outcome::Lost { lost_on, .. }) => Holding::Lost {
            on: date(&lost_on)?,
        },
    };
    let claim = claim_of_asset(conn, asset_id)?;
    Ok(Some(compute(&CompensationInput {
        mode: order.mode,
        intake: date(&order.intake_date)?,
        holding,
        market_value: basis.as_ref().map(|b| b.market_value),
        use_rate_per_day: basis.and_then(|b| b.use_rate_per_day),
        decided: claim.as_ref().and_then(|c| c.amount_decided),
        paid: claim.map(|c| c.amount_paid).unwrap_or(0),
    })))
}

fn files_of(conn: &Connection, asset_id: &str) -> Result<Vec<AssetFile>> {
    let files = conn
        .prepare_cached(
            "SELECT id, name, media_type, size, sha256, created_at FROM asset_files
             WHERE asset_id = ? ORDER BY created_at, id",
        )?
        .query_map([asset_id], |r| {
            Ok(AssetFile {
                id: r.get(0)?,
                name: r.get(1)?,
                media_type: r.get(2)?,
                size: r.get(3)?,
                sha256: r.get(4)?,
                created_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(files)
}

fn history_of(conn: &Connection, asset_id: &str) -> Result<Vec<AuditEntry>> {
    let entries = conn
        .prepare_cached(&format!("{ENTRY_SELECT} WHERE entity_id = ? ORDER BY seq"))?
        .query_map([asset_id], audit::entry_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(entries)
}

pub(crate) fn load(
    conn: &Connection,
    actor: &Actor,
    id: &str,
    today: NaiveDate,
) -> Result<AssetDetail> {
    let asset = find_asset(conn, actor, id.trim())?;
    let owner = find_owner(conn, actor, &asset.owner_id)?;
    let (compensation, compensation_problem) = match compensation_of(conn, &asset.id, today)? {
        None => (None, None),
        Some(Ok(breakdown)) => (Some(breakdown), None),
        Some(Err(err)) => (
            None,
            Some(
                err.fields
                    .first()
                    .map(|f| f.rule.clone())
                    .unwrap_or(err.reason),
            ),
        ),
    };
    Ok(AssetDetail {
        order: order_of(conn, &asset.id)?,
        files: files_of(conn, &asset.id)?,
        appraisals: appraisals_of(conn, &asset.id)?,
        outcome: outcome_of(conn, &asset.id)?,
        claim: claim_of_asset(conn, &asset.id)?,
        compensation,
        compensation_problem,
        computed_on: today.to_string(),
        history: history_of(conn, &asset.id)?,
        owner,
        asset,
    })
}

/// One asset in full, computed to today's local date. `not_found/asset`,
/// `forbidden/out_of_scope`.
pub fn get(store: &Store, actor: &Actor, id: &str) -> Result<AssetDetail> {
    actor.ready()?;
    load(store.conn(), actor, id, local_today(store.now()))
}

/// An attached file with its bytes. `not_found/file`, `forbidden/out_of_scope`.
pub fn get_file(store: &Store, actor: &Actor, file_id: &str) -> Result<FileContent> {
    actor.ready()?;
    let conn = store.conn();
    let asset_id: Option<String> = conn
        .query_row(
            "SELECT asset_id FROM asset_files WHERE id = ?",
            [file_id.trim()],
            |r| r.get(0),
        )
        .optional()?;
    let asset_id = asset_id.ok_or_else(|| Error::not_found("file"))?;
    find_asset(conn, actor, &asset_id)?;
    let file = files_of(conn, &asset_id)?
        .into_iter()
        .find(|f| f.id == file_id.trim())
        .ok_or_else(|| Error::not_found("file"))?;
    let data: Vec<u8> = conn.query_row(
        "SELECT data FROM asset_files WHERE id = ?",
        [&file.id],
        |r| r.get(0),
    )?;
    Ok(FileContent { file, data })
}
