//! The amount owed to an owner, computed exactly and shown line by line.
//!
//! Rules (domain brief): transfer of ownership or total loss: the basis appraisal's market
//! value. Temporary use: use rate per day x days held, plus the appraised loss of value on
//! return. Days held count both the intake date and the end date (return date, or today's
//! local date while the asset is still held): `days = (end - intake) + 1`, so an asset taken
//! and returned on the same day is paid one day. Every amount is whole tiyn times a whole
//! number of days: nothing is rounded. Arithmetic is checked; an overflow is a validation
//! error, never a wrapped number.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Mode;
use crate::error::{Error, FieldError, Result};

/// Where the holding stands, as the computation needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// Still held: computed to `today` (local date).
    Held {
        today: NaiveDate,
    },
    Returned {
        on: NaiveDate,
        loss_of_value: i64,
    },
    Lost {
        on: NaiveDate,
    },
}

/// What the computation reads: the mode, the intake date, where the holding stands, the basis
/// appraisal (market value and use rate), and the claim's decided and paid amounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompensationInput {
    pub mode: Mode,
    pub intake: NaiveDate,
    pub holding: Holding,
    pub market_value: Option<i64>,
    pub use_rate_per_day: Option<i64>,
    pub decided: Option<i64>,
    pub paid: i64,
}

/// One line of the computation. `unit` is `days`, `tiyn` or `tiyn_per_day`; `rule` is a
/// stable key of the rule text the UI and the statement show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BreakdownLine {
    pub key: String,
    #[ts(type = "number")]
    pub value: i64,
    pub unit: String,
    pub rule: String,
}

/// The computation: its lines, the amount owed by the rules (`None` when the basis appraisal
/// or its use rate is missing: `missing` says which), and the balance still to pay (against
/// the decided amount once a claim is decided, else against the amount owed). Amounts are
/// tiyn; `number` in TypeScript is exact up to 2^53 tiyn (about 90 trillion tenge).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompensationBreakdown {
    pub lines: Vec<BreakdownLine>,
    #[ts(type = "number | null")]
    pub owed: Option<i64>,
    #[ts(type = "number | null")]
    pub decided: Option<i64>,
    #[ts(type = "number")]
    pub paid: i64,
    #[ts(type = "number | null")]
    pub balance: Option<i64>,
    /// Days held (temporary use), both ends counted.
    #[ts(type = "number | null")]
    pub days_held: Option<i64>,
    pub missing: Vec<String>,
}

fn line(key: &str, value: i64, unit: &str, rule: &str) -> BreakdownLine {
    BreakdownLine {
        key: key.to_owned(),
        value,
        unit: unit.to_owned(),
        rule: rule.to_owned(),
    }
}

fn overflow() -> Error {
    Error::invalid(vec![FieldError::new("amount", "overflow")])
}

/// Days held with both ends counted; `None` if `end` is before `intake`.
pub fn days_held(intake: NaiveDate, end: NaiveDate) -> Option<i64> {
    let days = (end - intake).num_days();
    (days >= 0).then_some(days + 1)
}

/// Computes the breakdown. Errors: `amount: overflow` when a product or sum leaves i64,
/// `end_date: before_intake` when the end of the holding precedes the intake.
pub fn compute(input: &CompensationInput) -> Result<CompensationBreakdown> {
    let mut lines = Vec::new();
    let mut missing = Vec::new();
    let mut days = None;
    let market = |lines: &mut Vec<BreakdownLine>, missing: &mut Vec<String>, rule: &str| match input
        .market_value
    {
        Some(value) => {
            lines.push(line("market_value", value, "tiyn", rule));
            Some(value)
        }
        None => {
            missing.push("basis_appraisal".to_owned());
            None
        }
    };
    let owed = match (input.mode, input.holding) {
        (_, Holding::Lost { .. }) => market(&mut lines, &mut missing, "total_loss_market_value"),
        (Mode::TransferOfOwnership, _) => market(&mut lines, &mut missing, "transfer_market_value"),
        (Mode::TemporaryUse, holding) => {
            let (end, loss, rule) = match holding {
                Holding::Held { today } => (today, 0, "use_days_to_date"),
                Holding::Returned { on, loss_of_value } => {
                    (on, loss_of_value, "use_days_inclusive")
                }
                Holding::Lost { on } => (on, 0, "use_days_inclusive"),
            };
            let n = days_held(input.intake, end)
                .ok_or_else(|| Error::field("end_date", "before_intake"))?;
            days = Some(n);
            lines.push(line("use_days", n, "days", rule));
            match input.use_rate_per_day {
                Some(rate) => {
                    lines.push(line("use_rate", rate, "tiyn_per_day", "basis_use_rate"));
                    let amount = rate.checked_mul(n).ok_or_else(overflow)?;
                    lines.push(line("use_amount", amount, "tiyn", "use_rate_times_days"));
                    let mut owed = amount;
                    if let Holding::Returned { .. } = holding {
                        lines.push(line(
                            "loss_of_value",
                            loss,
                            "tiyn",
                            "appraised_loss_on_return",
                        ));
                        owed = owed.checked_add(loss).ok_or_else(overflow)?;
                    }
                    Some(owed)
                }
                None => {
                    missing.push(if input.market_value.is_none() {
                        "basis_appraisal".to_owned()
                    } else {
                        "use_rate".to_owned()
                    });
                    None
                }
            }
        }
    };
    if let Some(total) = owed {
        lines.push(line("total", total, "tiyn", "owed_total"));
    }
    if let Some(decided) = input.decided {
        lines.push(line("decided", decided, "tiyn", "claim_decided"));
    }
    lines.push(line("paid", input.paid, "tiyn", "payments_sum"));
    let base = input.decided.or(owed);
    let balance = match base {
        Some(base) => {
            let balance = base.checked_sub(input.paid).ok_or_else(overflow)?;
            lines.push(line(
                "balance",
                balance,
                "tiyn",
                if input.decided.is_some() {
                    "decided_minus_paid"
                } else {
                    "owed_minus_paid"
                },
            ));
            Some(balance)
        }
        None => None,
    };
    Ok(CompensationBreakdown {
        lines,
        owed,
        decided: input.decided,
        paid: input.paid,
        balance,
        days_held: days,
        missing,
    })
}
