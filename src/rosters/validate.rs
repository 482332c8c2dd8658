//! The independent validator: lists every hard-rule violation of a roster and computes its
//! objective, straight from the definitions in `model.rs`.
//!
//! It shares no code with the solver, not even a helper: it works in `chrono` dates and
//! durations and compares every pair it needs, where the solver keeps integer minutes and
//! incremental state. Simple and quadratic per guard on purpose, so that a bug in one is not a
//! bug in both; the benchmark and the tests run it on every roster the solver returns.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

use super::model::{Assignment, Instance, Rule, NIGHT_MIN_HOURS};
use crate::clock::KZ_OFFSET_HOURS;

/// One broken rule: which guard, and the assignments that together break it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub rule: Rule,
    pub guard: Option<u32>,
    pub assignments: Vec<Assignment>,
}

/// The objective (lower is better) with its parts, as `model::Weights` defines it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Objective {
    pub seats: u64,
    pub uncovered_seats: u64,
    pub uncovered: f64,
    pub fairness: f64,
    pub undesired_day: f64,
    pub not_preferred_day: f64,
    pub post_change: f64,
    pub away_from_home: f64,
    pub total: f64,
}

impl Objective {
    /// Filled seats over all seats (1.0 when there are none).
    pub fn coverage(&self) -> f64 {
        if self.seats == 0 {
            return 1.0;
        }
        (self.seats - self.uncovered_seats) as f64 / self.seats as f64
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub violations: Vec<Violation>,
    pub objective: Objective,
}

fn local(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc() + Duration::hours(KZ_OFFSET_HOURS)
}

fn overlap(a: (NaiveDateTime, NaiveDateTime), b: (NaiveDateTime, NaiveDateTime)) -> Duration {
    let from = a.0.max(b.0);
    let to = a.1.min(b.1);
    if to > from {
        to - from
    } else {
        Duration::zero()
    }
}

/// The night a shift belongs to, if it is a night shift.
fn night_of(start: NaiveDateTime, end: NaiveDateTime) -> Option<NaiveDate> {
    let mut total = Duration::zero();
    let mut best: Option<(Duration, NaiveDate)> = None;
    let mut date = start.date() - Duration::days(1);
    while date <= end.date() {
        let night_start = date.and_hms_opt(22, 0, 0)?;
        let part = overlap(
            (start, end),
            (night_start, night_start + Duration::hours(8)),
        );
        total += part;
        if part > Duration::zero() && best.is_none_or(|(b, _)| part > b) {
            best = Some((part, date));
        }
        date += Duration::days(1);
    }
    if total >= Duration::hours(NIGHT_MIN_HOURS) {
        best.map(|(_, d)| d)
    } else {
        None
    }
}

/// Every hard-rule violation of `roster`, and its objective.
pub fn validate(instance: &Instance, roster: &[Assignment]) -> Report {
    let mut violations = Vec::new();
    let mut by_slot: BTreeMap<(u32, u32), Vec<Assignment>> = BTreeMap::new();
    for a in roster {
        by_slot.entry((a.post, a.shift)).or_default().push(*a);
    }

    // Per-assignment rules.
    let mut valid: Vec<Assignment> = Vec::new();
    for a in roster {
        let (Some(post), Some(shift)) = (
            instance.posts.get(a.post as usize),
            instance.shifts.get(a.shift as usize),
        ) else {
            violations.push(Violation {
                rule: Rule::NoSuchSlot,
                guard: Some(a.guard),
                assignments: vec![*a],
            });
            continue;
        };
        let date = local(shift.start).date();
        if post.facility != shift.facility || date < post.active_from || date > post.active_until {
            violations.push(Violation {
                rule: Rule::NoSuchSlot,
                guard: Some(a.guard),
                assignments: vec![*a],
            });
            continue;
        }
        let Some(guard) = instance.guards.get(a.guard as usize) else {
            violations.push(Violation {
                rule: Rule::NotEligible,
                guard: Some(a.guard),
                assignments: vec![*a],
            });
            continue;
        };
        let one = |rule| Violation {
            rule,
            guard: Some(a.guard),
            assignments: vec![*a],
        };
        if !guard.eligible_facilities.contains(&shift.facility) {
            violations.push(one(Rule::NotEligible));
        }
        if let Some(skill) = post.required_skill {
            if !guard
                .certificates
                .iter()
                .any(|c| c.skill == skill && c.valid_until >= date)
            {
                violations.push(one(Rule::MissingSkill));
            }
        }
        let (start, end) = (local(shift.start), local(shift.end));
        for day in &guard.unavailable {
            let Some(midnight) = day.and_hms_opt(0, 0, 0) else {
                continue;
            };
            if overlap((start, end), (midnight, midnight + Duration::days(1))) > Duration::zero() {
                violations.push(one(Rule::Unavailable));
                break;
            }
        }
        valid.push(*a);
    }

    // Per-slot rules.
    for ((post, _), list) in &by_slot {
        let guards: BTreeSet<u32> = list.iter().map(|a| a.guard).collect();
        if guards.len() < list.len() {
            for g in &guards {
                let twice: Vec<Assignment> =
                    list.iter().filter(|a| a.guard == *g).copied().collect();
                if twice.len() > 1 {
                    violations.push(Violation {
                        rule: Rule::TwiceInSlot,
                        guard: Some(*g),
                        assignments: twice,
                    });
                }
            }
        }
        if let Some(p) = instance.posts.get(*post as usize) {
            if guards.len() > p.guards_per_shift as usize {
                violations.push(Violation {
                    rule: Rule::Overstaffed,
                    guard: None,
                    assignments: list.clone(),
                });
            }
        }
    }

    // Per-guard time rules, over the guard's distinct (post, shift) assignments.
    let mut by_guard: BTreeMap<u32, Vec<Assignment>> = BTreeMap::new();
    for a in &valid {
        let list = by_guard.entry(a.guard).or_default();
        if !list.iter().any(|b| b.post == a.post && b.shift == a.shift) {
            list.push(*a);
        }
    }
    for (guard, list) in &mut by_guard {
        time_rules(instance, *guard, list, &mut violations);
    }

    let objective = objective(instance, &valid, &by_slot);
    Report {
        violations,
        objective,
    }
}

fn time_rules(instance: &Instance, guard: u32, list: &mut [Assignment], out: &mut Vec<Violation>) {
    let limits = &instance.limits;
    let times = |a: &Assignment| {
        let s = &instance.shifts[a.shift as usize];
        (local(s.start), local(s.end), s.rest_after_hours)
    };
    list.sort_by_key(|a| (times(a).0, a.post));
    for (i, a) in list.iter().enumerate() {
        let (_, a_end, a_rest) = times(a);
        let rest = Duration::hours(i64::from(limits.min_rest_hours.max(a_rest.unwrap_or(0))));
        for b in &list[i + 1..] {
            let (b_start, _, _) = times(b);
            if b_start < a_end {
                out.push(Violation {
                    rule: Rule::Overlap,
                    guard: Some(guard),
                    assignments: vec![*a, *b],
                });
            } else if b_start < a_end + rest {
                out.push(Violation {
                    rule: Rule::Rest,
                    guard: Some(guard),
                    assignments: vec![*a, *b],
                });
            } else {
                break;
            }
        }
    }

    // Rolling 7 days: the windows starting at a shift start or ending at a shift end.
    let week = Duration::hours(168);
    let limit = Duration::hours(i64::from(limits.max_hours_7d));
    let mut starts: BTreeSet<NaiveDateTime> = BTreeSet::new();
    for a in list.iter() {
        let (s, e, _) = times(a);
        starts.insert(s);
        starts.insert(e - week);
    }
    let mut reported: BTreeSet<Vec<Assignment>> = BTreeSet::new();
    for t in starts {
        let window = (t, t + week);
        let mut worked = Duration::zero();
        let mut inside = Vec::new();
        for a in list.iter() {
            let (s, e, _) = times(a);
            let part = overlap((s, e), window);
            if part > Duration::zero() {
                worked += part;
                inside.push(*a);
            }
        }
        if worked > limit && reported.insert(inside.clone()) {
            out.push(Violation {
                rule: Rule::WeeklyHours,
                guard: Some(guard),
                assignments: inside,
            });
        }
    }

    // Consecutive nights.
    let mut nights: BTreeMap<NaiveDate, Vec<Assignment>> = BTreeMap::new();
    for a in list.iter() {
        let (s, e, _) = times(a);
        if let Some(night) = night_of(s, e) {
            nights.entry(night).or_default().push(*a);
        }
    }
    let mut run: Vec<(NaiveDate, Vec<Assignment>)> = Vec::new();
    let mut flush = |run: &mut Vec<(NaiveDate, Vec<Assignment>)>| {
        if run.len() > limits.max_consecutive_nights as usize {
            let assignments = run.iter().flat_map(|(_, a)| a.iter().copied()).collect();
            out.push(Violation {
                rule: Rule::ConsecutiveNights,
                guard: Some(guard),
                assignments,
            });
        }
        run.clear();
    };
    for (night, list) in nights {
        if run
            .last()
            .is_some_and(|(d, _)| *d + Duration::days(1) != night)
        {
            flush(&mut run);
        }
        run.push((night, list));
    }
    flush(&mut run);
}

fn objective(
    instance: &Instance,
    valid: &[Assignment],
    by_slot: &BTreeMap<(u32, u32), Vec<Assignment>>,
) -> Objective {
    let w = &instance.weights;
    let mut o = Objective::default();
    let mut shifts_at: HashMap<u32, Vec<usize>> = HashMap::new();
    for (s, shift) in instance.shifts.iter().enumerate() {
        shifts_at.entry(shift.facility).or_default().push(s);
    }
    for (p, post) in instance.posts.iter().enumerate() {
        for &s in shifts_at
            .get(&post.facility)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let shift = &instance.shifts[s];
            let date = local(shift.start).date();
            if date < post.active_from || date > post.active_until {
                continue;
            }
            let filled: BTreeSet<u32> = by_slot
                .get(&(p as u32, s as u32))
                .map(|l| l.iter().map(|a| a.guard).collect())
                .unwrap_or_default();
            let need = u64::from(post.guards_per_shift);
            o.seats += need;
            o.uncovered_seats += need.saturating_sub(filled.len() as u64);
        }
    }
    o.uncovered = w.uncovered * o.uncovered_seats as f64;

    let mut distinct: BTreeSet<(u32, u32, u32)> = BTreeSet::new();
    let mut hours: HashMap<u32, f64> = HashMap::new();
    let mut posts_of: BTreeSet<(u32, u32)> = BTreeSet::new();
    for a in valid {
        if !distinct.insert((a.guard, a.post, a.shift)) {
            continue;
        }
        let (Some(shift), Some(guard)) = (
            instance.shifts.get(a.shift as usize),
            instance.guards.get(a.guard as usize),
        ) else {
            continue;
        };
        *hours.entry(a.guard).or_default() += (shift.end - shift.start).num_minutes() as f64 / 60.0;
        posts_of.insert((a.guard, a.post));
        let weekday = local(shift.start).date().weekday();
        if guard.undesired_weekdays.contains(&weekday) {
            o.undesired_day += w.undesired_day;
        }
        if !guard.preferred_weekdays.is_empty() && !guard.preferred_weekdays.contains(&weekday) {
            o.not_preferred_day += w.not_preferred_day;
        }
        if instance.facilities[shift.facility as usize].home_district != guard.home_district {
            o.away_from_home += w.away_from_home;
        }
    }
    o.post_change = w.post_change * posts_of.len() as f64;

    let mut units: BTreeMap<u32, Vec<f64>> = BTreeMap::new();
    for (g, guard) in instance.guards.iter().enumerate() {
        units
            .entry(guard.unit)
            .or_default()
            .push(hours.get(&(g as u32)).copied().unwrap_or(0.0));
    }
    for members in units.values() {
        let mean = members.iter().sum::<f64>() / members.len() as f64;
        o.fairness += w.fairness * members.iter().map(|h| (h - mean).abs()).sum::<f64>();
    }
    o.total = o.uncovered
        + o.fairness
        + o.undesired_day
        + o.not_preferred_day
        + o.post_change
        + o.away_from_home;
    o
}
