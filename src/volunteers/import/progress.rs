//! What an import reports while it runs: progress for the window (rows, rate, time left, then
//! the step being finished after the last row) and, in the log, when each step ended.

use std::time::Instant;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::sheets;

/// What an import is doing: checking and writing rows, then, after the last row, the steps
/// that finish it (a large file's take a third of its time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportStep {
    Rows,
    /// Rebuilding the registry's indexes (large files only, `bulk`).
    Indexes,
    /// Merging the name search indexes (large files only).
    Search,
    /// Flagging likely duplicates of the new records.
    Duplicates,
    /// Recording the import and committing.
    Saving,
}

/// How far an import has got. `fraction` is of the file (bytes of a CSV, rows of a workbook).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub step: ImportStep,
    #[ts(type = "number")]
    pub rows: u64,
    pub rows_per_second: f64,
    pub seconds_left: Option<f64>,
    pub fraction: f64,
}

/// Logs how long the import has run when a step ends (durations only: no row's content).
pub(super) fn phase(started: Instant, step: &str) {
    tracing::info!(
        seconds = %format!("{:.2}", started.elapsed().as_secs_f64()),
        "import: {step}"
    );
}

/// Progress after `rows` rows, `at` the position in the file.
pub(super) fn measure(rows: u64, started: Instant, at: sheets::Position) -> ImportProgress {
    let elapsed = started.elapsed().as_secs_f64().max(1e-3);
    let fraction = if at.total == 0 {
        0.0
    } else {
        (at.done as f64 / at.total as f64).min(1.0)
    };
    ImportProgress {
        step: ImportStep::Rows,
        rows,
        rows_per_second: rows as f64 / elapsed,
        seconds_left: (fraction > 0.0).then(|| elapsed * (1.0 - fraction) / fraction),
        fraction,
    }
}
