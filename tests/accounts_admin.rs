//! User administration by every role inside and outside its scope: listing, creating (and its
//! bad input, by field), resetting and deactivating accounts; the last national administrator
//! stays, and nobody raises their own role or widens their scope.

mod common;

use common::{cast, user_count, World, AKMOLA, KARAGANDA};
use jasaq::access::Role;
use jasaq::accounts::{self, NewUser, ResetPasswordInput};
use jasaq::ErrorCode;

fn new_user(username: &str, role: Role, region: Option<&str>, district: Option<&str>) -> NewUser {
    NewUser {
        username: username.into(),
        display_name: "Айгерім Садықова".into(),
        role,
        region_id: region.map(Into::into),
        district_id: district.map(Into::into),
        password: "temporary-pass-123".into(),
    }
}

#[test]
fn listing_users_is_scoped_by_role() {
    let mut world = World::new();
    let c = cast(&mut world);
    let names = |users: Vec<jasaq::accounts::UserView>| {
        users.into_iter().map(|u| u.username).collect::<Vec<_>>()
    };
    let all = names(accounts::list_users(&world.store, &c.national).unwrap());
    assert_eq!(
        all.len(),
        6,
        "the national admin sees every account: {all:?}"
    );
    let akmola = names(accounts::list_users(&world.store, &c.akmola_admin).unwrap());
    assert_eq!(
        akmola,
        vec!["akm.admin", "akm.op", "akm.viewer"],
        "a regional admin sees only their region's accounts"
    );
    for (who, actor) in [
        ("operator", &c.akmola_operator),
        ("regional viewer", &c.akmola_viewer),
        ("national viewer", &c.national_viewer),
    ] {
        let err = accounts::list_users(&world.store, actor).unwrap_err();
        assert_eq!(
            (err.code, err.reason.as_str()),
            (ErrorCode::Forbidden, "role"),
            "a {who} may not list accounts"
        );
    }
}

#[test]
fn creating_users_stays_within_the_creators_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    let akm_d = c.akmola_district.id.clone();
    let kar_d = c.karaganda_district.id.clone();
    let allowed = [
        (
            &c.national,
            new_user("n.natadmin", Role::NationalAdmin, None, None),
        ),
        (
            &c.national,
            new_user("n.karop", Role::DistrictOperator, None, Some(&kar_d)),
        ),
        (
            &c.akmola_admin,
            new_user("a.regadmin", Role::RegionalAdmin, Some(AKMOLA), None),
        ),
        (
            &c.akmola_admin,
            new_user("a.op", Role::DistrictOperator, None, Some(&akm_d)),
        ),
        (
            &c.akmola_admin,
            new_user("a.viewer", Role::Viewer, Some(AKMOLA), None),
        ),
    ];
    for (actor, input) in allowed {
        let name = input.username.clone();
        let user = accounts::create_user(&mut world.store, actor, input)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(
            user.must_change_password,
            "{name} must change the temporary password"
        );
    }
    let refused = [
        (
            &c.akmola_admin,
            new_user("xx1", Role::NationalAdmin, None, None),
            "role",
        ),
        (
            &c.akmola_admin,
            new_user("xx2", Role::RegionalAdmin, Some(KARAGANDA), None),
            "out_of_scope",
        ),
        (
            &c.akmola_admin,
            new_user("xx3", Role::DistrictOperator, None, Some(&kar_d)),
            "out_of_scope",
        ),
        (
            &c.akmola_admin,
            new_user("xx4", Role::Viewer, None, None),
            "out_of_scope",
        ),
        (
            &c.karaganda_admin,
            new_user("xx5", Role::DistrictOperator, None, Some(&akm_d)),
            "out_of_scope",
        ),
        (
            &c.akmola_operator,
            new_user("xx6", Role::DistrictOperator, None, Some(&akm_d)),
            "role",
        ),
        (
            &c.akmola_viewer,
            new_user("xx7", Role::Viewer, Some(AKMOLA), None),
            "role",
        ),
        (
            &c.national_viewer,
            new_user("xx8", Role::Viewer, None, None),
            "role",
        ),
    ];
    let before = user_count(&world);
    for (actor, input, reason) in refused {
        let name = input.username.clone();
        let err = accounts::create_user(&mut world.store, actor, input).unwrap_err();
        assert_eq!(
            (err.code, err.reason.as_str()),
            (ErrorCode::Forbidden, reason),
            "{} creating {name}",
            actor.username()
        );
    }
    assert_eq!(
        user_count(&world),
        before,
        "no refused creation wrote an account"
    );
}

#[test]
fn creating_users_rejects_bad_input_naming_the_field() {
    let mut world = World::new();
    let c = cast(&mut world);
    let district = c.akmola_district.id.clone();
    let mut long = new_user("longname", Role::Viewer, None, None);
    long.display_name = "Қ".repeat(10_000);
    let cases = [
        (long, "display_name", "too_long"),
        (
            new_user("x.region", Role::RegionalAdmin, Some("KZ-99"), None),
            "region_id",
            "unknown_region",
        ),
        (
            new_user(
                "x.district",
                Role::DistrictOperator,
                None,
                Some("0190f0e0-0000-7000-8000-000000000000"),
            ),
            "district_id",
            "unknown_district",
        ),
        (
            new_user("x.noregion", Role::RegionalAdmin, None, None),
            "region_id",
            "scope_required",
        ),
        (
            new_user("x.nodistrict", Role::DistrictOperator, Some(AKMOLA), None),
            "district_id",
            "scope_required",
        ),
        (
            new_user("x.natregion", Role::NationalAdmin, Some(AKMOLA), None),
            "region_id",
            "scope_not_allowed",
        ),
        (
            new_user(
                "x.mismatch",
                Role::DistrictOperator,
                Some(KARAGANDA),
                Some(&district),
            ),
            "district_id",
            "unknown_district",
        ),
        (
            new_user("bad name!", Role::Viewer, None, None),
            "username",
            "username_format",
        ),
        (
            NewUser {
                password: "qwerty123456".into(),
                ..new_user("x.weak", Role::Viewer, None, None)
            },
            "password",
            "password_common",
        ),
        (
            NewUser {
                password: "x.weakling99".into(),
                ..new_user("x.weakling99", Role::Viewer, None, None)
            },
            "password",
            "password_equals_username",
        ),
    ];
    let before = user_count(&world);
    for (input, field, rule) in cases {
        let name = input.username.clone();
        let err = accounts::create_user(&mut world.store, &c.national, input).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation, "{name}: validation error");
        assert_eq!(
            (err.fields[0].field.as_str(), err.fields[0].rule.as_str()),
            (field, rule),
            "{name}: field and rule"
        );
    }
    let dup = accounts::create_user(
        &mut world.store,
        &c.national,
        new_user("AKM.OP", Role::Viewer, None, None),
    )
    .unwrap_err();
    assert_eq!(
        (dup.code, dup.reason.as_str()),
        (ErrorCode::Conflict, "username_taken"),
        "usernames are unique, case-insensitively"
    );
    assert_eq!(user_count(&world), before, "nothing was written");
}

#[test]
fn reset_and_deactivate_stay_within_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    let reset = |world: &mut World, actor: &jasaq::access::Actor, target: &jasaq::access::Actor| {
        accounts::reset_password(
            &mut world.store,
            actor,
            ResetPasswordInput {
                user_id: target.user_id().into(),
                new_password: "brand-new-temp-12".into(),
            },
        )
    };
    let err = reset(&mut world, &c.karaganda_admin, &c.akmola_operator).unwrap_err();
    assert_eq!(
        err.reason, "out_of_scope",
        "a regional admin cannot reset another region's account"
    );
    let err = reset(&mut world, &c.akmola_admin, &c.national).unwrap_err();
    assert_eq!(err.reason, "out_of_scope", "nor a national account");
    let err = reset(&mut world, &c.akmola_operator, &c.akmola_viewer).unwrap_err();
    assert_eq!(err.reason, "role", "an operator resets nobody");
    let err = reset(&mut world, &c.akmola_viewer, &c.akmola_operator).unwrap_err();
    assert_eq!(err.reason, "role", "a viewer resets nobody");
    let weak = accounts::reset_password(
        &mut world.store,
        &c.akmola_admin,
        ResetPasswordInput {
            user_id: c.akmola_operator.user_id().into(),
            new_password: "short".into(),
        },
    )
    .unwrap_err();
    assert_eq!(
        weak.fields[0].rule, "password_too_short",
        "reset passwords follow the policy too"
    );
    let reset_ok = reset(&mut world, &c.akmola_admin, &c.akmola_operator).unwrap();
    assert!(
        reset_ok.must_change_password,
        "a reset password must be changed at next sign-in"
    );

    for (actor, target, reason) in [
        (&c.karaganda_admin, &c.akmola_viewer, "out_of_scope"),
        (&c.akmola_admin, &c.karaganda_admin, "out_of_scope"),
        (&c.akmola_admin, &c.national, "out_of_scope"),
        (&c.akmola_operator, &c.akmola_viewer, "role"),
        (&c.national_viewer, &c.akmola_viewer, "role"),
    ] {
        let err = accounts::deactivate_user(&mut world.store, actor, target.user_id()).unwrap_err();
        assert_eq!(
            err.reason,
            reason,
            "{} deactivating {}",
            actor.username(),
            target.username()
        );
    }
    let missing =
        accounts::deactivate_user(&mut world.store, &c.national, "no-such-id").unwrap_err();
    assert_eq!(
        missing.code,
        ErrorCode::NotFound,
        "an unknown user id is not found"
    );
    let off =
        accounts::deactivate_user(&mut world.store, &c.akmola_admin, c.akmola_viewer.user_id())
            .unwrap();
    assert!(
        !off.active,
        "a regional admin deactivates an account of their region"
    );
    let on =
        accounts::reactivate_user(&mut world.store, &c.akmola_admin, c.akmola_viewer.user_id())
            .unwrap();
    assert!(on.active, "and can reactivate it");
    assert_eq!(
        world.audit_count("user.deactivate"),
        1,
        "deactivation is audited"
    );
    assert_eq!(
        world.audit_count("user.reactivate"),
        1,
        "reactivation is audited"
    );
}

#[test]
fn the_last_active_national_admin_cannot_be_deactivated() {
    let mut world = World::new();
    let c = cast(&mut world);
    let err =
        accounts::deactivate_user(&mut world.store, &c.national, c.national.user_id()).unwrap_err();
    assert_eq!(
        (err.code, err.reason.as_str()),
        (ErrorCode::Forbidden, "last_national_admin"),
        "the only national admin stays active"
    );
    let second = world.user(&c.national, "deputy", Role::NationalAdmin, None, None);
    accounts::deactivate_user(&mut world.store, &second, c.national.user_id())
        .expect("with a second national admin the first may go");
    let err = accounts::deactivate_user(&mut world.store, &second, second.user_id()).unwrap_err();
    assert_eq!(
        err.reason, "last_national_admin",
        "and now the deputy is the last one"
    );
}

#[test]
fn nobody_raises_their_own_role_or_widens_their_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    // The only ways to more reach are creating a stronger account or changing one's own: both
    // are refused for a regional admin.
    let err = accounts::create_user(
        &mut world.store,
        &c.akmola_admin,
        new_user("akm.up", Role::NationalAdmin, None, None),
    )
    .unwrap_err();
    assert_eq!(
        err.reason, "role",
        "a regional admin cannot mint a national admin"
    );
    let err = accounts::create_user(
        &mut world.store,
        &c.akmola_admin,
        new_user("akm.wide", Role::RegionalAdmin, Some(KARAGANDA), None),
    )
    .unwrap_err();
    assert_eq!(err.reason, "out_of_scope", "nor an admin of another region");
    let err = accounts::create_user(
        &mut world.store,
        &c.akmola_admin,
        new_user("akm.natview", Role::Viewer, None, None),
    )
    .unwrap_err();
    assert_eq!(err.reason, "out_of_scope", "nor a national viewer");
    let me = accounts::list_users(&world.store, &c.akmola_admin)
        .unwrap()
        .into_iter()
        .find(|u| u.username == "akm.admin")
        .unwrap();
    assert_eq!(
        (me.role, me.region_id.as_deref()),
        (Role::RegionalAdmin, Some(AKMOLA)),
        "their own account is unchanged"
    );
}
