//! Exporting the registry and its audit trail per role: a volunteer export holds only the
//! actor's scope and follows the list's filters, out-of-scope exports are refused and not
//! audited, XLSX and PDF come out too; the audit extract is scoped like the audit page, and a
//! formula typed as a username is inert in it.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::export::{csv_records, pdf_pages_and_text, INJECTION};
use common::{cast, volunteer_form, World};
use jasaq::access::Actor;
use jasaq::audit::AuditFilter;
use jasaq::places::{self, NewDistrict};
use jasaq::reports::{
    export_audit, export_volunteers, AuditExport, ExportFormat, Lang, VolunteerExport,
};
use jasaq::volunteers::{self, VolunteerQuery};
use jasaq::ErrorCode;

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
            // KZ-35's English name as the foundation migration seeds it.
            .all(|r| r[6] == "Karaganda Region"),
        "a regional admin's extract holds their region only: {:?}",
        regional.iter().map(|r| r[6].clone()).collect::<Vec<_>>()
    );
    assert_eq!(
        world.audit_count("audit.export"),
        2,
        "each extract is audited"
    );
}

/// Sign-in names no account has are kept only as digests, so the free text an administrator
/// types that reaches the audit extract is a district's name.
#[test]
fn a_formula_typed_as_a_district_name_is_inert_in_the_audit_extract() {
    let mut world = World::new();
    let national = world.setup();
    places::add_district(
        &mut world.store,
        &national,
        NewDistrict {
            region_id: "KZ-11".into(),
            name_kk: INJECTION.into(),
            name_ru: INJECTION.into(),
            name_en: Some(INJECTION.into()),
        },
    )
    .expect("a district's name is free text");
    let records = export_audit_csv(&mut world, &national).unwrap();
    let typed = records
        .iter()
        .find(|r| r[3] == "district.add")
        .expect("the new district is in the extract");
    assert!(
        typed[7].starts_with("'="),
        "the typed district name is neutralised in CSV: {:?}",
        typed[7]
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
            .any(|r| matches!(&r[7], Data::String(s) if s.starts_with("=hyperlink") || s.starts_with("=HYPERLINK"))),
        "the district name is kept as a string cell"
    );
}
