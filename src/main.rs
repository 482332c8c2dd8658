//! `jasaq`: the command-line face of the core, for administrators at a terminal and for
//! scripts. Same core functions, same access rules and same audit as the desktop app; each
//! command signs in as `--user` with the password from `JASAQ_PASSWORD` or a prompt.

mod cli;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use jasaq::access::{Actor, Role};
use jasaq::accounts::{self, NewUser, ResetPasswordInput, SetupInput, SignInInput};
use jasaq::clock::SystemClock;
use jasaq::db::{self, Store};
use jasaq::places::{self, ListDistrictsInput, NewDistrict};
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
    Volunteer(cli::volunteers::VolunteerCommand),
    /// Show and publish the eligibility rules
    #[command(subcommand)]
    Rules(cli::volunteers::RulesCommand),
    /// Requisitioned assets: owners, orders, appraisals, returns, claims, payments, documents
    Asset(cli::assets::AssetArgs),
    /// Export a list to CSV, XLSX or PDF (audited)
    #[command(subcommand)]
    Export(cli::export::ExportCommand),
    /// Units: list, show, create, assign and transfer volunteers
    #[command(subcommand)]
    Unit(cli::units::UnitCommand),
    /// Readiness of the units of your scope, by region, agency and border direction
    Readiness(cli::units::ReadinessArgs),
    /// Import records from a spreadsheet (CSV, XLSX, XLS)
    #[command(subcommand)]
    Import(cli::import::ImportCommand),
    /// Facilities to guard: add, list, show
    #[command(subcommand)]
    Facility(cli::facilities::FacilityCommand),
    /// Guard rosters: auto-fill, show, assign, publish
    #[command(subcommand)]
    Roster(cli::rosters::RosterCommand),
    /// Mobilisation call-outs: declare, activate, mark answers, figures, sheets, close
    #[command(subcommand)]
    Activation(cli::activation::ActivationCommand),
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
            for line in cli::messages::Messages::from_env().explain(&err) {
                eprintln!("  {line}");
            }
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
            cli::volunteers::run_volunteer(&mut store, &actor, command)?;
        }
        Command::Rules(command) => {
            let actor = sign_in(&mut store, cli.user)?;
            cli::volunteers::run_rules(&mut store, &actor, command)?;
        }
        Command::Import(command) => {
            let actor = sign_in(&mut store, cli.user)?;
            cli::import::run_import(&mut store, &actor, command)?;
        }
        Command::Asset(args) => {
            let actor = sign_in(&mut store, cli.user)?;
            cli::assets::run(&mut store, &actor, args)?;
        }
        Command::Export(command) => {
            let actor = sign_in(&mut store, cli.user)?;
            cli::export::run(&mut store, &actor, command)?;
        }
        Command::Unit(command) => {
            let actor = sign_in(&mut store, cli.user)?;
            cli::units::run_unit(&mut store, &actor, command)?;
        }
        Command::Readiness(args) => {
            let actor = sign_in(&mut store, cli.user)?;
            cli::units::run_readiness(&mut store, &actor, args)?;
        }
        Command::Facility(command) => {
            let actor = sign_in(&mut store, cli.user)?;
            cli::facilities::run_facility(&mut store, &actor, command)?;
        }
        Command::Roster(command) => {
            let actor = sign_in(&mut store, cli.user)?;
            cli::rosters::run_roster(&mut store, &actor, command)?;
        }
        Command::Activation(command) => {
            let actor = sign_in(&mut store, cli.user)?;
            cli::activation::run_activation(&mut store, &actor, command)?;
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
