//! The auto-fill: a greedy construction (most constrained seats first, cheapest fitting guard)
//! followed by local search that only ever applies improving moves, so the roster in hand is
//! always the best found and stays free of broken hard rules. Moves: fill an empty seat
//! (directly, or by moving one of a blocked guard's other shifts to someone else), hand a seat
//! to a cheaper guard, and swap two guards' seats. Pinned assignments are loaded first and
//! never touched. Stops on convergence, the time limit or the stop flag, whichever comes
//! first, and explains every seat it leaves empty (`gaps.rs`).
//!
//! This module holds the options, the result, the search's state and the order of the phases
//! ([`solve`]); `moves` holds the construction and the local search's moves, `ruin` the ruin
//! and recreate rounds, and `check` the live check of one manual change, which shares the
//! engine's rules but not its search.

mod check;
mod moves;
mod ruin;

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::gaps::{explain, Gap};
use super::model::{Assignment, Instance, Roster};
use super::prep::Prep;
use super::state::State;
use crate::volunteers::generate::Rng;

pub use check::check_assignment;

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
