//! `jasaq export ...`: the volunteer list, a unit's members, the readiness table and the
//! audit log to CSV, XLSX or PDF, with the
//! same filters, scope and audit as the desktop app's export menu.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use jasaq::access::Actor;
use jasaq::audit::AuditFilter;
use jasaq::db::Store;
use jasaq::reports::{
    self, AuditExport, ExportFormat, ExportSummary, Lang, ReadinessTableExport, UnitMembersExport,
    VolunteerExport,
};
use jasaq::units::{Direction, ReadinessQuery};
use jasaq::Error;

use crate::cli::volunteers::VolunteerFilters;
use crate::cli::{parse_direction, parse_lang};
use crate::{json_errors, print_json};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The volunteers the list's filters match (all of them, not one page)
    Volunteers {
        #[command(flatten)]
        target: Target,
        /// IIN prefix or part of a name
        #[arg(long)]
        query: Option<String>,
        #[command(flatten)]
        filters: VolunteerFilters,
    },
    /// The active members of one unit
    UnitMembers {
        #[command(flatten)]
        target: Target,
        /// Unit id
        #[arg(long)]
        unit: String,
    },
    /// The readiness table: one row per unit in scope
    Readiness {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        region: Option<String>,
        /// Agency id, e.g. defence
        #[arg(long)]
        agency: Option<String>,
        /// russia, uzbekistan, china, kyrgyzstan, turkmenistan or interior
        #[arg(long, value_parser = parse_direction)]
        direction: Option<Direction>,
    },
    /// Audit log entries (administrators), newest first
    Audit {
        #[command(flatten)]
        target: Target,
        #[arg(long)]
        action: Option<String>,
        #[arg(long)]
        entity_kind: Option<String>,
        /// Username of the actor
        #[arg(long)]
        actor: Option<String>,
        /// From (local date yyyy-mm-dd)
        #[arg(long)]
        from: Option<String>,
        /// To (local date yyyy-mm-dd)
        #[arg(long)]
        to: Option<String>,
    },
}

#[derive(Args)]
pub struct Target {
    /// csv, xlsx or pdf
    #[arg(long, value_parser = parse_format)]
    format: ExportFormat,
    /// File to write (replaced only once the export is complete)
    #[arg(long)]
    out: PathBuf,
    /// Language of the headings and values: kk, ru or en
    #[arg(long, default_value = "ru", value_parser = parse_lang)]
    lang: Lang,
    #[arg(long)]
    json: bool,
}

fn parse_format(text: &str) -> Result<ExportFormat, String> {
    ExportFormat::parse(text).ok_or_else(|| "expected csv, xlsx or pdf".to_owned())
}

pub fn run(store: &mut Store, actor: &Actor, command: ExportCommand) -> Result<(), Error> {
    let json = match &command {
        ExportCommand::Volunteers { target, .. }
        | ExportCommand::UnitMembers { target, .. }
        | ExportCommand::Readiness { target, .. }
        | ExportCommand::Audit { target, .. } => target.json,
    };
    json_errors(json, export(store, actor, command))
}

fn export(store: &mut Store, actor: &Actor, command: ExportCommand) -> Result<(), Error> {
    let (summary, target) = match command {
        ExportCommand::Volunteers {
            target,
            query,
            filters,
        } => {
            let input = VolunteerExport {
                query: filters.query(query),
                format: target.format,
                lang: target.lang,
            };
            let summary = reports::save_to(&target.out, |out| {
                reports::export_volunteers(store, actor, &input, out)
            })?;
            (summary, target)
        }
        ExportCommand::UnitMembers { target, unit } => {
            let input = UnitMembersExport {
                unit_id: unit,
                format: target.format,
                lang: target.lang,
            };
            let summary = reports::save_to(&target.out, |out| {
                reports::export_unit_members(store, actor, &input, out)
            })?;
            (summary, target)
        }
        ExportCommand::Readiness {
            target,
            region,
            agency,
            direction,
        } => {
            let input = ReadinessTableExport {
                query: ReadinessQuery {
                    region_id: region,
                    agency_id: agency,
                    direction,
                },
                format: target.format,
                lang: target.lang,
            };
            let summary = reports::save_to(&target.out, |out| {
                reports::export_readiness(store, actor, &input, out)
            })?;
            (summary, target)
        }
        ExportCommand::Audit {
            target,
            action,
            entity_kind,
            actor: by,
            from,
            to,
        } => {
            let input = AuditExport {
                filter: AuditFilter {
                    action,
                    entity_kind,
                    actor: by,
                    from,
                    to,
                    ..AuditFilter::default()
                },
                format: target.format,
                lang: target.lang,
            };
            let summary = reports::save_to(&target.out, |out| {
                reports::export_audit(store, actor, &input, out)
            })?;
            (summary, target)
        }
    };
    report(&summary, &target)
}

fn report(summary: &ExportSummary, target: &Target) -> Result<(), Error> {
    if target.json {
        return print_json(&serde_json::json!({
            "format": summary.format,
            "rows": summary.rows,
            "file": target.out.display().to_string(),
        }));
    }
    println!("exported {} rows to {}", summary.rows, target.out.display());
    Ok(())
}
