//! The `jasaq` binary end to end: same core, same rules, non-zero exit on every error.

use std::path::Path;
use std::process::{Command, Output};

const ADMIN_PASSWORD: &str = "Steppe-watch-2026!";

fn jasaq(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jasaq"));
    cmd.arg("--db").arg(db).args(args);
    cmd.env_remove("JASAQ_USER")
        .env_remove("JASAQ_PASSWORD")
        .env_remove("JASAQ_NEW_PASSWORD");
    // Keep the CLI's log file inside the test's temp dir.
    cmd.env("XDG_DATA_HOME", db.parent().unwrap());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the jasaq binary runs")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn an_administrator_sets_up_and_manages_users_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jasaq.db");
    let out = jasaq(
        &db,
        &[
            "init",
            "--username",
            "chief",
            "--display-name",
            "Бас әкімші",
        ],
        &[("JASAQ_PASSWORD", ADMIN_PASSWORD)],
    );
    assert!(out.status.success(), "init succeeds: {}", text(&out));

    let admin = [("JASAQ_USER", "chief"), ("JASAQ_PASSWORD", ADMIN_PASSWORD)];
    let out = jasaq(
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
        &admin,
    );
    assert!(
        out.status.success(),
        "district add succeeds: {}",
        text(&out)
    );
    let out = jasaq(&db, &["district", "list", "--json"], &admin);
    let districts: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("--json prints JSON");
    let district_id = districts[0]["id"]
        .as_str()
        .expect("the district has an id")
        .to_owned();

    let with_new = [
        ("JASAQ_USER", "chief"),
        ("JASAQ_PASSWORD", ADMIN_PASSWORD),
        ("JASAQ_NEW_PASSWORD", "temporary-pass-123"),
    ];
    let out = jasaq(
        &db,
        &[
            "user",
            "add",
            "--username",
            "op.burabay",
            "--display-name",
            "Оператор",
            "--role",
            "district_operator",
            "--district",
            &district_id,
        ],
        &with_new,
    );
    assert!(out.status.success(), "user add succeeds: {}", text(&out));
    let out = jasaq(&db, &["user", "list", "--json"], &admin);
    let users: serde_json::Value = serde_json::from_slice(&out.stdout).expect("--json prints JSON");
    assert_eq!(
        users.as_array().map(Vec::len),
        Some(2),
        "two accounts are listed"
    );
    assert!(
        !text(&out).contains("argon2"),
        "no password hash is ever printed"
    );

    let op = [
        ("JASAQ_USER", "op.burabay"),
        ("JASAQ_PASSWORD", "temporary-pass-123"),
    ];
    let out = jasaq(&db, &["district", "list"], &op);
    assert!(
        !out.status.success(),
        "a temporary password must be changed first"
    );
    assert!(
        text(&out).contains("change your password"),
        "and the message says so: {}",
        text(&out)
    );
    let out = jasaq(
        &db,
        &["passwd"],
        &[
            ("JASAQ_USER", "op.burabay"),
            ("JASAQ_PASSWORD", "temporary-pass-123"),
            ("JASAQ_NEW_PASSWORD", "operator-own-pass-1"),
        ],
    );
    assert!(out.status.success(), "passwd succeeds: {}", text(&out));
    let op = [
        ("JASAQ_USER", "op.burabay"),
        ("JASAQ_PASSWORD", "operator-own-pass-1"),
    ];
    let out = jasaq(&db, &["user", "list"], &op);
    assert!(!out.status.success(), "an operator may not list accounts");
    assert!(
        text(&out).contains("your role may not do this"),
        "the refusal is explained: {}",
        text(&out)
    );

    let out = jasaq(&db, &["user", "deactivate", "chief"], &admin);
    assert!(
        !out.status.success(),
        "the last national admin cannot be deactivated"
    );
    assert!(
        text(&out).contains("last active national administrator"),
        "{}",
        text(&out)
    );

    let out = jasaq(&db, &["audit", "verify"], &admin);
    assert!(
        out.status.success(),
        "an untouched log verifies: {}",
        text(&out)
    );
    assert!(text(&out).contains("chain verified"), "{}", text(&out));

    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'user.nothing' WHERE seq = 3;").unwrap();
    drop(conn);
    let out = jasaq(&db, &["audit", "verify"], &admin);
    assert!(!out.status.success(), "a tampered log fails verification");
    assert!(
        text(&out).contains("breaks at entry 3"),
        "and names the entry: {}",
        text(&out)
    );
}

#[test]
fn errors_exit_non_zero_and_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jasaq.db");
    let out = jasaq(
        &db,
        &["init", "--username", "chief", "--display-name", "X"],
        &[("JASAQ_PASSWORD", "short")],
    );
    assert!(!out.status.success(), "a weak password fails init");
    assert!(
        text(&out).contains("password: password_too_short (min=12)"),
        "the field and rule are named: {}",
        text(&out)
    );

    let out = jasaq(
        &db,
        &["user", "list"],
        &[
            ("JASAQ_USER", "chief"),
            ("JASAQ_PASSWORD", "whatever-it-is-1"),
        ],
    );
    assert!(
        !out.status.success(),
        "signing in to an account that does not exist fails"
    );
    assert!(
        text(&out).contains("wrong username or password"),
        "{}",
        text(&out)
    );

    let garbage = dir.path().join("notes.txt");
    std::fs::write(
        &garbage,
        "this is not a database, it is a shopping list\n".repeat(200),
    )
    .unwrap();
    let before = std::fs::read(&garbage).unwrap();
    let out = jasaq(
        &garbage,
        &["init", "--username", "chief", "--display-name", "X"],
        &[("JASAQ_PASSWORD", ADMIN_PASSWORD)],
    );
    assert!(!out.status.success(), "a non-SQLite --db is refused");
    assert!(
        text(&out).contains("is not a Jasaq database"),
        "clearly: {}",
        text(&out)
    );
    assert_eq!(
        std::fs::read(&garbage).unwrap(),
        before,
        "and left untouched"
    );

    for args in [
        vec!["--help"],
        vec!["user", "--help"],
        vec!["user", "add", "--help"],
        vec!["district", "list", "--help"],
        vec!["audit", "verify", "--help"],
    ] {
        let out = jasaq(&db, &args, &[]);
        assert!(
            out.status.success() && text(&out).contains("Usage"),
            "{args:?} prints help"
        );
    }
}
