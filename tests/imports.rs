//! Importing volunteers from spreadsheet files the tests write: the form's rules on every row,
//! errors by row and column, modes, update by IIN (idempotent), duplicates in the file and in
//! the database, scope, audit and traceability, the error report and its re-import
//! (cancelling: imports_cancel.rs; the bulk path: imports_bulk.rs).

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use common::imports::{line, male, valid_only, write, wrong_check_digit, HEADER};
use common::{cast, volunteer_form, World};
use jasaq::volunteers::import::{
    self, ErrorReport, ImportOptions, ImportReport, ReportFormat, ReportRow, RowOutcome,
};
use jasaq::volunteers::{self, VolunteerQuery};
use jasaq::ErrorCode;

fn run(
    world: &mut World,
    actor: &jasaq::access::Actor,
    path: &Path,
    options: ImportOptions,
) -> jasaq::Result<ImportReport> {
    import::import(
        &mut world.store,
        actor,
        path,
        &options,
        &AtomicBool::new(false),
        &mut |_| {},
    )
}

fn rules_of(report: &ImportReport, row: u64) -> Vec<String> {
    report
        .problems
        .iter()
        .filter(|p| p.row == row)
        .map(|p| p.rule.clone())
        .collect()
}

/// Five rows: three good ones, a stateless person and an IIN with a wrong check digit.
fn mixed_file(world: &World) -> PathBuf {
    let bad_iin = wrong_check_digit(&male("1991-03-04", 20));
    write(
        world,
        "mixed.csv",
        &[
            HEADER.to_owned(),
            line(
                &male("1990-05-17", 10),
                "Сейітов",
                "1990-05-17",
                "Қазақстан",
            ),
            line(&male("1985-01-02", 10), "Петров", "1985-01-02", "KZ"),
            line(
                &male("1988-07-08", 10),
                "Stateless",
                "1988-07-08",
                "без гражданства",
            ),
            String::new(),
            line(&bad_iin, "Қасымов", "1991-03-04", "KZ"),
            line(&male("1993-09-10", 10), "Әлиханов", "1993-09-10", "KZ"),
        ],
    )
}

#[test]
fn all_or_nothing_writes_nothing_and_lists_every_bad_row_by_row_and_column() {
    let mut world = World::new();
    let c = cast(&mut world);
    let path = mixed_file(&world);
    let report = run(
        &mut world,
        &c.akmola_operator,
        &path,
        ImportOptions::default(),
    )
    .expect("a file with bad rows is reported, not an error");
    assert!(
        !report.committed,
        "all-or-nothing with bad rows commits nothing"
    );
    assert_eq!(
        world.count("volunteers"),
        0,
        "no row of the file is written"
    );
    assert_eq!(world.count("imports"), 0, "no import is recorded");
    assert_eq!(
        (report.rows_read, report.refused),
        (5, 2),
        "five rows read, two refused"
    );
    assert_eq!(
        rules_of(&report, 4),
        vec!["citizenship_stateless"],
        "the stateless person's row (line 4) is refused with the eligibility rule"
    );
    let bad = report
        .problems
        .iter()
        .find(|p| p.row == 6)
        .expect("line 6 is refused");
    assert_eq!(
        (
            bad.rule.as_str(),
            bad.column.as_deref(),
            bad.header.as_deref()
        ),
        ("iin_check_digit", Some("A"), Some("ИИН")),
        "the bad IIN is named with its column letter and header"
    );
    assert_eq!(
        report.refused_rows.len(),
        2,
        "the refused rows are kept for the report"
    );
}

#[test]
fn valid_only_imports_the_good_rows_audited_once_and_traceable() {
    let mut world = World::new();
    let c = cast(&mut world);
    let path = mixed_file(&world);
    let audit_before = world.count("audit_log");
    let report = run(&mut world, &c.akmola_operator, &path, valid_only()).expect("imports");
    assert!(report.committed, "valid rows only: committed");
    assert_eq!(
        (report.created, report.refused),
        (3, 2),
        "three created, two refused"
    );
    assert_eq!(
        world.count("volunteers"),
        3,
        "exactly the valid rows are in the registry"
    );
    assert_eq!(
        world.count("audit_log") - audit_before,
        1,
        "the import is audited as one entry"
    );
    let (after, entity): (String, String) = world
        .store
        .conn()
        .query_row(
            "SELECT after, entity_id FROM audit_log WHERE action = 'volunteer.import'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the import's audit entry");
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(after["file_name"], "mixed.csv", "the entry names the file");
    assert_eq!(after["sha256"], report.sha256, "and its hash");
    assert_eq!(after["created"], 3, "and the counts");
    assert_eq!(
        report.import_id.as_deref(),
        Some(entity.as_str()),
        "the entry is the import's"
    );
    let traced: i64 = world
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM import_rows r JOIN volunteers v ON v.id = r.volunteer_id
             WHERE r.import_id = ? AND r.action = 'created'",
            [&entity],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(traced, 3, "every created record is traceable to the import");
    let expected = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(
        std::fs::read(&path).unwrap(),
    ));
    assert_eq!(report.sha256, expected, "the hash is the file's SHA-256");
    let page = volunteers::search(&world.store, &c.akmola_operator, &VolunteerQuery::default())
        .expect("list");
    assert_eq!(
        page.total, 3,
        "the imported volunteers are in the operator's list"
    );
    let found = volunteers::search(
        &world.store,
        &c.akmola_operator,
        &VolunteerQuery {
            q: Some("әлихан".into()),
            ..VolunteerQuery::default()
        },
    )
    .expect("search");
    assert_eq!(
        found.total, 1,
        "an imported name is found by the search indexes"
    );
}

#[test]
fn duplicate_iins_in_the_file_and_in_the_database_are_refused() {
    let mut world = World::new();
    let c = cast(&mut world);
    let form = volunteer_form(&c.akmola_district, "Бар", "Ерлан", "1990-05-17", 10);
    let registered = form.iin.clone();
    volunteers::register(&mut world.store, &c.akmola_operator, form).expect("registered");
    let twice = male("1985-01-02", 10);
    let path = write(
        &world,
        "dups.csv",
        &[
            HEADER.to_owned(),
            line(&registered, "Бар", "1990-05-17", "KZ"),
            line(&twice, "Бірінші", "1985-01-02", "KZ"),
            line(&twice, "Екінші", "1985-01-02", "KZ"),
        ],
    );
    let report = run(&mut world, &c.akmola_operator, &path, valid_only()).expect("imports");
    assert_eq!(
        rules_of(&report, 2),
        vec!["iin_registered"],
        "already in the registry"
    );
    assert_eq!(
        rules_of(&report, 4),
        vec!["iin_duplicate_in_file"],
        "repeated in the file"
    );
    let dup = report.problems.iter().find(|p| p.row == 4).unwrap();
    assert_eq!(
        dup.params["first_row"], "3",
        "the first row with the IIN is named"
    );
    assert_eq!(
        report.created, 1,
        "only the first of the repeated IIN is created"
    );
}

#[test]
fn likely_duplicates_of_imported_rows_are_flagged_against_the_registry_and_the_file() {
    let mut world = World::new();
    let c = cast(&mut world);
    let form = volunteer_form(&c.akmola_district, "Бар", "Ерлан", "1990-05-17", 10);
    let registered = form.iin.clone();
    volunteers::register(&mut world.store, &c.akmola_operator, form).expect("registered");
    let (again, first, second) = (
        male("1990-05-17", 11),
        male("1985-01-02", 11),
        male("1985-01-02", 12),
    );
    let path = write(
        &world,
        "likely.csv",
        &[
            HEADER.to_owned(),
            line(&again, "Бар", "1990-05-17", "KZ"),
            line(&first, "Екеу", "1985-01-02", "KZ"),
            line(&male("1979-11-30", 10), "Жалғыз", "1979-11-30", "KZ"),
            line(&second, "ЕКЕУ", "1985-01-02", "KZ"),
        ],
    );
    let report = run(&mut world, &c.akmola_operator, &path, valid_only()).expect("imports");
    assert_eq!(report.created, 4, "every row is created: {report:?}");
    let mut pairs: Vec<(String, String)> =
        volunteers::list_duplicates(&world.store, &c.akmola_operator)
            .unwrap()
            .into_iter()
            .map(|f| {
                let (a, b) = (f.first.iin, f.second.iin);
                if a < b {
                    (a, b)
                } else {
                    (b, a)
                }
            })
            .collect();
    pairs.sort();
    let pair = |a: &str, b: &str| {
        if a < b {
            (a.to_owned(), b.to_owned())
        } else {
            (b.to_owned(), a.to_owned())
        }
    };
    let mut expected = vec![pair(&registered, &again), pair(&first, &second)];
    expected.sort();
    assert_eq!(
        pairs, expected,
        "a row like a registered record, and two alike rows of the file, are flagged once each"
    );
}

#[test]
fn update_mode_changes_what_differs_and_reimporting_the_same_file_changes_nothing() {
    let mut world = World::new();
    let c = cast(&mut world);
    let lines = vec![
        HEADER.to_owned(),
        line(&male("1990-05-17", 10), "Сейітов", "1990-05-17", "KZ"),
        line(&male("1985-01-02", 10), "Петров", "1985-01-02", "KZ"),
    ];
    let path = write(&world, "list.csv", &lines);
    let update = ImportOptions {
        update_existing: true,
        ..ImportOptions::default()
    };
    let first = run(&mut world, &c.akmola_operator, &path, update.clone()).expect("first");
    assert_eq!(
        (first.created, first.updated),
        (2, 0),
        "first import creates"
    );
    let decisions = world.count("eligibility_decisions");
    let again = run(&mut world, &c.akmola_operator, &path, update.clone()).expect("again");
    assert_eq!(
        (again.created, again.updated, again.unchanged),
        (0, 0, 2),
        "re-importing the same file in update mode changes nothing and reports 0 changed"
    );
    assert_eq!(
        world.count("eligibility_decisions"),
        decisions,
        "no new decision either"
    );
    let mut changed = lines.clone();
    changed[2] = changed[2].replace("8 701 234 56 78", "+7 702 000 11 22");
    let path = write(&world, "changed.csv", &changed);
    let third = run(&mut world, &c.akmola_operator, &path, update).expect("third");
    assert_eq!(
        (third.updated, third.unchanged),
        (1, 1),
        "only the changed row is updated"
    );
    let phone: String = world
        .store
        .conn()
        .query_row(
            "SELECT phone FROM volunteers WHERE surname = 'Петров'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(phone, "+77020001122", "the new phone is stored");
    let create_only = run(&mut world, &c.akmola_operator, &path, valid_only()).expect("create");
    assert_eq!(
        rules_of(&create_only, 2),
        vec!["iin_registered"],
        "create-only mode refuses a registered IIN"
    );
}

#[test]
fn rows_outside_the_actors_scope_are_refused_and_a_viewer_may_not_import() {
    let mut world = World::new();
    let c = cast(&mut world);
    let header = format!("{HEADER};Район");
    let path = write(
        &world,
        "scope.csv",
        &[
            header,
            format!(
                "{};Бурабай район",
                line(&male("1990-05-17", 10), "Бір", "1990-05-17", "KZ")
            ),
            format!(
                "{};Зеренді ауданы",
                line(&male("1985-01-02", 10), "Екі", "1985-01-02", "KZ")
            ),
        ],
    );
    let report = run(&mut world, &c.akmola_operator, &path, valid_only()).expect("imports");
    assert_eq!(report.created, 1, "the operator's own district is imported");
    let out = report
        .problems
        .iter()
        .find(|p| p.row == 3)
        .expect("row 3 refused");
    assert_eq!(
        (out.rule.as_str(), out.header.as_deref()),
        ("out_of_scope", Some("Район")),
        "another district is out of the operator's scope"
    );
    let report = run(&mut world, &c.karaganda_admin, &path, valid_only()).expect("runs");
    assert_eq!(
        report.created, 0,
        "an Akmola file is out of Karaganda's scope"
    );
    assert_eq!(
        report.refused, 2,
        "both rows refused for the Karaganda admin"
    );
    let report = run(&mut world, &c.akmola_admin, &path, ImportOptions::default());
    let report = report.expect("the regional admin imports");
    assert_eq!(
        rules_of(&report, 2),
        vec!["iin_registered"],
        "the regional admin sees the first row registered (in their scope)"
    );
    let err = run(&mut world, &c.akmola_viewer, &path, valid_only()).expect_err("viewer refused");
    assert_eq!(err.code, ErrorCode::Forbidden, "a viewer may not import");
}

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
