//! The owner's claim and its payments: filed -> decided -> (appealed -> decided again) ->
//! paid in one or more payments. No payment before a decision or during an appeal; payments
//! never exceed the decided amount; a new decision is never below what was already paid.

use crate::clock::local_today;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::register::{asset_event, find_asset, order_of, Asset};
use super::{amount, past_date, required_text, ClaimStatus};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileClaimInput {
    pub asset_id: String,
    pub filed_on: String,
    #[ts(type = "number")]
    pub amount_claimed: i64,
    pub document_number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecideClaimInput {
    pub claim_id: String,
    pub decided_on: String,
    #[ts(type = "number")]
    pub amount_decided: i64,
    pub document_number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppealClaimInput {
    pub claim_id: String,
    pub appealed_on: String,
    pub document_number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewPayment {
    pub claim_id: String,
    pub paid_on: String,
    #[ts(type = "number")]
    pub amount: i64,
    pub document_number: String,
}

/// One step of a claim: `filed`, `decided` or `appealed`, with its date, amount (claimed or
/// decided; none for an appeal) and document number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimStep {
    pub step: String,
    pub date: String,
    #[ts(type = "number | null")]
    pub amount: Option<i64>,
    pub document_number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Payment {
    pub id: String,
    pub paid_on: String,
    #[ts(type = "number")]
    pub amount: i64,
    pub document_number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Claim {
    pub id: String,
    pub asset_id: String,
    pub status: ClaimStatus,
    #[ts(type = "number")]
    pub amount_claimed: i64,
    #[ts(type = "number | null")]
    pub amount_decided: Option<i64>,
    #[ts(type = "number")]
    pub amount_paid: i64,
    pub steps: Vec<ClaimStep>,
    pub payments: Vec<Payment>,
}

pub(crate) fn claim_of_asset(conn: &Connection, asset_id: &str) -> Result<Option<Claim>> {
    let id: Option<String> = conn
        .query_row(
            "SELECT id FROM asset_claims WHERE asset_id = ?",
            [asset_id],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| load_claim(conn, &id)).transpose()
}

fn load_claim(conn: &Connection, id: &str) -> Result<Claim> {
    let (asset_id, status, claimed, decided, paid): (String, String, i64, Option<i64>, i64) = conn
        .query_row(
            "SELECT asset_id, status, amount_claimed, amount_decided, amount_paid
             FROM asset_claims WHERE id = ?",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
    let steps = conn
        .prepare_cached(
            "SELECT step, step_date, amount, document_number FROM asset_claim_steps
             WHERE claim_id = ? ORDER BY created_at, rowid",
        )?
        .query_map([id], |r| {
            Ok(ClaimStep {
                step: r.get(0)?,
                date: r.get(1)?,
                amount: r.get(2)?,
                document_number: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let payments = conn
        .prepare_cached(
            "SELECT id, paid_on, amount, document_number FROM asset_payments
             WHERE claim_id = ? ORDER BY paid_on, created_at, rowid",
        )?
        .query_map([id], |r| {
            Ok(Payment {
                id: r.get(0)?,
                paid_on: r.get(1)?,
                amount: r.get(2)?,
                document_number: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Claim {
        id: id.to_owned(),
        asset_id,
        status: ClaimStatus::parse(&status)
            .ok_or_else(|| crate::db::unknown_code(1, "claim status", &status))?,
        amount_claimed: claimed,
        amount_decided: decided,
        amount_paid: paid,
        steps,
        payments,
    })
}

/// A claim and its asset through the actor's scope.
fn find_claim(conn: &Connection, actor: &Actor, id: &str) -> Result<(Claim, Asset)> {
    let asset_id: Option<String> = conn
        .query_row(
            "SELECT asset_id FROM asset_claims WHERE id = ?",
            [id.trim()],
            |r| r.get(0),
        )
        .optional()?;
    let asset_id = asset_id.ok_or_else(|| Error::not_found("claim"))?;
    let asset = find_asset(conn, actor, &asset_id)?;
    Ok((load_claim(conn, id.trim())?, asset))
}

fn last_date(claim: &Claim) -> Option<NaiveDate> {
    claim
        .steps
        .iter()
        .map(|s| s.date.as_str())
        .chain(claim.payments.iter().map(|p| p.paid_on.as_str()))
        .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .max()
}

fn add_step(
    tx: &Connection,
    now: chrono::DateTime<chrono::Utc>,
    claim_id: &str,
    step: &str,
    date: NaiveDate,
    amount: Option<i64>,
    doc: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO asset_claim_steps (id, claim_id, step, step_date, amount, document_number,
             created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            new_id(now).to_string(),
            claim_id,
            step,
            date.to_string(),
            amount,
            doc,
            stamp(now)
        ],
    )?;
    Ok(())
}

fn audit_claim(
    tx: &rusqlite::Transaction<'_>,
    now: chrono::DateTime<chrono::Utc>,
    actor: &Actor,
    asset: &Asset,
    claim_id: &str,
    before: Option<&Claim>,
    action: &str,
) -> Result<Claim> {
    let claim = load_claim(tx, claim_id)?;
    let brief = |c: &Claim| {
        serde_json::json!({"claim": c.id, "status": c.status, "claimed": c.amount_claimed,
            "decided": c.amount_decided, "paid": c.amount_paid})
    };
    audit::record(
        tx,
        now,
        Event {
            before: before.map(brief),
            after: Some(brief(&claim)),
            ..asset_event(actor, action, asset)
        },
    )?;
    Ok(claim)
}

fn step_date(
    field: &str,
    text: &str,
    after: Option<NaiveDate>,
    today: NaiveDate,
    problems: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    let date = past_date(field, text, today, problems)?;
    if let Some(previous) = after.filter(|p| date < *p) {
        problems.push(FieldError::new(field, "before_previous_step").with("previous", previous));
        return None;
    }
    Some(date)
}

/// Files the owner's claim (one per asset). Rule keys: `filed_on: required|invalid_date|
/// date_future|before_previous_step` (before the order date); `amount_claimed: negative|
/// not_positive|too_large`; `document_number: required|too_long`. Reasons:
/// `conflict/not_requisitioned`, `conflict/claim_exists`.
pub fn file_claim(store: &mut Store, actor: &Actor, input: FileClaimInput) -> Result<Claim> {
    actor.require_writer()?;
    let now = store.now();
    let asset = find_asset(store.conn(), actor, input.asset_id.trim())?;
    let order = order_of(store.conn(), &asset.id)?.ok_or_else(|| {
        Error::conflict(
            "not_requisitioned",
            "this asset has no requisition order yet",
        )
    })?;
    if claim_of_asset(store.conn(), &asset.id)?.is_some() {
        return Err(Error::conflict(
            "claim_exists",
            "this asset already has a claim",
        ));
    }
    let mut problems = Vec::new();
    let order_date = NaiveDate::parse_from_str(&order.order_date, "%Y-%m-%d").ok();
    let date = step_date(
        "filed_on",
        &input.filed_on,
        order_date,
        local_today(now),
        &mut problems,
    );
    let claimed = amount("amount_claimed", input.amount_claimed, true, &mut problems);
    let doc = required_text(
        "document_number",
        &input.document_number,
        100,
        &mut problems,
    );
    let (Some(date), Some(claimed)) = (date, claimed) else {
        return Err(Error::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let tx = store.write()?;
    let id = new_id(now).to_string();
    let at = stamp(now);
    tx.execute(
        "INSERT INTO asset_claims (id, asset_id, status, amount_claimed, created_at, updated_at)
         VALUES (?1, ?2, 'filed', ?3, ?4, ?4)",
        params![id, asset.id, claimed, at],
    )?;
    add_step(&tx, now, &id, "filed", date, Some(claimed), &doc)?;
    let claim = audit_claim(&tx, now, actor, &asset, &id, None, "asset.claim_file")?;
    tx.commit()?;
    Ok(claim)
}

/// Records a decision on a filed or appealed claim. Rule keys: `decided_on: ...|
/// before_previous_step`; `amount_decided: negative|too_large|below_paid`;
/// `document_number: required|too_long`. Reason `conflict/claim_not_open` when the claim is
/// neither filed nor appealed.
pub fn decide_claim(store: &mut Store, actor: &Actor, input: DecideClaimInput) -> Result<Claim> {
    actor.require_writer()?;
    let now = store.now();
    let (claim, asset) = find_claim(store.conn(), actor, &input.claim_id)?;
    if !matches!(claim.status, ClaimStatus::Filed | ClaimStatus::Appealed) {
        return Err(Error::conflict(
            "claim_not_open",
            "only a filed or appealed claim can be decided",
        )
        .with("status", claim.status.as_str()));
    }
    let mut problems = Vec::new();
    let date = step_date(
        "decided_on",
        &input.decided_on,
        last_date(&claim),
        local_today(now),
        &mut problems,
    );
    let decided = amount("amount_decided", input.amount_decided, false, &mut problems);
    if decided.is_some_and(|d| d < claim.amount_paid) {
        problems
            .push(FieldError::new("amount_decided", "below_paid").with("paid", claim.amount_paid));
    }
    let doc = required_text(
        "document_number",
        &input.document_number,
        100,
        &mut problems,
    );
    let (Some(date), Some(decided)) = (date, decided) else {
        return Err(Error::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let status = if claim.amount_paid == 0 {
        ClaimStatus::Decided
    } else if claim.amount_paid == decided {
        ClaimStatus::Paid
    } else {
        ClaimStatus::PartlyPaid
    };
    let tx = store.write()?;
    tx.execute(
        "UPDATE asset_claims SET status = ?, amount_decided = ?, updated_at = ? WHERE id = ?",
        params![status.as_str(), decided, stamp(now), claim.id],
    )?;
    add_step(&tx, now, &claim.id, "decided", date, Some(decided), &doc)?;
    let after = audit_claim(
        &tx,
        now,
        actor,
        &asset,
        &claim.id,
        Some(&claim),
        "asset.claim_decide",
    )?;
    tx.commit()?;
    Ok(after)
}

/// Records an appeal against a decision; payments wait for the new decision. Rule keys:
/// `appealed_on: ...|before_previous_step`; `document_number: required|too_long`. Reason
/// `conflict/not_decided` unless the claim is decided or partly paid.
pub fn appeal_claim(store: &mut Store, actor: &Actor, input: AppealClaimInput) -> Result<Claim> {
    actor.require_writer()?;
    let now = store.now();
    let (claim, asset) = find_claim(store.conn(), actor, &input.claim_id)?;
    if !matches!(claim.status, ClaimStatus::Decided | ClaimStatus::PartlyPaid) {
        return Err(Error::conflict(
            "not_decided",
            "only a decided, not fully paid claim can be appealed",
        )
        .with("status", claim.status.as_str()));
    }
    let mut problems = Vec::new();
    let date = step_date(
        "appealed_on",
        &input.appealed_on,
        last_date(&claim),
        local_today(now),
        &mut problems,
    );
    let doc = required_text(
        "document_number",
        &input.document_number,
        100,
        &mut problems,
    );
    let Some(date) = date else {
        return Err(Error::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let tx = store.write()?;
    tx.execute(
        "UPDATE asset_claims SET status = 'appealed', updated_at = ? WHERE id = ?",
        params![stamp(now), claim.id],
    )?;
    add_step(&tx, now, &claim.id, "appealed", date, None, &doc)?;
    let after = audit_claim(
        &tx,
        now,
        actor,
        &asset,
        &claim.id,
        Some(&claim),
        "asset.claim_appeal",
    )?;
    tx.commit()?;
    Ok(after)
}

/// Records a payment on a decided claim. Rule keys: `paid_on: ...|before_previous_step`;
/// `amount: negative|not_positive|too_large|overpayment` (params `balance`);
/// `document_number: required|too_long`. Reasons: `conflict/not_decided` (no decision yet),
/// `conflict/under_appeal`, `conflict/fully_paid`.
pub fn pay(store: &mut Store, actor: &Actor, input: NewPayment) -> Result<Claim> {
    actor.require_writer()?;
    let now = store.now();
    let (claim, asset) = find_claim(store.conn(), actor, &input.claim_id)?;
    let decided = match (claim.status, claim.amount_decided) {
        (ClaimStatus::Filed, _) | (_, None) => {
            return Err(Error::conflict(
                "not_decided",
                "no payment before a decision on the claim",
            ))
        }
        (ClaimStatus::Appealed, _) => {
            return Err(Error::conflict(
                "under_appeal",
                "the decision is under appeal: wait for the new decision",
            ))
        }
        (ClaimStatus::Paid, _) => {
            return Err(Error::conflict(
                "fully_paid",
                "the decided amount is already paid",
            ))
        }
        (_, Some(decided)) => decided,
    };
    let mut problems = Vec::new();
    let date = step_date(
        "paid_on",
        &input.paid_on,
        last_date(&claim),
        local_today(now),
        &mut problems,
    );
    let paid = amount("amount", input.amount, true, &mut problems);
    let balance = decided - claim.amount_paid;
    if paid.is_some_and(|p| p > balance) {
        problems.push(FieldError::new("amount", "overpayment").with("balance", balance));
    }
    let doc = required_text(
        "document_number",
        &input.document_number,
        100,
        &mut problems,
    );
    let (Some(date), Some(paid)) = (date, paid) else {
        return Err(Error::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    // Both are at most MAX_AMOUNT and paid <= balance, so the sum is at most `decided`.
    let total = claim.amount_paid + paid;
    let status = if total == decided {
        ClaimStatus::Paid
    } else {
        ClaimStatus::PartlyPaid
    };
    let tx = store.write()?;
    tx.execute(
        "INSERT INTO asset_payments (id, claim_id, paid_on, amount, document_number, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            new_id(now).to_string(),
            claim.id,
            date.to_string(),
            paid,
            doc,
            stamp(now)
        ],
    )?;
    tx.execute(
        "UPDATE asset_claims SET status = ?, amount_paid = ?, updated_at = ? WHERE id = ?",
        params![status.as_str(), total, stamp(now), claim.id],
    )?;
    let after = audit_claim(
        &tx,
        now,
        actor,
        &asset,
        &claim.id,
        Some(&claim),
        "asset.pay",
    )?;
    tx.commit()?;
    Ok(after)
}
