//! The greedy construction (most constrained seats first, cheapest fitting guard) and the
//! local search's improving moves: fill an empty seat directly or by ejecting one of a blocked
//! guard's other shifts, hand a seat to a cheaper guard, and swap two guards' seats.

use std::sync::atomic::Ordering;

use super::{Progress, Search};
use crate::rosters::model::Rule;
use crate::rosters::prep::{DAY, WEEK};
use crate::rosters::state::Work;

impl Search<'_, '_> {
    pub(super) fn out_of_time(&mut self) -> bool {
        if self.interrupted {
            return true;
        }
        let stop = self.options.stop.is_some_and(|s| s.load(Ordering::Relaxed));
        if stop || self.started.elapsed() >= self.options.time_limit {
            self.interrupted = true;
        }
        self.interrupted
    }

    pub(super) fn report(&mut self) {
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
    pub(super) fn best_for(&self, slot: u32, exclude: Option<u32>) -> Option<(u32, f64)> {
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

    pub(super) fn construct(&mut self) {
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

    pub(super) fn local_search(&mut self) {
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
