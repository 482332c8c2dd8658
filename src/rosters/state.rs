//! The solver's working roster: who stands each slot, each guard's shifts in time order, and
//! the running totals the objective needs, so that a move is checked and priced by looking only
//! at the guard's neighbouring shifts. `fits` is the one place the solver tests the time rules;
//! the live check of a manual assignment uses it too.

use std::collections::HashSet;

use super::model::{Instance, Rule, Weights};
use super::prep::{Prep, Times, DAY, WEEK};

/// One shift a guard stands, as the time rules see it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Work {
    pub start: i64,
    pub end: i64,
    pub rest_end: i64,
    pub night: Option<i64>,
    pub slot: u32,
}

/// Whether a guard with these shifts (sorted by start, themselves consistent) may also stand
/// a shift at `t`; the broken rule otherwise.
pub(super) fn fits(works: &[Work], t: &Times, max_week: i64, max_nights: i64) -> Result<(), Rule> {
    let i = works.partition_point(|w| w.start < t.start);
    if let Some(prev) = i.checked_sub(1).map(|i| &works[i]) {
        if prev.end > t.start {
            return Err(Rule::Overlap);
        }
        if prev.rest_end > t.start {
            return Err(Rule::Rest);
        }
    }
    if let Some(next) = works.get(i) {
        if t.end > next.start {
            return Err(Rule::Overlap);
        }
        if t.end + t.rest > next.start {
            return Err(Rule::Rest);
        }
    }
    // Every window [w, w + 7 days) that meets the new shift, from a start or an end - 7 days.
    let near_from = works.partition_point(|w| w.start < t.start - WEEK - DAY);
    let near_to = works.partition_point(|w| w.start < t.end + WEEK);
    let near = &works[near_from..near_to];
    let inside = |w: i64, s: i64, e: i64| (e.min(w + WEEK) - s.max(w)).max(0);
    let check = |w: i64| {
        if w <= t.start - WEEK || w >= t.end {
            return true;
        }
        let total: i64 =
            inside(w, t.start, t.end) + near.iter().map(|x| inside(w, x.start, x.end)).sum::<i64>();
        total <= max_week
    };
    if !check(t.start) || !check(t.end - WEEK) {
        return Err(Rule::WeeklyHours);
    }
    for x in near {
        if !check(x.start) || !check(x.end - WEEK) {
            return Err(Rule::WeeklyHours);
        }
    }
    if let Some(night) = t.night {
        let span = (max_nights + 2) * DAY;
        let mut nights: Vec<i64> = works
            .iter()
            .filter(|w| w.start > t.start - span && w.start < t.end + span)
            .filter_map(|w| w.night)
            .collect();
        nights.push(night);
        let mut run = 1;
        while nights.contains(&(night - run)) {
            run += 1;
        }
        let mut after = 1;
        while nights.contains(&(night + after)) {
            after += 1;
        }
        if run + after - 1 > max_nights {
            return Err(Rule::ConsecutiveNights);
        }
    }
    Ok(())
}

pub(super) struct State {
    pub seats: Vec<Vec<u32>>,
    pub pinned: HashSet<(u32, u32)>,
    pub works: Vec<Vec<Work>>,
    pub minutes: Vec<i64>,
    /// Per guard: (post, shifts stood there).
    pub posts: Vec<Vec<(u32, u32)>>,
    pub unit_of: Vec<u32>,
    pub members: Vec<Vec<u32>>,
    pub unit_minutes: Vec<i64>,
}

impl State {
    pub fn new(instance: &Instance, prep: &Prep) -> State {
        let units = instance
            .guards
            .iter()
            .map(|g| g.unit as usize + 1)
            .max()
            .unwrap_or(0);
        let mut members = vec![Vec::new(); units];
        for (g, guard) in instance.guards.iter().enumerate() {
            members[guard.unit as usize].push(g as u32);
        }
        let n = instance.guards.len();
        State {
            seats: prep
                .slots
                .iter()
                .map(|s| Vec::with_capacity(s.need as usize))
                .collect(),
            pinned: HashSet::new(),
            works: vec![Vec::new(); n],
            minutes: vec![0; n],
            posts: vec![Vec::new(); n],
            unit_of: instance.guards.iter().map(|g| g.unit).collect(),
            members,
            unit_minutes: vec![0; units],
        }
    }

    /// Whether `guard` may be added to `slot` as the roster stands.
    pub fn check(&self, prep: &Prep, guard: u32, slot: u32) -> Result<(), Rule> {
        let s = &prep.slots[slot as usize];
        if self.seats[slot as usize].contains(&guard) {
            return Err(Rule::TwiceInSlot);
        }
        fits(
            &self.works[guard as usize],
            &prep.times[s.shift as usize],
            prep.max_week,
            prep.max_nights,
        )
    }

    pub fn add(&mut self, prep: &Prep, guard: u32, slot: u32) {
        let s = &prep.slots[slot as usize];
        let t = &prep.times[s.shift as usize];
        self.seats[slot as usize].push(guard);
        let works = &mut self.works[guard as usize];
        let i = works.partition_point(|w| w.start < t.start);
        works.insert(
            i,
            Work {
                start: t.start,
                end: t.end,
                rest_end: t.end + t.rest,
                night: t.night,
                slot,
            },
        );
        let len = t.end - t.start;
        self.minutes[guard as usize] += len;
        self.unit_minutes[self.unit_of[guard as usize] as usize] += len;
        let posts = &mut self.posts[guard as usize];
        match posts.iter_mut().find(|(p, _)| *p == s.post) {
            Some((_, n)) => *n += 1,
            None => posts.push((s.post, 1)),
        }
    }

    pub fn remove(&mut self, prep: &Prep, guard: u32, slot: u32) {
        let s = &prep.slots[slot as usize];
        let t = &prep.times[s.shift as usize];
        self.seats[slot as usize].retain(|g| *g != guard);
        self.works[guard as usize].retain(|w| w.slot != slot);
        let len = t.end - t.start;
        self.minutes[guard as usize] -= len;
        self.unit_minutes[self.unit_of[guard as usize] as usize] -= len;
        let posts = &mut self.posts[guard as usize];
        if let Some(i) = posts.iter().position(|(p, _)| *p == s.post) {
            posts[i].1 -= 1;
            if posts[i].1 == 0 {
                posts.swap_remove(i);
            }
        }
    }

    fn stands_post(&self, guard: u32, post: u32) -> u32 {
        self.posts[guard as usize]
            .iter()
            .find(|(p, _)| *p == post)
            .map_or(0, |(_, n)| *n)
    }

    /// The cost that depends on the guard and slot alone: weekdays and home district.
    pub fn fixed_cost(&self, instance: &Instance, prep: &Prep, guard: u32, slot: u32) -> f64 {
        let w = &instance.weights;
        let s = &prep.slots[slot as usize];
        let bit = 1u8 << prep.times[s.shift as usize].weekday;
        let mut cost = 0.0;
        if prep.undesired[guard as usize] & bit != 0 {
            cost += w.undesired_day;
        }
        let preferred = prep.preferred[guard as usize];
        if preferred != 0 && preferred & bit == 0 {
            cost += w.not_preferred_day;
        }
        let home = instance.guards[guard as usize].home_district;
        if instance.facilities[s.facility as usize].home_district != home {
            cost += w.away_from_home;
        }
        cost
    }

    /// Change of the post-continuity cost if `guard` gains (`+1`) or loses (`-1`) a shift on `post`.
    pub fn post_delta(&self, w: &Weights, guard: u32, post: u32, gain: bool) -> f64 {
        let n = self.stands_post(guard, post);
        match (gain, n) {
            (true, 0) => w.post_change,
            (false, 1) => -w.post_change,
            _ => 0.0,
        }
    }

    /// The fairness cost of one unit, in hours, with some guards' minutes changed.
    pub fn unit_fairness(&self, unit: u32, changes: &[(u32, i64)]) -> f64 {
        let members = &self.members[unit as usize];
        if members.is_empty() {
            return 0.0;
        }
        let of = |g: u32| {
            self.minutes[g as usize]
                + changes
                    .iter()
                    .filter(|(c, _)| *c == g)
                    .map(|(_, d)| d)
                    .sum::<i64>()
        };
        let total: i64 = members.iter().map(|g| of(*g)).sum();
        let mean = total as f64 / members.len() as f64;
        members
            .iter()
            .map(|g| (of(*g) as f64 - mean).abs())
            .sum::<f64>()
            / 60.0
    }

    /// The change of `guard`'s own fairness term when he gains `minutes` (the unit's mean
    /// moving with it), O(1).
    pub fn own_fairness_delta(&self, w: &Weights, guard: u32, minutes: i64) -> f64 {
        let u = self.unit_of[guard as usize] as usize;
        let n = self.members[u].len() as f64;
        let h = self.minutes[guard as usize] as f64;
        let before = self.unit_minutes[u] as f64 / n;
        let after = (self.unit_minutes[u] + minutes) as f64 / n;
        w.fairness * ((h + minutes as f64 - after).abs() - (h - before).abs()) / 60.0
    }

    /// Change of the fairness cost when guards' minutes change by the given amounts.
    pub fn fairness_delta(&self, w: &Weights, changes: &[(u32, i64)]) -> f64 {
        if w.fairness == 0.0 {
            return 0.0;
        }
        let units: Vec<u32> = {
            let mut u: Vec<u32> = changes
                .iter()
                .map(|(g, _)| self.unit_of[*g as usize])
                .collect();
            u.sort_unstable();
            u.dedup();
            u
        };
        // Within one unit with no net change the mean stays: only the movers' terms change.
        if units.len() == 1 && changes.iter().map(|(_, d)| d).sum::<i64>() == 0 {
            let u = units[0] as usize;
            let mean = self.unit_minutes[u] as f64 / self.members[u].len() as f64;
            let d: f64 = changes
                .iter()
                .map(|(g, d)| {
                    let h = self.minutes[*g as usize] as f64;
                    (h + *d as f64 - mean).abs() - (h - mean).abs()
                })
                .sum();
            return w.fairness * d / 60.0;
        }
        units
            .iter()
            .map(|u| self.unit_fairness(*u, changes) - self.unit_fairness(*u, &[]))
            .sum::<f64>()
            * w.fairness
    }

    /// The whole objective as the solver sees it (the validator computes it independently).
    pub fn objective(&self, instance: &Instance, prep: &Prep) -> (f64, u64) {
        let w = &instance.weights;
        let mut uncovered = 0u64;
        let mut fixed = 0.0;
        for (slot, s) in prep.slots.iter().enumerate() {
            let seats = &self.seats[slot];
            uncovered += u64::from(s.need.saturating_sub(seats.len() as u32));
            fixed += seats
                .iter()
                .map(|g| self.fixed_cost(instance, prep, *g, slot as u32))
                .sum::<f64>();
        }
        let posts: usize = self.posts.iter().map(Vec::len).sum();
        let fairness: f64 = (0..self.members.len())
            .map(|u| self.unit_fairness(u as u32, &[]))
            .sum();
        let total = w.uncovered * uncovered as f64
            + fixed
            + w.post_change * posts as f64
            + w.fairness * fairness;
        (total, uncovered)
    }
}
