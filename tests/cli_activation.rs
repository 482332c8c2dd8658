//! `jasaq activation ...` end to end: declare an exercise for a company, activate it, mark
//! one volunteer reported by IIN, see the figures, undo, refuse an unknown IIN, print the
//! call-out sheet, close, and refuse a mark on the closed activation; text and JSON.

#[path = "common/cli.rs"]
mod cli;
use cli::{company, database, first_district, iin, jasaq, json, ok, rifleman, text, volunteer};

/// Local (UTC+5) time `hours` from now, as the CLI takes it.
fn local(hours: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::hours(5 + hours))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[test]
fn an_exercise_is_declared_worked_and_closed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let district = first_district(&db);
    let company = company(&db, &district, "1-я рота", None, "company");
    let volunteer_iin = iin("1990-05-17", 1);
    let volunteer = volunteer(&db, &district, "Әбдірахманов", "1990-05-17");
    rifleman(&db, &volunteer, &company);

    let declared = json(&ok(
        jasaq(
            &db,
            &[
                "activation",
                "declare",
                "--kind",
                "exercise",
                "--legal-basis",
                "Учения",
                "--order",
                "17-ТО",
                "--declared-at",
                &local(-1),
                "--assembly-point",
                "Стадион",
                "--report-by",
                &local(2),
                "--unit",
                &company,
                "--json",
            ],
        ),
        "declare",
    ));
    assert_eq!(
        declared["status"], "draft",
        "a declaration starts as a draft"
    );
    let id = declared["id"].as_str().unwrap().to_owned();
    let activated = json(&ok(
        jasaq(&db, &["activation", "activate", &id, "--json"]),
        "activate",
    ));
    assert_eq!(
        activated["called"], 1,
        "the company's one volunteer is called"
    );

    let marked = json(&ok(
        jasaq(
            &db,
            &[
                "activation",
                "mark",
                &id,
                "--iin",
                &volunteer_iin,
                "--response",
                "reported",
                "--json",
            ],
        ),
        "mark",
    ));
    assert_eq!(marked["response"], "reported", "marked reported by IIN");
    let figures = json(&ok(
        jasaq(&db, &["activation", "figures", &id, "--json"]),
        "figures",
    ));
    assert_eq!(
        figures["total"]["reported"], 1,
        "the figures count the report"
    );
    let table = text(&ok(
        jasaq(&db, &["activation", "figures", &id, "--by", "region"]),
        "figures text",
    ));
    assert!(
        table.contains("KZ-11"),
        "the region row is printed: {table}"
    );

    let undone = json(&ok(
        jasaq(&db, &["activation", "undo", &id, "--json"]),
        "undo",
    ));
    assert_eq!(
        undone["row"]["response"], "pending",
        "undo returns the row to pending"
    );

    let refused = jasaq(
        &db,
        &[
            "activation",
            "mark",
            &id,
            "--iin",
            "061211600012",
            "--response",
            "reported",
            "--json",
        ],
    );
    assert!(!refused.status.success(), "an unknown IIN exits non-zero");
    assert_eq!(
        json(&refused)["fields"][0]["rule"],
        "unknown_iin",
        "--json names the rule"
    );

    let pdf = dir.path().join("sheet.pdf");
    ok(
        jasaq(
            &db,
            &[
                "activation",
                "sheet",
                &id,
                "--district",
                &district,
                "--format",
                "pdf",
                "--out",
                pdf.to_str().unwrap(),
            ],
        ),
        "sheet",
    );
    assert!(
        std::fs::read(&pdf).unwrap().starts_with(b"%PDF"),
        "the call-out sheet is a PDF"
    );

    let closed = json(&ok(
        jasaq(&db, &["activation", "close", &id, "--json"]),
        "close",
    ));
    assert_eq!(closed["status"], "closed", "closed");
    let frozen = jasaq(
        &db,
        &[
            "activation",
            "mark",
            &id,
            "--iin",
            &volunteer_iin,
            "--response",
            "reported",
            "--json",
        ],
    );
    assert_eq!(
        json(&frozen)["reason"],
        "activation_closed",
        "a closed activation takes no answer"
    );
    let listed = json(&ok(jasaq(&db, &["activation", "list", "--json"]), "list"));
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "the closed activation stays listed"
    );
}
