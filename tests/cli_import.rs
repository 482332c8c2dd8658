//! `jasaq import volunteers` end to end: modes, exit status, `--json`, the error report, the
//! preview, and a real process killed with SIGKILL mid-import leaving the database intact and
//! without any of the file's rows, after which the same import succeeds.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

#[path = "common/cli.rs"]
mod cli;
use cli::{command, database, jasaq, json, text};

fn csv(dir: &Path, name: &str, count: u32, bad: u32) -> PathBuf {
    let mut out =
        String::from("ИИН,Фамилия,Имя,Дата рождения,Гражданство,Регион,Район,Адрес,Телефон\n");
    let start = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    for n in 0..count {
        let birth = start + chrono::Duration::days(i64::from(n % 12_000));
        let iin = (u16::try_from(n / 12_000).unwrap() * 10..10_000)
            .find_map(|s| jasaq::identity::make_iin(birth, jasaq::identity::Sex::Male, s))
            .unwrap();
        out.push_str(&format!(
            "{iin},Сейітов,Ерлан,{},KZ,Ақмола облысы,Бурабай ауданы,\"Көкшетау, Абай 1\",87012345678\n",
            birth.format("%d.%m.%Y")
        ));
    }
    for _ in 0..bad {
        out.push_str("123,Қате,Ерлан,01.01.1990,KZ,KZ-11,Бурабай ауданы,Көкшетау,87012345678\n");
    }
    let path = dir.join(name);
    std::fs::write(&path, out).unwrap();
    path
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn modes_json_summary_error_report_and_preview() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let file = csv(dir.path(), "list.csv", 3, 2);
    let file = file.to_str().unwrap();

    let out = jasaq(&db, &["import", "volunteers", file, "--preview", "--json"]);
    assert!(out.status.success(), "preview: {}", text(&out));
    assert_eq!(
        json(&out)["rows"].as_array().unwrap().len(),
        5,
        "five rows previewed"
    );
    assert_eq!(count(&db, "volunteers"), 0, "a preview writes nothing");

    let out = jasaq(&db, &["import", "volunteers", file, "--json"]);
    assert!(
        !out.status.success(),
        "all-or-nothing with bad rows fails: {}",
        text(&out)
    );
    assert_eq!(
        json(&out)["refused"],
        2,
        "the summary counts the refused rows"
    );
    assert_eq!(count(&db, "volunteers"), 0, "nothing written");

    let errors = dir.path().join("errors.xlsx");
    let out = jasaq(
        &db,
        &[
            "import",
            "volunteers",
            file,
            "--mode",
            "valid-only",
            "--json",
            "--errors",
            errors.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "valid-only succeeds: {}", text(&out));
    let summary = json(&out);
    assert_eq!(
        (summary["created"].as_u64(), summary["refused"].as_u64()),
        (Some(3), Some(2)),
        "counts"
    );
    assert_eq!(count(&db, "volunteers"), 3, "the valid rows are in");
    let mut table = jasaq::sheets::open(&errors).expect("the error report opens");
    assert_eq!(
        table.by_ref().count(),
        2,
        "the report holds the two refused rows"
    );

    let out = jasaq(
        &db,
        &[
            "import",
            "volunteers",
            file,
            "--update",
            "--mode",
            "valid-only",
        ],
    );
    assert!(out.status.success(), "update mode: {}", text(&out));
    assert!(
        text(&out).contains("0 created, 0 updated, 3 unchanged, 2 refused"),
        "re-import in update mode changes nothing: {}",
        text(&out)
    );
}

#[test]
fn a_killed_import_leaves_nothing_and_the_same_import_then_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let file = csv(dir.path(), "big.csv", 6_000, 0);
    let mut child = command(&db, &["import", "volunteers", file.to_str().unwrap()])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("jasaq starts");
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let progress = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|l| l.starts_with("import: "))
        .expect("the import reports progress before it ends");
    assert!(
        !progress.starts_with("import: 6000 rows"),
        "the kill comes before the last row: {progress}"
    );
    child.kill().expect("SIGKILL is sent");
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the process was killed mid-way (after {progress:?})"
    );

    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        check, "ok",
        "the database passes integrity_check after the kill"
    );
    drop(conn);
    assert_eq!(
        count(&db, "volunteers"),
        0,
        "none of the file's rows is present"
    );
    assert_eq!(count(&db, "imports"), 0, "no import is recorded");
    let audited: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'volunteer.import'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, 0, "no audit entry of the killed import");

    let out = jasaq(
        &db,
        &["import", "volunteers", file.to_str().unwrap(), "--json"],
    );
    assert!(
        out.status.success(),
        "the same import then succeeds: {}",
        text(&out)
    );
    assert_eq!(json(&out)["created"], 6_000, "every row is created");
    assert_eq!(count(&db, "volunteers"), 6_000, "all rows present");
}
