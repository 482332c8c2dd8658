//! `jasaq volunteer ...` and `jasaq rules ...`: the volunteer registry from the command line,
//! with the same core functions, scope rules and audit as the desktop app; `--json` prints
//! results and errors as JSON for scripts.

use clap::{Args, Subcommand};
use jasaq::access::Actor;
use jasaq::db::Store;
use jasaq::identity::Sex;
use jasaq::volunteers::{
    self, DischargeInput, HealthCategory, MilitaryService, NewRuleSet, SkillInput, SortKey, Status,
    VolunteerInput, VolunteerQuery,
};
use jasaq::Error;

use crate::{json_errors, print_json};

#[derive(Subcommand)]
pub enum VolunteerCommand {
    /// Register a volunteer (birth date and sex default to what the IIN says)
    Add(Box<AddVolunteerArgs>),
    /// Show one volunteer with decisions and history
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Search by IIN prefix or any part of a name (Cyrillic or Latin), with filters
    Search(SearchArgs),
    /// Enrol an eligible volunteer
    Enrol {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Discharge a volunteer (the record is kept)
    Discharge {
        id: String,
        /// Local date yyyy-mm-dd
        #[arg(long)]
        date: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Declared days a volunteer cannot serve: add, list, remove
    #[command(subcommand)]
    Unavailable(super::unavailable::UnavailableCommand),
}

#[derive(Args)]
pub struct AddVolunteerArgs {
    #[arg(long)]
    iin: String,
    #[arg(long)]
    surname: String,
    #[arg(long)]
    given_name: String,
    #[arg(long)]
    patronymic: Option<String>,
    /// yyyy-mm-dd [default: from the IIN]
    #[arg(long)]
    birth_date: Option<String>,
    /// male or female [default: from the IIN]
    #[arg(long, value_parser = parse_sex)]
    sex: Option<Sex>,
    /// ISO 3166-1 alpha-2 (KZ) or "stateless"
    #[arg(long)]
    citizenship: String,
    /// Region code, e.g. KZ-11
    #[arg(long)]
    region: String,
    /// District id
    #[arg(long)]
    district: String,
    #[arg(long)]
    registered_address: String,
    /// [default: the registered address]
    #[arg(long)]
    actual_address: Option<String>,
    /// e.g. "8 701 234 56 78"; stored as +77012345678
    #[arg(long)]
    phone: String,
    #[arg(long)]
    email: Option<String>,
    /// none, conscript, contract, officer or reserve
    #[arg(long, default_value = "none", value_parser = parse_service)]
    military_service: MilitaryService,
    /// Fitness category a, b, v, g or d (А Б В Г Д)
    #[arg(long, value_parser = parse_health)]
    health: Option<HealthCategory>,
    #[arg(long)]
    notes: Option<String>,
    /// A skill code, with driver licence categories after a colon: --skill medic --skill driver:B,C
    #[arg(long = "skill")]
    skills: Vec<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct SearchArgs {
    /// IIN prefix or part of a name
    query: Option<String>,
    #[command(flatten)]
    filters: VolunteerFilters,
    #[arg(long, default_value_t = 50)]
    limit: u32,
    /// next_cursor of the previous page
    #[arg(long)]
    cursor: Option<String>,
    /// Count every match (totals otherwise stop at 1,000)
    #[arg(long)]
    exact_total: bool,
    #[arg(long)]
    json: bool,
}

/// The volunteer list's filters and order, shared by `volunteer search` and `export volunteers`.
#[derive(Args)]
pub struct VolunteerFilters {
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    district: Option<String>,
    /// applicant, eligible, ineligible, enrolled or discharged
    #[arg(long, value_parser = parse_status)]
    status: Option<Status>,
    /// Outcome of the latest decision: true or false
    #[arg(long)]
    eligible: Option<bool>,
    #[arg(long)]
    skill: Option<String>,
    #[arg(long)]
    age_min: Option<u32>,
    #[arg(long)]
    age_max: Option<u32>,
    /// Registered from (local date yyyy-mm-dd)
    #[arg(long)]
    from: Option<String>,
    /// Registered to (local date yyyy-mm-dd)
    #[arg(long)]
    to: Option<String>,
    /// name, birth-date or registered
    #[arg(long, default_value = "name", value_parser = parse_sort)]
    sort: SortKey,
    #[arg(long)]
    desc: bool,
}

impl VolunteerFilters {
    /// The query of the list with these filters and the text `q`.
    pub fn query(self, q: Option<String>) -> VolunteerQuery {
        VolunteerQuery {
            q,
            region_id: self.region,
            district_id: self.district,
            status: self.status,
            eligible: self.eligible,
            skill: self.skill,
            age_min: self.age_min,
            age_max: self.age_max,
            registered_from: self.from,
            registered_to: self.to,
            sort: self.sort,
            descending: self.desc,
            ..VolunteerQuery::default()
        }
    }
}

#[derive(Subcommand)]
pub enum RulesCommand {
    /// Show the rules in force and earlier versions
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Publish a new version and re-evaluate everyone (national administrators)
    Publish {
        /// Local date yyyy-mm-dd
        #[arg(long)]
        effective_date: String,
        #[arg(long)]
        min_age: u32,
        #[arg(long)]
        max_age: u32,
        /// Excluded fitness categories, comma-separated: --exclude-health g,d
        #[arg(long, value_delimiter = ',', value_parser = parse_health)]
        exclude_health: Vec<HealthCategory>,
        #[arg(long)]
        json: bool,
    },
}

fn parse_sex(text: &str) -> Result<Sex, String> {
    Sex::parse(text).ok_or_else(|| "expected male or female".to_owned())
}

fn parse_service(text: &str) -> Result<MilitaryService, String> {
    MilitaryService::parse(text)
        .ok_or_else(|| "expected none, conscript, contract, officer or reserve".to_owned())
}

fn parse_health(text: &str) -> Result<HealthCategory, String> {
    HealthCategory::parse(&text.trim().to_lowercase())
        .ok_or_else(|| "expected a, b, v, g or d".to_owned())
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| {
        "expected applicant, eligible, ineligible, enrolled or discharged".to_owned()
    })
}

fn parse_sort(text: &str) -> Result<SortKey, String> {
    match text {
        "name" => Ok(SortKey::Name),
        "birth-date" => Ok(SortKey::BirthDate),
        "registered" => Ok(SortKey::Registered),
        _ => Err("expected name, birth-date or registered".to_owned()),
    }
}

pub fn run_volunteer(
    store: &mut Store,
    actor: &Actor,
    command: VolunteerCommand,
) -> Result<(), Error> {
    let json = match &command {
        VolunteerCommand::Add(args) => args.json,
        VolunteerCommand::Show { json, .. }
        | VolunteerCommand::Enrol { json, .. }
        | VolunteerCommand::Discharge { json, .. } => *json,
        VolunteerCommand::Search(args) => args.json,
        VolunteerCommand::Unavailable(command) => command.json(),
    };
    json_errors(json, volunteer_command(store, actor, command))
}

pub fn run_rules(store: &mut Store, actor: &Actor, command: RulesCommand) -> Result<(), Error> {
    let json = match &command {
        RulesCommand::Show { json } | RulesCommand::Publish { json, .. } => *json,
    };
    json_errors(json, rules_command(store, actor, command))
}

fn volunteer_command(
    store: &mut Store,
    actor: &Actor,
    command: VolunteerCommand,
) -> Result<(), Error> {
    match command {
        VolunteerCommand::Unavailable(command) => {
            return super::unavailable::run(store, actor, command);
        }
        VolunteerCommand::Add(args) => {
            let args = *args;
            let skills = args
                .skills
                .iter()
                .map(|s| {
                    let (code, licences) = s.split_once(':').unwrap_or((s.as_str(), ""));
                    SkillInput {
                        code: code.to_owned(),
                        licence_categories: licences
                            .split(',')
                            .filter(|l| !l.trim().is_empty())
                            .map(str::to_owned)
                            .collect(),
                        certificate_number: None,
                        certificate_expiry: None,
                    }
                })
                .collect();
            let actual_address = args
                .actual_address
                .unwrap_or_else(|| args.registered_address.clone());
            let saved = volunteers::register(
                store,
                actor,
                VolunteerInput {
                    iin: args.iin,
                    surname: args.surname,
                    given_name: args.given_name,
                    patronymic: args.patronymic,
                    birth_date: args.birth_date,
                    sex: args.sex,
                    citizenship: args.citizenship,
                    region_id: args.region,
                    district_id: args.district,
                    registered_address: args.registered_address,
                    actual_address,
                    phone: args.phone,
                    email: args.email,
                    military_service: args.military_service,
                    health_category: args.health,
                    notes: args.notes,
                    skills,
                },
            )?;
            if args.json {
                return print_json(&saved);
            }
            let v = &saved.volunteer;
            println!(
                "registered {} {} ({}), status {}",
                v.surname,
                v.given_name,
                v.id,
                v.status.as_str()
            );
            for rule in &saved.decision.failed_rules {
                println!(
                    "  not eligible: {} ({})",
                    volunteers::rule_text(&rule.code),
                    rule.code
                );
            }
            for warning in &saved.warnings {
                println!("  warning: {}: {}", warning.field, warning.rule);
            }
            if saved.likely_duplicates > 0 {
                println!(
                    "  flagged for review: {} likely duplicate(s)",
                    saved.likely_duplicates
                );
            }
        }
        VolunteerCommand::Show { id, json } => {
            let detail = volunteers::get(store, actor, &id)?;
            if json {
                return print_json(&detail);
            }
            let v = &detail.volunteer;
            println!(
                "{} {} {}",
                v.surname,
                v.given_name,
                v.patronymic.as_deref().unwrap_or("")
            );
            println!("  id          {}", v.id);
            println!("  IIN         {}", v.iin);
            println!("  born        {}  {}", v.birth_date, v.sex.as_str());
            println!("  citizenship {}", v.citizenship);
            println!("  place       {} / {}", v.region_id, v.district_id);
            println!("  phone       {}", v.phone);
            println!(
                "  status      {}{}",
                v.status.as_str(),
                if v.review_flag { " (needs review)" } else { "" }
            );
            for d in &detail.decisions {
                let failed: Vec<&str> = d.failed_rules.iter().map(|f| f.code.as_str()).collect();
                println!(
                    "  decision    {} rules v{} {} {}",
                    d.at,
                    d.rule_set_version,
                    d.outcome.as_str(),
                    failed.join(", ")
                );
            }
            for h in &detail.history {
                println!(
                    "  history     {} {} by {}",
                    h.at,
                    h.action,
                    h.actor_username.as_deref().unwrap_or("-")
                );
            }
        }
        VolunteerCommand::Search(args) => {
            let page = volunteers::search(
                store,
                actor,
                &VolunteerQuery {
                    cursor: args.cursor,
                    limit: args.limit,
                    exact_total: args.exact_total,
                    ..args.filters.query(args.query)
                },
            )?;
            if args.json {
                return print_json(&page);
            }
            for r in &page.rows {
                println!(
                    "{}  {}  {:<40} {}  {:<10} {}",
                    r.id,
                    r.iin,
                    format!("{} {}", r.surname, r.given_name),
                    r.birth_date,
                    r.status.as_str(),
                    r.district_id
                );
            }
            println!(
                "{}{} found{}",
                if page.total_capped { "more than " } else { "" },
                page.total,
                page.next_cursor
                    .as_deref()
                    .map(|c| format!("; next page: --cursor '{c}'"))
                    .unwrap_or_default()
            );
        }
        VolunteerCommand::Enrol { id, json } => {
            let v = volunteers::enrol(store, actor, &id)?;
            if json {
                return print_json(&v);
            }
            println!("enrolled {} {} ({})", v.surname, v.given_name, v.id);
        }
        VolunteerCommand::Discharge {
            id,
            date,
            reason,
            json,
        } => {
            let v = volunteers::discharge(store, actor, DischargeInput { id, date, reason })?;
            if json {
                return print_json(&v);
            }
            println!(
                "discharged {} {} ({}) on {}",
                v.surname,
                v.given_name,
                v.id,
                v.discharged_on.as_deref().unwrap_or("")
            );
        }
    }
    Ok(())
}

fn rules_command(store: &mut Store, actor: &Actor, command: RulesCommand) -> Result<(), Error> {
    match command {
        RulesCommand::Show { json } => {
            let sets = volunteers::list_rule_sets(store, actor)?;
            if json {
                return print_json(&sets);
            }
            println!("citizenship: KZ only (fixed by law: foreign nationals and stateless persons may not join)");
            for (i, r) in sets.iter().enumerate() {
                let excluded: Vec<&str> = r.excluded_health.iter().map(|h| h.as_str()).collect();
                println!(
                    "v{} effective {}: age {}-{}, excluded health [{}]{}",
                    r.version,
                    r.effective_date,
                    r.min_age,
                    r.max_age,
                    excluded.join(", "),
                    if i == 0 { "  (in force)" } else { "" }
                );
            }
        }
        RulesCommand::Publish {
            effective_date,
            min_age,
            max_age,
            exclude_health,
            json,
        } => {
            let report = volunteers::publish_rules(
                store,
                actor,
                NewRuleSet {
                    effective_date,
                    min_age,
                    max_age,
                    excluded_health: exclude_health,
                },
            )?;
            if json {
                return print_json(&report);
            }
            println!(
                "published rules v{}; re-evaluated {} volunteers, {} changed",
                report.rule_set.version,
                report.evaluated,
                report.changes.len()
            );
            for ch in &report.changes {
                let why: Vec<&str> = ch.failed_rules.iter().map(|f| f.code.as_str()).collect();
                println!(
                    "  {} {} ({}): {} -> {}{} [{}]",
                    ch.surname,
                    ch.given_name,
                    ch.volunteer_id,
                    ch.from.as_str(),
                    ch.to.as_str(),
                    if ch.review_flag {
                        " (needs review)"
                    } else {
                        ""
                    },
                    why.join(", ")
                );
            }
        }
    }
    Ok(())
}
