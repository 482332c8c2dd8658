//! Passwords and their hashes never reach a log, a file or an answer in the clear: the inputs
//! that carry a password print it redacted (`{:?}` is how a value reaches a log line), the
//! database holds no password anywhere and its hash only in `users.password_hash`, the audit
//! log and its export hold neither, and no refusal repeats the password it refused.

mod common;

use common::{cast, World, PASSWORD};
use jasaq::access::Role;
use jasaq::accounts::{
    self, ChangePasswordInput, NewUser, ResetPasswordInput, SetupInput, SignInInput,
};
use jasaq::audit::AuditFilter;
use jasaq::reports::{export_audit, AuditExport, ExportFormat, Lang};
use rusqlite::types::Value;

const TEMPORARY: &str = "Temporary-Qarağandy-731";
const RESET: &str = "Reset-Balqash-Shore-588";
const OWN: &str = "Own-Choice-Ертіс-2026";
/// A wrong password.
const WRONG: &str = "Wrong-Guess-Bayanaul-9";

#[test]
fn inputs_carrying_a_password_print_it_redacted() {
    let printed = [
        format!(
            "{:?}",
            SignInInput {
                username: "chief".into(),
                password: PASSWORD.into(),
            }
        ),
        format!(
            "{:?}",
            SetupInput {
                username: "chief".into(),
                display_name: "Ерлан Сейітов".into(),
                password: PASSWORD.into(),
            }
        ),
        format!(
            "{:?}",
            NewUser {
                username: "akm.op".into(),
                display_name: "Айгүл".into(),
                role: Role::DistrictOperator,
                region_id: None,
                district_id: Some("d".into()),
                password: PASSWORD.into(),
            }
        ),
        format!(
            "{:?}",
            ChangePasswordInput {
                current_password: PASSWORD.into(),
                new_password: OWN.into(),
            }
        ),
        format!(
            "{:?}",
            ResetPasswordInput {
                user_id: "u".into(),
                new_password: PASSWORD.into(),
            }
        ),
    ];
    for line in printed {
        assert!(
            !line.contains(PASSWORD) && !line.contains(OWN),
            "a password never appears in a value's debug output, which is how it would reach a log: {line}"
        );
        assert!(
            line.contains("redacted"),
            "the debug output says the password was left out: {line}"
        );
    }
    let sign_in = format!(
        "{:?}",
        SignInInput {
            username: OWN.into(),
            password: PASSWORD.into(),
        }
    );
    assert!(
        !sign_in.contains(OWN),
        "a sign-in's name is left out too: it may be a password typed into the name box: {sign_in}"
    );
    let new_user = format!(
        "{:?}",
        NewUser {
            username: "akm.op".into(),
            display_name: "Айгүл".into(),
            role: Role::DistrictOperator,
            region_id: None,
            district_id: Some("d".into()),
            password: PASSWORD.into(),
        }
    );
    assert!(
        new_user.contains("akm.op"),
        "the rest of an input still prints, for diagnosis: {new_user}"
    );
}

/// Every text and blob of every ordinary table, as (table.column, text), but the hash column.
fn stored_texts(world: &World) -> Vec<(String, String)> {
    let conn = world.store.conn();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the tables are listed");
    let mut out = Vec::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .expect("the table is read");
        let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        let mut rows = stmt.query([]).expect("the rows are read");
        while let Some(row) = rows.next().expect("a row is read") {
            for (i, name) in names.iter().enumerate() {
                if table == "users" && name == "password_hash" {
                    continue;
                }
                let text = match row.get::<_, Value>(i).expect("a value") {
                    Value::Text(t) => t,
                    Value::Blob(b) => String::from_utf8_lossy(&b).into_owned(),
                    _ => continue,
                };
                out.push((format!("{table}.{name}"), text));
            }
        }
    }
    out
}

#[test]
fn no_password_or_hash_is_stored_outside_the_hash_column_nor_exported() {
    let mut world = World::new();
    let c = cast(&mut world);
    accounts::create_user(
        &mut world.store,
        &c.akmola_admin,
        NewUser {
            username: "akm.op2".into(),
            display_name: "Айгүл Серікова".into(),
            role: Role::DistrictOperator,
            region_id: None,
            district_id: Some(c.akmola_district.id.clone()),
            password: TEMPORARY.into(),
        },
    )
    .expect("an account is created");
    let first = world
        .sign_in("akm.op2", TEMPORARY)
        .expect("the temporary password signs in");
    accounts::change_password(
        &mut world.store,
        &first,
        ChangePasswordInput {
            current_password: TEMPORARY.into(),
            new_password: OWN.into(),
        },
    )
    .expect("the own password is set");
    let err = world
        .sign_in("akm.op2", WRONG)
        .expect_err("a wrong password");
    assert!(
        !format!("{err:?}").contains(WRONG),
        "the refusal does not repeat the password it refused: {err:?}"
    );
    accounts::reset_password(
        &mut world.store,
        &c.national,
        ResetPasswordInput {
            user_id: first.user_id().into(),
            new_password: RESET.into(),
        },
    )
    .expect("the national admin resets it");
    let pending = world
        .sign_in("akm.op2", RESET)
        .expect("the reset password signs in");
    let err = accounts::change_password(
        &mut world.store,
        &pending,
        ChangePasswordInput {
            current_password: WRONG.into(),
            new_password: OWN.into(),
        },
    )
    .expect_err("a wrong current password");
    assert!(
        !format!("{err:?}").contains(WRONG) && !format!("{err:?}").contains(OWN),
        "a refused change repeats neither password: {err:?}"
    );
    let err = accounts::create_user(
        &mut world.store,
        &c.national,
        NewUser {
            username: "short.pass".into(),
            display_name: "Қысқа".into(),
            role: Role::Viewer,
            region_id: None,
            district_id: None,
            password: "Short-1".into(),
        },
    )
    .expect_err("too short a password");
    assert!(
        !format!("{err:?}").contains("Short-1"),
        "a policy refusal does not repeat the password: {err:?}"
    );

    let hashes: Vec<String> = world
        .store
        .conn()
        .prepare("SELECT password_hash FROM users")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the hashes are read");
    for hash in &hashes {
        assert!(
            hash.starts_with("$argon2id$"),
            "a password is stored only as an Argon2id hash: {hash}"
        );
    }
    let secrets = [PASSWORD, TEMPORARY, RESET, OWN, WRONG, "Short-1"];
    for (column, text) in stored_texts(&world) {
        assert_no_secret(&column, &text, &secrets, &hashes);
    }

    let mut out = Vec::new();
    export_audit(
        &mut world.store,
        &c.national,
        &AuditExport {
            filter: AuditFilter::default(),
            format: ExportFormat::Csv,
            lang: Lang::En,
        },
        &mut out,
    )
    .expect("the national admin exports the audit log");
    let exported = String::from_utf8_lossy(&out);
    assert!(
        exported.contains("user.reset_password") && exported.contains("user.change_password"),
        "the export holds the password events (so the scan below is not vacuous)"
    );
    assert_no_secret("the audit export", &exported, &secrets, &hashes);
}

/// `text` (found in `place`) holds none of the passwords and none of the hashes.
fn assert_no_secret(place: &str, text: &str, secrets: &[&str], hashes: &[String]) {
    for secret in secrets {
        assert!(
            !text.contains(secret),
            "{place} holds a password in the clear: {text}"
        );
    }
    for hash in hashes {
        // The salt and digest, which are what matters; the parameters prefix is public.
        let digest = hash.rsplit('$').next().unwrap_or(hash);
        assert!(
            !text.contains(digest),
            "{place} holds a password hash: {text}"
        );
    }
}

#[test]
fn a_password_typed_as_the_name_is_kept_only_as_a_digest() {
    let mut world = World::new();
    let c = cast(&mut world);
    // The chief types the password into the name box, five times.
    for attempt in 1..=accounts::LOCK_AFTER_FAILURES {
        let err = world
            .sign_in(OWN, PASSWORD)
            .expect_err("no account has that name");
        let want = if attempt < accounts::LOCK_AFTER_FAILURES {
            "bad_credentials"
        } else {
            "account_locked"
        };
        assert_eq!(
            err.reason, want,
            "a name no account has is refused and locked like any other (attempt {attempt})"
        );
    }
    let typed = OWN.to_lowercase();
    let leaks: Vec<_> = stored_texts(&world)
        .into_iter()
        .filter(|(_, text)| text.to_lowercase().contains(&typed))
        .collect();
    assert_eq!(
        leaks,
        Vec::<(String, String)>::new(),
        "what was typed as the name is stored nowhere in the clear"
    );
    let names: Vec<String> = world
        .store
        .conn()
        .prepare("SELECT DISTINCT actor_username FROM audit_log WHERE action LIKE 'auth.sign_in_%'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("the attempts are read");
    assert_eq!(
        names.len(),
        1,
        "every try of one name shows as the same name: {names:?}"
    );
    assert!(
        names[0].starts_with("unknown:") && names[0].len() == "unknown:".len() + 16,
        "an unknown name is recorded as its digest: {}",
        names[0]
    );

    // A known name is still recorded as it is: administrators see who is being guessed.
    world
        .sign_in(c.akmola_operator.username(), WRONG)
        .expect_err("a wrong password");
    assert_eq!(
        world
            .store
            .conn()
            .query_row(
                "SELECT actor_username FROM audit_log WHERE action = 'auth.sign_in_failed'
                 ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get::<_, String>(0),
            )
            .expect("the failure is audited"),
        c.akmola_operator.username(),
        "a failed sign-in of an existing account names the account"
    );
}
