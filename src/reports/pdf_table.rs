//! A list as a printable PDF: A4 landscape, the title, scope and time of making at the top,
//! the column headings repeated on every page, "page N of M" at the foot, every Cyrillic and
//! Kazakh letter in the embedded Noto Sans (the page writer of [`crate::pdf`]).
//!
//! Columns share the width between the margins in proportion to their widths. A PDF is for
//! reading and printing, so it is capped at [`MAX_ROWS`] rows (about 1,300 pages); larger
//! lists go to XLSX or CSV, and the refusal says so before a byte is handed out.

use super::labels;
use super::table::{cell_text, local_dmy_hm, Cell, Sink, Table};
use crate::error::{Error, FieldError, Result};
use crate::pdf::Layout;

pub const MAX_ROWS: u64 = 50_000;
/// Longest text a cell prints; the rest is cut with an ellipsis (a long audit value would
/// otherwise fill pages with one cell).
const MAX_CELL_CHARS: usize = 400;
const SIZE: f32 = 8.0;
const GAP: f32 = 6.0;

pub struct PdfSink {
    layout: Layout,
    /// (x offset, width) of each column.
    places: Vec<(f32, f32)>,
    rows: u64,
}

impl PdfSink {
    pub fn start(table: &Table) -> Result<Self> {
        let generated = &labels::generated(table.lang, &local_dmy_hm(table.generated_at));
        let header = format!("{} · {} · {generated}", table.title, table.scope);
        let mut layout = Layout::landscape(&table.title, &header)?;
        layout.paragraph(&table.scope, 10.0);
        layout.paragraph(generated, 10.0);
        layout.space(8.0);
        let total: f64 = table.columns.iter().map(|c| c.width.max(1.0)).sum();
        let usable = layout.content_width() - GAP * table.columns.len().saturating_sub(1) as f32;
        let mut x = 0.0;
        let places: Vec<(f32, f32)> = table
            .columns
            .iter()
            .map(|c| {
                let width = (c.width.max(1.0) / total) as f32 * usable;
                let place = (x, width);
                x += width + GAP;
                place
            })
            .collect();
        let headings: Vec<(&str, f32, f32)> = table
            .columns
            .iter()
            .zip(&places)
            .map(|(c, (x, w))| (c.title.as_str(), *x, *w))
            .collect();
        layout.table_header(&headings, SIZE);
        Ok(Self {
            layout,
            places,
            rows: 0,
        })
    }

    pub fn finish(self) -> Result<Vec<u8>> {
        self.layout.finish()
    }
}

impl Sink for PdfSink {
    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        if self.rows >= MAX_ROWS {
            return Err(Error::invalid(vec![FieldError::new(
                "format",
                "too_many_rows",
            )
            .with("max", MAX_ROWS)]));
        }
        self.rows += 1;
        let texts: Vec<String> = cells
            .iter()
            .map(|cell| {
                let text = cell_text(cell);
                if text.chars().count() > MAX_CELL_CHARS {
                    let cut: String = text.chars().take(MAX_CELL_CHARS).collect();
                    format!("{cut}…")
                } else {
                    text
                }
            })
            .collect();
        let row: Vec<(&str, f32, f32)> = texts
            .iter()
            .zip(&self.places)
            .map(|(t, (x, w))| (t.as_str(), *x, *w))
            .collect();
        self.layout.table_row(&row, SIZE);
        Ok(())
    }
}
