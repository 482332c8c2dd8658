//! Facility-guarding rosters: the model, an optimising solver and an independent validator.
//!
//! This is the self-contained engine only (no database, no commands yet): it takes an
//! [`model::Instance`] whose guards' unit memberships are already resolved into "eligible for
//! facility X" sets. `generate` makes benchmark and test instances from a seed.

pub mod gaps;
pub mod generate;
pub mod model;
mod prep;
pub mod solve;
mod state;
pub mod validate;

pub use gaps::{Gap, GapReason};
pub use model::{Assignment, Instance, Limits, Roster, Rule, ShiftPattern, Weights};
pub use solve::{check_assignment, solve, Progress, Solution, SolveOptions};
pub use validate::{validate, Objective, Report, Violation};
