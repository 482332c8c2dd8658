//! Declared unavailability: declared, listed and removed within the actor's scope, audited,
//! with bad dates refused by field and nothing written.

mod common;

use common::units::registered;
use common::{cast, Cast, World};
use jasaq::access::Actor;
use jasaq::volunteers::{self, UnavailabilityInput, UnavailabilityKind};
use jasaq::ErrorCode;

fn input(volunteer: &str, from: &str, to: &str) -> UnavailabilityInput {
    UnavailabilityInput {
        volunteer_id: volunteer.into(),
        from_date: from.into(),
        to_date: to.into(),
        kind: UnavailabilityKind::Illness,
        note: Some("  больничный лист  ".into()),
    }
}

fn declare(world: &mut World, actor: &Actor, volunteer: &str) -> jasaq::Result<String> {
    volunteers::declare_unavailability(
        &mut world.store,
        actor,
        input(volunteer, "2026-12-01", "2026-12-10"),
    )
    .map(|r| r.id)
}

/// Әлиев of the Burabay district, registered by the national administrator; his id.
fn aliev(world: &mut World, c: &Cast) -> String {
    registered(
        world,
        &c.national,
        &c.akmola_district,
        "Әлиев",
        "1990-05-01",
        1,
        vec![],
    )
}

#[test]
fn a_period_is_declared_listed_removed_and_audited() {
    let mut world = World::new();
    let c = cast(&mut world);
    let v = aliev(&mut world, &c);
    let row = volunteers::declare_unavailability(
        &mut world.store,
        &c.akmola_operator,
        input(&v, "2026-12-01", "2026-12-10"),
    )
    .expect("the district's operator declares a period for a volunteer of the district");
    assert_eq!(
        row.note.as_deref(),
        Some("больничный лист"),
        "the note is trimmed"
    );
    assert_eq!(row.created_by, "akm.op", "the declaring user is recorded");
    let listed = volunteers::list_unavailability(&world.store, &c.akmola_viewer, &v).unwrap();
    assert_eq!(
        listed,
        vec![row.clone()],
        "the regional viewer reads the period"
    );
    assert_eq!(
        world.audit_count("volunteer.unavailability_declare"),
        1,
        "declaring is audited"
    );
    volunteers::remove_unavailability(&mut world.store, &c.akmola_admin, &row.id)
        .expect("the regional admin removes it");
    assert_eq!(
        world.count("volunteer_unavailability"),
        0,
        "the period is gone"
    );
    assert_eq!(
        world.audit_count("volunteer.unavailability_remove"),
        1,
        "removing is audited"
    );
}

#[test]
fn every_role_in_and_out_of_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    let v = aliev(&mut world, &c);
    let other = registered(
        &mut world,
        &c.national,
        &c.akmola_other_district,
        "Бекұлы",
        "1991-05-01",
        2,
        vec![],
    );
    assert!(
        declare(&mut world, &c.national, &v).is_ok(),
        "the national admin declares anywhere"
    );
    assert!(
        declare(&mut world, &c.akmola_admin, &other).is_ok(),
        "the regional admin declares in the region"
    );
    assert!(
        declare(&mut world, &c.akmola_operator, &v).is_ok(),
        "the operator declares in the district"
    );
    let denied = [
        (
            &c.akmola_operator,
            &other,
            ErrorCode::Forbidden,
            "an operator is confined to the district",
        ),
        (
            &c.karaganda_admin,
            &v,
            ErrorCode::Forbidden,
            "another region's admin is refused",
        ),
        (
            &c.national_viewer,
            &v,
            ErrorCode::Forbidden,
            "a viewer may not write",
        ),
        (
            &c.akmola_viewer,
            &v,
            ErrorCode::Forbidden,
            "a regional viewer may not write",
        ),
    ];
    let before = world.count("volunteer_unavailability");
    for (actor, volunteer, code, why) in denied {
        let err = declare(&mut world, actor, volunteer).unwrap_err();
        assert_eq!(err.code, code, "{why}");
    }
    assert_eq!(
        world.count("volunteer_unavailability"),
        before,
        "refusals write nothing"
    );
    assert_eq!(
        volunteers::list_unavailability(&world.store, &c.national_viewer, &v)
            .unwrap()
            .len(),
        2,
        "the national viewer reads every period"
    );
    assert_eq!(
        volunteers::list_unavailability(&world.store, &c.karaganda_admin, &v)
            .unwrap_err()
            .code,
        ErrorCode::Forbidden,
        "another region's admin does not read them"
    );
    let id = volunteers::list_unavailability(&world.store, &c.national, &other).unwrap()[0]
        .id
        .clone();
    assert_eq!(
        volunteers::remove_unavailability(&mut world.store, &c.akmola_operator, &id)
            .unwrap_err()
            .code,
        ErrorCode::Forbidden,
        "an operator cannot remove another district's period"
    );
    assert_eq!(
        world.count("volunteer_unavailability"),
        before,
        "the refused removal removed nothing"
    );
}

#[test]
fn bad_dates_are_refused_by_field_and_nothing_is_written() {
    let mut world = World::new();
    let c = cast(&mut world);
    let v = aliev(&mut world, &c);
    let cases = [
        ("2026-13-01", "2026-12-10", "from_date", "invalid_date"),
        ("2026-12-10", "2026-12-01", "to_date", "before_from_date"),
        ("2026-01-01", "2027-06-01", "to_date", "period_too_long"),
    ];
    for (from, to, field, rule) in cases {
        let err =
            volunteers::declare_unavailability(&mut world.store, &c.national, input(&v, from, to))
                .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation, "{from}..{to} is refused");
        assert_eq!(
            (err.fields[0].field.as_str(), err.fields[0].rule.as_str()),
            (field, rule),
            "the refusal names the field and rule for {from}..{to}"
        );
    }
    assert_eq!(
        world.count("volunteer_unavailability"),
        0,
        "nothing is written"
    );
    assert_eq!(
        world.audit_count("volunteer.unavailability_declare"),
        0,
        "nothing is audited"
    );
}
