//! Accounts: first-run setup, password policy and storage, sign-in and lockout, sessions and
//! their idle expiry, and a reset password that must be changed first (user administration by
//! every role: accounts_admin.rs).

mod common;

use chrono::Duration;
use common::{cast, user_count, World, PASSWORD};
use jasaq::access::Role;
use jasaq::accounts::{self, ResetPasswordInput, SetupInput, SignInInput};
use jasaq::ErrorCode;

#[test]
fn first_run_creates_one_national_admin_and_only_once() {
    let mut world = World::new();
    assert!(
        accounts::needs_setup(&world.store).unwrap(),
        "a new database asks for the first administrator"
    );
    let chief = world.setup();
    assert_eq!(
        chief.role(),
        Role::NationalAdmin,
        "the first account is a national administrator"
    );
    assert!(
        !accounts::needs_setup(&world.store).unwrap(),
        "setup is finished once an account exists"
    );
    let again = accounts::setup_first_admin(
        &mut world.store,
        SetupInput {
            username: "intruder".into(),
            display_name: "X".into(),
            password: PASSWORD.into(),
        },
    )
    .unwrap_err();
    assert_eq!(
        (again.code, again.reason.as_str()),
        (ErrorCode::Forbidden, "setup_done"),
        "setup cannot be rerun to mint an admin"
    );
    assert_eq!(user_count(&world), 1, "the refused setup wrote nothing");
}

#[test]
fn setup_refuses_weak_passwords_and_bad_fields_without_writing() {
    let mut world = World::new();
    let cases = [
        ("chief", "short", "password", "password_too_short"),
        ("chief", "Password1234", "password", "password_common"),
        (
            "chief.of.staff",
            "chief.of.staff",
            "password",
            "password_equals_username",
        ),
        ("ch", PASSWORD, "username", "username_format"),
        ("Шеф", PASSWORD, "username", "username_format"),
    ];
    for (username, password, field, rule) in cases {
        let err = accounts::setup_first_admin(
            &mut world.store,
            SetupInput {
                username: username.into(),
                display_name: "Name".into(),
                password: password.into(),
            },
        )
        .unwrap_err();
        assert_eq!(
            err.code,
            ErrorCode::Validation,
            "{username}/{password} is a validation error"
        );
        assert_eq!(
            (err.fields[0].field.as_str(), err.fields[0].rule.as_str()),
            (field, rule),
            "{username}/{password} names the field and rule"
        );
    }
    let long_name = "Ә".repeat(10_000);
    let err = accounts::setup_first_admin(
        &mut world.store,
        SetupInput {
            username: "chief".into(),
            display_name: long_name,
            password: PASSWORD.into(),
        },
    )
    .unwrap_err();
    assert_eq!(
        err.fields[0].rule, "too_long",
        "a 10,000-character name is refused as too long"
    );
    assert_eq!(
        err.fields[0].params.get("max").map(String::as_str),
        Some("200"),
        "the limit is stated"
    );
    assert_eq!(user_count(&world), 0, "no refused setup wrote an account");
    assert_eq!(
        world.audit_count("user.setup_first_admin"),
        0,
        "nor an audit entry"
    );
}

#[test]
fn passwords_are_stored_as_argon2id_and_never_reach_the_audit_log() {
    let mut world = World::new();
    let c = cast(&mut world);
    let hash: String = world
        .store
        .conn()
        .query_row(
            "SELECT password_hash FROM users WHERE username = 'chief'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "OWASP Argon2id PHC string, got {hash}"
    );
    accounts::reset_password(
        &mut world.store,
        &c.national,
        ResetPasswordInput {
            user_id: c.akmola_admin.user_id().into(),
            new_password: "another-temp-pass-9".into(),
        },
    )
    .unwrap();
    let leaks: i64 = world
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE coalesce(before, '') || coalesce(after, '') LIKE '%argon2%'
             OR coalesce(before, '') || coalesce(after, '') LIKE '%temporary-pass%'
             OR coalesce(before, '') || coalesce(after, '') LIKE '%another-temp-pass%'
             OR coalesce(before, '') || coalesce(after, '') LIKE ?",
            [format!("%{PASSWORD}%")],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        leaks, 0,
        "neither passwords nor their hashes appear in the audit log"
    );
}

#[test]
fn wrong_password_and_unknown_user_get_the_same_answer() {
    let mut world = World::new();
    world.setup();
    let wrong = world.sign_in("chief", "not-the-password-1").unwrap_err();
    let unknown = world
        .sign_in("nobody.here", "not-the-password-1")
        .unwrap_err();
    assert_eq!(
        wrong, unknown,
        "the answer does not reveal whether the username exists"
    );
    assert_eq!(
        (wrong.code, wrong.reason.as_str()),
        (ErrorCode::Unauthenticated, "bad_credentials"),
        "a plain bad-credentials answer"
    );
    assert_eq!(
        world.audit_count("auth.sign_in_failed"),
        2,
        "failed sign-ins are audited"
    );
}

#[test]
fn five_failures_lock_for_a_minute_then_the_lock_doubles() {
    let mut world = World::new();
    world.setup();
    for attempt in 1..=4 {
        let err = world.sign_in("chief", "wrong-password-xx").unwrap_err();
        assert_eq!(
            err.code,
            ErrorCode::Unauthenticated,
            "attempt {attempt} is only a bad password"
        );
    }
    let fifth = world.sign_in("chief", "wrong-password-xx").unwrap_err();
    assert_eq!(
        fifth.code,
        ErrorCode::Locked,
        "the fifth consecutive failure locks the account"
    );
    assert_eq!(
        fifth.params["until"], "2026-11-22T06:01:00.000Z",
        "locked for one minute from now"
    );
    let right = world.sign_in("chief", PASSWORD).unwrap_err();
    assert_eq!(
        right.code,
        ErrorCode::Locked,
        "while locked even the right password is refused"
    );

    world.clock.advance(Duration::seconds(61));
    let sixth = world.sign_in("chief", "wrong-password-xx").unwrap_err();
    assert_eq!(
        sixth.code,
        ErrorCode::Locked,
        "a failure after the lock ends locks again at once"
    );
    assert_eq!(
        sixth.params["until"], "2026-11-22T06:03:01.000Z",
        "for twice as long: two minutes"
    );

    world
        .clock
        .advance(Duration::minutes(2) + Duration::seconds(1));
    world
        .sign_in("chief", PASSWORD)
        .expect("after the lock ends the right password works");
    for _ in 1..=4 {
        world.sign_in("chief", "wrong-password-xx").unwrap_err();
    }
    assert_eq!(
        world
            .sign_in("chief", "wrong-password-xx")
            .unwrap_err()
            .params["until"],
        "2026-11-22T06:04:02.000Z",
        "a success resets the count: the next lock is one minute again"
    );
}

#[test]
fn lockout_survives_a_restart_and_applies_to_unknown_names_alike() {
    let mut world = World::new();
    world.setup();
    for _ in 0..5 {
        let _ = world.sign_in("chief", "wrong-password-xx");
        let _ = world.sign_in("ghost", "wrong-password-xx");
    }
    let reopened = jasaq::db::Store::open(&world.path(), world.clock.clone()).unwrap();
    world.store = reopened;
    let real = world.sign_in("chief", PASSWORD).unwrap_err();
    let ghost = world.sign_in("ghost", PASSWORD).unwrap_err();
    assert_eq!(
        real.code,
        ErrorCode::Locked,
        "the lock is in the database and survives a restart"
    );
    assert_eq!(
        real, ghost,
        "an unknown username locks identically, revealing nothing"
    );
}

#[test]
fn idle_sessions_expire_and_deactivation_ends_a_session_at_once() {
    let mut world = World::new();
    world.setup();
    let (mut session, _) = accounts::sign_in(
        &mut world.store,
        SignInInput {
            username: "chief".into(),
            password: PASSWORD.into(),
        },
    )
    .unwrap();
    world.clock.advance(Duration::minutes(14));
    accounts::resume(&mut world.store, &mut session)
        .expect("14 idle minutes are within the default 15");
    world
        .clock
        .advance(Duration::minutes(15) + Duration::seconds(1));
    let err = accounts::resume(&mut world.store, &mut session).unwrap_err();
    assert_eq!(
        (err.code, err.reason.as_str()),
        (ErrorCode::Unauthenticated, "session_expired"),
        "15 idle minutes sign the user out"
    );

    let c = cast(&mut World::new());
    drop(c);
    let mut world = World::new();
    let c = cast(&mut world);
    let (mut op_session, _) = accounts::sign_in(
        &mut world.store,
        SignInInput {
            username: "akm.op".into(),
            password: PASSWORD.into(),
        },
    )
    .unwrap();
    accounts::deactivate_user(
        &mut world.store,
        &c.akmola_admin,
        c.akmola_operator.user_id(),
    )
    .unwrap();
    let err = accounts::resume(&mut world.store, &mut op_session).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::Unauthenticated,
        "a deactivated account's open session ends"
    );
    let err = world.sign_in("akm.op", PASSWORD).unwrap_err();
    assert_eq!(
        (err.code, err.reason.as_str()),
        (ErrorCode::Forbidden, "account_inactive"),
        "and it cannot sign in again"
    );
}

#[test]
fn a_reset_password_must_be_changed_before_anything_else() {
    let mut world = World::new();
    let c = cast(&mut world);
    accounts::reset_password(
        &mut world.store,
        &c.akmola_admin,
        ResetPasswordInput {
            user_id: c.akmola_operator.user_id().into(),
            new_password: "fresh-temp-pass-7".into(),
        },
    )
    .unwrap();
    let op = world
        .sign_in("akm.op", "fresh-temp-pass-7")
        .expect("the temporary password signs in");
    let err = jasaq::places::list_districts(&world.store, &op, &Default::default()).unwrap_err();
    assert_eq!(
        err.reason, "password_change_required",
        "nothing else is open until the password is changed"
    );
    let same = accounts::change_password(
        &mut world.store,
        &op,
        accounts::ChangePasswordInput {
            current_password: "fresh-temp-pass-7".into(),
            new_password: "fresh-temp-pass-7".into(),
        },
    )
    .unwrap_err();
    assert_eq!(
        same.fields[0].rule, "same_password",
        "the temporary password cannot be kept"
    );
    let wrong = accounts::change_password(
        &mut world.store,
        &op,
        accounts::ChangePasswordInput {
            current_password: "not-it-at-all-1".into(),
            new_password: "my-own-password-1".into(),
        },
    )
    .unwrap_err();
    assert_eq!(
        (
            wrong.fields[0].field.as_str(),
            wrong.fields[0].rule.as_str()
        ),
        ("current_password", "wrong_password"),
        "the current password is checked"
    );
    let op = accounts::change_password(
        &mut world.store,
        &op,
        accounts::ChangePasswordInput {
            current_password: "fresh-temp-pass-7".into(),
            new_password: "my-own-password-1".into(),
        },
    )
    .unwrap();
    jasaq::places::list_districts(&world.store, &op, &Default::default())
        .expect("after the change the account works");
}
