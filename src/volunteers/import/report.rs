//! The error report of an import: the refused rows as they were in the file, under the file's
//! own header, with a last column saying what is wrong. A user fixes the rows in the report
//! and imports the report itself: its header maps as the original did, and the explanation
//! column is unknown to the matcher, so it is left out.
//!
//! The explanations come from the caller, already in the reader's language (the UI localises
//! with its catalogue; the CLI writes English). Cells are written as text: in the CSV a cell
//! that a spreadsheet would run as a formula gets a leading apostrophe; in the XLSX every cell
//! is a string cell, which a spreadsheet never evaluates.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportRow {
    #[ts(type = "number")]
    pub row: u64,
    pub cells: Vec<String>,
    /// What is wrong with the row, in the reader's language.
    pub errors: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorReport {
    pub header: Vec<String>,
    /// The title of the explanation column ("Ошибки", "Errors"...).
    pub errors_title: String,
    pub rows: Vec<ReportRow>,
}

/// A report to save from the desktop app, in the format the user chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaveReportInput {
    pub format: ReportFormat,
    pub report: ErrorReport,
}

/// Writes the report to `path` (the CLI; the desktop app saves [`report_bytes`] through its
/// Save dialog).
pub fn write_report(path: &Path, format: ReportFormat, report: &ErrorReport) -> Result<()> {
    let bytes = report_bytes(format, report)?;
    std::fs::write(path, bytes).map_err(save_failed)
}

/// The report as the bytes of a CSV (UTF-8 with BOM) or XLSX file.
pub fn report_bytes(format: ReportFormat, report: &ErrorReport) -> Result<Vec<u8>> {
    let width = report.header.len();
    let line = |cells: &[String], last: &str| -> Vec<String> {
        let mut out: Vec<String> = cells.iter().take(width).cloned().collect();
        out.resize(width, String::new());
        out.push(last.to_owned());
        out
    };
    let mut lines = vec![line(&report.header, &report.errors_title)];
    lines.extend(report.rows.iter().map(|r| line(&r.cells, &r.errors)));
    match format {
        ReportFormat::Csv => csv_bytes(&lines),
        ReportFormat::Xlsx => xlsx_bytes(&lines),
    }
}

fn save_failed(e: impl std::fmt::Display) -> Error {
    tracing::warn!(error = %e, "error report not written");
    Error::new(
        crate::error::ErrorCode::Internal,
        "save_failed",
        "the file could not be saved",
    )
}

fn csv_bytes(lines: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    out.extend_from_slice(b"\xEF\xBB\xBF");
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        for line in lines {
            writer
                .write_record(line.iter().map(|c| neutralised(c).into_owned()))
                .map_err(save_failed)?;
        }
        writer.flush().map_err(save_failed)?;
    }
    Ok(out)
}

/// A cell a spreadsheet would take for a formula, made plain text; a phone number is not one.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    let number = |rest: &str| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-'))
    };
    match cell.chars().next() {
        Some('=' | '@') => format!("'{cell}").into(),
        Some('+' | '-') if !number(&cell[1..]) => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn xlsx_bytes(lines: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    for (r, line) in lines.iter().enumerate() {
        for (c, cell) in line.iter().enumerate() {
            let (row, column) = (r as u32, c as u16);
            if r == 0 {
                sheet.write_string_with_format(row, column, cell, &bold)
            } else {
                sheet.write_string(row, column, cell)
            }
            .map_err(save_failed)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(save_failed)?;
    book.save_to_buffer().map_err(save_failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas_but_not_phone_numbers() {
        assert_eq!(
            neutralised("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")",
            "a formula"
        );
        assert_eq!(
            neutralised("+cmd|' /C calc'!A0"),
            "'+cmd|' /C calc'!A0",
            "DDE"
        );
        assert_eq!(
            neutralised("+7 701 123 45 67"),
            "+7 701 123 45 67",
            "a phone number"
        );
        assert_eq!(neutralised("Әлиханов"), "Әлиханов", "a name");
    }
}
