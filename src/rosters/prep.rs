//! The solver's compiled view of an instance: shifts as integer minutes with their local day,
//! weekday and night precomputed, and the slots (post x shift) with their static candidates,
//! i.e. the guards who pass every rule that does not depend on the rest of the roster
//! (eligibility, skill certificate, unavailable days). Counting why a slot has no static
//! candidate here is what lets the gap explanation name "no one with the skill".

use std::collections::HashMap;

use super::model::{Instance, Rule, NIGHT_MIN_HOURS};
use crate::clock::KZ_OFFSET_HOURS;

pub(super) const DAY: i64 = 1440;
pub(super) const WEEK: i64 = 7 * DAY;
const OFFSET: i64 = KZ_OFFSET_HOURS * 60;

/// A shift in minutes since the Unix epoch (UTC) plus what the rules need of it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Times {
    pub start: i64,
    pub end: i64,
    /// Minutes of rest owed after the shift.
    pub rest: i64,
    /// Local day number (days since 1970-01-01 in UTC+5) of the night, for night shifts.
    pub night: Option<i64>,
    /// Local day number of the start, and of the last minute.
    pub first_day: i64,
    pub last_day: i64,
    /// 0 = Monday.
    pub weekday: u8,
}

/// Why a slot has no static candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Empty {
    NoEligibleGuard,
    NoSkill,
    AllUnavailable,
}

#[derive(Debug, Clone)]
pub(super) struct Slot {
    pub post: u32,
    pub shift: u32,
    pub facility: u32,
    pub need: u32,
    /// Sorted guard positions.
    pub candidates: Vec<u32>,
    pub empty: Option<Empty>,
}

pub(super) struct Prep {
    pub times: Vec<Times>,
    pub slots: Vec<Slot>,
    pub slot_of: HashMap<(u32, u32), u32>,
    /// Slots whose shifts have the same start, end and rest: swapping two guards between them
    /// cannot break a time rule. `groups[group_of[slot]]` lists them.
    pub group_of: Vec<u32>,
    pub groups: Vec<Vec<u32>>,
    pub max_week: i64,
    pub max_nights: i64,
    /// Per guard: bit i set for weekday i (0 = Monday).
    pub undesired: Vec<u8>,
    pub preferred: Vec<u8>,
}

fn local_day(minute: i64) -> i64 {
    (minute + OFFSET).div_euclid(DAY)
}

fn night(start: i64, end: i64) -> Option<i64> {
    let (ls, le) = (start + OFFSET, end + OFFSET);
    let mut total = 0;
    let mut best: Option<(i64, i64)> = None;
    for d in ls.div_euclid(DAY) - 1..=le.div_euclid(DAY) {
        let from = d * DAY + 22 * 60;
        let part = (le.min(from + 8 * 60) - ls.max(from)).max(0);
        total += part;
        if part > 0 && best.is_none_or(|(b, _)| part > b) {
            best = Some((part, d));
        }
    }
    if total >= NIGHT_MIN_HOURS * 60 {
        best.map(|(_, d)| d)
    } else {
        None
    }
}

/// Days since 1970-01-01: the day numbers the solver's shift times count in.
pub(crate) fn day_number(date: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(date.num_days_from_ce()) - 719_163
}

pub(super) fn weekday_bits(days: &[chrono::Weekday]) -> u8 {
    days.iter()
        .fold(0, |bits, d| bits | 1 << d.num_days_from_monday())
}

pub(super) fn times(instance: &Instance) -> Vec<Times> {
    let min_rest = i64::from(instance.limits.min_rest_hours) * 60;
    instance
        .shifts
        .iter()
        .map(|s| {
            let (start, end) = (
                s.start.timestamp().div_euclid(60),
                s.end.timestamp().div_euclid(60),
            );
            let first_day = local_day(start);
            Times {
                start,
                end,
                rest: min_rest.max(i64::from(s.rest_after_hours.unwrap_or(0)) * 60),
                night: night(start, end),
                first_day,
                last_day: local_day(end - 1).max(first_day),
                weekday: (first_day + 3).rem_euclid(7) as u8,
            }
        })
        .collect()
}

/// The static rule a guard breaks on a slot, if any (eligibility, skill, unavailable day).
pub(super) fn static_rule(instance: &Instance, t: &Times, post: u32, guard: u32) -> Option<Rule> {
    let g = &instance.guards[guard as usize];
    let p = &instance.posts[post as usize];
    if g.eligible_facilities.binary_search(&p.facility).is_err() {
        return Some(Rule::NotEligible);
    }
    if let Some(skill) = p.required_skill {
        if !g
            .certificates
            .iter()
            .any(|c| c.skill == skill && day_number(c.valid_until) >= t.first_day)
        {
            return Some(Rule::MissingSkill);
        }
    }
    if g.unavailable
        .iter()
        .any(|d| (t.first_day..=t.last_day).contains(&day_number(*d)))
    {
        return Some(Rule::Unavailable);
    }
    None
}

impl Prep {
    pub fn new(instance: &Instance) -> Prep {
        let times = times(instance);
        let mut by_facility: Vec<Vec<u32>> = vec![Vec::new(); instance.facilities.len()];
        for (g, guard) in instance.guards.iter().enumerate() {
            for f in &guard.eligible_facilities {
                if let Some(list) = by_facility.get_mut(*f as usize) {
                    list.push(g as u32);
                }
            }
        }
        let mut shifts_of: Vec<Vec<u32>> = vec![Vec::new(); instance.facilities.len()];
        for (s, shift) in instance.shifts.iter().enumerate() {
            if let Some(list) = shifts_of.get_mut(shift.facility as usize) {
                list.push(s as u32);
            }
        }
        let mut slots = Vec::new();
        let mut slot_of = HashMap::new();
        for (p, post) in instance.posts.iter().enumerate() {
            let (from, until) = (day_number(post.active_from), day_number(post.active_until));
            let Some(shifts) = shifts_of.get(post.facility as usize) else {
                continue;
            };
            for &s in shifts {
                let t = &times[s as usize];
                if t.first_day < from || t.first_day > until || post.guards_per_shift == 0 {
                    continue;
                }
                let eligible = &by_facility[post.facility as usize];
                let mut candidates = Vec::new();
                let mut skilled = 0;
                for &g in eligible {
                    match static_rule(instance, t, p as u32, g) {
                        None => candidates.push(g),
                        Some(Rule::Unavailable) => skilled += 1,
                        Some(_) => {}
                    }
                }
                let empty = match (candidates.is_empty(), eligible.is_empty(), skilled) {
                    (false, _, _) => None,
                    (true, true, _) => Some(Empty::NoEligibleGuard),
                    (true, false, 0) => Some(Empty::NoSkill),
                    (true, false, _) => Some(Empty::AllUnavailable),
                };
                slot_of.insert((p as u32, s), slots.len() as u32);
                slots.push(Slot {
                    post: p as u32,
                    shift: s,
                    facility: post.facility,
                    need: post.guards_per_shift,
                    candidates,
                    empty,
                });
            }
        }
        let mut group_ids: HashMap<(i64, i64, i64), u32> = HashMap::new();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut group_of = Vec::with_capacity(slots.len());
        for (i, slot) in slots.iter().enumerate() {
            let t = &times[slot.shift as usize];
            let id = *group_ids
                .entry((t.start, t.end, t.rest))
                .or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() as u32 - 1
                });
            groups[id as usize].push(i as u32);
            group_of.push(id);
        }
        Prep {
            times,
            slots,
            slot_of,
            group_of,
            groups,
            max_week: i64::from(instance.limits.max_hours_7d) * 60,
            max_nights: i64::from(instance.limits.max_consecutive_nights),
            undesired: instance
                .guards
                .iter()
                .map(|g| weekday_bits(&g.undesired_weekdays))
                .collect(),
            preferred: instance
                .guards
                .iter()
                .map(|g| weekday_bits(&g.preferred_weekdays))
                .collect(),
        }
    }
}
