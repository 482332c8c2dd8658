//! National reference data and settings, accounts, and the pending-password gate, role by
//! role: national-only writes (settings, unit kinds, positions, skills, eligibility rules) are
//! refused to every other role and write nothing; every signed-in role reads the reference
//! data; administrators find and list only the accounts of their scope; a user whose password
//! was reset reads and writes nothing until they change it.

#[path = "common/access.rs"]
mod access;
mod common;

use access::{assert_refused, audited_step, everyone, fingerprint};
use common::{cast, World, PASSWORD};
use jasaq::access::Actor;
use jasaq::accounts::{self, ResetPasswordInput};
use jasaq::db::Store;
use jasaq::settings::{self, Settings};
use jasaq::units::{self, PositionDraft, UnitKindDraft};
use jasaq::volunteers::{self, NewRuleSet, SkillDraft};
use jasaq::ErrorCode;

type Write = fn(&mut Store, &Actor) -> jasaq::Result<()>;

/// Every write reserved to national administrators, with the audit action it records.
fn national_writes() -> Vec<(&'static str, &'static str, Write)> {
    vec![
        ("update_settings", "settings.update", |s, a| {
            settings::update_settings(
                s,
                a,
                Settings {
                    idle_timeout_minutes: 30,
                },
            )
            .map(drop)
        }),
        ("save_unit_kind", "unit_kind.save", |s, a| {
            units::save_unit_kind(
                s,
                a,
                UnitKindDraft {
                    code: "detachment".into(),
                    name_kk: "Жасақ".into(),
                    name_ru: "Отряд".into(),
                    name_en: "Detachment".into(),
                    rank: 5,
                    retired: false,
                },
            )
            .map(drop)
        }),
        ("save_position", "position.save", |s, a| {
            units::save_position(
                s,
                a,
                PositionDraft {
                    code: "signaller".into(),
                    name_kk: "Байланысшы".into(),
                    name_ru: "Связист".into(),
                    name_en: "Signaller".into(),
                    required_skill: None,
                    command: false,
                    retired: false,
                },
            )
            .map(drop)
        }),
        ("save_skill", "skill.save", |s, a| {
            volunteers::save_skill(
                s,
                a,
                SkillDraft {
                    code: "diver".into(),
                    name_kk: "Сүңгуір".into(),
                    name_ru: "Водолаз".into(),
                    name_en: "Diver".into(),
                    has_licence: false,
                    retired: false,
                },
            )
            .map(drop)
        }),
        ("publish_rules", "rules.publish", |s, a| {
            volunteers::publish_rules(
                s,
                a,
                NewRuleSet {
                    effective_date: "2026-11-22".into(),
                    min_age: 19,
                    max_age: 55,
                    excluded_health: Vec::new(),
                },
            )
            .map(drop)
        }),
    ]
}

#[test]
fn national_reference_writes_are_refused_to_every_other_role_and_audited_for_national() {
    let mut world = World::new();
    let c = cast(&mut world);
    for (op, action, write) in national_writes() {
        for (who, actor) in everyone(&c).iter().skip(1) {
            let before = fingerprint(&world);
            assert_refused(
                write(&mut world.store, actor),
                ErrorCode::Forbidden,
                "role",
                &format!("{op} is national: refused to the {who}"),
            );
            assert_eq!(
                fingerprint(&world),
                before,
                "{op} refused to the {who} writes nothing"
            );
        }
        audited_step(&mut world, &c.national, action, write);
    }
    let idle = settings::get_settings(&world.store, &c.akmola_operator)
        .expect("every role reads the settings")
        .idle_timeout_minutes;
    assert_eq!(
        idle, 30,
        "the national admin's setting applies to every office"
    );
}

#[test]
fn every_signed_in_role_reads_the_reference_data() {
    let mut world = World::new();
    let c = cast(&mut world);
    for (who, actor) in everyone(&c) {
        let reads: Vec<(&str, jasaq::Result<()>)> = vec![
            (
                "get_settings",
                settings::get_settings(&world.store, &actor).map(drop),
            ),
            (
                "catalogues",
                units::catalogues(&world.store, &actor).map(drop),
            ),
            (
                "list_skills",
                volunteers::list_skills(&world.store, &actor).map(drop),
            ),
            (
                "list_rule_sets",
                volunteers::list_rule_sets(&world.store, &actor).map(drop),
            ),
            (
                "list_categories",
                jasaq::rosters::facilities::list_categories(&world.store, &actor).map(drop),
            ),
            (
                "session_info",
                accounts::session_info(&world.store, &actor).map(drop),
            ),
        ];
        for (read, result) in reads {
            assert!(result.is_ok(), "{read} is open to the {who}: {result:?}");
        }
    }
}

#[test]
fn administrators_find_and_list_only_the_accounts_of_their_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    let all = [
        "akm.admin",
        "akm.op",
        "akm.viewer",
        "chief",
        "kar.admin",
        "nat.viewer",
    ];
    // (role, the accounts it lists; None: refused)
    let expected: [(&str, Option<&[&str]>); 6] = [
        ("national admin", Some(&all)),
        ("national viewer", None),
        ("Akmola admin", Some(&["akm.admin", "akm.op", "akm.viewer"])),
        ("Akmola viewer", None),
        ("Akmola district operator", None),
        ("Karaganda admin", Some(&["kar.admin"])),
    ];
    for ((who, actor), (role, listed)) in everyone(&c).into_iter().zip(expected) {
        assert_eq!(who, role, "the table lists the cast in order");
        match listed {
            None => {
                assert_refused(
                    accounts::list_users(&world.store, &actor),
                    ErrorCode::Forbidden,
                    "role",
                    &format!("the {who} lists no accounts"),
                );
                assert_refused(
                    accounts::find_user_by_username(&world.store, &actor, "akm.op"),
                    ErrorCode::Forbidden,
                    "role",
                    &format!("the {who} looks up no account"),
                );
            }
            Some(listed) => {
                let mut names: Vec<String> = accounts::list_users(&world.store, &actor)
                    .expect("an administrator lists accounts")
                    .into_iter()
                    .map(|u| u.username)
                    .collect();
                names.sort();
                assert_eq!(
                    names, listed,
                    "the {who} lists exactly the accounts in scope"
                );
                for username in all {
                    let found = accounts::find_user_by_username(&world.store, &actor, username);
                    if listed.contains(&username) {
                        assert!(
                            found.is_ok(),
                            "the {who} finds {username}, in scope: {found:?}"
                        );
                    } else {
                        assert_refused(
                            found,
                            ErrorCode::NotFound,
                            "user",
                            &format!(
                                "the {who} does not find {username}, out of scope (nor learns it exists)"
                            ),
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_user_whose_password_was_reset_reads_and_writes_nothing_until_it_is_changed() {
    let mut world = World::new();
    let c = cast(&mut world);
    accounts::reset_password(
        &mut world.store,
        &c.national,
        ResetPasswordInput {
            user_id: c.akmola_admin.user_id().into(),
            new_password: "temporary-pass-456".into(),
        },
    )
    .expect("the national admin resets a regional admin's password");
    let pending = world
        .sign_in("akm.admin", "temporary-pass-456")
        .expect("the temporary password signs in");
    let before = fingerprint(&world);
    let attempts: Vec<(&str, jasaq::Result<()>)> = vec![
        (
            "get_settings",
            settings::get_settings(&world.store, &pending).map(drop),
        ),
        (
            "catalogues",
            units::catalogues(&world.store, &pending).map(drop),
        ),
        (
            "list_users",
            accounts::list_users(&world.store, &pending).map(drop),
        ),
        (
            "list_assets",
            jasaq::assets::list_assets(&world.store, &pending, Default::default()).map(drop),
        ),
        (
            "list_units",
            units::list_units(&world.store, &pending, &Default::default()).map(drop),
        ),
        (
            "register",
            volunteers::register(
                &mut world.store,
                &pending,
                common::volunteer_form(&c.akmola_district, "Сәрсенов", "Ерлан", "1990-03-04", 5),
            )
            .map(drop),
        ),
        (
            "add_district",
            jasaq::places::add_district(
                &mut world.store,
                &pending,
                jasaq::places::NewDistrict {
                    region_id: common::AKMOLA.into(),
                    name_kk: "Жаңа ауданы".into(),
                    name_ru: "Новый район".into(),
                    name_en: None,
                },
            )
            .map(drop),
        ),
    ];
    for (op, result) in attempts {
        assert_refused(
            result,
            ErrorCode::Forbidden,
            "password_change_required",
            &format!("{op} waits until the reset password is changed"),
        );
    }
    assert_eq!(
        fingerprint(&world),
        before,
        "nothing is written while the password change is pending"
    );
    let changed = accounts::change_password(
        &mut world.store,
        &pending,
        accounts::ChangePasswordInput {
            current_password: "temporary-pass-456".into(),
            new_password: PASSWORD.into(),
        },
    )
    .expect("changing one's own password is the one thing open");
    assert!(
        accounts::list_users(&world.store, &changed).is_ok(),
        "once changed, the administrator works again"
    );
}

/// The "wrote nothing" checks above rest on `fingerprint`: it must see a value changed in
/// place, which leaves every count as it was.
#[test]
fn the_fingerprint_sees_a_change_in_place() {
    let mut world = World::new();
    let _c = cast(&mut world);
    let before = fingerprint(&world);
    world
        .store
        .conn()
        .execute(
            "UPDATE settings SET value = '16' WHERE key = 'idle_timeout_minutes'",
            [],
        )
        .unwrap();
    assert_ne!(
        fingerprint(&world),
        before,
        "an UPDATE that adds no row and no audit entry still changes the fingerprint"
    );
}
