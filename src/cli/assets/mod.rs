//! `jasaq asset ...`: requisitioned assets from the command line. The same core functions,
//! scope rules and audit as the desktop app; amounts are typed in tenge (`1 234 567,89`) and
//! parsed to tiyn exactly; documents are written to `--out FILE`.
//!
//! The subcommands are one flat list (`jasaq asset pay ...`), declared here in three groups
//! that each live in their own file: `register` (owners, assets, requisition, files),
//! `compensation` (appraisals, return or loss, claims and payments) and `reading` (show, lists,
//! summary and documents). This module holds the shared options and helpers.

mod compensation;
mod reading;
mod register;

use clap::{Args, Subcommand};
use jasaq::access::Actor;
use jasaq::assets::{self, AssetKind};
use jasaq::db::Store;
use jasaq::Error;

use crate::{json_errors, print_json};

#[derive(Args)]
pub struct AssetArgs {
    /// Print the result (or the error) as JSON
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: AssetCommand,
}

#[derive(Subcommand)]
enum AssetCommand {
    #[command(flatten)]
    Register(register::RegisterCommand),
    #[command(flatten)]
    Compensation(compensation::CompensationCommand),
    #[command(flatten)]
    Reading(reading::ReadingCommand),
}

fn parse_kind(text: &str) -> Result<AssetKind, String> {
    AssetKind::parse(text).ok_or_else(|| {
        "expected building, premises, land, vehicle, special_machinery, equipment, \
         fuel_supplies or other"
            .to_owned()
    })
}

/// Tenge as typed to tiyn; a bad amount is a field error naming the option.
fn tenge(field: &str, text: &str) -> Result<i64, Error> {
    assets::parse_tenge(field, text).map_err(|e| Error::invalid(vec![e]))
}

/// Prints a result as JSON or as a one-line summary.
fn done<T: serde::Serialize>(json: bool, value: &T, line: String) -> Result<(), Error> {
    if json {
        print_json(value)
    } else {
        println!("{line}");
        Ok(())
    }
}

pub fn run(store: &mut Store, actor: &Actor, args: AssetArgs) -> Result<(), Error> {
    let json = args.json;
    json_errors(json, command(store, actor, args.command, json))
}

fn command(
    store: &mut Store,
    actor: &Actor,
    command: AssetCommand,
    json: bool,
) -> Result<(), Error> {
    match command {
        AssetCommand::Register(command) => register::run(store, actor, command, json),
        AssetCommand::Compensation(command) => compensation::run(store, actor, command, json),
        AssetCommand::Reading(command) => reading::run(store, actor, command, json),
    }
}
