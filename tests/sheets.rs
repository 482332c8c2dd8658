//! The spreadsheet reader on files the tests write: encodings, delimiters, quoted line breaks,
//! blank lines, workbooks with dates, and every kind of bad file, each refused with its rule.

use std::io::Write;
use std::path::{Path, PathBuf};

use jasaq::sheets::{self, Field, Format, HeaderMatcher, Row};
use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
use tempfile::TempDir;

fn write(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("test file is written");
    path
}

fn rows(path: &Path) -> (sheets::Table, Vec<Row>) {
    let mut table = sheets::open(path).expect("the sheet opens");
    let rows = table
        .by_ref()
        .collect::<jasaq::Result<Vec<_>>>()
        .expect("every row reads");
    (table, rows)
}

/// The error a file that must be refused is refused with.
fn refused(path: &Path, why: &str) -> jasaq::Error {
    match sheets::open(path) {
        Ok(_) => panic!("{why}: the file was accepted"),
        Err(e) => e,
    }
}

fn refusal(err: jasaq::Error) -> (String, std::collections::BTreeMap<String, String>) {
    assert_eq!(
        err.code,
        jasaq::ErrorCode::Validation,
        "a bad file is a validation error: {err:?}"
    );
    let field = err
        .fields
        .into_iter()
        .next()
        .expect("the refusal names a rule");
    assert_eq!(field.field, "file", "the refusal is about the file");
    (field.rule, field.params)
}

#[test]
fn semicolon_utf8_with_quoted_line_breaks_and_blank_lines() {
    let dir = TempDir::new().unwrap();
    let text = "ИИН;Фамилия;Адрес\r\n\r\n061211600012;Әлиханов;\"Астана,\r\nкв. 5\"\r\n;;\r\n950101300012;Петров;ул. Ленина 1\r\n";
    let path = write(&dir, "list.csv", text.as_bytes());
    let (table, rows) = rows(&path);
    assert_eq!(
        table.format,
        Format::Csv {
            encoding: "utf-8".into(),
            bom: false,
            delimiter: ";".into()
        },
        "semicolons and UTF-8 without BOM are detected"
    );
    assert_eq!(
        table.header.cells,
        vec!["ИИН", "Фамилия", "Адрес"],
        "header cells"
    );
    assert_eq!(table.header.number, 1, "the header is line 1");
    assert_eq!(
        rows.len(),
        2,
        "blank lines and rows of empty cells are skipped: {rows:?}"
    );
    assert_eq!(
        rows[0].cells[2], "Астана,\nкв. 5",
        "a quoted field keeps its line break (as one \\n) and comma"
    );
    assert_eq!(rows[0].number, 3, "the first data row starts on line 3");
    assert_eq!(
        rows[1].number, 6,
        "line numbers count the embedded line break and blank lines"
    );
}

#[test]
fn utf8_with_bom_and_commas() {
    let dir = TempDir::new().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("IIN,Surname\n061211600012,Қасымов\n".as_bytes());
    let path = write(&dir, "bom.csv", &bytes);
    let (table, rows) = rows(&path);
    assert_eq!(
        table.format,
        Format::Csv {
            encoding: "utf-8".into(),
            bom: true,
            delimiter: ",".into()
        },
        "the BOM is seen"
    );
    assert_eq!(
        table.header.cells[0], "IIN",
        "the BOM is not part of the first header cell"
    );
    assert_eq!(rows[0].cells[1], "Қасымов", "Kazakh letters survive");
}

#[test]
fn windows_1251_is_detected_and_decoded() {
    let dir = TempDir::new().unwrap();
    let text = "ИИН\tФамилия\tИмя\n061211600012\tПётр Ёлкин\tЮрий\n";
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!lossy, "the test text fits Windows-1251");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the test file is not UTF-8"
    );
    let path = write(&dir, "cp1251.csv", &bytes);
    let (table, rows) = rows(&path);
    assert_eq!(
        table.format,
        Format::Csv {
            encoding: "windows-1251".into(),
            bom: false,
            delimiter: "\t".into()
        },
        "Windows-1251 and tabs are detected"
    );
    assert_eq!(
        table.header.cells,
        vec!["ИИН", "Фамилия", "Имя"],
        "header decoded"
    );
    assert_eq!(rows[0].cells[1], "Пётр Ёлкин", "ё and Ё decoded");
}

#[test]
fn refuses_a_binary_file_renamed_csv() {
    let dir = TempDir::new().unwrap();
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    let path = write(&dir, "photo.csv", &bytes);
    let err = refused(&path, "a PNG is refused");
    assert_eq!(refusal(err).0, "file_binary", "named as not a spreadsheet");
}

#[test]
fn refuses_empty_files() {
    let dir = TempDir::new().unwrap();
    for (name, bytes) in [
        ("empty.csv", &b""[..]),
        ("blank.csv", &b"\xEF\xBB\xBF\r\n\r\n;;\r\n"[..]),
    ] {
        let path = write(&dir, name, bytes);
        let err = refused(&path, "an empty file is refused");
        assert_eq!(refusal(err).0, "file_empty", "{name}: named as empty");
    }
}

#[test]
fn a_header_no_column_of_which_is_known_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "other.csv", "Товар;Цена\nхлеб;100\n".as_bytes());
    let table = sheets::open(&path).expect("the sheet itself reads");
    const FIELDS: &[Field] = &[Field {
        key: "iin",
        aliases: &["ИИН"],
    }];
    let err = HeaderMatcher::new(FIELDS)
        .require(&table.header)
        .expect_err("a header of unknown columns is refused");
    let (rule, params) = refusal(err);
    assert_eq!(rule, "no_header", "no known column");
    assert_eq!(params["row"], "1", "the row read as the header is named");
}

#[test]
fn a_50_mb_line_is_refused_by_its_row_number_without_reading_it_whole() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("long.csv");
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(b"IIN;Surname\n061211600012;").unwrap();
    let chunk = vec![b'x'; 1 << 20];
    for _ in 0..50 {
        file.write_all(&chunk).unwrap();
    }
    file.write_all(b"\n").unwrap();
    drop(file);
    let mut table = sheets::open(&path).expect("the header reads");
    let results: Vec<_> = table.by_ref().collect();
    assert!(
        table.position().done < 4 << 20,
        "the reader stopped within a few MiB of the 50 MiB line: {:?}",
        table.position()
    );
    let err = results
        .into_iter()
        .find_map(Result::err)
        .expect("the over-long row is refused");
    let (rule, params) = refusal(err);
    assert_eq!(rule, "row_too_long", "named as too long");
    assert_eq!(params["row"], "2", "the row is named by its line");
}

#[test]
fn an_over_long_first_line_is_refused_too() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "one-line.csv", &vec![b'a'; 3 << 20]);
    let err = refused(&path, "refused");
    let (rule, params) = refusal(err);
    assert_eq!(
        (rule.as_str(), params["row"].as_str()),
        ("row_too_long", "1"),
        "line 1"
    );
}

fn workbook(
    dir: &TempDir,
    name: &str,
    fill: impl FnOnce(&mut rust_xlsxwriter::Worksheet),
) -> PathBuf {
    let mut book = Workbook::new();
    fill(book.add_worksheet());
    let path = dir.path().join(name);
    book.save(&path).expect("the workbook is written");
    path
}

#[test]
fn xlsx_dates_become_dates_and_numbers_lose_the_decimal_point() {
    let dir = TempDir::new().unwrap();
    let date = CellFormat::new().set_num_format("dd.mm.yyyy");
    let path = workbook(&dir, "list.xlsx", |ws| {
        ws.write_string(0, 0, "ИИН").unwrap();
        ws.write_string(0, 1, "Дата рождения").unwrap();
        ws.write_string(0, 2, "Телефон").unwrap();
        ws.write_string(2, 0, "061211600012").unwrap();
        ws.write_datetime_with_format(2, 1, ExcelDateTime::from_ymd(2006, 12, 11).unwrap(), &date)
            .unwrap();
        ws.write_number(2, 2, 77011234567.0).unwrap();
    });
    let (table, rows) = rows(&path);
    assert_eq!(table.format, Format::Xlsx, "an XLSX");
    assert_eq!(rows.len(), 1, "the blank row 2 is skipped");
    assert_eq!(rows[0].number, 3, "numbered as Excel shows it");
    assert_eq!(
        rows[0].cells,
        vec!["061211600012", "2006-12-11", "77011234567"],
        "cells as text"
    );
}

#[test]
fn an_xlsx_renamed_csv_is_still_read_as_a_workbook() {
    let dir = TempDir::new().unwrap();
    let path = workbook(&dir, "list.csv", |ws| {
        ws.write_string(0, 0, "IIN").unwrap();
        ws.write_string(1, 0, "061211600012").unwrap();
    });
    let (table, rows) = rows(&path);
    assert_eq!(table.format, Format::Xlsx, "judged by content");
    assert_eq!(rows[0].cells, vec!["061211600012"], "its row");
}

#[test]
fn formulas_and_merged_cells_are_refused_naming_the_cell() {
    let dir = TempDir::new().unwrap();
    let path = workbook(&dir, "formula.xlsx", |ws| {
        ws.write_string(0, 0, "IIN").unwrap();
        ws.write_string(0, 1, "Surname").unwrap();
        ws.write_string(1, 0, "061211600012").unwrap();
        ws.write_formula(3, 1, "=UPPER(A2)").unwrap();
    });
    let (rule, params) = refusal(refused(&path, "a formula is refused"));
    assert_eq!(
        (rule.as_str(), params["cell"].as_str()),
        ("formula_cell", "B4"),
        "the cell is named"
    );

    let path = workbook(&dir, "merged.xlsx", |ws| {
        ws.merge_range(0, 0, 0, 3, "Список добровольцев", &CellFormat::new())
            .unwrap();
        ws.write_string(1, 0, "IIN").unwrap();
        ws.write_formula(2, 1, "=1+1").unwrap();
    });
    let (rule, params) = refusal(refused(&path, "merged cells are refused"));
    assert_eq!(
        (rule.as_str(), params["cells"].as_str()),
        ("merged_cells", "A1:D1"),
        "range named"
    );
}
