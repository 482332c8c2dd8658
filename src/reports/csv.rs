//! CSV for spreadsheets: UTF-8 with a byte-order mark (without one Excel reads the bytes as
//! the Windows code page and Cyrillic turns to mojibake), semicolon-separated (the list
//! separator of Kazakh and Russian Windows, so Excel splits the columns on opening), dates
//! dd.MM.yyyy, money as a plain decimal of tenge. A text cell a spreadsheet would take for a
//! formula gets a leading apostrophe, which shows it as text.

use std::io::Write;

use super::table::{cell_text, is_formula_like, Cell, Sink, Table};
use crate::error::{Error, Result};

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub struct CsvSink<W: Write> {
    writer: csv::Writer<W>,
    record: Vec<String>,
}

fn failed(e: csv::Error) -> Error {
    Error::internal(format!("writing CSV: {e}"))
}

impl<W: Write> CsvSink<W> {
    pub fn start(mut out: W, table: &Table) -> Result<Self> {
        out.write_all(BOM)
            .map_err(|e| Error::internal(format!("writing CSV: {e}")))?;
        let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
        writer
            .write_record(table.columns.iter().map(|c| neutral(&c.title)))
            .map_err(failed)?;
        Ok(Self {
            writer,
            record: Vec::with_capacity(table.columns.len()),
        })
    }

    pub fn finish(self) -> Result<W> {
        self.writer
            .into_inner()
            .map_err(|e| Error::internal(format!("writing CSV: {e}")))
    }
}

/// Text as a spreadsheet will show it, never evaluate it.
fn neutral(text: &str) -> String {
    if is_formula_like(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

impl<W: Write> Sink for CsvSink<W> {
    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        self.record.clear();
        for cell in cells {
            self.record.push(match cell {
                Cell::Text(text) => neutral(text),
                Cell::Money(tiyn) => {
                    let sign = if *tiyn < 0 { "-" } else { "" };
                    let abs = tiyn.unsigned_abs();
                    format!("{sign}{}.{:02}", abs / 100, abs % 100)
                }
                other => cell_text(other),
            });
        }
        self.writer.write_record(&self.record).map_err(failed)
    }
}
