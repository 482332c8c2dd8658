//! XLSX and XLS workbooks through `calamine`: the first worksheet, read whole (workbooks of a
//! district office are small; a million rows come as CSV).
//!
//! Two things a workbook can hold are refused rather than guessed at, each naming the cell:
//! a formula (a file written by a program often carries no computed value, and a value that
//! depends on another cell is not what a person checked) and a merged range (which row or
//! column a merged value belongs to is ambiguous). A cell holding an Excel error is refused
//! too. Dates become `yyyy-mm-dd`; whole numbers lose Excel's `.0`.

use std::io::{Read, Seek};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use calamine::{Data, Range, Reader, Xls, Xlsx};

use super::{cell_name, refusal_with, table, unreadable, Format, Row, Table};
use crate::error::{FieldError, Result};

pub(super) fn read_xlsx<RS: Read + Seek>(reader: RS) -> Result<Table> {
    let mut book: Xlsx<RS> = Xlsx::new(reader).map_err(unreadable)?;
    let name = first_sheet(&book)?;
    let merged = book.merge_cells_by_sheet_name(&name).map_err(unreadable)?;
    let formulas = book.worksheet_formula(&name).map_err(unreadable)?;
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    let merged = merged.iter().map(|d| (d.start, d.end)).collect::<Vec<_>>();
    build(Format::Xlsx, &merged, &formulas, range)
}

pub(super) fn read_xls<RS: Read + Seek>(reader: RS) -> Result<Table> {
    let mut book: Xls<RS> = Xls::new(reader).map_err(unreadable)?;
    let name = first_sheet(&book)?;
    let merged = book.merge_cells_by_sheet_name(&name).map_err(unreadable)?;
    let formulas = book.worksheet_formula(&name).map_err(unreadable)?;
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    let merged = merged.iter().map(|d| (d.start, d.end)).collect::<Vec<_>>();
    build(Format::Xls, &merged, &formulas, range)
}

fn first_sheet<RS, R: Reader<RS>>(book: &R) -> Result<String>
where
    RS: Read + Seek,
{
    book.sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| super::refusal("file_empty", "the workbook has no worksheet"))
}

type Span = ((u32, u32), (u32, u32));

fn build(
    format: Format,
    merged: &[Span],
    formulas: &Range<String>,
    range: Range<Data>,
) -> Result<Table> {
    if let Some((start, end)) = merged.iter().min() {
        let span = format!(
            "{}:{}",
            cell_name(start.0, start.1),
            cell_name(end.0, end.1)
        );
        return Err(refusal_with(
            FieldError::new("file", "merged_cells").with("cells", &span),
            &format!("cells {span} are merged; unmerge them and fill every cell"),
        ));
    }
    if let Some(cell) = formulas.used_cells().find(|(_, _, f)| !f.trim().is_empty()) {
        let (row, column) = absolute(formulas, cell.0, cell.1);
        let at = cell_name(row, column);
        return Err(refusal_with(
            FieldError::new("file", "formula_cell").with("cell", &at),
            &format!("cell {at} holds a formula; paste the values instead"),
        ));
    }
    let (top, left) = range.start().unwrap_or((0, 0));
    let total = range.height() as u64;
    let mut rows = Vec::with_capacity(range.height());
    for (i, cells) in range.rows().enumerate() {
        let row = top + i as u32;
        let mut texts = Vec::with_capacity(cells.len());
        for (j, cell) in cells.iter().enumerate() {
            texts.push(cell_text(cell).map_err(|rule| {
                let at = cell_name(row, left + j as u32);
                refusal_with(
                    FieldError::new("file", rule).with("cell", &at),
                    &format!("cell {at} holds an error value"),
                )
            })?);
        }
        rows.push(Ok(Row {
            number: u64::from(row) + 1,
            cells: texts,
        }));
    }
    // A workbook is read whole before the first row is handed out.
    let done = Arc::new(AtomicU64::new(total));
    table(format, Box::new(rows.into_iter()), done, total)
}

fn absolute<T>(range: &Range<T>, row: usize, column: usize) -> (u32, u32)
where
    T: calamine::CellType,
{
    let (top, left) = range.start().unwrap_or((0, 0));
    (top + row as u32, left + column as u32)
}

/// A cell as the text a person would type into the form.
fn cell_text(cell: &Data) -> std::result::Result<String, &'static str> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(at) if at.time() == chrono::NaiveTime::MIN => at.format("%Y-%m-%d").to_string(),
            Some(at) => at.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Error(_) => return Err("cell_error"),
    })
}
