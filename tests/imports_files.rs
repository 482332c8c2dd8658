//! The files around an import: an XLSX with Excel dates (and a preview that writes nothing), a
//! user's mapping for a column the matcher does not recognise, and the error report, fixed by
//! the user and imported again.

mod common;

use common::imports::{line, male, mixed_file, run, valid_only, write, HEADER};
use common::{cast, World};
use jasaq::volunteers::import::{
    self, ErrorReport, ImportOptions, ReportFormat, ReportRow, RowOutcome,
};

#[test]
fn an_xlsx_with_excel_dates_imports_and_the_preview_writes_nothing() {
    let mut world = World::new();
    let c = cast(&mut world);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    for (col, title) in [
        "IIN",
        "Surname",
        "Given name",
        "Birth date",
        "Citizenship",
        "Address",
        "Phone",
        "Notes",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *title).unwrap();
    }
    sheet.write_string(1, 0, male("1990-05-17", 10)).unwrap();
    sheet.write_string(1, 1, "Сейітов").unwrap();
    sheet.write_string(1, 2, "Ерлан").unwrap();
    sheet
        .write_datetime_with_format(
            1,
            3,
            rust_xlsxwriter::ExcelDateTime::from_ymd(1990, 5, 17).unwrap(),
            &date,
        )
        .unwrap();
    sheet.write_string(1, 4, "KZ").unwrap();
    sheet.write_string(1, 5, "Көкшетау").unwrap();
    sheet.write_number(1, 6, 87012345678.0).unwrap();
    let path = world.dir.path().join("list.xlsx");
    book.save(&path).unwrap();

    let preview = import::preview(
        &world.store,
        &c.akmola_operator,
        &path,
        &ImportOptions::default(),
    )
    .expect("preview");
    let fields: Vec<Option<&str>> = preview.columns.iter().map(|c| c.field.as_deref()).collect();
    assert_eq!(
        fields,
        vec![
            Some("iin"),
            Some("surname"),
            Some("given_name"),
            Some("birth_date"),
            Some("citizenship"),
            Some("registered_address"),
            Some("phone"),
            Some("notes")
        ],
        "English headers map to fields"
    );
    assert_eq!(preview.rows.len(), 1, "one row previewed");
    assert_eq!(
        preview.rows[0].outcome,
        RowOutcome::Create,
        "it would be created: {:?}",
        preview.rows[0].problems
    );
    assert_eq!(world.count("volunteers"), 0, "a preview writes nothing");

    let report = run(
        &mut world,
        &c.akmola_operator,
        &path,
        ImportOptions::default(),
    )
    .expect("imports");
    assert_eq!(report.created, 1, "the row is created");
    let birth: String = world
        .store
        .conn()
        .query_row("SELECT birth_date FROM volunteers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(birth, "1990-05-17", "the Excel date is read as a date");
}

#[test]
fn a_user_mapping_fixes_an_unrecognised_column() {
    let mut world = World::new();
    let c = cast(&mut world);
    let header = HEADER.replace("Фамилия", "Тег");
    let path = write(
        &world,
        "odd.csv",
        &[
            header,
            line(&male("1990-05-17", 10), "Сейітов", "1990-05-17", "KZ"),
        ],
    );
    let preview = import::preview(
        &world.store,
        &c.akmola_operator,
        &path,
        &ImportOptions::default(),
    )
    .expect("preview");
    assert_eq!(
        preview.columns[1].field, None,
        "an unknown header is not mapped"
    );
    assert_eq!(
        preview.rows[0].outcome,
        RowOutcome::Refused,
        "so the surname is missing"
    );
    let mut mapping: Vec<Option<String>> =
        preview.columns.iter().map(|c| c.field.clone()).collect();
    mapping[1] = Some("surname".into());
    let options = ImportOptions {
        mapping: Some(mapping),
        ..ImportOptions::default()
    };
    let report = run(&mut world, &c.akmola_operator, &path, options).expect("imports");
    assert_eq!(report.created, 1, "the user's mapping is used");
    let mut twice: Vec<Option<String>> = preview.columns.iter().map(|c| c.field.clone()).collect();
    twice[1] = Some("iin".into());
    let options = ImportOptions {
        mapping: Some(twice),
        ..ImportOptions::default()
    };
    let err = run(&mut world, &c.akmola_operator, &path, options).expect_err("refused");
    assert_eq!(
        err.fields[0].rule, "mapping_twice",
        "a field mapped twice is refused"
    );
}

#[test]
fn the_error_report_can_be_fixed_and_imported_again() {
    let mut world = World::new();
    let c = cast(&mut world);
    let path = mixed_file(&world);
    let report = run(&mut world, &c.akmola_operator, &path, valid_only()).expect("imports");
    let rows: Vec<ReportRow> = report
        .refused_rows
        .iter()
        .map(|r| ReportRow {
            row: r.row,
            cells: r.cells.clone(),
            errors: "bad".into(),
        })
        .collect();
    let errors = ErrorReport {
        header: report.header.clone(),
        errors_title: "Ошибки".into(),
        rows,
    };
    for (format, name) in [
        (ReportFormat::Csv, "errors.csv"),
        (ReportFormat::Xlsx, "errors.xlsx"),
    ] {
        let out = world.dir.path().join(name);
        import::write_report(&out, format, &errors).expect("report written");
        let mut table = jasaq::sheets::open(&out).expect("the report opens as a sheet");
        assert_eq!(
            table.header.cells.last().map(String::as_str),
            Some("Ошибки"),
            "{name}: explanation column"
        );
        let read: Vec<_> = table.by_ref().collect::<jasaq::Result<_>>().unwrap();
        assert_eq!(read.len(), 2, "{name}: the two refused rows");
        assert_eq!(
            read[1].cells[..8],
            report.refused_rows[1].cells[..8],
            "{name}: cells as in the file"
        );
    }
    // The user fixes the stateless row's citizenship and the bad IIN, and imports the report.
    let text = std::fs::read_to_string(world.dir.path().join("errors.csv")).unwrap();
    let good = male("1991-03-04", 20);
    let bad_iin = &report.refused_rows[1].cells[0];
    let fixed = text
        .replace("без гражданства", "KZ")
        .replace(bad_iin.as_str(), &good);
    let fixed_path = world.dir.path().join("fixed.csv");
    std::fs::write(&fixed_path, fixed).unwrap();
    let again = run(
        &mut world,
        &c.akmola_operator,
        &fixed_path,
        ImportOptions::default(),
    )
    .expect("re-import");
    assert_eq!(
        (again.created, again.refused),
        (2, 0),
        "the fixed report imports: {:?}",
        again.problems
    );
}
