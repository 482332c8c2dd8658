//! Exports: every list goes out as CSV, XLSX or a printable PDF.
//!
//! A source (the volunteer list, the audit log) walks its scoped SQL and pushes rows into a
//! writer one at a time ([`table`]); nothing holds the whole list. Exports carry personal
//! data out of the application, so each is a read of the actor's scope only (the list's own
//! query, never a wider one) and is recorded in the audit log with the format, the filters
//! and the row count, after the file's bytes are made and before they are handed over.

mod audit_log;
pub mod csv;
pub mod labels;
pub mod pdf_table;
mod readiness;
pub mod table;
mod unit_members;
mod volunteers;
pub mod xlsx;

use std::io::Write;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use audit_log::{export_audit, AuditExport};
pub use labels::Lang;
pub use readiness::{export_readiness, ReadinessTableExport};
pub use table::{Cell, Column, ColumnKind, Sink, Table};
pub use unit_members::{export_unit_members, UnitMembersExport};
pub(crate) use volunteers::place_names;
pub use volunteers::{export_volunteers, VolunteerExport};

use crate::access::Actor;
use crate::audit::{self, Event};
use crate::db::Store;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Pdf,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Pdf => "pdf",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            "pdf" => Some(ExportFormat::Pdf),
            _ => None,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportSummary {
    pub format: ExportFormat,
    pub rows: u32,
    /// A name to offer in the save dialog: `volunteers-2026-11-22.xlsx`.
    pub file_name: String,
}

/// Where an export went, for the desktop app to tell the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedExport {
    pub path: String,
    pub rows: u32,
}

/// Writes a table in `format` to `out`, with `fill` pushing its rows; returns the row count.
pub fn write_table<W: Write + Send>(
    table: &Table,
    format: ExportFormat,
    mut out: W,
    fill: impl FnOnce(&mut dyn Sink) -> Result<u64>,
) -> Result<u64> {
    let io = |e: std::io::Error| Error::internal(format!("writing the export: {e}"));
    let rows = match format {
        ExportFormat::Csv => {
            let mut sink = csv::CsvSink::start(out, table)?;
            let rows = fill(&mut sink)?;
            sink.finish()?.flush().map_err(io)?;
            rows
        }
        ExportFormat::Xlsx => {
            let mut sink = xlsx::XlsxSink::start(table)?;
            let rows = fill(&mut sink)?;
            sink.finish(out)?;
            rows
        }
        ExportFormat::Pdf => {
            let mut sink = pdf_table::PdfSink::start(table)?;
            let rows = fill(&mut sink)?;
            out.write_all(&sink.finish()?).map_err(io)?;
            out.flush().map_err(io)?;
            rows
        }
    };
    Ok(rows)
}

/// `{stem}-{local date}.{ext}`: the name offered in the save dialog.
pub fn file_name(store: &Store, stem: &str, format: ExportFormat) -> String {
    let day = crate::clock::local_today(store.now());
    format!("{stem}-{}.{}", day.format("%Y-%m-%d"), format.extension())
}

/// The audit entry of one export: who, what list, which filters, how many rows, what format.
pub(crate) fn record_export(
    store: &mut Store,
    actor: &Actor,
    action: &str,
    kind: &str,
    place: (Option<&str>, Option<&str>),
    details: serde_json::Value,
) -> Result<()> {
    let now = store.now();
    let tx = store.write()?;
    audit::record(
        &tx,
        now,
        Event {
            region_id: place.0,
            district_id: place.1,
            after: Some(details),
            ..Event::by(actor, action, kind)
        },
    )?;
    tx.commit()?;
    Ok(())
}

/// Runs `write` into a temporary file beside `path` and renames it into place once complete
/// and on disk, so a failure, a refusal or a crash never leaves a half-written export under
/// the chosen name (the temporary file is removed on failure).
pub fn save_to<T>(
    path: &std::path::Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<T>,
) -> Result<T> {
    let failed = |e: std::io::Error| {
        tracing::error!(path = %path.display(), %e, "saving an export failed");
        Error::new(
            crate::ErrorCode::Internal,
            "save_failed",
            format!("could not save the export to {}", path.display()),
        )
        .with("path", path.display())
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let temp = dir.join(format!(
        ".{}.part",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("jasaq-export")
    ));
    let result = (|| {
        let file = std::fs::File::create(&temp).map_err(failed)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        let value = write(&mut out)?;
        let file = out.into_inner().map_err(|e| failed(e.into_error()))?;
        file.sync_all().map_err(failed)?;
        std::fs::rename(&temp, path).map_err(failed)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
