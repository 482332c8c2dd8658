//! The export writers: CSV with a BOM and formulas neutralised, XLSX with inert formulas, real
//! dates and every row in order across the writer thread's batches, a failing source that
//! stops the writer, and PDF pages that repeat the header and are numbered. What goes out per
//! role: export_registry.rs (volunteers, the audit log) and export_units.rs (a unit's members,
//! readiness).

mod common;

use std::io::Read;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use common::export::{csv_records, pdf_pages_and_text, INJECTION};
use common::World;
use jasaq::reports::{self, Cell, Column, ColumnKind, ExportFormat, Lang, Table};

fn sample_table(world: &World) -> Table {
    Table {
        title: "Тізім".into(),
        scope: "Ақмола облысы".into(),
        generated_at: world.store.now(),
        lang: Lang::Kk,
        columns: vec![
            Column::new("Аты", ColumnKind::Text, 30.0),
            Column::new("Күні", ColumnKind::Date, 12.0),
            Column::new("Саны", ColumnKind::Integer, 8.0),
            Column::new("Сомасы", ColumnKind::Money, 14.0),
        ],
    }
}

fn sample_rows(n: usize) -> Vec<Vec<Cell>> {
    let mut rows = vec![
        vec![
            Cell::Text(INJECTION.into()),
            Cell::Date(NaiveDate::from_ymd_opt(1990, 3, 8).unwrap()),
            Cell::Integer(-5),
            Cell::Money(123_456),
        ],
        vec![
            Cell::Text("+77012345678".into()),
            Cell::Empty,
            Cell::Integer(1),
            Cell::Money(-50),
        ],
        vec![
            Cell::Text("Әлихан Өмірбекұлы ғқңөұүһі".into()),
            Cell::Date(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()),
            Cell::Integer(2),
            Cell::Money(0),
        ],
    ];
    for i in 3..n {
        rows.push(vec![
            Cell::Text(format!("Жол {i}")),
            Cell::Empty,
            Cell::Integer(i as i64),
            Cell::Empty,
        ]);
    }
    rows
}

fn write(world: &World, format: ExportFormat, rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut out = Vec::new();
    let table = sample_table(world);
    let written = reports::write_table(&table, format, &mut out, |sink| {
        for row in rows {
            sink.row(row)?;
        }
        Ok(rows.len() as u64)
    })
    .unwrap();
    assert_eq!(written, rows.len() as u64, "every row is counted");
    out
}

#[test]
fn csv_has_a_bom_and_neutralises_formulas() {
    let world = World::new();
    let bytes = write(&world, ExportFormat::Csv, &sample_rows(3));
    let records = csv_records(&bytes);
    assert_eq!(records[0], ["Аты", "Күні", "Саны", "Сомасы"], "header row");
    assert_eq!(
        records[1][0],
        format!("'{INJECTION}"),
        "a formula-like cell is shown as text, not evaluated"
    );
    assert_eq!(
        records[2][0], "'+77012345678",
        "a leading + is neutralised too"
    );
    assert_eq!(records[1][1], "08.03.1990", "dates are dd.MM.yyyy");
    assert_eq!(
        records[1][2], "-5",
        "numbers are not text cells: no apostrophe"
    );
    assert_eq!(records[1][3], "1234.56", "money is tenge with two decimals");
    assert_eq!(records[2][3], "-0.50", "a negative amount below a tenge");
    assert_eq!(
        records[3][0], "Әлихан Өмірбекұлы ғқңөұүһі",
        "Kazakh letters survive as UTF-8"
    );
}

fn sheet_xml(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .expect("an XLSX holds xl/worksheets/sheet1.xml")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

#[test]
fn xlsx_keeps_formulas_inert_and_dates_as_dates() {
    let world = World::new();
    let bytes = write(&world, ExportFormat::Xlsx, &sample_rows(3));
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let name = book.sheet_names()[0].clone();
    assert_eq!(name, "Тізім", "the sheet is named after the list");
    let range = book.worksheet_range(&name).unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("Аты".into())),
        "header row first"
    );
    assert_eq!(
        range.get_value((1, 0)),
        Some(&Data::String(INJECTION.into())),
        "the injected text is kept verbatim as a string cell"
    );
    let formulas = book.worksheet_formula(&name).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell of an export is a formula"
    );
    match range.get_value((1, 1)) {
        Some(Data::DateTime(d)) => assert_eq!(
            d.as_f64(),
            (NaiveDate::from_ymd_opt(1990, 3, 8).unwrap()
                - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap())
            .num_days() as f64,
            "the date is a real Excel date of the same day"
        ),
        other => panic!("a date column holds Excel dates, got {other:?}"),
    }
    assert_eq!(
        range.get_value((1, 3)),
        Some(&Data::Float(1234.56)),
        "money is a number of tenge"
    );
    let xml = sheet_xml(&bytes);
    assert!(
        xml.contains("<pane ySplit=\"1\"") && xml.contains("state=\"frozen\""),
        "the header row is frozen"
    );
    assert!(
        xml.contains("<autoFilter ref=\"A1:D4\""),
        "an autofilter covers the header and every row"
    );
    assert!(xml.contains("<col "), "column widths are set");
}

#[test]
fn xlsx_keeps_every_row_in_order_across_the_writer_threads_batches() {
    // The XLSX writer takes rows in batches of 1,024 on a thread of its own: 2,600 rows end
    // in a partial batch, and every row must come out once, in order, on its own line.
    let world = World::new();
    let rows = sample_rows(2_600);
    let bytes = write(&world, ExportFormat::Xlsx, &rows);
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Тізім").unwrap();
    assert_eq!(range.height(), 2_601, "the header and every row, no more");
    for i in 3..2_600usize {
        assert_eq!(
            range.get_value((i as u32 + 1, 0)),
            Some(&Data::String(format!("Жол {i}"))),
            "row {i} is on sheet row {}",
            i + 1
        );
        assert_eq!(
            range.get_value((i as u32 + 1, 2)),
            Some(&Data::Float(i as f64)),
            "row {i} keeps its own number"
        );
    }
}

/// What a source that fails after 3,000 rows returns: not an error the writer could make.
fn source_failure() -> jasaq::Error {
    jasaq::Error::new(
        jasaq::ErrorCode::Conflict,
        "source_failed",
        "the source failed half-way",
    )
    .with("after_rows", 3_000)
}

/// Feeds 3,000 rows (three of the writer thread's batches, so it is busy writing) and fails.
fn failing_source(sink: &mut dyn reports::Sink) -> jasaq::Result<u64> {
    for row in sample_rows(3_000) {
        sink.row(&row)?;
    }
    Err(source_failure())
}

#[test]
fn a_failing_xlsx_source_stops_the_writer_and_reports_its_error() {
    let world = World::new();
    let table = sample_table(&world);
    let mut out = Vec::new();
    let result = reports::write_table(&table, ExportFormat::Xlsx, &mut out, failing_source);
    assert_eq!(
        result,
        Err(source_failure()),
        "the source's failure is the export's, code, reason, message and params unchanged"
    );
    assert!(out.is_empty(), "nothing is written when the source fails");

    // Saved to a file, the failure leaves nothing under the chosen name, nor a temporary file.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.xlsx");
    let saved = reports::save_to(&path, |out| {
        reports::write_table(&table, ExportFormat::Xlsx, out, failing_source)
    });
    assert_eq!(
        saved,
        Err(source_failure()),
        "saving to a file reports the source's failure, not a file error"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        left.is_empty(),
        "a failed export leaves no file behind, half-written or temporary: {left:?}"
    );
}

#[test]
fn pdf_repeats_the_header_and_numbers_its_pages() {
    let world = World::new();
    let bytes = write(&world, ExportFormat::Pdf, &sample_rows(300));
    assert!(bytes.starts_with(b"%PDF-"), "a PDF file");
    let (pages, text) = pdf_pages_and_text(&bytes);
    assert!(
        pages >= 5,
        "300 rows fill several landscape pages, got {pages}"
    );
    for page in 1..=pages {
        assert!(
            text.contains(&format!("Бет / Страница {page} / {pages}")),
            "page {page} says 'page {page} of {pages}'"
        );
    }
    let headings = text.matches("Сомасы").count();
    assert_eq!(headings, pages, "the column headings repeat on every page");
    assert!(
        text.contains("Әлихан Өмірбекұлы ғқңөұүһі"),
        "Kazakh letters are real text"
    );
    assert!(text.contains("Ақмола облысы"), "the scope is printed");
    assert!(text.contains("Жол 299"), "the last row is printed");
    assert!(text.contains("08.03.1990"), "dates are dd.MM.yyyy");
}
