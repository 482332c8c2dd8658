//! The `jasaq` binary as the CLI tests run it: against a test database, signed in as the
//! first national administrator `chief` through the environment, with the data directory (its
//! log) beside the database; and the opening most of them share (the administrator, Burabay
//! district, a company, volunteers and their posts). Included by each `tests/cli_*.rs` that needs it; not every file
//! uses every helper.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const ADMIN_PASSWORD: &str = "Steppe-watch-2026!";

/// The binary on `db` with `args`, signed in as `chief`, not yet started.
pub fn command(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jasaq"));
    cmd.arg("--db").arg(db).args(args);
    cmd.env_remove("JASAQ_NEW_PASSWORD")
        .env("JASAQ_USER", "chief")
        .env("JASAQ_PASSWORD", ADMIN_PASSWORD)
        .env("XDG_DATA_HOME", db.parent().unwrap());
    cmd
}

pub fn jasaq(db: &Path, args: &[&str]) -> Output {
    command(db, args).output().expect("the jasaq binary runs")
}

pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", text(out)))
}

pub fn ok(out: Output, what: &str) -> Output {
    assert!(out.status.success(), "{what}: {}", text(&out));
    out
}

/// A database in `dir` with the national administrator (`jasaq init`) and one Akmola
/// district, Burabay (`jasaq district add`).
pub fn database(dir: &Path) -> PathBuf {
    let db = dir.join("jasaq.db");
    ok(
        jasaq(
            &db,
            &["init", "--username", "chief", "--display-name", "Бас"],
        ),
        "init",
    );
    ok(
        jasaq(
            &db,
            &[
                "district",
                "add",
                "--region",
                "KZ-11",
                "--name-kk",
                "Бурабай ауданы",
                "--name-ru",
                "Бурабайский район",
            ],
        ),
        "district add",
    );
    db
}

/// The id of the first district `jasaq district list` shows: Burabay in a [`database`].
pub fn first_district(db: &Path) -> String {
    json(&ok(
        jasaq(db, &["district", "list", "--json"]),
        "district list",
    ))[0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A valid IIN of a man born on `birth` (yyyy-mm-dd), the first serial from `serial` on.
pub fn iin(birth: &str, serial: u16) -> String {
    let date = chrono::NaiveDate::parse_from_str(birth, "%Y-%m-%d").unwrap();
    (serial..10_000)
        .find_map(|s| jasaq::identity::make_iin(date, jasaq::identity::Sex::Male, s))
        .unwrap()
}

/// Әлихан `surname` (born on `birth`, the IIN [`iin`] gives from serial 1) of `district`,
/// registered by `jasaq volunteer add`; returns his volunteer id.
pub fn volunteer(db: &Path, district: &str, surname: &str, birth: &str) -> String {
    let saved = json(&ok(
        jasaq(
            db,
            &[
                "volunteer",
                "add",
                "--iin",
                &iin(birth, 1),
                "--surname",
                surname,
                "--given-name",
                "Әлихан",
                "--citizenship",
                "KZ",
                "--region",
                "KZ-11",
                "--district",
                district,
                "--registered-address",
                "Щучинск, Абай көшесі 1",
                "--phone",
                "8 701 234 56 78",
                "--json",
            ],
        ),
        "volunteer add",
    ));
    saved["volunteer"]["id"].as_str().unwrap().to_owned()
}

/// An Akmola company `name` (defence, Russia direction) of `district`, under `parent` if
/// given, added by `jasaq unit add`; `what` names the step if it fails. Returns its id.
pub fn company(db: &Path, district: &str, name: &str, parent: Option<&str>, what: &str) -> String {
    let mut args = vec![
        "unit",
        "add",
        "--name",
        name,
        "--kind",
        "company",
        "--agency",
        "defence",
        "--region",
        "KZ-11",
        "--district",
        district,
    ];
    if let Some(parent) = parent {
        args.extend(["--parent", parent]);
    }
    args.extend(["--direction", "russia", "--json"]);
    json(&ok(jasaq(db, &args), what))["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Enrols `volunteer` and assigns him to `unit` as a rifleman from 2026-01-10.
pub fn rifleman(db: &Path, volunteer: &str, unit: &str) {
    ok(jasaq(db, &["volunteer", "enrol", volunteer]), "enrol");
    ok(
        jasaq(
            db,
            &[
                "unit",
                "assign",
                "--volunteer",
                volunteer,
                "--unit",
                unit,
                "--position",
                "rifleman",
                "--start",
                "2026-01-10",
            ],
        ),
        "assign",
    );
}
