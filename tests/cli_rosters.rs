//! `jasaq facility ...` and `jasaq roster ...` end to end: a facility with its guards' unit, a
//! refused zero-length shift, an auto-fill of a week, the roster shown and published, as text
//! and as JSON.

#[path = "common/cli.rs"]
mod cli;
use cli::{company, database, first_district, jasaq, json, ok, rifleman, text, volunteer};

fn id(value: &serde_json::Value) -> String {
    value["id"].as_str().expect("an id").to_owned()
}

#[test]
fn a_facility_is_registered_filled_shown_and_published_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let district = first_district(&db);
    let company = company(&db, &district, "1-рота", None, "unit add");
    for (i, surname) in [
        "Әбдірахманов",
        "Бекжанов",
        "Серікбаев",
        "Дәулетов",
        "Жұмабаев",
    ]
    .iter()
    .enumerate()
    {
        let volunteer = volunteer(&db, &district, surname, &format!("{}-05-17", 1985 + i));
        rifleman(&db, &volunteer, &company);
    }

    let facility_args = |pattern: &[&str]| {
        let mut args = vec![
            "facility",
            "add",
            "--name",
            "Су тазарту станциясы",
            "--category",
            "water_supply",
            "--region",
            "KZ-11",
            "--district",
            &district,
            "--address",
            "Щучинск, Су көшесі 3",
            "--criticality",
            "2",
            "--unit",
            &company,
            "--owner-bin",
            "061211600012",
            "--post",
            "Қақпа:1",
            "--json",
        ];
        args.extend_from_slice(pattern);
        jasaq(&db, &args)
    };
    let refused = facility_args(&["--pattern", "custom", "--custom", "08:00/0"]);
    assert!(!refused.status.success(), "a zero-length shift is refused");
    let err = json(&refused);
    assert_eq!(
        err["fields"][0]["field"], "pattern.custom[0].minutes",
        "--json names the field: {err}"
    );
    assert_eq!(
        err["fields"][0]["rule"], "shift_length_not_positive",
        "and the rule"
    );
    let facility = id(&json(&ok(
        facility_args(&["--pattern", "two_twelves", "--start", "20:00"]),
        "facility add",
    )));
    let list = json(&ok(jasaq(&db, &["facility", "list", "--json"]), "list"));
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "only the valid facility was saved"
    );
    let shown = text(&ok(jasaq(&db, &["facility", "show", &facility]), "show"));
    assert!(shown.contains("Қақпа"), "the post is shown: {shown}");

    let report = json(&ok(
        jasaq(
            &db,
            &[
                "roster",
                "fill",
                "--facility",
                &facility,
                "--from",
                "2026-11-23",
                "--days",
                "7",
                "--time-limit",
                "5",
                "--json",
            ],
        ),
        "fill",
    ));
    assert_eq!(
        report["added"], 14,
        "two 12-hour shifts a day for a week, one guard each: {report}"
    );
    assert_eq!(report["uncovered_seats"], 0, "five guards cover every seat");
    let view = json(&ok(
        jasaq(
            &db,
            &[
                "roster",
                "show",
                "--facility",
                &facility,
                "--from",
                "2026-11-23",
                "--json",
            ],
        ),
        "roster show",
    ));
    assert_eq!(
        view["shifts"][0]["local_start"], "08:00",
        "the 20:00 pattern's other shift starts at 08:00 local"
    );
    assert_eq!(
        view["shifts"][1]["local_end"], "08:00",
        "the night shift crosses midnight and ends at 08:00"
    );
    let grid = text(&ok(
        jasaq(
            &db,
            &[
                "roster",
                "show",
                "--facility",
                &facility,
                "--from",
                "2026-11-23",
            ],
        ),
        "roster show text",
    ));
    assert!(
        grid.contains("2026-11-23 20:00-08:00"),
        "the text grid shows local times: {grid}"
    );
    let published = json(&ok(
        jasaq(
            &db,
            &[
                "roster",
                "publish",
                "--facility",
                &facility,
                "--from",
                "2026-11-23",
                "--json",
            ],
        ),
        "publish",
    ));
    assert_eq!(published["version"], 1, "the first version is frozen");

    let refused = jasaq(
        &db,
        &[
            "roster",
            "set-limits",
            "--region",
            "KZ-11",
            "--effective-date",
            "2026-12-01",
            "--max-hours-7d",
            "0",
            "--json",
        ],
    );
    assert!(!refused.status.success(), "zero hours a week is refused");
    assert_eq!(
        json(&refused)["fields"][0]["field"],
        "max_hours_7d",
        "the limit is named"
    );
    ok(
        jasaq(
            &db,
            &[
                "roster",
                "set-limits",
                "--region",
                "KZ-11",
                "--effective-date",
                "2026-12-01",
                "--max-hours-7d",
                "40",
            ],
        ),
        "set-limits",
    );
    let versions = json(&ok(
        jasaq(&db, &["roster", "limits", "--region", "KZ-11", "--json"]),
        "limits",
    ));
    assert_eq!(
        versions[0]["max_hours_7d"], 40,
        "the new version is listed first"
    );
    assert_eq!(versions[1]["max_hours_7d"], 48, "then the defaults");
}
