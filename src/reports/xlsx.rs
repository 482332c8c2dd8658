//! XLSX through `rust_xlsxwriter` in constant-memory mode: each row goes to a temporary file
//! as it arrives (strings inline, no shared-string table), so a million rows cost the same
//! memory as ten. A bold header row, frozen, with an autofilter over the whole table; column
//! widths from the table; dates and moments as real Excel dates (numbers with a dd.mm.yyyy
//! format, so they sort and filter as dates); money as tenge with two decimals.
//!
//! Text is always written as a string cell, never as a formula; a string that starts like a
//! formula (=, +, -, @) also carries the "quote prefix" style, so editing the cell in Excel
//! keeps it text instead of turning it into a live formula.

use std::io::Write;

use chrono::{NaiveDate, Timelike};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::table::{is_formula_like, local, Cell, Sink, Table};
use crate::error::{Error, FieldError, Result};

/// Rows a worksheet holds (Excel's limit), the header included.
pub const MAX_ROWS: u32 = 1_048_576;

fn failed(e: XlsxError) -> Error {
    Error::internal(format!("writing XLSX: {e}"))
}

pub struct XlsxSink {
    workbook: Workbook,
    next_row: u32,
    columns: u16,
    text: Format,
    quoted: Format,
    date: Format,
    moment: Format,
    money: Format,
}

/// Days since Excel's epoch (1899-12-30, which absorbs its 1900 leap-year bug).
fn serial(date: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or(NaiveDate::MIN);
    (date - epoch).num_days() as f64
}

impl XlsxSink {
    pub fn start(table: &Table) -> Result<Self> {
        let mut workbook = Workbook::new();
        // Deflate is most of the time of a large export; level 1 instead of 6 (measured in
        // benches/export.rs: 1,000,000 rows 55 s at level 6 on a loaded machine).
        workbook.set_zip_compression_level(1);
        let header = Format::new().set_bold().set_background_color("DDEBF7");
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(failed)?;
        let name: String = table
            .title
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        if !name.trim().is_empty() {
            sheet.set_name(name.trim()).map_err(failed)?;
        }
        for (i, column) in table.columns.iter().enumerate() {
            sheet
                .set_column_width(i as u16, column.width)
                .map_err(failed)?;
            sheet
                .write_string_with_format(0, i as u16, &column.title, &header)
                .map_err(failed)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(failed)?;
        Ok(Self {
            workbook,
            next_row: 1,
            columns: table.columns.len() as u16,
            text: Format::new(),
            quoted: Format::new().set_quote_prefix(),
            date: Format::new().set_num_format("dd.mm.yyyy"),
            moment: Format::new().set_num_format("dd.mm.yyyy hh:mm"),
            money: Format::new().set_num_format("# ##0.00"),
        })
    }

    fn sheet(&mut self) -> Result<&mut Worksheet> {
        self.workbook.worksheet_from_index(0).map_err(failed)
    }

    /// The autofilter over every written row, then the workbook into `out`.
    pub fn finish<W: Write + Send>(mut self, out: W) -> Result<()> {
        let (last_row, columns) = (self.next_row - 1, self.columns);
        if columns > 0 {
            self.sheet()?
                .autofilter(0, 0, last_row, columns - 1)
                .map_err(failed)?;
        }
        self.workbook.save_to_writer(out).map_err(failed)
    }
}

impl Sink for XlsxSink {
    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        if self.next_row >= MAX_ROWS {
            return Err(Error::invalid(vec![FieldError::new(
                "format",
                "too_many_rows",
            )
            .with("max", MAX_ROWS - 1)]));
        }
        let row = self.next_row;
        let Self {
            workbook,
            text,
            quoted,
            date,
            moment,
            money,
            ..
        } = self;
        let sheet = workbook.worksheet_from_index(0).map_err(failed)?;
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Empty => {}
                Cell::Text(value) => {
                    let format = if is_formula_like(value) {
                        &*quoted
                    } else {
                        &*text
                    };
                    sheet
                        .write_string_with_format(row, col, value, format)
                        .map_err(failed)?;
                }
                Cell::Date(day) => {
                    sheet
                        .write_number_with_format(row, col, serial(*day), date)
                        .map_err(failed)?;
                }
                Cell::DateTime(at) => {
                    let at = local(*at);
                    let fraction = f64::from(at.num_seconds_from_midnight()) / 86_400.0;
                    sheet
                        .write_number_with_format(row, col, serial(at.date()) + fraction, moment)
                        .map_err(failed)?;
                }
                Cell::Integer(n) => {
                    sheet.write_number(row, col, *n as f64).map_err(failed)?;
                }
                Cell::Money(tiyn) => {
                    // Display only: the value the registry keeps stays integer tiyn.
                    sheet
                        .write_number_with_format(row, col, *tiyn as f64 / 100.0, money)
                        .map_err(failed)?;
                }
            }
        }
        self.next_row += 1;
        Ok(())
    }
}
