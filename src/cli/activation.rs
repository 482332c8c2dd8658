//! `jasaq activation ...`: mobilisation call-outs from the command line (declare, activate,
//! list, show, mark, undo, figures, close; contact, merge a filled-in sheet, print a sheet),
//! with the same core functions, scope rules and audit as the desktop app. Times are typed in
//! local time (UTC+5) as `yyyy-mm-dd HH:MM`; `--json` prints results and errors as JSON.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use jasaq::access::Actor;
use jasaq::db::Store;
use jasaq::error::FieldError;
use jasaq::mobilisation::{
    self, ActivationInput, ActivationKind, CallListQuery, Channel, ContactInput, ContactOutcome,
    FigureGroup, FigureQuery, MarkInput, Response, ScopeItem, ScopeKind, SheetFormat, SheetQuery,
    UndoInput,
};
use jasaq::reports::{self, Lang};
use jasaq::Error;

use crate::cli::parse_lang;
use crate::{json_errors, print_json};

fn parse_kind(text: &str) -> Result<ActivationKind, String> {
    ActivationKind::parse(text).ok_or_else(|| "expected exercise, emergency or martial_law".into())
}

fn parse_response(text: &str) -> Result<Response, String> {
    Response::parse(text)
        .filter(|r| *r != Response::Pending)
        .ok_or_else(|| "expected will_report, reported, excused, not_reached or absent".into())
}

fn parse_channel(text: &str) -> Result<Channel, String> {
    Channel::parse(text)
        .ok_or_else(|| "expected phone, sms, messenger, in_person or courier".into())
}

fn parse_outcome(text: &str) -> Result<ContactOutcome, String> {
    ContactOutcome::parse(text)
        .ok_or_else(|| "expected reached, no_answer, wrong_number or refused".into())
}

fn parse_group(text: &str) -> Result<FigureGroup, String> {
    match text {
        "unit" => Ok(FigureGroup::Unit),
        "region" => Ok(FigureGroup::Region),
        "direction" => Ok(FigureGroup::Direction),
        _ => Err("expected unit, region or direction".into()),
    }
}

fn parse_sheet_format(text: &str) -> Result<SheetFormat, String> {
    match text {
        "xlsx" => Ok(SheetFormat::Xlsx),
        "pdf" => Ok(SheetFormat::Pdf),
        _ => Err("expected xlsx or pdf".into()),
    }
}

#[derive(Args)]
pub struct DeclareArgs {
    /// exercise, emergency or martial_law
    #[arg(long, value_parser = parse_kind)]
    kind: ActivationKind,
    #[arg(long)]
    legal_basis: String,
    /// Order number
    #[arg(long)]
    order: String,
    /// Local (UTC+5) yyyy-mm-dd HH:MM
    #[arg(long)]
    declared_at: String,
    /// Default assembly point
    #[arg(long)]
    assembly_point: String,
    /// Default report-by time, local (UTC+5) yyyy-mm-dd HH:MM
    #[arg(long)]
    report_by: String,
    /// A unit id (with all its sub-units); repeatable
    #[arg(long = "unit")]
    units: Vec<String>,
    /// A region code (every unit of it); repeatable
    #[arg(long = "region")]
    regions: Vec<String>,
    /// A border direction (russia, uzbekistan, china, kyrgyzstan, turkmenistan, interior); repeatable
    #[arg(long = "direction")]
    directions: Vec<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum ActivationCommand {
    /// Declare a draft activation (nothing is built or sent until it is activated)
    Declare(Box<DeclareArgs>),
    /// Activate a draft: expand its scope and build the call-out list
    Activate {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List the activations of your scope
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show an activation and the call-out rows of your scope
    Show {
        id: String,
        /// Only rows whose IIN or name starts with this
        #[arg(long)]
        q: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record an answer for a volunteer (by --iin or --volunteer)
    Mark {
        id: String,
        #[arg(long)]
        iin: Option<String>,
        #[arg(long)]
        volunteer: Option<String>,
        /// will_report, reported, excused, not_reached or absent
        #[arg(long, value_parser = parse_response)]
        response: Response,
        /// Local time reported (UTC+5), default now
        #[arg(long)]
        at: Option<String>,
        /// Why excused (required for excused)
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Undo your last answer in this activation (or the last on one volunteer's row)
    Undo {
        id: String,
        #[arg(long)]
        volunteer: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record an attempt to reach a volunteer
    Contact {
        id: String,
        #[arg(long)]
        volunteer: String,
        /// phone, sms, messenger, in_person or courier
        #[arg(long, value_parser = parse_channel)]
        channel: Channel,
        /// reached, no_answer, wrong_number or refused
        #[arg(long, value_parser = parse_outcome)]
        outcome: ContactOutcome,
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Live figures: called, reached, reported, excused, absent; strength per position
    Figures {
        id: String,
        /// unit, region or direction
        #[arg(long, default_value = "unit", value_parser = parse_group)]
        by: FigureGroup,
        #[arg(long)]
        region: Option<String>,
        /// Units below this share of their establishment, in percent [default: 70]
        #[arg(long)]
        threshold: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Merge a filled-in call-out sheet (CSV/XLSX/XLS); a sheet with any bad row writes nothing
    Merge {
        id: String,
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write the call-out sheet (PDF with blank outcome columns, or XLSX) of a district or unit
    Sheet {
        id: String,
        #[arg(long)]
        district: Option<String>,
        #[arg(long)]
        unit: Option<String>,
        /// xlsx or pdf
        #[arg(long, value_parser = parse_sheet_format)]
        format: SheetFormat,
        #[arg(long, default_value = "ru", value_parser = parse_lang)]
        lang: Lang,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the after-action report (XLSX or PDF)
    Report {
        id: String,
        #[arg(long, value_parser = parse_sheet_format)]
        format: SheetFormat,
        #[arg(long, default_value = "ru", value_parser = parse_lang)]
        lang: Lang,
        #[arg(long)]
        out: PathBuf,
    },
    /// Close an activation: its record is frozen and kept
    Close {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

impl ActivationCommand {
    fn json(&self) -> bool {
        match self {
            ActivationCommand::Declare(a) => a.json,
            ActivationCommand::Activate { json, .. }
            | ActivationCommand::List { json }
            | ActivationCommand::Show { json, .. }
            | ActivationCommand::Mark { json, .. }
            | ActivationCommand::Undo { json, .. }
            | ActivationCommand::Contact { json, .. }
            | ActivationCommand::Figures { json, .. }
            | ActivationCommand::Merge { json, .. }
            | ActivationCommand::Close { json, .. } => *json,
            ActivationCommand::Sheet { .. } | ActivationCommand::Report { .. } => false,
        }
    }
}

pub fn run_activation(
    store: &mut Store,
    actor: &Actor,
    command: ActivationCommand,
) -> Result<(), Error> {
    let json = command.json();
    json_errors(json, activation_command(store, actor, command))
}

fn activation_command(
    store: &mut Store,
    actor: &Actor,
    command: ActivationCommand,
) -> Result<(), Error> {
    match command {
        ActivationCommand::Declare(args) => {
            let args = *args;
            let item = |kind, value: String| ScopeItem {
                kind,
                value,
                assembly_point: None,
                report_by: None,
            };
            let scope = args
                .units
                .into_iter()
                .map(|u| item(ScopeKind::Unit, u))
                .chain(args.regions.into_iter().map(|r| item(ScopeKind::Region, r)))
                .chain(
                    args.directions
                        .into_iter()
                        .map(|d| item(ScopeKind::Direction, d)),
                )
                .collect();
            let a = mobilisation::declare(
                store,
                actor,
                ActivationInput {
                    kind: args.kind,
                    legal_basis: args.legal_basis,
                    order_number: args.order,
                    declared_at: args.declared_at,
                    assembly_point: args.assembly_point,
                    report_by: args.report_by,
                    scope,
                },
            )?;
            if args.json {
                return print_json(&a);
            }
            println!("declared {} (draft): {}", a.order_number, a.id);
        }
        ActivationCommand::Activate { id, json } => {
            let r = mobilisation::activate(store, actor, &id)?;
            if json {
                return print_json(&r);
            }
            println!(
                "activated {}: {} units, {} called, listed apart: {} ineligible, {} discharged, {} unavailable",
                r.activation.id, r.units, r.called, r.ineligible, r.discharged, r.unavailable
            );
        }
        ActivationCommand::List { json } => {
            let list = mobilisation::list_activations(store, actor)?;
            if json {
                return print_json(&list);
            }
            for a in list {
                println!(
                    "{}  {:<11} {:<6} {}  {}",
                    a.id,
                    a.kind.as_str(),
                    a.status.as_str(),
                    a.declared_at,
                    a.order_number
                );
            }
        }
        ActivationCommand::Show { id, q, json } => {
            let detail = mobilisation::get_activation(store, actor, &id)?;
            let rows = mobilisation::call_list(
                store,
                actor,
                &CallListQuery {
                    activation_id: id,
                    q,
                    ..CallListQuery::default()
                },
            )?;
            if json {
                return print_json(&serde_json::json!({ "detail": detail, "rows": rows }));
            }
            let a = &detail.activation;
            println!(
                "{} {} ({}), declared {}, report by {}, {}",
                a.kind.as_str(),
                a.order_number,
                a.status.as_str(),
                a.declared_at,
                a.report_by,
                a.assembly_point
            );
            for r in rows {
                println!(
                    "{}  {:<20} {:<16} {:<12} {}",
                    r.iin,
                    format!("{} {}", r.surname, r.given_name),
                    r.unit_name,
                    r.response.as_str(),
                    r.excluded.map(|e| e.as_str()).unwrap_or("")
                );
            }
        }
        ActivationCommand::Mark {
            id,
            iin,
            volunteer,
            response,
            at,
            reason,
            json,
        } => {
            let row = mobilisation::mark(
                store,
                actor,
                MarkInput {
                    activation_id: id,
                    volunteer_id: volunteer,
                    iin,
                    response,
                    reported_at: at,
                    reason,
                },
            )?;
            if json {
                return print_json(&row);
            }
            println!(
                "{} {} {}: {}",
                row.iin,
                row.surname,
                row.given_name,
                row.response.as_str()
            );
        }
        ActivationCommand::Undo {
            id,
            volunteer,
            json,
        } => {
            let r = mobilisation::undo_last(
                store,
                actor,
                UndoInput {
                    activation_id: id,
                    volunteer_id: volunteer,
                },
            )?;
            if json {
                return print_json(&r);
            }
            println!(
                "undid {} for {} {}: now {}",
                r.undone.as_str(),
                r.row.surname,
                r.row.given_name,
                r.row.response.as_str()
            );
        }
        ActivationCommand::Contact {
            id,
            volunteer,
            channel,
            outcome,
            at,
            note,
            json,
        } => {
            let row = mobilisation::record_contact(
                store,
                actor,
                ContactInput {
                    activation_id: id,
                    volunteer_id: volunteer,
                    at,
                    channel,
                    outcome,
                    note,
                },
            )?;
            if json {
                return print_json(&row);
            }
            println!("{} {}: {}", row.surname, row.given_name, outcome.as_str());
        }
        ActivationCommand::Figures {
            id,
            by,
            region,
            threshold,
            json,
        } => {
            let f = mobilisation::figures(
                store,
                actor,
                &FigureQuery {
                    activation_id: id,
                    group: by,
                    region_id: region,
                    threshold_percent: threshold,
                },
            )?;
            if json {
                return print_json(&f);
            }
            println!(
                "{:<28} called reached reported excused absent authorised",
                ""
            );
            for g in f.groups.iter().chain(std::iter::once(&f.total)) {
                println!(
                    "{:<28} {:>6} {:>7} {:>8} {:>7} {:>6} {:>10}",
                    if g.name.is_empty() { &g.key } else { &g.name },
                    g.called,
                    g.reached,
                    g.reported,
                    g.excused,
                    g.absent,
                    g.authorised
                );
            }
        }
        ActivationCommand::Merge { id, file, json } => {
            let r = mobilisation::merge_sheet(store, actor, &id, &file)?;
            if json {
                return print_json(&r);
            }
            for e in &r.errors {
                println!("row {}: {} {}: {}", e.row, e.iin, e.field, e.rule);
            }
            if r.applied {
                println!(
                    "merged {} rows: {} written, {} unchanged",
                    r.rows, r.written, r.unchanged
                );
            } else {
                // Nothing was written: exit non-zero, naming every refused row.
                return Err(Error::invalid(
                    r.errors
                        .iter()
                        .map(|e| {
                            FieldError::new(&format!("row.{}", e.row), &e.rule).with("iin", &e.iin)
                        })
                        .collect(),
                ));
            }
        }
        ActivationCommand::Sheet {
            id,
            district,
            unit,
            format,
            lang,
            out,
        } => {
            let summary = reports::save_to(&out, |file| {
                mobilisation::callout_sheet(
                    store,
                    actor,
                    &SheetQuery {
                        activation_id: id,
                        district_id: district,
                        unit_id: unit,
                        format,
                        lang,
                    },
                    file,
                )
            })?;
            println!("wrote {} rows to {}", summary.rows, out.display());
        }
        ActivationCommand::Report {
            id,
            format,
            lang,
            out,
        } => {
            let summary = reports::save_to(&out, |file| {
                mobilisation::after_action(store, actor, &id, format, lang, file)
            })?;
            println!("wrote {} rows to {}", summary.rows, out.display());
        }
        ActivationCommand::Close { id, json } => {
            let a = mobilisation::close(store, actor, &id)?;
            if json {
                return print_json(&a);
            }
            println!("closed {} at {}", a.id, a.closed_at.unwrap_or_default());
        }
    }
    Ok(())
}
