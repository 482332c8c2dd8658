//! Facility-guarding rosters: the model, an optimising solver and an independent validator,
//! and their storage.
//!
//! The engine (`model`, `prep`, `state`, `solve`, `gaps`, `validate`, `generate`) knows no
//! database: it takes an [`model::Instance`] whose guards' unit memberships are already resolved
//! into "eligible for facility X" sets. The stored side: facilities with their posts and shift
//! pattern (`facilities`), limits and weights (`limits`) and day preferences (`day_preferences`),
//! reading a period into the engine (`load`), the grid, manual changes and publication
//! (`roster`), the auto-fill (`fill`), and a unit's guards x days calendar (`unit_grid`).
//! `generate` makes benchmark and test instances from a seed.

mod day_preferences;
pub mod export;
pub mod facilities;
pub mod fill;
pub mod gaps;
pub mod generate;
pub mod limits;
mod load;
pub mod model;
mod prep;
pub mod roster;
pub mod solve;
mod state;
pub mod unit_grid;
pub mod validate;

pub use gaps::{Gap, GapReason};
pub use model::{Assignment, Instance, Limits, Roster, Rule, ShiftPattern, Weights};
pub use solve::{check_assignment, solve, Progress, Solution, SolveOptions};
pub use validate::{validate, Objective, Report, Violation};
