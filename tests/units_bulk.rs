//! Bulk transfer on parsed rows: every row checked as a single transfer would be, a per-row
//! report before anything is applied, and all or nothing.

mod common;

use common::units::{assign, enrolled, registered, unit, unit_input};
use common::{cast, World, AKMOLA, KARAGANDA};
use jasaq::units::{self, BulkRow};

fn row(n: u32, iin: &str, unit: &str, position: Option<&str>) -> BulkRow {
    BulkRow {
        row: n,
        iin: iin.into(),
        unit: unit.into(),
        position: position.map(Into::into),
    }
}

#[test]
fn a_bulk_transfer_reports_every_bad_row_and_applies_nothing_until_all_are_good() {
    let mut world = World::new();
    let c = cast(&mut world);
    let n = c.national.clone();
    let d = c.akmola_district.clone();
    let from = unit(
        &mut world,
        &n,
        unit_input("1-я рота", "company", AKMOLA, Some(&d), None),
    );
    let to = unit(
        &mut world,
        &n,
        unit_input("2-я рота", "company", AKMOLA, Some(&d), None),
    );
    let twin_a = unit(
        &mut world,
        &n,
        unit_input("Взвод", "platoon", AKMOLA, None, None),
    );
    let twin_b = unit(
        &mut world,
        &n,
        unit_input("Взвод", "platoon", AKMOLA, None, None),
    );
    let karaganda = unit(
        &mut world,
        &n,
        unit_input("Қарағанды", "company", KARAGANDA, None, None),
    );
    let members: Vec<jasaq::volunteers::Volunteer> = (0..3)
        .map(|i| {
            enrolled(
                &mut world,
                &n,
                &d,
                "Нұрланов",
                "1990-02-02",
                10 + 10 * i,
                vec![],
            )
        })
        .collect();
    for m in &members {
        assign(&mut world, &n, &m.id, &from, "rifleman");
    }
    let applicant = registered(&mut world, &n, &d, "Омаров", "1992-02-02", 10, vec![]);
    let applicant_iin: String = world
        .store
        .conn()
        .query_row(
            "SELECT iin FROM volunteers WHERE id = ?",
            [&applicant],
            |r| r.get(0),
        )
        .unwrap();
    let _ = (&twin_a, &twin_b);
    let rows = vec![
        row(2, &members[0].iin, "2-я рота", None),
        row(3, &members[1].iin, &to.id, Some("medic")),
        row(4, "000000000000", "2-я рота", None),
        row(5, &members[2].iin, "Взвод", None),
        row(6, &members[0].iin, "2-я рота", None),
        row(7, &applicant_iin, "2-я рота", Some("rifleman")),
        row(8, &members[2].iin, "Қарағанды", None),
        row(9, &members[2].iin, "Нет такой", None),
    ];
    let assignments = world.count("assignments");
    let audits = world.count("audit_log");
    let report = units::apply_bulk_transfer(
        &mut world.store,
        &c.akmola_admin,
        &rows,
        "переформирование",
        "2026-11-15",
    )
    .expect("a report, not an error");
    let got: Vec<(u32, String, String)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.field.clone(), e.rule.clone()))
        .collect();
    let want: Vec<(u32, &str, &str)> = vec![
        (3, "iin", "skill_missing"),
        (4, "iin", "unknown_iin"),
        (5, "unit", "ambiguous_unit"),
        (6, "iin", "duplicate_iin"),
        (7, "iin", "not_enrolled"),
        (8, "iin", "duplicate_iin"),
        (9, "iin", "duplicate_iin"),
    ];
    assert_eq!(
        got,
        want.iter()
            .map(|(r, f, x)| (*r, f.to_string(), x.to_string()))
            .collect::<Vec<_>>(),
        "every bad row is reported with its line, field and reason"
    );
    assert!(!report.applied, "nothing is applied while a row is bad");
    assert_eq!(
        world.count("assignments"),
        assignments,
        "no assignment was written"
    );
    assert_eq!(world.count("audit_log"), audits, "nothing was audited");

    let scoped = units::preview_bulk_transfer(
        &mut world.store,
        &c.akmola_admin,
        &[row(2, &members[2].iin, "Қарағанды", None)],
        "r",
        "2026-11-15",
    )
    .unwrap();
    assert_eq!(
        scoped.errors[0].rule, "unknown_unit",
        "another region's unit is unknown to a regional admin"
    );
    let _ = karaganda;

    let good = vec![
        row(2, &members[0].iin, "2-я рота", None),
        row(3, &members[1].iin, &to.id, Some("squad_leader")),
        row(4, &members[2].iin, &twin_a.id, None),
    ];
    let preview = units::preview_bulk_transfer(
        &mut world.store,
        &c.akmola_admin,
        &good,
        "переформирование",
        "2026-11-15",
    )
    .unwrap();
    assert_eq!(
        (preview.moves, preview.applied, preview.errors.len()),
        (3, false, 0),
        "the preview writes nothing"
    );
    assert_eq!(
        world.count("assignments"),
        assignments,
        "the preview wrote nothing"
    );
    let done = units::apply_bulk_transfer(
        &mut world.store,
        &c.akmola_admin,
        &good,
        "переформирование",
        "2026-11-15",
    )
    .unwrap();
    assert_eq!(
        (done.moves, done.applied),
        (3, true),
        "all three rows are applied"
    );
    assert_eq!(
        world.count("assignments"),
        assignments + 3,
        "three new posts, old ones ended"
    );
    let members_now = units::list_members(&world.store, &n, &to.id).unwrap();
    assert_eq!(members_now.len(), 2, "two moved to the second company");
    let history = units::volunteer_assignments(&world.store, &n, &members[0].id).unwrap();
    assert_eq!(
        (
            history[1].end_date.as_deref(),
            history[1].end_reason.as_deref()
        ),
        (Some("2026-11-15"), Some("переформирование")),
        "the old post ended with the one reason and date"
    );
    assert_eq!(
        world.audit_count("assignment.bulk_transfer"),
        1,
        "the bulk operation is one audit entry"
    );
    assert_eq!(
        world.count("unit_bulk_moves"),
        3,
        "each move is traceable to the operation"
    );
    for moved in &members[..3] {
        let detail = jasaq::volunteers::get(&world.store, &n, &moved.id).unwrap();
        assert!(
            detail
                .history
                .iter()
                .any(|e| e.action == "assignment.bulk_transfer"),
            "every moved volunteer's history shows the bulk transfer"
        );
    }
    let unmoved = jasaq::volunteers::get(&world.store, &n, &applicant).unwrap();
    assert!(
        !unmoved
            .history
            .iter()
            .any(|e| e.action == "assignment.bulk_transfer"),
        "a volunteer the sheet did not move has no bulk entry in their history"
    );

    let err = units::apply_bulk_transfer(
        &mut world.store,
        &c.akmola_operator,
        &good,
        "r",
        "2026-11-15",
    )
    .unwrap_err();
    assert_eq!(err.reason, "role", "operators do not bulk-transfer");
    let err = units::apply_bulk_transfer(&mut world.store, &c.akmola_admin, &[], "", "2030-01-01")
        .unwrap_err();
    let rules: Vec<&str> = err.fields.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        rules,
        vec!["date_future", "required", "empty"],
        "date, reason and empty file are named"
    );
}

#[test]
fn a_bulk_sheet_is_read_by_its_headers_in_any_language() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("moves.csv");
    std::fs::write(
        &path,
        "Должность;ИИН;Подразделение\nmedic;900202300012;2-я рота\n;900202300013;Взвод\n",
    )
    .unwrap();
    let rows = units::read_bulk_rows(&path).expect("a CSV with Russian headers is read");
    assert_eq!(
        rows,
        vec![
            row(2, "900202300012", "2-я рота", Some("medic")),
            row(3, "900202300013", "Взвод", None),
        ],
        "columns are found by header; an empty position means the current one"
    );
    std::fs::write(&path, "ЖСН;Лауазым\n900202300012;medic\n").unwrap();
    let err = units::read_bulk_rows(&path).expect_err("a sheet without a unit column is refused");
    assert_eq!(
        (
            err.fields[0].rule.as_str(),
            err.fields[0].params.get("column").map(String::as_str)
        ),
        ("missing_column", Some("unit")),
        "the missing column is named"
    );
    let bytes = std::fs::read(dir.path().join("moves.csv")).unwrap();
    let now = chrono::Utc::now();
    assert!(
        units::read_bulk_bytes(&bytes, now).is_err(),
        "bytes are read like a file (here: still no unit column)"
    );
}
