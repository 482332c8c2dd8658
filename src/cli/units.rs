//! `jasaq unit ...` and `jasaq readiness`: the unit structure, assignments and readiness from
//! the command line, with the same core functions, scope rules and audit as the desktop app;
//! `--json` prints results and errors as JSON for scripts.

use clap::{Args, Subcommand};
use jasaq::access::Actor;
use jasaq::db::Store;
use jasaq::units::{
    self, AssignInput, Direction, ReadinessFigures, ReadinessQuery, TransferInput, UnitInput,
    UnitQuery, UnitStatus,
};
use jasaq::Error;

use crate::cli::parse_direction;
use crate::{json_errors, print_json};

#[derive(Subcommand)]
pub enum UnitCommand {
    /// List the units of your scope (a tree: each row names its parent)
    List {
        /// Region code, e.g. KZ-11
        #[arg(long)]
        region: Option<String>,
        /// District id
        #[arg(long)]
        district: Option<String>,
        /// Include disbanded units
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show one unit: establishment, members and subunits
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Create a unit
    Add(Box<AddUnitArgs>),
    /// Put an enrolled, eligible volunteer into a position of a unit
    Assign {
        /// Volunteer id
        #[arg(long)]
        volunteer: String,
        /// Unit id
        #[arg(long)]
        unit: String,
        /// Position code (rifleman, squad_leader, medic...)
        #[arg(long)]
        position: String,
        /// Local date yyyy-mm-dd
        #[arg(long)]
        start: String,
        #[arg(long)]
        json: bool,
    },
    /// End a volunteer's current post and start the next, with a reason
    Transfer {
        #[arg(long)]
        volunteer: String,
        #[arg(long)]
        unit: String,
        #[arg(long)]
        position: String,
        /// Local date yyyy-mm-dd
        #[arg(long)]
        date: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct AddUnitArgs {
    #[arg(long)]
    name: String,
    /// brigade, battalion, company, platoon, squad (or a kind added to the catalogue)
    #[arg(long)]
    kind: String,
    /// defence, national_guard, state_security, national_security, internal_affairs, emergencies
    #[arg(long)]
    agency: String,
    /// Region code, e.g. KZ-11
    #[arg(long)]
    region: String,
    /// Home district id
    #[arg(long)]
    district: Option<String>,
    /// Parent unit id (same region)
    #[arg(long)]
    parent: Option<String>,
    /// russia, uzbekistan, china, kyrgyzstan, turkmenistan or interior
    #[arg(long, value_parser = parse_direction)]
    direction: Direction,
    /// cadre, forming, ready or deployed
    #[arg(long, default_value = "forming", value_parser = parse_status)]
    status: UnitStatus,
    /// Commander: an enrolled volunteer's id
    #[arg(long)]
    commander: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ReadinessArgs {
    /// Region code: list that region's units too
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    agency: Option<String>,
    #[arg(long, value_parser = parse_direction)]
    direction: Option<Direction>,
    #[arg(long)]
    json: bool,
}

fn parse_status(text: &str) -> Result<UnitStatus, String> {
    UnitStatus::parse(text).ok_or_else(|| "expected cadre, forming, ready or deployed".into())
}

pub fn run_unit(store: &mut Store, actor: &Actor, command: UnitCommand) -> Result<(), Error> {
    let json = match &command {
        UnitCommand::List { json, .. }
        | UnitCommand::Show { json, .. }
        | UnitCommand::Assign { json, .. }
        | UnitCommand::Transfer { json, .. } => *json,
        UnitCommand::Add(args) => args.json,
    };
    json_errors(json, unit_command(store, actor, command))
}

fn unit_command(store: &mut Store, actor: &Actor, command: UnitCommand) -> Result<(), Error> {
    match command {
        UnitCommand::List {
            region,
            district,
            all,
            json,
        } => {
            let rows = units::list_units(
                store,
                actor,
                &UnitQuery {
                    region_id: region,
                    district_id: district,
                    include_disbanded: all,
                },
            )?;
            if json {
                return print_json(&rows);
            }
            for u in rows {
                println!(
                    "{}  {}  {} ({}, {}, {})  {}/{}  parent {}",
                    u.id,
                    u.region_id,
                    u.name,
                    u.kind,
                    u.agency_id,
                    u.status.as_str(),
                    u.assigned,
                    u.authorised,
                    u.parent_id.as_deref().unwrap_or("-")
                );
            }
        }
        UnitCommand::Show { id, json } => {
            let detail = units::get_unit(store, actor, &id)?;
            if json {
                return print_json(&detail);
            }
            let u = &detail.unit;
            println!("{} ({}, {})", u.name, u.kind, u.status.as_str());
            println!(
                "region {}  district {}  agency {}  direction {}",
                u.region_id,
                u.district_id.as_deref().unwrap_or("-"),
                u.agency_id,
                u.direction.as_str()
            );
            println!(
                "commander {}",
                u.commander_name.as_deref().unwrap_or("vacant")
            );
            println!("establishment (assigned/authorised):");
            for line in &detail.establishment {
                println!(
                    "  {:<18} {}/{}",
                    line.position, line.assigned, line.authorised
                );
            }
            println!("members:");
            for m in &detail.members {
                println!(
                    "  {} {} {} {}  {}  from {}  {:?}",
                    m.iin,
                    m.surname,
                    m.given_name,
                    m.patronymic.as_deref().unwrap_or(""),
                    m.position,
                    m.start_date,
                    m.qualification
                );
            }
            for child in &detail.children {
                println!("subunit {}  {}", child.id, child.name);
            }
        }
        UnitCommand::Add(args) => {
            let args = *args;
            let unit = units::create_unit(
                store,
                actor,
                UnitInput {
                    name: args.name,
                    kind: args.kind,
                    parent_id: args.parent,
                    agency_id: args.agency,
                    region_id: args.region,
                    district_id: args.district,
                    direction: args.direction,
                    status: args.status,
                    commander_id: args.commander,
                },
            )?;
            if args.json {
                return print_json(&unit);
            }
            println!("created {}  {}", unit.id, unit.name);
        }
        UnitCommand::Assign {
            volunteer,
            unit,
            position,
            start,
            json,
        } => {
            let assignment = units::assign(
                store,
                actor,
                AssignInput {
                    volunteer_id: volunteer,
                    unit_id: unit,
                    position,
                    start_date: start,
                },
            )?;
            if json {
                return print_json(&assignment);
            }
            println!(
                "assigned to {} as {} from {}",
                assignment.unit_name, assignment.position, assignment.start_date
            );
        }
        UnitCommand::Transfer {
            volunteer,
            unit,
            position,
            date,
            reason,
            json,
        } => {
            let assignment = units::transfer(
                store,
                actor,
                TransferInput {
                    volunteer_id: volunteer,
                    unit_id: unit,
                    position,
                    date,
                    reason,
                },
            )?;
            if json {
                return print_json(&assignment);
            }
            println!(
                "transferred to {} as {} from {}",
                assignment.unit_name, assignment.position, assignment.start_date
            );
        }
    }
    Ok(())
}

pub fn run_readiness(store: &mut Store, actor: &Actor, args: ReadinessArgs) -> Result<(), Error> {
    let json = args.json;
    json_errors(json, readiness_command(store, actor, args))
}

fn line(label: &str, f: &ReadinessFigures) {
    let bands: Vec<String> = f
        .age_bands
        .iter()
        .map(|b| format!("{} {}", b.band, b.count))
        .collect();
    println!(
        "{label:<28} units {:>5}  {:>7}/{:<7} filled {:>7} ({:>5.1}%)  quals missing {} expired {} \
         expiring {}  command vacant {}  ages {}",
        f.units,
        f.assigned,
        f.authorised,
        f.filled,
        f.fill_percent,
        f.qualification_missing,
        f.qualification_expired,
        f.qualification_expiring,
        f.vacant_command,
        bands.join(", ")
    );
}

fn readiness_command(store: &mut Store, actor: &Actor, args: ReadinessArgs) -> Result<(), Error> {
    let report = units::readiness(
        store,
        actor,
        &ReadinessQuery {
            region_id: args.region,
            agency_id: args.agency,
            direction: args.direction,
        },
    )?;
    if args.json {
        return print_json(&report);
    }
    println!("readiness on {}", report.as_of);
    line("total", &report.total);
    for (title, groups) in [
        ("by region", &report.by_region),
        ("by agency", &report.by_agency),
        ("by direction", &report.by_direction),
    ] {
        println!("{title}:");
        for g in groups {
            line(&format!("  {}", g.key), &g.figures);
        }
    }
    if !report.units.is_empty() {
        println!("units:");
        for u in &report.units {
            line(&format!("  {}", u.name), &u.figures);
        }
    }
    Ok(())
}
