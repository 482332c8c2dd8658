//! The one shape every exported list takes: a title, the scope it covers, when it was made,
//! typed columns, and rows that stream through a [`Sink`] one at a time. A source walks its
//! SQL and pushes each row; the writer (CSV, XLSX, PDF) turns it into bytes at once, so a
//! million-row list never sits in memory as rows.

use chrono::{DateTime, NaiveDate, Utc};

use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    /// A calendar date, written dd.MM.yyyy (a real date in XLSX).
    Date,
    /// A moment, shown in local time (UTC+5) as dd.MM.yyyy HH:mm.
    DateTime,
    Integer,
    /// KZT held as tiyn.
    Money,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub kind: ColumnKind,
    /// Width in characters (XLSX column width; the PDF shares the page in proportion).
    pub width: f64,
}

impl Column {
    pub fn new(title: &str, kind: ColumnKind, width: f64) -> Self {
        Self {
            title: title.to_owned(),
            kind,
            width,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Date(NaiveDate),
    DateTime(DateTime<Utc>),
    Integer(i64),
    /// Tiyn.
    Money(i64),
}

/// What heads an exported list.
#[derive(Debug, Clone)]
pub struct Table {
    pub title: String,
    /// Who and what the list covers ("Akmola region, status: enrolled").
    pub scope: String,
    pub generated_at: DateTime<Utc>,
    /// The language of the labels the writers add (the PDF's "Generated").
    pub lang: super::Lang,
    pub columns: Vec<Column>,
}

/// Where the rows of a table go, one at a time, in order.
pub trait Sink {
    fn row(&mut self, cells: &[Cell]) -> Result<()>;
}

/// A text cell a spreadsheet would read as a formula (=, +, -, @) or as a control character
/// that some spreadsheets strip before doing so (tab, CR). OWASP's CSV injection advice.
pub fn is_formula_like(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// `2026-11-22` as `22.11.2026`.
pub fn dmy(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// A UTC moment as local time (UTC+5), `22.11.2026 10:35`.
pub fn local_dmy_hm(at: DateTime<Utc>) -> String {
    local(at).format("%d.%m.%Y %H:%M").to_string()
}

pub(crate) fn local(at: DateTime<Utc>) -> chrono::NaiveDateTime {
    at.naive_utc() + chrono::Duration::hours(crate::clock::KZ_OFFSET_HOURS)
}

/// A cell as plain text (CSV and PDF): dates dd.MM.yyyy, money `1 234,50`.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text.clone(),
        Cell::Date(date) => dmy(*date),
        Cell::DateTime(at) => local_dmy_hm(*at),
        Cell::Integer(n) => n.to_string(),
        Cell::Money(tiyn) => crate::assets::money::format_tenge(*tiyn),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_cells() {
        for text in ["=1+1", "+7701", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(is_formula_like(text), "{text:?} would be read as a formula");
        }
        for text in ["Әлихан", "", "1=1", " =x"] {
            assert!(!is_formula_like(text), "{text:?} is plain text");
        }
    }

    #[test]
    fn local_time_is_utc_plus_five() {
        let at = DateTime::parse_from_rfc3339("2026-11-21T20:30:00Z")
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        assert_eq!(
            local_dmy_hm(at),
            "22.11.2026 01:30",
            "20:30 UTC is 01:30 the next day in Kazakhstan"
        );
    }
}
