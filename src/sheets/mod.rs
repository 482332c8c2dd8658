//! Reading a spreadsheet a district office brings (CSV, XLSX, XLS) as a header row and rows of
//! text cells with their row numbers, whatever record type they hold. Volunteer imports use it
//! and so can bulk transfers: the reader knows nothing of fields; [`header::HeaderMatcher`]
//! maps a header to field keys by Kazakh, Russian and English aliases.
//!
//! The format is decided by the file's content, not its name (an XLSX renamed .csv is still
//! read as a workbook; a binary file renamed .csv is refused). CSV is streamed, so a file of a
//! million rows never sits in memory and an over-long line is refused by its row number
//! before it is buffered whole. Workbooks are small by nature and read whole by `calamine`.
//! Every refusal is a validation error with a `rule` the UI localises and, where it helps, the
//! row or cell it is about.

mod csv_text;
pub mod header;
mod workbook;

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, FieldError, Result};

pub use header::{Field, HeaderMatcher};

/// The longest record a CSV may hold, in bytes (a volunteer row is a few kilobytes at most).
pub const MAX_RECORD_BYTES: u64 = 1 << 20;

/// One row of the sheet: its number as the user sees it (the line of a CSV where the record
/// starts, the row of a workbook) and its cells as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub number: u64,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in `column`, or "" past the end of a short row.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map(String::as_str).unwrap_or("")
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// What the file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Format {
    /// `encoding` is `utf-8` or `windows-1251`; `delimiter` one of `,` `;` and a tab.
    Csv {
        encoding: String,
        bom: bool,
        delimiter: String,
    },
    Xlsx,
    Xls,
}

/// How far the reading has got, in the unit the format allows: bytes of a CSV, rows of a
/// workbook. Enough for a progress bar and a time-left estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub done: u64,
    pub total: u64,
}

/// An open sheet: its header (the first non-blank row) and an iterator over the other
/// non-blank rows. A row that cannot be read ends the iteration with its error.
pub struct Table {
    pub format: Format,
    pub header: Row,
    rows: Box<dyn Iterator<Item = Result<Row>> + Send>,
    done: Arc<AtomicU64>,
    total: u64,
}

impl Table {
    pub fn position(&self) -> Position {
        self.tracker().position()
    }

    /// A handle on [`Table::position`] that stays readable while the table is read on another
    /// thread.
    pub fn tracker(&self) -> Tracker {
        Tracker {
            done: self.done.clone(),
            total: self.total,
        }
    }
}

/// See [`Table::tracker`].
#[derive(Debug, Clone)]
pub struct Tracker {
    done: Arc<AtomicU64>,
    total: u64,
}

impl Tracker {
    pub fn position(&self) -> Position {
        Position {
            done: self.done.load(Ordering::Relaxed),
            total: self.total,
        }
    }
}

impl Iterator for Table {
    type Item = Result<Row>;

    fn next(&mut self) -> Option<Result<Row>> {
        self.rows.next()
    }
}

/// Opens a spreadsheet file, deciding its format from its first bytes.
pub fn open(path: &Path) -> Result<Table> {
    let file = File::open(path).map_err(|e| {
        tracing::warn!(path = %path.display(), error = %e, "cannot open spreadsheet");
        Error::not_found("file")
    })?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut magic = [0u8; 8];
    let got = read_up_to(&mut reader, &mut magic)?;
    let magic = &magic[..got];
    if got == 0 {
        return Err(refusal("file_empty", "the file is empty"));
    }
    // Reopen rather than seek back through the buffer: simpler for both readers.
    let file = File::open(path).map_err(|_| Error::not_found("file"))?;
    if magic.starts_with(b"PK\x03\x04") {
        workbook::read_xlsx(BufReader::new(file))
    } else if magic.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        workbook::read_xls(BufReader::new(file))
    } else {
        csv_text::read(Box::new(file), total, path)
    }
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match reader.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(unreadable(e)),
        }
    }
    Ok(got)
}

/// A refusal of the whole file: a validation error on the field `file` with a catalogue rule.
pub(crate) fn refusal(rule: &str, message: &str) -> Error {
    refusal_with(FieldError::new("file", rule), message)
}

pub(crate) fn refusal_with(field: FieldError, message: &str) -> Error {
    let mut error = Error::invalid(vec![field]);
    error.message = message.to_owned();
    error
}

fn unreadable(e: impl std::fmt::Display) -> Error {
    tracing::warn!(error = %e, "spreadsheet unreadable");
    refusal("unreadable", "the file cannot be read")
}

/// Builds a table from a header-first stream of rows, skipping blank rows.
fn table(
    format: Format,
    mut rows: Box<dyn Iterator<Item = Result<Row>> + Send>,
    done: Arc<AtomicU64>,
    total: u64,
) -> Result<Table> {
    let header = loop {
        match rows.next() {
            None => return Err(refusal("file_empty", "the file holds no rows")),
            Some(Err(e)) => return Err(e),
            Some(Ok(row)) if row.is_blank() => continue,
            Some(Ok(mut row)) => {
                for cell in &mut row.cells {
                    *cell = crate::text::clean(cell);
                }
                break row;
            }
        }
    };
    let rows = Box::new(rows.filter(|r| !matches!(r, Ok(row) if row.is_blank())));
    Ok(Table {
        format,
        header,
        rows,
        done,
        total,
    })
}

/// A cell's name as a spreadsheet shows it (`C7`), from zero-based row and column.
pub fn cell_name(row: u32, column: u32) -> String {
    format!("{}{}", column_name(column as usize), row + 1)
}

/// A column's letters (`A`, `Z`, `AA`), from a zero-based index.
pub fn column_name(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_columns_as_spreadsheets_do() {
        assert_eq!(column_name(0), "A", "first column");
        assert_eq!(column_name(25), "Z", "last single letter");
        assert_eq!(column_name(26), "AA", "two letters after Z");
        assert_eq!(cell_name(6, 2), "C7", "rows count from one");
    }
}
