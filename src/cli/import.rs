//! `jasaq import volunteers FILE`: the spreadsheet import from the command line, with the
//! core's preview, modes, mapping and error report, a progress line on stderr and `--json`.
//!
//! Exit status: zero when the import was committed (in valid-only mode, refused rows are
//! listed but do not fail the command); non-zero when nothing was written.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use jasaq::access::Actor;
use jasaq::db::Store;
use jasaq::volunteers::import::{
    self, ErrorReport, ImportMode, ImportOptions, ImportProgress, ImportReport, ReportFormat,
    ReportRow, RowProblem,
};
use jasaq::Error;

use crate::{json_errors, print_json};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import volunteers from a CSV, XLSX or XLS file, in one transaction
    Volunteers(ImportArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum ModeArg {
    /// Any refused row and nothing is written (default)
    AllOrNothing,
    /// Write the valid rows, list the refused ones
    ValidOnly,
}

#[derive(Args)]
pub struct ImportArgs {
    file: PathBuf,
    #[arg(long, value_enum, default_value = "all-or-nothing")]
    mode: ModeArg,
    /// Update records whose IIN is already registered (otherwise such rows are refused)
    #[arg(long)]
    update: bool,
    /// Fix the proposed column mapping: COLUMN=FIELD pairs, comma-separated; COLUMN is a
    /// letter (A, B...) or the header text, FIELD a field key or "-" to skip the column
    /// (e.g. "B=surname,H=-")
    #[arg(long)]
    mapping: Option<String>,
    /// Write the refused rows with their problems to this file (.csv or .xlsx)
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Show the mapping and the first rows' results; write nothing
    #[arg(long)]
    preview: bool,
    #[arg(long)]
    json: bool,
}

pub fn run_import(store: &mut Store, actor: &Actor, command: ImportCommand) -> Result<(), Error> {
    let ImportCommand::Volunteers(args) = command;
    let json = args.json;
    let result = import_volunteers(store, actor, args);
    let (refused, rows) = match result {
        Ok(None) => return Ok(()),
        Ok(Some(counts)) => counts,
        Err(err) => return json_errors(json, Err(err)),
    };
    // The report is already printed (as JSON with --json): only the exit status is left.
    let mut err = Error::invalid(Vec::new()).with("refused", refused);
    err.message =
        format!("nothing was imported: {refused} of {rows} rows refused (all-or-nothing)");
    Err(err)
}

/// `Some((refused, rows read))` when nothing was written.
fn import_volunteers(
    store: &mut Store,
    actor: &Actor,
    args: ImportArgs,
) -> Result<Option<(u64, u64)>, Error> {
    let mut options = ImportOptions {
        mode: match args.mode {
            ModeArg::AllOrNothing => ImportMode::AllOrNothing,
            ModeArg::ValidOnly => ImportMode::ValidOnly,
        },
        update_existing: args.update,
        mapping: None,
    };
    let preview = import::preview(store, actor, &args.file, &options)?;
    if let Some(text) = &args.mapping {
        let mut mapping: Vec<Option<String>> =
            preview.columns.iter().map(|c| c.field.clone()).collect();
        for pair in text.split(',').filter(|p| !p.trim().is_empty()) {
            let (column, field) = pair
                .split_once('=')
                .ok_or_else(|| Error::field("mapping", "unknown_value").with("value", pair))?;
            let column = column.trim();
            let index = preview
                .columns
                .iter()
                .position(|c| c.column.eq_ignore_ascii_case(column) || c.header == column)
                .ok_or_else(|| Error::field("mapping", "unknown_value").with("value", column))?;
            let field = field.trim();
            mapping[index] = (field != "-" && !field.is_empty()).then(|| field.to_owned());
        }
        options.mapping = Some(mapping);
    }
    if args.preview {
        let preview = import::preview(store, actor, &args.file, &options)?;
        if args.json {
            return print_json(&preview).map(|()| None);
        }
        for c in &preview.columns {
            let field = c.field.as_deref().unwrap_or("-");
            println!("{:>3}  {:<30} -> {field}", c.column, c.header);
        }
        for row in &preview.rows {
            println!("row {}: {:?}", row.row, row.outcome);
            print_problems(&row.problems);
        }
        return Ok(None);
    }
    let cancel = AtomicBool::new(false);
    let bar = progress_bar();
    let report = import::import(store, actor, &args.file, &options, &cancel, &mut |p| {
        show(&bar, p)
    });
    bar.finish_and_clear();
    let report = report?;
    if let Some(path) = &args.errors {
        write_errors(path, &report)?;
    }
    if args.json {
        print_json(&report)?;
    } else {
        summary(&report);
    }
    Ok((!report.committed).then_some((report.refused, report.rows_read)))
}

fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(1000);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {percent:>3}% {msg}") {
        bar.set_style(style);
    }
    bar
}

/// A progress line: drawn by the bar on a terminal, printed plainly otherwise (logs, tests).
fn show(bar: &ProgressBar, p: &ImportProgress) {
    let left = p
        .seconds_left
        .map(|s| format!(", {s:.0} s left"))
        .unwrap_or_default();
    let text = format!("{} rows, {:.0} rows/s{left}", p.rows, p.rows_per_second);
    if bar.is_hidden() {
        eprintln!("import: {text}");
    } else {
        bar.set_position((p.fraction * 1000.0) as u64);
        bar.set_message(text);
    }
}

fn summary(report: &ImportReport) {
    println!(
        "{}: {} rows read, {} created, {} updated, {} unchanged, {} refused{}",
        report.file_name,
        report.rows_read,
        report.created,
        report.updated,
        report.unchanged,
        report.refused,
        if report.committed {
            ""
        } else {
            " (nothing written)"
        }
    );
    print_problems(&report.problems);
    if report.problems_truncated {
        println!(
            "(only the first {} problems are listed)",
            import::MAX_PROBLEMS
        );
    }
}

fn problem_text(p: &RowProblem) -> String {
    let at = match (&p.column, &p.header) {
        (Some(column), Some(header)) => format!("column {column} ({header}): "),
        _ => String::new(),
    };
    let params: Vec<String> = p.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let params = if params.is_empty() {
        String::new()
    } else {
        format!(" ({})", params.join(", "))
    };
    format!("{at}{}: {}{params}", p.field, p.rule)
}

fn print_problems(problems: &[RowProblem]) {
    let words = super::messages::Messages::from_env();
    for p in problems {
        println!("  row {}: {}", p.row, problem_text(p));
        println!("    {}", words.problem(&p.field, &p.rule, &p.params));
    }
}

fn write_errors(path: &std::path::Path, report: &ImportReport) -> Result<(), Error> {
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("xlsx") => ReportFormat::Xlsx,
        _ => ReportFormat::Csv,
    };
    let rows = report
        .refused_rows
        .iter()
        .map(|r| ReportRow {
            row: r.row,
            cells: r.cells.clone(),
            errors: report
                .problems
                .iter()
                .filter(|p| p.row == r.row)
                .map(problem_text)
                .collect::<Vec<_>>()
                .join("; "),
        })
        .collect();
    import::write_report(
        path,
        format,
        &ErrorReport {
            header: report.header.clone(),
            errors_title: "Errors".to_owned(),
            rows,
        },
    )
}
