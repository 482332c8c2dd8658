//! The `jasaq` subcommands that work on the registry's domain areas, one module per area
//! (or per pair of areas that share a page in the app), mirroring the core's folders. Each
//! module declares its clap arguments and runs them against the core with the signed-in actor;
//! `main.rs` keeps the top-level parser, sign-in, accounts, districts and the audit check.

pub mod activation;
pub mod assets;
pub mod export;
pub mod facilities;
pub mod import;
pub mod messages;
pub mod rosters;
mod unavailable;
pub mod units;
pub mod volunteers;
