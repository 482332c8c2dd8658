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

use jasaq::reports::Lang;
use jasaq::units::Direction;

/// `--direction` of the unit commands and the readiness export.
fn parse_direction(text: &str) -> Result<Direction, String> {
    Direction::parse(text).ok_or_else(|| {
        "expected russia, uzbekistan, china, kyrgyzstan, turkmenistan or interior".to_owned()
    })
}

/// `--lang` of the exports and the call-out sheets.
fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| "expected kk, ru or en".to_owned())
}
