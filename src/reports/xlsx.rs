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
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::table::{is_formula_like, local, Cell, Sink, Table};
use crate::error::{Error, FieldError, Result};

/// Rows a worksheet holds (Excel's limit), the header included.
pub const MAX_ROWS: u32 = 1_048_576;

fn failed(e: XlsxError) -> Error {
    Error::internal(format!("writing XLSX: {e}"))
}

/// Rows travel to the writer thread in batches of this many (a few hundred KB of cells).
const BATCH_ROWS: usize = 1024;

/// The workbook and its formats: owned by the writer thread while rows arrive.
struct Writer {
    workbook: Workbook,
    text: Format,
    quoted: Format,
    date: Format,
    moment: Format,
    money: Format,
}

/// The rows of one batch, `columns` cells each, and the sheet row of the first.
struct Batch {
    first_row: u32,
    cells: Vec<Cell>,
}

/// An XLSX being written. Building the sheet's XML costs about as much as reading the rows
/// from SQLite, so the two run side by side: the caller's thread walks the SQL and hands rows
/// over in batches through a bounded channel (at most four batches wait, so memory stays flat),
/// and a writer thread owns the workbook.
pub struct XlsxSink {
    next_row: u32,
    columns: u16,
    batch: Vec<Cell>,
    batch_first_row: u32,
    sender: Option<std::sync::mpsc::SyncSender<Batch>>,
    worker: Option<std::thread::JoinHandle<Result<Writer>>>,
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
        let mut writer = Writer {
            workbook,
            text: Format::new(),
            quoted: Format::new().set_quote_prefix(),
            date: Format::new().set_num_format("dd.mm.yyyy"),
            moment: Format::new().set_num_format("dd.mm.yyyy hh:mm"),
            money: Format::new().set_num_format("# ##0.00"),
        };
        let columns = table.columns.len();
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Batch>(4);
        let worker = std::thread::Builder::new()
            .name("xlsx-writer".into())
            .spawn(move || {
                // The loop ends when the sink stops sending; an error ends it early, and the
                // sink's next send fails and collects the error through `join`.
                for batch in receiver {
                    for (i, cells) in batch.cells.chunks(columns.max(1)).enumerate() {
                        writer.write_row(batch.first_row + i as u32, cells)?;
                    }
                }
                Ok(writer)
            })
            .map_err(|e| Error::internal(format!("starting the XLSX writer: {e}")))?;
        Ok(Self {
            next_row: 1,
            columns: columns as u16,
            batch: Vec::with_capacity(BATCH_ROWS * columns),
            batch_first_row: 1,
            sender: Some(sender),
            worker: Some(worker),
        })
    }

    /// Hands the rows gathered so far to the writer thread; its error if it has stopped.
    fn send(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let capacity = BATCH_ROWS * usize::from(self.columns);
        let batch = Batch {
            first_row: self.batch_first_row,
            cells: std::mem::replace(&mut self.batch, Vec::with_capacity(capacity)),
        };
        self.batch_first_row = self.next_row;
        let sent = self.sender.as_ref().map(|s| s.send(batch).is_ok());
        if sent == Some(true) {
            return Ok(());
        }
        self.sender = None;
        self.join().map(|_| ()).and(Err(Error::internal(
            "the XLSX writer stopped before the last row",
        )))
    }

    /// Waits for the writer thread and takes the workbook back.
    fn join(&mut self) -> Result<Writer> {
        let worker = self
            .worker
            .take()
            .ok_or_else(|| Error::internal("the XLSX writer was already finished"))?;
        worker
            .join()
            .map_err(|_| Error::internal("the XLSX writer thread panicked"))?
    }

    /// The autofilter over every written row, then the workbook into `out`.
    pub fn finish<W: Write + Send>(mut self, out: W) -> Result<()> {
        self.send()?;
        self.sender = None;
        let mut writer = self.join()?;
        let (last_row, columns) = (self.next_row - 1, self.columns);
        if columns > 0 {
            writer
                .workbook
                .worksheet_from_index(0)
                .map_err(failed)?
                .autofilter(0, 0, last_row, columns - 1)
                .map_err(failed)?;
        }
        writer.workbook.save_to_writer(out).map_err(failed)
    }
}

impl Drop for XlsxSink {
    /// A sink dropped unfinished (a refused or failed export) stops its writer thread.
    fn drop(&mut self) {
        self.sender = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
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
        // Every row has the table's width, so the writer can cut the batch back into rows.
        let width = usize::from(self.columns);
        self.batch
            .extend(cells.iter().take(width).cloned().chain(std::iter::repeat_n(
                Cell::Empty,
                width.saturating_sub(cells.len()),
            )));
        self.next_row += 1;
        if self.batch.len() >= BATCH_ROWS * width {
            self.send()?;
        }
        Ok(())
    }
}

impl Writer {
    fn write_row(&mut self, row: u32, cells: &[Cell]) -> Result<()> {
        let Self {
            workbook,
            text,
            quoted,
            date,
            moment,
            money,
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
        Ok(())
    }
}
