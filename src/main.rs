//! `jasaq`: the command-line face of the core, for administrators at a terminal and for
//! scripts. Same core functions, same access rules and same audit as the desktop app; each
//! command signs in as `--user` with the password from `JASAQ_PASSWORD` or a prompt.

mod cli_assets;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use jasaq::access::{Actor, Role};
use jasaq::accounts::{self, NewUser, ResetPasswordInput, SetupInput, SignInInput};
use jasaq::clock::SystemClock;
use jasaq::db::{self, Store};
use jasaq::identity::Sex;
use jasaq::places::{self, ListDistrictsInput, NewDistrict};
use jasaq::volunteers::{
    self, DischargeInput, HealthCategory, MilitaryService, NewRuleSet, SkillInput, SortKey, Status,
    VolunteerInput, VolunteerQuery,
};
use jasaq::{audit, Error, ErrorCode};

#[derive(Parser)]
#[command(
    name = "jasaq",
    version,
    about = "Jasaq territorial defence registry (command line)"
)]
struct Cli {
    /// Database file [default: the user data directory, or $JASAQ_DB]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Username to sign in as [env: JASAQ_USER]; the password comes from JASAQ_PASSWORD or a prompt
    #[arg(long, short, global = true, env = "JASAQ_USER")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the first national administrator of a new database
    Init(InitArgs),
    /// Manage user accounts
    #[command(subcommand)]
    User(UserCommand),
    /// Manage districts
    #[command(subcommand)]
    District(DistrictCommand),
    /// Check the audit log
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Change your own password
    Passwd,
    /// Register, find, enrol and discharge volunteers
    #[command(subcommand)]
    Volunteer(VolunteerCommand),
    /// Show and publish the eligibility rules
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Requisitioned assets: owners, orders, appraisals, returns, claims, payments, documents
    Asset(cli_assets::AssetArgs),
}

#[derive(Subcommand)]
enum VolunteerCommand {
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
}

#[derive(Args)]
struct AddVolunteerArgs {
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
struct SearchArgs {
    /// IIN prefix or part of a name
    query: Option<String>,
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

#[derive(Subcommand)]
enum RulesCommand {
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

#[derive(Args)]
struct InitArgs {
    /// Username of the first national administrator
    #[arg(long)]
    username: String,
    /// Full name shown in the app
    #[arg(long)]
    display_name: String,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account (its password is temporary: JASAQ_NEW_PASSWORD or a prompt)
    Add {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
        /// national_admin, regional_admin, district_operator or viewer
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Region code, e.g. KZ-11 (regional admins and regional viewers)
        #[arg(long)]
        region: Option<String>,
        /// District id (district operators)
        #[arg(long)]
        district: Option<String>,
    },
    /// List the accounts you administer
    List {
        #[arg(long)]
        json: bool,
    },
    /// Set a temporary password (JASAQ_NEW_PASSWORD or a prompt); the user must change it
    Reset { username: String },
    /// Deactivate an account
    Deactivate { username: String },
}

#[derive(Subcommand)]
enum DistrictCommand {
    /// Add a district to a region
    Add {
        /// Region code, e.g. KZ-11
        #[arg(long)]
        region: String,
        #[arg(long)]
        name_kk: String,
        #[arg(long)]
        name_ru: String,
        #[arg(long)]
        name_en: Option<String>,
    },
    /// List districts (of your region unless you are national)
    List {
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        include_retired: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Recompute the hash chain and report the first broken entry
    Verify,
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text).ok_or_else(|| {
        "expected national_admin, regional_admin, district_operator or viewer".to_owned()
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let log_hint = init_log();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", err.message);
            if err.code == ErrorCode::Internal && err.reason == "internal" {
                if let Some(path) = log_hint {
                    eprintln!("(details in {})", path.display());
                }
            }
            ExitCode::FAILURE
        }
    }
}

/// Internal details go to `jasaq-cli.log` next to the default database, not to the terminal.
fn init_log() -> Option<PathBuf> {
    let dir = dirs::data_dir()?.join(db::APP_ID);
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join("jasaq-cli.log");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(path)
}

fn run(cli: Cli) -> Result<(), Error> {
    let path = match cli.db {
        Some(path) => path,
        None => db::default_path()?,
    };
    let mut store = Store::open(&path, Arc::new(SystemClock))?;
    match cli.command {
        Command::Init(args) => {
            let password = secret(
                "JASAQ_PASSWORD",
                "Password for the new administrator: ",
                true,
            )?;
            let (_, actor) = accounts::setup_first_admin(
                &mut store,
                SetupInput {
                    username: args.username,
                    display_name: args.display_name,
                    password,
                },
            )?;
            println!(
                "created national administrator {} in {}",
                actor.username(),
                path.display()
            );
        }
        Command::Passwd => {
            let actor = sign_in_for_password_change(&mut store, cli.user)?;
            let current = secret("JASAQ_PASSWORD", "Current password: ", false)?;
            let new_password = secret("JASAQ_NEW_PASSWORD", "New password: ", true)?;
            accounts::change_password(
                &mut store,
                &actor,
                accounts::ChangePasswordInput {
                    current_password: current,
                    new_password,
                },
            )?;
            println!("password changed");
        }
        Command::User(command) => {
            let actor = sign_in(&mut store, cli.user)?;
            user_command(&mut store, &actor, command)?;
        }
        Command::District(command) => {
            let actor = sign_in(&mut store, cli.user)?;
            district_command(&mut store, &actor, command)?;
        }
        Command::Volunteer(command) => {
            let actor = sign_in(&mut store, cli.user)?;
            let json = match &command {
                VolunteerCommand::Add(args) => args.json,
                VolunteerCommand::Show { json, .. }
                | VolunteerCommand::Enrol { json, .. }
                | VolunteerCommand::Discharge { json, .. } => *json,
                VolunteerCommand::Search(args) => args.json,
            };
            json_errors(json, volunteer_command(&mut store, &actor, command))?;
        }
        Command::Rules(command) => {
            let actor = sign_in(&mut store, cli.user)?;
            let json = match &command {
                RulesCommand::Show { json } | RulesCommand::Publish { json, .. } => *json,
            };
            json_errors(json, rules_command(&mut store, &actor, command))?;
        }
        Command::Asset(args) => {
            let actor = sign_in(&mut store, cli.user)?;
            cli_assets::run(&mut store, &actor, args)?;
        }
        Command::Audit(AuditCommand::Verify) => {
            let actor = sign_in(&mut store, cli.user)?;
            let result = audit::verify(&store, &actor)?;
            match result.first_broken_seq {
                None => println!(
                    "audit log intact: {} entries, chain verified",
                    result.entries
                ),
                Some(seq) => {
                    return Err(Error::new(
                        ErrorCode::Conflict,
                        "audit_chain_broken",
                        format!("audit log tampered: the chain breaks at entry {seq}"),
                    ))
                }
            }
        }
    }
    Ok(())
}

fn user_command(store: &mut Store, actor: &Actor, command: UserCommand) -> Result<(), Error> {
    match command {
        UserCommand::Add {
            username,
            display_name,
            role,
            region,
            district,
        } => {
            let password = secret(
                "JASAQ_NEW_PASSWORD",
                "Temporary password for the new user: ",
                true,
            )?;
            let user = accounts::create_user(
                store,
                actor,
                NewUser {
                    username,
                    display_name,
                    role,
                    region_id: region,
                    district_id: district,
                    password,
                },
            )?;
            println!(
                "created {} ({}); they must change the password at first sign-in",
                user.username, user.id
            );
        }
        UserCommand::List { json } => {
            let users = accounts::list_users(store, actor)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&users)?);
            } else {
                for u in users {
                    let scope = u
                        .district_id
                        .or(u.region_id)
                        .unwrap_or_else(|| "national".into());
                    let status = if !u.active {
                        "inactive"
                    } else if u.locked_until.is_some() {
                        "locked"
                    } else {
                        "active"
                    };
                    println!(
                        "{:<24} {:<18} {:<38} {:<8} {}",
                        u.username,
                        u.role.as_str(),
                        scope,
                        status,
                        u.display_name
                    );
                }
            }
        }
        UserCommand::Reset { username } => {
            let target = accounts::find_user_by_username(store, actor, &username)?;
            let new_password = secret("JASAQ_NEW_PASSWORD", "New temporary password: ", true)?;
            accounts::reset_password(
                store,
                actor,
                ResetPasswordInput {
                    user_id: target.id,
                    new_password,
                },
            )?;
            println!(
                "password of {} reset; they must change it at next sign-in",
                target.username
            );
        }
        UserCommand::Deactivate { username } => {
            let target = accounts::find_user_by_username(store, actor, &username)?;
            accounts::deactivate_user(store, actor, &target.id)?;
            println!("{} deactivated", target.username);
        }
    }
    Ok(())
}

fn district_command(
    store: &mut Store,
    actor: &Actor,
    command: DistrictCommand,
) -> Result<(), Error> {
    match command {
        DistrictCommand::Add {
            region,
            name_kk,
            name_ru,
            name_en,
        } => {
            let district = places::add_district(
                store,
                actor,
                NewDistrict {
                    region_id: region,
                    name_kk,
                    name_ru,
                    name_en,
                },
            )?;
            println!("added district {} ({})", district.name_ru, district.id);
        }
        DistrictCommand::List {
            region,
            include_retired,
            json,
        } => {
            let districts = places::list_districts(
                store,
                actor,
                &ListDistrictsInput {
                    region_id: region,
                    include_retired,
                },
            )?;
            if json {
                println!("{}", serde_json::to_string_pretty(&districts)?);
            } else {
                for d in districts {
                    let retired = if d.retired_at.is_some() {
                        " (retired)"
                    } else {
                        ""
                    };
                    println!(
                        "{}  {:<6} {} / {}{}",
                        d.id, d.region_id, d.name_kk, d.name_ru, retired
                    );
                }
            }
        }
    }
    Ok(())
}

/// With `--json`, a failure is also printed to stdout as the error object (code, reason,
/// fields), so scripts branch on it as the UI does; the exit status is non-zero either way.
fn json_errors(json: bool, result: Result<(), Error>) -> Result<(), Error> {
    if let (true, Err(err)) = (json, &result) {
        println!("{}", serde_json::to_string_pretty(err)?);
    }
    result
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Error> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

fn volunteer_command(
    store: &mut Store,
    actor: &Actor,
    command: VolunteerCommand,
) -> Result<(), Error> {
    match command {
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
                    q: args.query,
                    region_id: args.region,
                    district_id: args.district,
                    status: args.status,
                    eligible: args.eligible,
                    skill: args.skill,
                    age_min: args.age_min,
                    age_max: args.age_max,
                    registered_from: args.from,
                    registered_to: args.to,
                    sort: args.sort,
                    descending: args.desc,
                    cursor: args.cursor,
                    limit: args.limit,
                    exact_total: args.exact_total,
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

fn sign_in(store: &mut Store, user: Option<String>) -> Result<Actor, Error> {
    let actor = sign_in_for_password_change(store, user)?;
    actor.ready()?;
    Ok(actor)
}

fn sign_in_for_password_change(store: &mut Store, user: Option<String>) -> Result<Actor, Error> {
    let username = user.ok_or_else(|| {
        Error::field("user", "required").with("hint", "pass --user NAME or set JASAQ_USER")
    })?;
    let password = secret(
        "JASAQ_PASSWORD",
        &format!("Password for {username}: "),
        false,
    )?;
    let (_, actor) = accounts::sign_in(store, SignInInput { username, password })?;
    Ok(actor)
}

/// A secret from the environment (for scripts) or a hidden prompt; never echoed or logged.
fn secret(var: &str, prompt: &str, confirm: bool) -> Result<String, Error> {
    if let Ok(value) = std::env::var(var) {
        return Ok(value);
    }
    if !std::io::stdin().is_terminal() {
        return Err(
            Error::field(var, "required").with("hint", format!("set {var} or run in a terminal"))
        );
    }
    let read = |p: &str| {
        rpassword::prompt_password(p).map_err(|e| Error::internal(format!("reading password: {e}")))
    };
    let first = read(prompt)?;
    if confirm && read("Repeat: ")? != first {
        return Err(Error::field("password", "mismatch"));
    }
    Ok(first)
}
