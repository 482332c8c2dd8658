//! The auto-fill: a greedy construction (most constrained seats first, cheapest fitting guard)
//! followed by local search that only ever applies improving moves, so the roster in hand is
//! always the best found and stays free of broken hard rules. Moves: fill an empty seat
//! (directly, or by moving one of a blocked guard's other shifts to someone else), hand a seat
//! to a cheaper guard, and swap two guards' seats. Pinned assignments are loaded first and
//! never touched. Stops on convergence, the time limit or the stop flag, whichever comes
//! first, and explains every seat it leaves empty (`gaps.rs`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::gaps::{explain, Gap};
use super::model::{Assignment, Instance, Roster, Rule};
use super::prep::{static_rule, times, Prep, DAY, WEEK};
use super::state::{fits, State, Work};
use crate::volunteers::generate::Rng;

/// What the caller sees while the solver runs.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Progress {
    pub iterations: u64,
    pub best_objective: f64,
    pub uncovered_seats: u64,
    pub elapsed: Duration,
}

pub struct SolveOptions<'a> {
    pub seed: u64,
    pub time_limit: Duration,
    /// Set from another thread to stop: the best roster so far is returned.
    pub stop: Option<&'a AtomicBool>,
    pub progress: Option<&'a mut dyn FnMut(Progress)>,
}

impl Default for SolveOptions<'_> {
    fn default() -> Self {
        SolveOptions {
            seed: 1,
            time_limit: Duration::from_secs(30),
            stop: None,
            progress: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Solution {
    pub roster: Roster,
    pub gaps: Vec<Gap>,
    /// The objective as the solver computes it (the validator's figure is the reference).
    pub objective: f64,
    pub uncovered_seats: u64,
    pub iterations: u64,
    pub elapsed: Duration,
    /// True when the stop flag or the time limit ended the search before it converged.
    pub interrupted: bool,
}

struct Search<'a, 'b> {
    instance: &'a Instance,
    prep: Prep,
    state: State,
    rng: Rng,
    started: Instant,
    options: SolveOptions<'b>,
    iterations: u64,
    interrupted: bool,
}

impl Search<'_, '_> {
    fn out_of_time(&mut self) -> bool {
        if self.interrupted {
            return true;
        }
        let stop = self.options.stop.is_some_and(|s| s.load(Ordering::Relaxed));
        if stop || self.started.elapsed() >= self.options.time_limit {
            self.interrupted = true;
        }
        self.interrupted
    }

    fn report(&mut self) {
        let (objective, uncovered) = self.state.objective(self.instance, &self.prep);
        let progress = Progress {
            iterations: self.iterations,
            best_objective: objective,
            uncovered_seats: uncovered,
            elapsed: self.started.elapsed(),
        };
        if let Some(callback) = self.options.progress.as_mut() {
            callback(progress);
        }
    }

    fn len(&self, slot: u32) -> i64 {
        let t = &self.prep.times[self.prep.slots[slot as usize].shift as usize];
        t.end - t.start
    }

    /// Cost change of adding `guard` to `slot`, with the fairness part approximated by the
    /// guard's own term (the other members' terms move alike whoever is chosen in the unit):
    /// used to choose among candidates; accepting a change always uses exact figures.
    fn add_cost(&self, guard: u32, slot: u32) -> f64 {
        let w = &self.instance.weights;
        let post = self.prep.slots[slot as usize].post;
        self.state
            .fixed_cost(self.instance, &self.prep, guard, slot)
            + self.state.post_delta(w, guard, post, true)
            + self.state.own_fairness_delta(w, guard, self.len(slot))
            - w.uncovered
    }

    /// The cheapest guard who fits an empty seat of `slot`, with the cost change.
    fn best_for(&self, slot: u32, exclude: Option<u32>) -> Option<(u32, f64)> {
        let mut best: Option<(u32, f64)> = None;
        for &g in &self.prep.slots[slot as usize].candidates {
            if Some(g) == exclude || self.state.check(&self.prep, g, slot).is_err() {
                continue;
            }
            let cost = self.add_cost(g, slot);
            if best.is_none_or(|(_, b)| cost < b) {
                best = Some((g, cost));
            }
        }
        best
    }

    fn construct(&mut self) {
        let mut order: Vec<u32> = (0..self.prep.slots.len() as u32).collect();
        // Fewest candidates per seat first; equal ones in time order.
        order.sort_by_key(|&s| {
            let slot = &self.prep.slots[s as usize];
            (
                slot.candidates.len() / slot.need.max(1) as usize,
                self.prep.times[slot.shift as usize].start,
            )
        });
        for (i, slot) in order.into_iter().enumerate() {
            if i % 1024 == 0 && self.out_of_time() {
                return;
            }
            while self.state.seats[slot as usize].len()
                < self.prep.slots[slot as usize].need as usize
            {
                match self.best_for(slot, None) {
                    Some((g, _)) => self.state.add(&self.prep, g, slot),
                    None => break,
                }
            }
        }
    }

    /// Fills an empty seat of `slot` by moving one of a blocked guard's shifts to another guard.
    fn fill_by_ejection(&mut self, slot: u32) -> bool {
        let candidates = self.prep.slots[slot as usize].candidates.clone();
        let t = self.prep.times[self.prep.slots[slot as usize].shift as usize];
        for g in candidates {
            match self.state.check(&self.prep, g, slot) {
                Ok(()) => {
                    self.state.add(&self.prep, g, slot);
                    return true;
                }
                Err(Rule::TwiceInSlot) => continue,
                Err(_) => {}
            }
            let near: Vec<Work> = self.state.works[g as usize]
                .iter()
                .filter(|w| w.start > t.start - WEEK - DAY && w.start < t.end + WEEK + DAY)
                .copied()
                .collect();
            for w in near {
                if self.state.pinned.contains(&(w.slot, g)) {
                    continue;
                }
                self.state.remove(&self.prep, g, w.slot);
                if self.state.check(&self.prep, g, slot).is_ok() {
                    self.state.add(&self.prep, g, slot);
                    if let Some((g2, _)) = self.best_for(w.slot, Some(g)) {
                        self.state.add(&self.prep, g2, w.slot);
                        return true;
                    }
                    self.state.remove(&self.prep, g, slot);
                }
                self.state.add(&self.prep, g, w.slot);
            }
        }
        false
    }

    /// Hands the seat of `guard` on `slot` to the guard who lowers the objective most.
    fn improve_seat(&mut self, guard: u32, slot: u32) -> bool {
        let w = self.instance.weights;
        let post = self.prep.slots[slot as usize].post;
        let len = self.len(slot);
        // What the objective loses when `guard` leaves (post_delta is negative on his last shift there).
        let leave = self
            .state
            .fixed_cost(self.instance, &self.prep, guard, slot)
            - self.state.post_delta(&w, guard, post, false);
        let mut options: Vec<(f64, u32)> = Vec::new();
        for &g in &self.prep.slots[slot as usize].candidates {
            if g == guard || self.state.seats[slot as usize].contains(&g) {
                continue;
            }
            let delta = self.state.fixed_cost(self.instance, &self.prep, g, slot)
                + self.state.post_delta(&w, g, post, true)
                - leave
                + self.state.fairness_delta(&w, &[(guard, -len), (g, len)]);
            if delta < -1e-9 {
                options.push((delta, g));
            }
        }
        options.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, g) in options {
            if self.state.check(&self.prep, g, slot).is_ok() {
                self.state.remove(&self.prep, guard, slot);
                self.state.add(&self.prep, g, slot);
                return true;
            }
        }
        false
    }

    /// Swaps the seat of `guard` on `slot` with a guard on a slot of identical times (another
    /// post of the same shift, or a facility working the same hours): no time rule can break,
    /// so only the price and the static candidacy matter. This is what keeps guards on one post.
    fn swap_same_times(&mut self, guard: u32, slot: u32) -> bool {
        let group = self.prep.group_of[slot as usize] as usize;
        let mut best: Option<(f64, u32, u32)> = None;
        for &slot2 in &self.prep.groups[group] {
            if slot2 == slot
                || self.prep.slots[slot2 as usize]
                    .candidates
                    .binary_search(&guard)
                    .is_err()
            {
                continue;
            }
            for &other in &self.state.seats[slot2 as usize] {
                if self.state.pinned.contains(&(slot2, other))
                    || self.state.seats[slot as usize].contains(&other)
                    || self.prep.slots[slot as usize]
                        .candidates
                        .binary_search(&other)
                        .is_err()
                {
                    continue;
                }
                let delta = self.move_cost(guard, slot, slot2) + self.move_cost(other, slot2, slot);
                if delta < -1e-9 && best.is_none_or(|(b, _, _)| delta < b) {
                    best = Some((delta, slot2, other));
                }
            }
        }
        let Some((_, slot2, other)) = best else {
            return false;
        };
        self.state.remove(&self.prep, guard, slot);
        self.state.remove(&self.prep, other, slot2);
        self.state.add(&self.prep, guard, slot2);
        self.state.add(&self.prep, other, slot);
        true
    }

    /// Cost change of `guard` leaving `from` for `to` (post continuity and fixed costs).
    fn move_cost(&self, guard: u32, from: u32, to: u32) -> f64 {
        let w = &self.instance.weights;
        let (p1, p2) = (
            self.prep.slots[from as usize].post,
            self.prep.slots[to as usize].post,
        );
        let mut cost = self.state.fixed_cost(self.instance, &self.prep, guard, to)
            - self
                .state
                .fixed_cost(self.instance, &self.prep, guard, from);
        if p1 != p2 {
            cost += self.state.post_delta(w, guard, p1, false)
                + self.state.post_delta(w, guard, p2, true);
        }
        cost
    }

    /// Swaps the seat of `guard` on `slot` with a seat of another candidate of `slot`, when
    /// that lowers the objective; the price is computed first, the rules checked only then.
    fn swap_seat(&mut self, guard: u32, slot: u32) -> bool {
        let candidates = &self.prep.slots[slot as usize].candidates;
        if candidates.len() < 2 {
            return false;
        }
        for _ in 0..3 {
            let other = candidates[self.rng.below(candidates.len() as u64) as usize];
            if other == guard || self.state.seats[slot as usize].contains(&other) {
                continue;
            }
            let theirs: Vec<u32> = self.state.works[other as usize]
                .iter()
                .map(|x| x.slot)
                .collect();
            for slot2 in theirs {
                let s2 = &self.prep.slots[slot2 as usize];
                if slot2 == slot
                    || self.state.pinned.contains(&(slot2, other))
                    || s2.candidates.binary_search(&guard).is_err()
                    || self.state.seats[slot2 as usize].contains(&guard)
                {
                    continue;
                }
                let (len1, len2) = (self.len(slot), self.len(slot2));
                let delta = self.move_cost(guard, slot, slot2)
                    + self.move_cost(other, slot2, slot)
                    + if len1 == len2 {
                        0.0
                    } else {
                        self.state.fairness_delta(
                            &self.instance.weights,
                            &[(guard, len2 - len1), (other, len1 - len2)],
                        )
                    };
                if delta >= -1e-9 {
                    continue;
                }
                self.state.remove(&self.prep, guard, slot);
                self.state.remove(&self.prep, other, slot2);
                if self.state.check(&self.prep, guard, slot2).is_ok() {
                    self.state.add(&self.prep, guard, slot2);
                    if self.state.check(&self.prep, other, slot).is_ok() {
                        self.state.add(&self.prep, other, slot);
                        return true;
                    }
                    self.state.remove(&self.prep, guard, slot2);
                }
                self.state.add(&self.prep, guard, slot);
                self.state.add(&self.prep, other, slot2);
            }
        }
        false
    }

    fn local_search(&mut self) {
        loop {
            let mut improved = false;
            for slot in 0..self.prep.slots.len() as u32 {
                let need = self.prep.slots[slot as usize].need as usize;
                while self.state.seats[slot as usize].len() < need {
                    self.iterations += 1;
                    let direct = self.best_for(slot, None);
                    match direct {
                        Some((g, _)) => self.state.add(&self.prep, g, slot),
                        None if self.fill_by_ejection(slot) => {}
                        None => break,
                    }
                    improved = true;
                }
                if slot % 256 == 0 && self.out_of_time() {
                    return;
                }
            }
            let mut seats: Vec<(u32, u32)> = Vec::new();
            for (slot, guards) in self.state.seats.iter().enumerate() {
                for &g in guards {
                    if !self.state.pinned.contains(&(slot as u32, g)) {
                        seats.push((g, slot as u32));
                    }
                }
            }
            for i in (1..seats.len()).rev() {
                seats.swap(i, self.rng.below(i as u64 + 1) as usize);
            }
            for (i, (g, slot)) in seats.into_iter().enumerate() {
                if i % 256 == 0 && self.out_of_time() {
                    return;
                }
                if !self.state.seats[slot as usize].contains(&g) {
                    continue;
                }
                self.iterations += 1;
                if self.improve_seat(g, slot)
                    || self.swap_same_times(g, slot)
                    || self.swap_seat(g, slot)
                {
                    improved = true;
                }
            }
            self.report();
            if !improved {
                return;
            }
        }
    }
}

impl Search<'_, '_> {
    /// Ruin and recreate: empties the seats of one unit's guards over a few days around a
    /// random slot, refills them greedily (with ejections), and keeps the result unless it is
    /// worse. Ends after `LNS_PATIENCE` rounds without a strict improvement.
    fn large_neighbourhoods(&mut self) {
        let slots = self.prep.slots.len() as u64;
        if slots == 0 {
            return;
        }
        let (mut best, _) = self.state.objective(self.instance, &self.prep);
        let mut idle = 0;
        while idle < LNS_PATIENCE {
            if idle % 64 == 0 && self.out_of_time() {
                return;
            }
            self.iterations += 1;
            idle += 1;
            let centre = self.rng.below(slots) as u32;
            let t = self.prep.times[self.prep.slots[centre as usize].shift as usize];
            let span = (1 + self.rng.below(3) as i64) * DAY;
            let unit = match self.prep.slots[centre as usize].candidates.first() {
                Some(g) => self.state.unit_of[*g as usize],
                None => continue,
            };
            let mut removed: Vec<(u32, u32)> = Vec::new();
            for &g in &self.state.members[unit as usize] {
                for w in &self.state.works[g as usize] {
                    if w.start >= t.start - span
                        && w.start < t.start + span
                        && !self.state.pinned.contains(&(w.slot, g))
                    {
                        removed.push((g, w.slot));
                    }
                }
            }
            if removed.is_empty() {
                continue;
            }
            for &(g, slot) in &removed {
                self.state.remove(&self.prep, g, slot);
            }
            let mut open: Vec<u32> = removed.iter().map(|(_, s)| *s).collect();
            open.sort_unstable();
            open.dedup();
            for i in (1..open.len()).rev() {
                open.swap(i, self.rng.below(i as u64 + 1) as usize);
            }
            let mut added: Vec<(u32, u32)> = Vec::new();
            for &slot in &open {
                while self.state.seats[slot as usize].len()
                    < self.prep.slots[slot as usize].need as usize
                {
                    match self.best_for(slot, None) {
                        Some((g, _)) => {
                            self.state.add(&self.prep, g, slot);
                            added.push((g, slot));
                        }
                        None => break,
                    }
                }
            }
            let (after, _) = self.state.objective(self.instance, &self.prep);
            if after < best - 1e-9 {
                best = after;
                idle = 0;
            } else if after > best + 1e-9 {
                for &(g, slot) in &added {
                    self.state.remove(&self.prep, g, slot);
                }
                for &(g, slot) in &removed {
                    self.state.add(&self.prep, g, slot);
                }
            }
        }
    }
}

/// Rounds of ruin and recreate without improvement before the search ends.
const LNS_PATIENCE: u32 = 3000;

/// Fills the instance's empty seats, keeping every pinned assignment.
pub fn solve(instance: &Instance, options: SolveOptions<'_>) -> Solution {
    let started = Instant::now();
    let prep = Prep::new(instance);
    let mut state = State::new(instance, &prep);
    let mut outside: Roster = Vec::new();
    for a in &instance.pinned {
        match prep.slot_of.get(&(a.post, a.shift)) {
            Some(&slot) if (a.guard as usize) < instance.guards.len() => {
                if !state.seats[slot as usize].contains(&a.guard) {
                    state.add(&prep, a.guard, slot);
                    state.pinned.insert((slot, a.guard));
                }
            }
            // Kept as given: the validator names what is wrong with it.
            _ => outside.push(*a),
        }
    }
    let mut search = Search {
        instance,
        prep,
        state,
        rng: Rng::new(options.seed),
        started,
        options,
        iterations: 0,
        interrupted: false,
    };
    search.construct();
    search.report();
    search.local_search();
    search.large_neighbourhoods();
    if !search.interrupted {
        search.local_search();
    }
    let (objective, uncovered_seats) = search.state.objective(instance, &search.prep);
    let mut roster = outside;
    for (slot, guards) in search.state.seats.iter().enumerate() {
        let s = &search.prep.slots[slot];
        roster.extend(guards.iter().map(|&guard| Assignment {
            post: s.post,
            shift: s.shift,
            guard,
        }));
    }
    roster.sort();
    let gaps = explain(instance, &search.prep, &search.state, search.interrupted);
    Solution {
        roster,
        gaps,
        objective,
        uncovered_seats,
        iterations: search.iterations,
        elapsed: started.elapsed(),
        interrupted: search.interrupted,
    }
}

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
    let from = chrono::Datelike::num_days_from_ce(&post.active_from) as i64 - 719_163;
    let until = chrono::Datelike::num_days_from_ce(&post.active_until) as i64 - 719_163;
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
