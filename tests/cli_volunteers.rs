//! `jasaq volunteer ...` and `jasaq rules ...` end to end: the same core rules and scope as the
//! app, `--json` for scripts, and a non-zero exit naming the problem on every error.

#[path = "common/cli.rs"]
mod cli;
use cli::{command, database, first_district, iin, jasaq, json, text};

#[test]
fn volunteers_are_registered_found_enrolled_and_refused_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let district = first_district(&db);

    let citizen_iin = iin("1990-05-17", 1);
    let add = |iin: &str, surname: &str, given: &str, citizenship: &str| {
        jasaq(
            &db,
            &[
                "volunteer",
                "add",
                "--iin",
                iin,
                "--surname",
                surname,
                "--given-name",
                given,
                "--citizenship",
                citizenship,
                "--region",
                "KZ-11",
                "--district",
                &district,
                "--registered-address",
                "Щучинск, Абай көшесі 1",
                "--phone",
                "8 701 234 56 78",
                "--skill",
                "driver:B,C",
                "--json",
            ],
        )
    };
    let out = add(&citizen_iin, "Әбдірахманов", "Әлихан", "KZ");
    assert!(out.status.success(), "a citizen registers: {}", text(&out));
    let saved = json(&out);
    let citizen = saved["volunteer"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        saved["volunteer"]["status"], "eligible",
        "an adult citizen is eligible"
    );
    assert_eq!(
        saved["volunteer"]["phone"], "+77012345678",
        "the phone is E.164"
    );

    let out = add(&iin("1985-01-01", 1), "Петров", "Иван", "stateless");
    assert!(
        out.status.success(),
        "a stateless applicant is recorded: {}",
        text(&out)
    );
    let stateless = json(&out);
    assert_eq!(
        stateless["volunteer"]["status"], "ineligible",
        "stateless: ineligible"
    );
    assert_eq!(
        stateless["decision"]["failed_rules"][0]["code"], "citizenship_stateless",
        "the failed rule is named"
    );
    let stateless_id = stateless["volunteer"]["id"].as_str().unwrap().to_owned();
    let out = jasaq(&db, &["volunteer", "enrol", &stateless_id]);
    assert!(!out.status.success(), "enrolling a stateless person fails");
    assert!(
        text(&out).contains("stateless persons may not join"),
        "and says why: {}",
        text(&out)
    );
    let out = jasaq(&db, &["volunteer", "enrol", &stateless_id, "--json"]);
    assert_eq!(
        json(&out)["reason"],
        "not_eligible",
        "--json prints the error object"
    );

    let out = jasaq(&db, &["volunteer", "enrol", &citizen]);
    assert!(
        out.status.success(),
        "the citizen is enrolled: {}",
        text(&out)
    );

    for q in ["әбдір", "Alikhan", &citizen_iin[..6]] {
        let out = jasaq(&db, &["volunteer", "search", q, "--json"]);
        assert!(out.status.success(), "search {q}: {}", text(&out));
        let page = json(&out);
        assert_eq!(
            page["rows"][0]["id"],
            citizen.as_str(),
            "{q} finds the citizen"
        );
        assert_eq!(page["total"], 1, "{q} finds only them");
    }
    let out = jasaq(&db, &["volunteer", "show", &citizen]);
    assert!(
        text(&out).contains("volunteer.enrol") && text(&out).contains("enrolled"),
        "show lists status and history: {}",
        text(&out)
    );

    let out = add(&citizen_iin, "Другой", "Человек", "KZ");
    assert!(!out.status.success(), "a registered IIN is refused");
    assert_eq!(
        json(&out)["reason"],
        "iin_registered",
        "as a named conflict"
    );

    let mut bad = citizen_iin.clone();
    let last = bad.pop().unwrap().to_digit(10).unwrap();
    bad.push(char::from_digit((last + 1) % 10, 10).unwrap());
    let out = add(&bad, "Қате", "Сан", "KZ");
    assert!(!out.status.success(), "a wrong check digit fails");
    assert!(
        text(&out).contains("iin: iin_check_digit"),
        "named: {}",
        text(&out)
    );

    let out = jasaq(
        &db,
        &[
            "rules",
            "publish",
            "--effective-date",
            "2025-06-01",
            "--min-age",
            "18",
            "--max-age",
            "30",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "national admin publishes: {}",
        text(&out)
    );
    let report = json(&out);
    assert_eq!(report["rule_set"]["version"], 2, "version 2");
    let change = &report["changes"][0];
    assert_eq!(
        (
            change["from"].as_str(),
            change["to"].as_str(),
            change["review_flag"].as_bool()
        ),
        (Some("enrolled"), Some("enrolled"), Some(true)),
        "the enrolled citizen (36) is flagged for review, not discharged"
    );
    let out = jasaq(&db, &["rules", "show"]);
    assert!(
        text(&out).contains("v2 effective 2025-06-01: age 18-30"),
        "{}",
        text(&out)
    );

    let out = jasaq(
        &db,
        &[
            "volunteer",
            "discharge",
            &citizen,
            "--date",
            "2025-07-01",
            "--reason",
            "жасы",
        ],
    );
    assert!(out.status.success(), "discharge: {}", text(&out));
    let out = jasaq(
        &db,
        &["volunteer", "search", "--status", "discharged", "--json"],
    );
    assert_eq!(
        json(&out)["total"],
        1,
        "the discharged record is kept and listed"
    );
}

/// The app's catalogue for `lang`, which the command line shares.
fn catalogue(lang: &str) -> serde_json::Value {
    let path = format!("{}/ui/src/lib/i18n/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn errors_are_told_in_the_language_asked_for_under_the_line_scripts_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let district = first_district(&db);
    let mut wrong_digit = iin("1990-01-01", 1);
    let last = wrong_digit.pop().unwrap().to_digit(10).unwrap();
    wrong_digit.push(char::from_digit((last + 1) % 10, 10).unwrap());
    for lang in ["kk", "ru", "en"] {
        let out = command(
            &db,
            &[
                "volunteer",
                "add",
                "--iin",
                &wrong_digit,
                "--surname",
                "Омаров",
                "--given-name",
                "Ербол",
                "--citizenship",
                "KZ",
                "--region",
                "KZ-11",
                "--district",
                &district,
                "--registered-address",
                "Щучинск, Абай көшесі 1",
                "--phone",
                "8 701 234 56 78",
            ],
        )
        .env("JASAQ_LANG", lang)
        .output()
        .unwrap();
        assert!(!out.status.success(), "a wrong check digit fails ({lang})");
        let words = catalogue(lang);
        let told = format!(
            "{}: {}",
            words["fields"]["iin"].as_str().unwrap(),
            words["rule"]["iin_check_digit"].as_str().unwrap()
        );
        assert!(
            text(&out).contains(&told),
            "the field and its problem in {lang}: {}",
            text(&out)
        );
        assert!(
            text(&out).contains("iin: iin_check_digit"),
            "the English line with the codes stays, whatever the language: {}",
            text(&out)
        );
    }
    let out = command(&db, &["district", "list"])
        .env("JASAQ_LANG", "ru")
        .env("JASAQ_PASSWORD", "wrong-password-1")
        .output()
        .unwrap();
    let refusal = catalogue("ru")["error"]["bad_credentials"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        text(&out).contains(&refusal),
        "a refusal is told in Russian too: {}",
        text(&out)
    );
}
