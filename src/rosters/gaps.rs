//! Why a seat stayed empty. A seat with no static candidate is explained by the first filter
//! that emptied it (no eligible guard, no one with the skill, everyone unavailable); otherwise
//! every candidate is checked against the finished roster and the rule that blocks most of
//! them is the reason, with the count per rule beside it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::model::{Instance, Rule};
use super::prep::{Empty, Prep};
use super::state::State;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapReason {
    /// No guard of a unit responsible for the facility.
    NoEligibleGuard,
    /// Eligible guards exist but none holds the post's skill with a valid certificate.
    NoSkill,
    /// Every guard with the skill declared the day unavailable.
    AllUnavailable,
    /// Every remaining candidate already stands this post's shift.
    AlreadyOnSlot,
    Overlap,
    Rest,
    WeeklyHours,
    ConsecutiveNights,
    /// The search was stopped before it reached this seat.
    NotReached,
}

#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub post: u32,
    pub shift: u32,
    pub missing: u32,
    pub reason: GapReason,
    /// How many candidates each rule blocks.
    pub blocked: Vec<(GapReason, u32)>,
}

fn reason_of(rule: Rule) -> GapReason {
    match rule {
        Rule::Overlap => GapReason::Overlap,
        Rule::Rest => GapReason::Rest,
        Rule::WeeklyHours => GapReason::WeeklyHours,
        Rule::ConsecutiveNights => GapReason::ConsecutiveNights,
        _ => GapReason::AlreadyOnSlot,
    }
}

pub(super) fn explain(
    _instance: &Instance,
    prep: &Prep,
    state: &State,
    interrupted: bool,
) -> Vec<Gap> {
    let mut gaps = Vec::new();
    for (i, slot) in prep.slots.iter().enumerate() {
        let filled = state.seats[i].len() as u32;
        if filled >= slot.need {
            continue;
        }
        let (reason, blocked) = match slot.empty {
            Some(Empty::NoEligibleGuard) => (GapReason::NoEligibleGuard, Vec::new()),
            Some(Empty::NoSkill) => (GapReason::NoSkill, Vec::new()),
            Some(Empty::AllUnavailable) => (GapReason::AllUnavailable, Vec::new()),
            None => {
                let mut counts: BTreeMap<GapReason, u32> = BTreeMap::new();
                for &g in &slot.candidates {
                    let reason = match state.check(prep, g, i as u32) {
                        Ok(()) => GapReason::NotReached,
                        Err(rule) => reason_of(rule),
                    };
                    *counts.entry(reason).or_default() += 1;
                }
                let mut blocked: Vec<(GapReason, u32)> = counts.into_iter().collect();
                blocked.sort_by_key(|(r, n)| (std::cmp::Reverse(*n), *r));
                let reason =
                    if interrupted && blocked.iter().any(|(r, _)| *r == GapReason::NotReached) {
                        GapReason::NotReached
                    } else {
                        blocked
                            .iter()
                            .map(|(r, _)| *r)
                            .find(|r| *r != GapReason::AlreadyOnSlot)
                            .unwrap_or(GapReason::AlreadyOnSlot)
                    };
                (reason, blocked)
            }
        };
        gaps.push(Gap {
            post: slot.post,
            shift: slot.shift,
            missing: slot.need - filled,
            reason,
            blocked,
        });
    }
    gaps
}
