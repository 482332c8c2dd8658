//! Importing volunteers from spreadsheet files the tests write: the form's rules on every row,
//! errors by row and column, modes, update by IIN (idempotent), duplicates in the file and in
//! the database, scope, audit and traceability (XLSX, the preview, a column mapping and the
//! error report: imports_files.rs; cancelling: imports_cancel.rs; the bulk path:
//! imports_bulk.rs).

mod common;

use common::imports::{line, male, mixed_file, run, valid_only, write, HEADER};
use common::{cast, volunteer_form, World};
use jasaq::volunteers::import::{ImportOptions, ImportReport};
use jasaq::volunteers::{self, VolunteerQuery};
use jasaq::ErrorCode;

fn rules_of(report: &ImportReport, row: u64) -> Vec<String> {
    report
        .problems
        .iter()
        .filter(|p| p.row == row)
        .map(|p| p.rule.clone())
        .collect()
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
