//! Importing volunteers from a spreadsheet: a preview first (the proposed column mapping and
//! the first rows with their results, nothing written), then the import itself in one
//! transaction.
//!
//! Every row takes the form's path ([`super::save`]): the same validation, IIN uniqueness,
//! place-in-scope check, eligibility decision and duplicate flags; nothing here re-states a
//! rule. What an import adds: the columns' translation ([`fields`]), duplicates inside the
//! file, the fixed citizenship rule as a refusal (the law bars foreign and stateless persons,
//! so such a row is refused with the rule rather than registered as ineligible), modes,
//! cancellation, progress, and one audit entry with a table of the rows touched ([`run`]).

mod bulk;
pub use bulk::BULK_BYTES;
pub mod fields;
mod progress;
pub mod report;
mod row;
mod run;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use progress::{ImportProgress, ImportStep};
pub use report::{
    report_bytes, write_report, ErrorReport, ReportFormat, ReportRow, SaveReportInput,
};
pub use run::{file_sha256, import, import_bulk_from};

use crate::access::Actor;
use crate::db::Store;
use crate::error::Result;
use crate::sheets::{self, column_name, Format};
use crate::volunteers::catalogue::CatalogueCopy;

/// Rows shown in a preview.
pub const PREVIEW_ROWS: usize = 20;
/// Problems kept in a report (the counts stay exact beyond it).
pub const MAX_PROBLEMS: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Any refused row and nothing is written.
    #[default]
    AllOrNothing,
    /// The valid rows are written, the refused ones listed.
    ValidOnly,
}

impl ImportMode {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportMode::AllOrNothing => "all_or_nothing",
            ImportMode::ValidOnly => "valid_only",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportOptions {
    pub mode: ImportMode,
    /// Update records whose IIN is already registered (in scope) instead of refusing the row.
    pub update_existing: bool,
    /// A field key (or nothing) per column; `None` takes the proposed mapping.
    pub mapping: Option<Vec<Option<String>>>,
}

/// One column of the sheet and the field it is read into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMapping {
    /// The column's letters (`A`, `B`...).
    pub column: String,
    pub header: String,
    pub field: Option<String>,
}

/// What happens (or would happen) to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    Create,
    Update,
    Unchanged,
    Refused,
}

/// One reason a row is refused: the row as the file numbers it, the column (letters and
/// header) when the problem is in one, the field and the rule, as on the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowProblem {
    #[ts(type = "number")]
    pub row: u64,
    pub column: Option<String>,
    pub header: Option<String>,
    pub field: String,
    pub rule: String,
    pub params: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PreviewRow {
    #[ts(type = "number")]
    pub row: u64,
    pub cells: Vec<String>,
    pub outcome: RowOutcome,
    pub problems: Vec<RowProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub file_name: String,
    pub format: Format,
    #[ts(type = "number")]
    pub header_row: u64,
    pub columns: Vec<ColumnMapping>,
    /// Every field key a column may be mapped to.
    pub fields: Vec<String>,
    pub rows: Vec<PreviewRow>,
}

/// A refused row as it was in the file, for the error report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RefusedRow {
    #[ts(type = "number")]
    pub row: u64,
    pub cells: Vec<String>,
}

/// The account of an import. `committed` is false when nothing was written (all-or-nothing
/// with refused rows); `import_id` names the import's record and audit entry when it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub import_id: Option<String>,
    pub committed: bool,
    pub file_name: String,
    pub sha256: String,
    pub mode: ImportMode,
    pub update_existing: bool,
    #[ts(type = "number")]
    pub rows_read: u64,
    #[ts(type = "number")]
    pub created: u64,
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub unchanged: u64,
    #[ts(type = "number")]
    pub refused: u64,
    pub header: Vec<String>,
    /// The first [`MAX_PROBLEMS`] problems, by row.
    pub problems: Vec<RowProblem>,
    pub refused_rows: Vec<RefusedRow>,
    pub problems_truncated: bool,
}

/// Reads the file's header and first rows and says what importing them would do; writes
/// nothing. `mapping` overrides the proposed one.
pub fn preview(
    store: &Store,
    actor: &Actor,
    path: &Path,
    options: &ImportOptions,
) -> Result<ImportPreview> {
    actor.require_writer()?;
    let mut table = sheets::open(path)?;
    let mapping = row::mapping(&table.header, options.mapping.as_deref())?;
    let conn = store.conn();
    let places = fields::Places::load(conn)?;
    let now = store.now();
    // Read-only: the transaction only pins one snapshot and is rolled back.
    let tx = conn.unchecked_transaction()?;
    let rules = super::current_rules(&tx)?;
    let catalogue = CatalogueCopy::load(&tx)?;
    let header = table.header.cells.clone();
    let mut checker = row::Checker::new(
        row::Reader::new(actor, &mapping, &places, &catalogue, now),
        row::Decider::new(&tx, actor, &mapping, &header, now, &rules),
        options,
    );
    let mut rows = Vec::new();
    for read in table.by_ref().take(PREVIEW_ROWS) {
        let (row, checked) = checker.check(read?)?;
        rows.push(PreviewRow {
            row: row.number,
            outcome: checked.outcome(),
            problems: checked.problems,
            cells: row.cells,
        });
    }
    drop(checker);
    drop(tx);
    Ok(ImportPreview {
        file_name: file_name(path),
        format: table.format.clone(),
        header_row: table.header.number,
        columns: columns(&table.header.cells, &mapping),
        fields: fields::FIELDS.iter().map(|f| f.key.to_owned()).collect(),
        rows,
    })
}

fn columns(header: &[String], mapping: &[Option<&'static str>]) -> Vec<ColumnMapping> {
    header
        .iter()
        .enumerate()
        .map(|(index, text)| ColumnMapping {
            column: column_name(index),
            header: text.clone(),
            field: mapping.get(index).copied().flatten().map(str::to_owned),
        })
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
