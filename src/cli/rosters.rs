//! `jasaq roster ...`: guard rosters from the command line (auto-fill a period, show, assign,
//! limits, publish), through the same core functions, scope rules and audit as the desktop app;
//! `--json` prints results and errors as JSON for scripts.

use std::io::Write;
use std::sync::atomic::AtomicBool;

use clap::Subcommand;
use jasaq::access::Actor;
use jasaq::db::Store;
use jasaq::rosters::fill::{self, FillInput};
use jasaq::rosters::limits::{self, LimitsInput};
use jasaq::rosters::roster::{self, PublishInput, RosterQuery, SeatInput};
use jasaq::Error;

use crate::{json_errors, print_json};

#[derive(Subcommand)]
pub enum RosterCommand {
    /// Auto-fill the empty seats of a period (pinned seats are never moved)
    Fill {
        /// A facility id; repeat for several; none for every facility of the scope
        #[arg(long = "facility")]
        facilities: Vec<String>,
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        district: Option<String>,
        /// First local date yyyy-mm-dd
        #[arg(long)]
        from: String,
        #[arg(long, default_value_t = 7)]
        days: u32,
        /// Also move unpinned seats already on the roster
        #[arg(long)]
        reoptimise: bool,
        /// Search time in seconds (default 30)
        #[arg(long)]
        time_limit: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Show a facility's roster: each shift with its posts, guards and gaps
    Show {
        #[arg(long)]
        facility: String,
        #[arg(long)]
        from: String,
        #[arg(long, default_value_t = 7)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
    /// Put a guard on a seat (refused naming the rule it would break)
    Assign {
        #[arg(long)]
        post: String,
        /// The shift's start as an RFC 3339 UTC instant (as `roster show --json` gives it)
        #[arg(long)]
        shift: String,
        #[arg(long)]
        volunteer: String,
        #[arg(long)]
        pinned: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show a region's hard limits (every published version, then the defaults)
    Limits {
        /// Region code, e.g. KZ-11
        #[arg(long)]
        region: String,
        #[arg(long)]
        json: bool,
    },
    /// Publish a new version of a region's hard limits from an effective date
    SetLimits {
        #[arg(long)]
        region: String,
        /// Local date yyyy-mm-dd from which the version applies
        #[arg(long)]
        effective_date: String,
        #[arg(long, default_value_t = 12)]
        min_rest_hours: i64,
        #[arg(long, default_value_t = 48)]
        max_hours_7d: i64,
        #[arg(long, default_value_t = 3)]
        max_consecutive_nights: i64,
        #[arg(long)]
        json: bool,
    },
    /// Freeze a facility's roster of a period as its next version
    Publish {
        #[arg(long)]
        facility: String,
        #[arg(long)]
        from: String,
        #[arg(long, default_value_t = 7)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
}

pub fn run_roster(store: &mut Store, actor: &Actor, command: RosterCommand) -> Result<(), Error> {
    let json = match &command {
        RosterCommand::Fill { json, .. }
        | RosterCommand::Show { json, .. }
        | RosterCommand::Assign { json, .. }
        | RosterCommand::Limits { json, .. }
        | RosterCommand::SetLimits { json, .. }
        | RosterCommand::Publish { json, .. } => *json,
    };
    json_errors(json, roster_command(store, actor, command))
}

fn roster_command(store: &mut Store, actor: &Actor, command: RosterCommand) -> Result<(), Error> {
    match command {
        RosterCommand::Fill {
            facilities,
            region,
            district,
            from,
            days,
            reoptimise,
            time_limit,
            json,
        } => {
            let stop = AtomicBool::new(false);
            let mut stderr = std::io::stderr();
            let report = fill::fill(
                store,
                actor,
                FillInput {
                    facility_ids: facilities,
                    region_id: region,
                    district_id: district,
                    from,
                    days,
                    reoptimise,
                    time_limit_secs: time_limit,
                },
                &stop,
                &mut |p| {
                    // A progress line on stderr, rewritten in place; stdout stays clean JSON.
                    let _ = write!(
                        stderr,
                        "\rregion {}/{}: {} empty seats, {} iterations, {:.1} s   ",
                        p.region,
                        p.regions,
                        p.uncovered_seats,
                        p.iterations,
                        p.elapsed_ms as f64 / 1000.0
                    );
                },
            )?;
            let _ = writeln!(stderr);
            if json {
                print_json(&report)?;
            } else {
                println!(
                    "{} facilities: {} seats added, {} removed, {} empty{}",
                    report.facilities,
                    report.added,
                    report.removed,
                    report.uncovered_seats,
                    if report.interrupted {
                        " (stopped early: best roster kept)"
                    } else {
                        ""
                    }
                );
                for g in &report.gaps {
                    println!(
                        "  gap {} post {}: {} missing ({})",
                        g.shift_start, g.post_id, g.missing, g.reason
                    );
                }
            }
        }
        RosterCommand::Show {
            facility,
            from,
            days,
            json,
        } => {
            let view = roster::roster_view(
                store,
                actor,
                &RosterQuery {
                    facility_id: facility,
                    from,
                    days,
                },
            )?;
            if json {
                print_json(&view)?;
            } else {
                println!("{}", view.facility.name);
                for shift in &view.shifts {
                    println!(
                        "{} {}-{}",
                        shift.local_date, shift.local_start, shift.local_end
                    );
                    for cell in view.cells.iter().filter(|c| c.shift_start == shift.start) {
                        let post = view
                            .facility
                            .posts
                            .iter()
                            .find(|p| p.id == cell.post_id)
                            .map(|p| p.name.as_str())
                            .unwrap_or("?");
                        let names: Vec<&str> = cell.seats.iter().map(|s| s.name.as_str()).collect();
                        let gap = cell
                            .gap
                            .as_ref()
                            .map(|g| format!(" [gap: {} missing, {}]", g.missing, g.reason))
                            .unwrap_or_default();
                        println!("  {post}: {}{gap}", names.join(", "));
                    }
                }
                if let Some(p) = &view.publication {
                    println!(
                        "published version {} ({}..{}), {} changes since",
                        p.version,
                        p.from_date,
                        p.to_date,
                        p.changes.len()
                    );
                }
            }
        }
        RosterCommand::Assign {
            post,
            shift,
            volunteer,
            pinned,
            json,
        } => {
            let seat = roster::assign_seat(
                store,
                actor,
                SeatInput {
                    post_id: post,
                    shift_start: shift,
                    volunteer_id: volunteer,
                    pinned,
                },
            )?;
            if json {
                print_json(&seat)?;
            } else {
                println!("{}\t{}", seat.assignment_id, seat.name);
            }
        }
        RosterCommand::Limits { region, json } => {
            let versions = limits::list_limits(store, actor, &region)?;
            if json {
                print_json(&versions)?;
            } else {
                for v in versions {
                    println!(
                        "{}\tfrom {}\trest {} h\t{} h per 7 days\t{} nights in a row\t{}",
                        v.version
                            .map(|n| format!("version {n}"))
                            .unwrap_or_else(|| "defaults".into()),
                        v.effective_date.as_deref().unwrap_or("-"),
                        v.min_rest_hours,
                        v.max_hours_7d,
                        v.max_consecutive_nights,
                        v.published_by.as_deref().unwrap_or("-")
                    );
                }
            }
        }
        RosterCommand::SetLimits {
            region,
            effective_date,
            min_rest_hours,
            max_hours_7d,
            max_consecutive_nights,
            json,
        } => {
            let version = limits::publish_limits(
                store,
                actor,
                LimitsInput {
                    region_id: region,
                    effective_date,
                    min_rest_hours,
                    max_hours_7d,
                    max_consecutive_nights,
                },
            )?;
            if json {
                print_json(&version)?;
            } else {
                println!(
                    "published version {} for {}",
                    version.version.unwrap_or_default(),
                    version.region_id
                );
            }
        }
        RosterCommand::Publish {
            facility,
            from,
            days,
            json,
        } => {
            let published = roster::publish(
                store,
                actor,
                PublishInput {
                    facility_id: facility,
                    from,
                    days,
                },
            )?;
            if json {
                print_json(&published)?;
            } else {
                println!(
                    "published version {} ({}..{})",
                    published.version, published.from_date, published.to_date
                );
            }
        }
    }
    Ok(())
}
