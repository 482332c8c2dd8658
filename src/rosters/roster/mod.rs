//! Working with one facility's roster: the grid of posts x shifts over a period, manual
//! assignment checked live by the engine's
//! [`check_assignment`](super::solve::check_assignment) (a broken rule is refused with the
//! rule's code), removal, pinning, the candidates for a seat, and publishing a frozen version
//! against which later changes are listed. Scoped through the facility's region and district
//! in SQL; every change audited.
//!
//! This module holds the types a caller sends and gets back, the period check and the
//! refusal every manual change shares; `view` reads the grid and the validator's verdict,
//! `seats` makes the manual changes (assign, remove, pin, candidates), and `publication`
//! freezes a version and lists what changed since.

mod publication;
mod seats;
mod view;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::facilities::Facility;
use super::load::Loaded;
use super::model::Assignment;
use crate::error::{Error, ErrorCode, FieldError, Result};
use crate::text::parse_date;

pub use publication::publish;
pub use seats::{assign_seat, candidates, pin_seat, remove_seat, PinInput};
pub use view::{check_roster, roster_view};

/// Longest period one request reads or fills: a year (a leap one included).
pub const MAX_DAYS: u32 = 366;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterQuery {
    pub facility_id: String,
    /// First local date `yyyy-mm-dd`.
    pub from: String,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterShift {
    /// UTC instants, the shift's identity.
    pub start: String,
    pub end: String,
    /// Local (UTC+5) date and times for display.
    pub local_date: String,
    pub local_start: String,
    pub local_end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterSeat {
    pub assignment_id: String,
    pub volunteer_id: String,
    pub name: String,
    pub pinned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GapView {
    pub missing: u32,
    /// A `GapReason` in snake case (`no_skill`, `weekly_hours`, ...).
    pub reason: String,
    /// How many candidates each rule blocks.
    pub blocked: Vec<(String, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterCell {
    pub post_id: String,
    pub shift_start: String,
    pub need: u32,
    pub seats: Vec<RosterSeat>,
    pub gap: Option<GapView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterChange {
    /// `added` or `removed` since the latest publication.
    pub kind: String,
    pub post_id: String,
    pub shift_start: String,
    pub volunteer_id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Publication {
    pub version: u32,
    pub from_date: String,
    pub to_date: String,
    pub published_at: String,
    pub published_by: String,
    pub changes: Vec<RosterChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RosterView {
    pub facility: Facility,
    pub shifts: Vec<RosterShift>,
    pub cells: Vec<RosterCell>,
    pub publication: Option<Publication>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeatInput {
    pub post_id: String,
    pub shift_start: String,
    pub volunteer_id: String,
    #[serde(default)]
    pub pinned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CandidateQuery {
    pub post_id: String,
    pub shift_start: String,
    #[serde(default)]
    pub search: String,
}

/// A guard who might stand a seat, and the rule that refuses them if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Candidate {
    pub volunteer_id: String,
    pub name: String,
    pub refused_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublishInput {
    pub facility_id: String,
    pub from: String,
    pub days: u32,
}

pub(crate) fn check_period(from: &str, days: u32) -> Result<NaiveDate> {
    let mut problems = Vec::new();
    let date = parse_date(from);
    if date.is_none() {
        problems.push(FieldError::new("from", "date_format"));
    }
    if days == 0 || days > MAX_DAYS {
        problems.push(
            FieldError::new("days", "out_of_range")
                .with("min", 1)
                .with("max", MAX_DAYS),
        );
    }
    match date {
        Some(date) if problems.is_empty() => Ok(date),
        _ => Err(Error::invalid(problems)),
    }
}

/// The refusal of a manual change: which hard rule it breaks.
pub fn rule_error(rule: super::model::Rule) -> Error {
    Error::new(
        ErrorCode::Conflict,
        "roster_rule",
        format!("the assignment breaks the roster rule {}", rule.code()),
    )
    .with("rule", rule.code())
}

fn roster_of(loaded: &Loaded) -> Vec<Assignment> {
    loaded.existing.iter().map(|e| e.assignment).collect()
}
