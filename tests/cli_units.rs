//! `jasaq unit ...` and `jasaq readiness` end to end: a brigade and a company, an assignment
//! and a refusal, and the readiness figures, as text and as JSON.

#[path = "common/cli.rs"]
mod cli;
use cli::{company, database, first_district, jasaq, json, ok, text, volunteer};

#[test]
fn units_are_built_assigned_and_measured_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let district = first_district(&db);
    let volunteer = volunteer(&db, &district, "Әбдірахманов", "1990-05-17");

    let brigade = json(&ok(
        jasaq(
            &db,
            &[
                "unit",
                "add",
                "--name",
                "Ақмола бригадасы",
                "--kind",
                "brigade",
                "--agency",
                "defence",
                "--region",
                "KZ-11",
                "--direction",
                "russia",
                "--json",
            ],
        ),
        "brigade",
    ))["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let company = company(&db, &district, "1-я рота", Some(&brigade), "company");

    let assign = |start: &str| {
        jasaq(
            &db,
            &[
                "unit",
                "assign",
                "--volunteer",
                &volunteer,
                "--unit",
                &company,
                "--position",
                "rifleman",
                "--start",
                start,
                "--json",
            ],
        )
    };
    let refused = assign("2026-01-10");
    assert!(
        !refused.status.success(),
        "a volunteer not enrolled is not assigned"
    );
    assert_eq!(
        json(&refused)["reason"],
        "not_enrolled",
        "--json names the reason"
    );
    ok(jasaq(&db, &["volunteer", "enrol", &volunteer]), "enrol");
    ok(assign("2026-01-10"), "assign");

    let list = json(&ok(jasaq(&db, &["unit", "list", "--json"]), "unit list"));
    assert_eq!(list.as_array().unwrap().len(), 2, "both units are listed");
    let shown = text(&ok(jasaq(&db, &["unit", "show", &company]), "unit show"));
    assert!(
        shown.contains("Әбдірахманов"),
        "the member is shown: {shown}"
    );
    let readiness = json(&ok(jasaq(&db, &["readiness", "--json"]), "readiness"));
    assert_eq!(readiness["total"]["assigned"], 1, "one member counted");
    assert_eq!(readiness["total"]["units"], 2, "two units counted");
    let table = text(&ok(
        jasaq(&db, &["readiness", "--region", "KZ-11"]),
        "readiness text",
    ));
    assert!(
        table.contains("1-я рота"),
        "the region's units are listed: {table}"
    );
}
