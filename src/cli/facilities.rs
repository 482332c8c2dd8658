//! `jasaq facility ...`: facilities to guard from the command line (add one with its posts and
//! shift pattern, list, show), through the same core functions, scope rules and audit as the
//! desktop app; `--json` prints results and errors as JSON for scripts.

use clap::{Args, Subcommand};
use jasaq::access::Actor;
use jasaq::db::Store;
use jasaq::rosters::facilities::{
    self, CustomShift, FacilityInput, FacilityQuery, PatternInput, PatternKind, PostInput,
};
use jasaq::Error;

use crate::{json_errors, print_json};

#[derive(Subcommand)]
pub enum FacilityCommand {
    /// Register a facility with its posts and shift pattern
    Add(Box<AddFacilityArgs>),
    /// List the facilities of your scope
    List {
        /// Region code, e.g. KZ-11
        #[arg(long)]
        region: Option<String>,
        /// District id
        #[arg(long)]
        district: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one facility with its posts and pattern
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct AddFacilityArgs {
    #[arg(long)]
    name: String,
    /// power_plant, substation, water_supply, bridge, railway_node, fuel_depot, oil_gas,
    /// communications, government, hospital, arms_store, checkpoint, other
    #[arg(long)]
    category: String,
    /// Region code, e.g. KZ-11
    #[arg(long)]
    region: String,
    /// District id
    #[arg(long)]
    district: String,
    #[arg(long)]
    address: String,
    /// 1 (lowest) to 3 (highest)
    #[arg(long, default_value_t = 2)]
    criticality: i64,
    /// Responsible unit id (its sub-units' members guard too)
    #[arg(long)]
    unit: String,
    /// Owner organisation's BIN
    #[arg(long)]
    owner_bin: Option<String>,
    #[arg(long)]
    owner_name: Option<String>,
    /// The owner has its own protection plan
    #[arg(long)]
    own_plan: bool,
    #[arg(long)]
    lat: Option<f64>,
    #[arg(long)]
    lon: Option<f64>,
    /// three_eights, two_twelves, day_on_three_off or custom
    #[arg(long, default_value = "three_eights", value_parser = parse_kind)]
    pattern: PatternKind,
    /// First shift's local start HH:MM (fixed patterns)
    #[arg(long, default_value = "08:00")]
    start: String,
    /// Custom shifts as HH:MM/minutes, comma separated (e.g. 08:00/600,18:00/840)
    #[arg(long)]
    custom: Option<String>,
    /// A post as NAME:GUARDS[:SKILL]; repeat for each post
    #[arg(long = "post", required = true)]
    posts: Vec<String>,
    /// First local date the posts are staffed
    #[arg(long, default_value = "2020-01-01")]
    active_from: String,
    /// Last local date the posts are staffed
    #[arg(long, default_value = "2099-12-31")]
    active_until: String,
    #[arg(long)]
    json: bool,
}

fn parse_kind(text: &str) -> Result<PatternKind, String> {
    PatternKind::parse(text)
        .ok_or_else(|| "expected three_eights, two_twelves, day_on_three_off or custom".into())
}

fn post_of(text: &str, from: &str, until: &str) -> PostInput {
    let mut parts = text.splitn(3, ':');
    let name = parts.next().unwrap_or_default().to_owned();
    // An unreadable number reaches the core as 0 and is refused there by field.
    let guards = parts
        .next()
        .and_then(|g| g.trim().parse().ok())
        .unwrap_or(0);
    PostInput {
        id: None,
        name,
        guards_per_shift: guards,
        required_skill: parts.next().map(str::to_owned),
        active_from: from.to_owned(),
        active_until: until.to_owned(),
    }
}

fn custom_of(text: &str) -> Vec<CustomShift> {
    text.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            let (start, minutes) = s.split_once('/').unwrap_or((s, ""));
            CustomShift {
                start: start.trim().to_owned(),
                minutes: minutes.trim().parse().unwrap_or(0),
            }
        })
        .collect()
}

pub fn run_facility(
    store: &mut Store,
    actor: &Actor,
    command: FacilityCommand,
) -> Result<(), Error> {
    let json = match &command {
        FacilityCommand::List { json, .. } | FacilityCommand::Show { json, .. } => *json,
        FacilityCommand::Add(args) => args.json,
    };
    json_errors(json, facility_command(store, actor, command))
}

fn facility_command(
    store: &mut Store,
    actor: &Actor,
    command: FacilityCommand,
) -> Result<(), Error> {
    match command {
        FacilityCommand::Add(args) => {
            let a = *args;
            let input = FacilityInput {
                id: None,
                name: a.name,
                category: a.category,
                owner_bin: a.owner_bin,
                owner_name: a.owner_name,
                own_protection_plan: a.own_plan,
                region_id: a.region,
                district_id: a.district,
                address: a.address,
                latitude: a.lat,
                longitude: a.lon,
                criticality: a.criticality,
                responsible_unit_id: a.unit,
                pattern: PatternInput {
                    kind: a.pattern,
                    start: Some(a.start),
                    custom: a.custom.as_deref().map(custom_of).unwrap_or_default(),
                },
                posts: a
                    .posts
                    .iter()
                    .map(|p| post_of(p, &a.active_from, &a.active_until))
                    .collect(),
            };
            let saved = facilities::save_facility(store, actor, input)?;
            if a.json {
                print_json(&saved)?;
            } else {
                println!("{}\t{}", saved.id, saved.name);
            }
        }
        FacilityCommand::List {
            region,
            district,
            json,
        } => {
            let rows = facilities::list_facilities(
                store,
                actor,
                &FacilityQuery {
                    region_id: region,
                    district_id: district,
                },
            )?;
            if json {
                print_json(&rows)?;
            } else {
                for r in rows {
                    println!(
                        "{}\t{}\t{}\t{}\tcriticality {}\t{} posts\t{}",
                        r.id,
                        r.name,
                        r.category,
                        r.region_id,
                        r.criticality,
                        r.posts,
                        r.responsible_unit_name
                    );
                }
            }
        }
        FacilityCommand::Show { id, json } => {
            let f = facilities::get_facility(store, actor, &id)?;
            if json {
                print_json(&f)?;
            } else {
                println!("{} ({})", f.name, f.category);
                println!("{}, {} / {}", f.address, f.region_id, f.district_id);
                println!(
                    "criticality {}; unit {}; pattern {}",
                    f.criticality,
                    f.responsible_unit_name,
                    f.pattern.kind.as_str()
                );
                for p in &f.posts {
                    println!(
                        "  post {}\t{}\t{} per shift\t{}\t{}..{}",
                        p.id,
                        p.name,
                        p.guards_per_shift,
                        p.required_skill.as_deref().unwrap_or("-"),
                        p.active_from,
                        p.active_until
                    );
                }
            }
        }
    }
    Ok(())
}
