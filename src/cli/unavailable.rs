//! `jasaq volunteer unavailable add|list|remove`: declared days a volunteer cannot serve,
//! through the same core functions, scope and audit as the volunteer page of the app.

use clap::Subcommand;
use jasaq::access::Actor;
use jasaq::db::Store;
use jasaq::volunteers::{self, UnavailabilityInput, UnavailabilityKind};
use jasaq::Error;

use crate::print_json;

#[derive(Subcommand)]
pub enum UnavailableCommand {
    /// Declare days a volunteer cannot serve (local dates, inclusive)
    Add {
        /// Volunteer id
        volunteer: String,
        /// First day, yyyy-mm-dd
        #[arg(long)]
        from: String,
        /// Last day, yyyy-mm-dd
        #[arg(long)]
        to: String,
        /// leave, illness, work or other
        #[arg(long, value_parser = parse_kind)]
        kind: UnavailabilityKind,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List a volunteer's declared periods
    List {
        volunteer: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove a declared period by its id
    Remove {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

fn parse_kind(text: &str) -> Result<UnavailabilityKind, String> {
    UnavailabilityKind::parse(text).ok_or_else(|| "expected leave, illness, work or other".into())
}

impl UnavailableCommand {
    pub fn json(&self) -> bool {
        match self {
            UnavailableCommand::Add { json, .. }
            | UnavailableCommand::List { json, .. }
            | UnavailableCommand::Remove { json, .. } => *json,
        }
    }
}

pub fn run(store: &mut Store, actor: &Actor, command: UnavailableCommand) -> Result<(), Error> {
    match command {
        UnavailableCommand::Add {
            volunteer,
            from,
            to,
            kind,
            note,
            json,
        } => {
            let row = volunteers::declare_unavailability(
                store,
                actor,
                UnavailabilityInput {
                    volunteer_id: volunteer,
                    from_date: from,
                    to_date: to,
                    kind,
                    note,
                },
            )?;
            if json {
                return print_json(&row);
            }
            println!(
                "{} unavailable {}..{} ({}): {}",
                row.volunteer_id,
                row.from_date,
                row.to_date,
                row.kind.as_str(),
                row.id
            );
        }
        UnavailableCommand::List { volunteer, json } => {
            let rows = volunteers::list_unavailability(store, actor, &volunteer)?;
            if json {
                return print_json(&rows);
            }
            for r in rows {
                println!(
                    "{}  {}..{}  {:<8} {}",
                    r.id,
                    r.from_date,
                    r.to_date,
                    r.kind.as_str(),
                    r.note.unwrap_or_default()
                );
            }
        }
        UnavailableCommand::Remove { id, json } => {
            volunteers::remove_unavailability(store, actor, &id)?;
            if json {
                return print_json(&serde_json::json!({ "removed": id }));
            }
            println!("removed {id}");
        }
    }
    Ok(())
}
