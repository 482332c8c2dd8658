//! The live check of one manual change against the roster in hand, for the grid's manual
//! assignment: the engine's rules in their fixed order, without the search.

use crate::rosters::model::{Assignment, Instance, Rule};
use crate::rosters::prep::{day_number, static_rule, times};
use crate::rosters::state::{fits, Work};

/// The live check of one manual change: whether `assignment` may be added to `roster`, or the
/// first rule it breaks (slot, eligibility, skill, unavailable day, twice in the slot, a full
/// slot, then overlap, rest, 7-day hours, consecutive nights).
pub fn check_assignment(
    instance: &Instance,
    roster: &[Assignment],
    assignment: Assignment,
) -> Result<(), Rule> {
    let (Some(post), Some(shift)) = (
        instance.posts.get(assignment.post as usize),
        instance.shifts.get(assignment.shift as usize),
    ) else {
        return Err(Rule::NoSuchSlot);
    };
    if instance.guards.get(assignment.guard as usize).is_none() {
        return Err(Rule::NotEligible);
    }
    let all = times(instance);
    let t = all[assignment.shift as usize];
    let from = day_number(post.active_from);
    let until = day_number(post.active_until);
    if post.facility != shift.facility || t.first_day < from || t.first_day > until {
        return Err(Rule::NoSuchSlot);
    }
    if let Some(rule) = static_rule(instance, &t, assignment.post, assignment.guard) {
        return Err(rule);
    }
    let same_slot = roster
        .iter()
        .filter(|a| a.post == assignment.post && a.shift == assignment.shift);
    if same_slot.clone().any(|a| a.guard == assignment.guard) {
        return Err(Rule::TwiceInSlot);
    }
    if same_slot.count() >= post.guards_per_shift as usize {
        return Err(Rule::Overstaffed);
    }
    let mut works: Vec<Work> = roster
        .iter()
        .filter(|a| a.guard == assignment.guard)
        .filter_map(|a| all.get(a.shift as usize))
        .map(|x| Work {
            start: x.start,
            end: x.end,
            rest_end: x.end + x.rest,
            night: x.night,
            slot: 0,
        })
        .collect();
    works.sort_by_key(|w| w.start);
    let limits = &instance.limits;
    fits(
        &works,
        &t,
        i64::from(limits.max_hours_7d) * 60,
        i64::from(limits.max_consecutive_nights),
    )
}
