//! Every role, in and out of its scope, for reading a unit, creating one, assigning and
//! transferring: operators within units of their district, regional admins within their
//! region, national admins everywhere, viewers read only. Refusals write nothing.

mod common;

use common::units::{assign, enrolled, unit, unit_input};
use common::{cast, World, AKMOLA, KARAGANDA};
use jasaq::access::Actor;
use jasaq::units::{self, AssignInput, TransferInput, Unit};
use jasaq::ErrorCode;

/// What happened: "ok", the forbidden reason, or "<code>:<reason>".
fn outcome<T>(result: jasaq::Result<T>) -> String {
    match result {
        Ok(_) => "ok".into(),
        Err(e) if e.code == ErrorCode::Forbidden => e.reason,
        Err(e) => format!("{:?}:{}", e.code, e.reason),
    }
}

struct Place {
    own: Unit,
    other_district: Unit,
    other_region: Unit,
}

fn place(world: &mut World, c: &common::Cast) -> Place {
    let n = c.national.clone();
    let (d1, d2, dk) = (
        c.akmola_district.clone(),
        c.akmola_other_district.clone(),
        c.karaganda_district.clone(),
    );
    Place {
        own: unit(
            world,
            &n,
            unit_input("Бурабай ротасы", "company", AKMOLA, Some(&d1), None),
        ),
        other_district: unit(
            world,
            &n,
            unit_input("Зеренді ротасы", "company", AKMOLA, Some(&d2), None),
        ),
        other_region: unit(
            world,
            &n,
            unit_input("Бұқар ротасы", "company", KARAGANDA, Some(&dk), None),
        ),
    }
}

fn who(c: &common::Cast) -> Vec<(&'static str, Actor)> {
    vec![
        ("national", c.national.clone()),
        ("national_viewer", c.national_viewer.clone()),
        ("akmola_admin", c.akmola_admin.clone()),
        ("akmola_viewer", c.akmola_viewer.clone()),
        ("akmola_operator", c.akmola_operator.clone()),
        ("karaganda_admin", c.karaganda_admin.clone()),
    ]
}

/// Who reads a unit of the Burabay operator's own district, in [`who`]'s order: all but
/// Karaganda's admin.
const READ_OWN_DISTRICT: [&str; 6] = ["ok", "ok", "ok", "ok", "ok", "out_of_scope"];
/// Who reads a unit of another Akmola district: the operator no longer.
const READ_OTHER_DISTRICT: [&str; 6] = ["ok", "ok", "ok", "ok", "out_of_scope", "out_of_scope"];
/// Who reads a Karaganda unit: the national accounts and Karaganda's admin.
const READ_OTHER_REGION: [&str; 6] = [
    "ok",
    "ok",
    "out_of_scope",
    "out_of_scope",
    "out_of_scope",
    "ok",
];

fn check(got: Vec<String>, want: [&str; 6], what: &str) {
    let names = [
        "national",
        "national_viewer",
        "akmola_admin",
        "akmola_viewer",
        "akmola_operator",
        "karaganda_admin",
    ];
    for ((name, got), want) in names.iter().zip(&got).zip(want) {
        assert_eq!(got, want, "{name} {what}");
    }
}

#[test]
fn reads_are_scoped_to_region_and_district() {
    let mut world = World::new();
    let c = cast(&mut world);
    let p = place(&mut world, &c);
    for (unit, want, what) in [
        (
            &p.own,
            READ_OWN_DISTRICT,
            "reads a unit of the operator's district",
        ),
        (
            &p.other_district,
            READ_OTHER_DISTRICT,
            "reads a unit of another Akmola district",
        ),
        (&p.other_region, READ_OTHER_REGION, "reads a Karaganda unit"),
    ] {
        let got = who(&c)
            .into_iter()
            .map(|(_, a)| outcome(units::get_unit(&world.store, &a, &unit.id)))
            .collect();
        check(got, want, what);
    }
    let listed: Vec<usize> = who(&c)
        .into_iter()
        .map(|(_, a)| {
            units::list_units(&world.store, &a, &Default::default())
                .unwrap()
                .len()
        })
        .collect();
    assert_eq!(
        listed,
        vec![3, 3, 2, 2, 1, 1],
        "each role lists only the units of its scope"
    );
    let missing = units::get_unit(&world.store, &c.national, "no-such-unit").unwrap_err();
    assert_eq!(
        missing.code,
        ErrorCode::NotFound,
        "an unknown id is not found"
    );
}

#[test]
fn only_administrators_build_structure_and_only_in_their_region() {
    let mut world = World::new();
    let c = cast(&mut world);
    let before = world.count("units");
    let got: Vec<String> = who(&c)
        .into_iter()
        .map(|(name, a)| {
            outcome(units::create_unit(
                &mut world.store,
                &a,
                unit_input(&format!("{name} взводы"), "platoon", AKMOLA, None, None),
            ))
        })
        .collect();
    check(
        got,
        ["ok", "role", "ok", "role", "role", "out_of_scope"],
        "creates an Akmola unit",
    );
    assert_eq!(
        world.count("units"),
        before + 2,
        "only the two permitted creations wrote a unit"
    );
}

#[test]
fn assignments_and_transfers_stay_within_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    let p = place(&mut world, &c);
    let n = c.national.clone();
    let d1 = c.akmola_district.clone();
    let people: Vec<String> = (0..6)
        .map(|i| {
            enrolled(
                &mut world,
                &n,
                &d1,
                "Сейітов",
                "1990-01-01",
                10 + 10 * i,
                vec![],
            )
            .id
        })
        .collect();
    let got: Vec<String> = who(&c)
        .into_iter()
        .zip(&people)
        .map(|((_, a), v)| {
            outcome(units::assign(
                &mut world.store,
                &a,
                AssignInput {
                    volunteer_id: v.clone(),
                    unit_id: p.own.id.clone(),
                    position: "rifleman".into(),
                    start_date: "2026-11-01".into(),
                },
            ))
        })
        .collect();
    check(
        got,
        ["ok", "role", "ok", "role", "ok", "out_of_scope"],
        "assigns into a unit of the operator's district",
    );
    assert_eq!(
        world.count("assignments"),
        3,
        "refused assignments wrote nothing"
    );

    let spare = enrolled(&mut world, &n, &d1, "Сейітов", "1991-01-01", 10, vec![]).id;
    let err = units::assign(
        &mut world.store,
        &c.akmola_operator,
        AssignInput {
            volunteer_id: spare.clone(),
            unit_id: p.other_district.id.clone(),
            position: "rifleman".into(),
            start_date: "2026-11-01".into(),
        },
    )
    .unwrap_err();
    assert_eq!(
        err.reason, "out_of_scope",
        "an operator cannot assign into another district's unit"
    );

    for (_, a) in who(&c) {
        if a.role() != jasaq::access::Role::Viewer {
            continue;
        }
        let err = units::transfer(
            &mut world.store,
            &a,
            TransferInput {
                volunteer_id: people[0].clone(),
                unit_id: p.other_district.id.clone(),
                position: "rifleman".into(),
                date: "2026-11-10".into(),
                reason: "r".into(),
            },
        )
        .unwrap_err();
        assert_eq!(err.reason, "role", "viewers never transfer");
    }
    let transfer = |v: &str, to: &Unit| TransferInput {
        volunteer_id: v.into(),
        unit_id: to.id.clone(),
        position: "rifleman".into(),
        date: "2026-11-10".into(),
        reason: "перевод".into(),
    };
    let moves = [
        (
            &c.akmola_operator,
            &people[0],
            &p.other_district,
            "out_of_scope",
        ),
        (
            &c.karaganda_admin,
            &people[0],
            &p.other_region,
            "out_of_scope",
        ),
        (&c.akmola_admin, &people[0], &p.other_region, "out_of_scope"),
        (&c.akmola_admin, &people[0], &p.other_district, "ok"),
        (&c.national, &people[2], &p.other_region, "ok"),
    ];
    for (actor, v, to, want) in moves {
        let got = outcome(units::transfer(&mut world.store, actor, transfer(v, to)));
        assert_eq!(got, want, "{} moving to {}", actor.username(), to.name);
    }
    assert_eq!(
        world.count("assignments"),
        5,
        "two transfers added two rows; refusals none"
    );
    assign(&mut world, &c.akmola_operator, &spare, &p.own, "rifleman");
}

#[test]
fn member_lists_histories_and_structure_edits_follow_the_unit_scope_for_every_role() {
    let mut world = World::new();
    let c = cast(&mut world);
    let p = place(&mut world, &c);
    let n = c.national.clone();
    let d1 = c.akmola_district.clone();
    let v = enrolled(&mut world, &n, &d1, "Сейітов", "1990-01-01", 10, vec![]).id;
    assign(&mut world, &n, &v, &p.own, "rifleman");
    for (unit, want, what) in [
        (
            &p.own,
            READ_OWN_DISTRICT,
            "reads the members and history of a unit of the operator's district",
        ),
        (
            &p.other_district,
            READ_OTHER_DISTRICT,
            "reads the members and history of another Akmola district's unit",
        ),
        (
            &p.other_region,
            READ_OTHER_REGION,
            "reads the members and history of a Karaganda unit",
        ),
    ] {
        let members = who(&c)
            .into_iter()
            .map(|(_, a)| outcome(units::list_members(&world.store, &a, &unit.id)))
            .collect();
        check(members, want, what);
        let history = who(&c)
            .into_iter()
            .map(|(_, a)| outcome(units::unit_history(&world.store, &a, &unit.id)))
            .collect();
        check(history, want, what);
    }
    let missing = units::unit_history(&world.store, &n, "no-such-unit").unwrap_err();
    assert_eq!(
        missing.code,
        ErrorCode::NotFound,
        "the history of an unknown unit is not found"
    );

    // Establishment edits: administrators of the unit's region only; refusals change nothing.
    let before = world.count("unit_establishment");
    let got: Vec<String> = who(&c)
        .into_iter()
        .map(|(_, a)| {
            outcome(units::set_establishment(
                &mut world.store,
                &a,
                units::EstablishmentInput {
                    unit_id: p.own.id.clone(),
                    lines: vec![units::EstablishmentLineInput {
                        position: "rifleman".into(),
                        authorised: 12,
                    }],
                },
            ))
        })
        .collect();
    check(
        got,
        ["ok", "role", "ok", "role", "role", "out_of_scope"],
        "sets the establishment of an Akmola unit",
    );
    assert_eq!(
        world.count("unit_establishment"),
        before + 1,
        "the one line was written once (the second permitted edit replaced it)"
    );
}

#[test]
fn readiness_is_scoped_for_every_role() {
    let mut world = World::new();
    let c = cast(&mut world);
    let _p = place(&mut world, &c);
    let units_seen: Vec<u32> = who(&c)
        .into_iter()
        .map(|(_, a)| {
            units::readiness(&world.store, &a, &units::ReadinessQuery::default())
                .unwrap()
                .total
                .units
        })
        .collect();
    assert_eq!(
        units_seen,
        vec![3, 3, 2, 2, 1, 1],
        "each role's readiness counts only the units of its scope"
    );
    let asked_elsewhere = units::readiness(
        &world.store,
        &c.akmola_admin,
        &units::ReadinessQuery {
            region_id: Some(KARAGANDA.into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        (asked_elsewhere.total.units, asked_elsewhere.units.len()),
        (0, 0),
        "a regional admin asking for another region's readiness sees nothing of it"
    );
}

#[test]
fn bulk_transfers_are_for_administrators_within_their_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    let p = place(&mut world, &c);
    let n = c.national.clone();
    let d1 = c.akmola_district.clone();
    let v = enrolled(&mut world, &n, &d1, "Сейітов", "1990-01-01", 10, vec![]);
    assign(&mut world, &n, &v.id, &p.own, "rifleman");
    let rows = |to: &Unit| {
        vec![units::BulkRow {
            row: 2,
            iin: v.iin.clone(),
            unit: to.id.clone(),
            position: None,
        }]
    };
    let got: Vec<String> = who(&c)
        .into_iter()
        .map(|(_, a)| {
            match units::preview_bulk_transfer(
                &mut world.store,
                &a,
                &rows(&p.other_district),
                "перевод",
                "2026-11-10",
            ) {
                Ok(r) if r.errors.is_empty() => "ok".to_owned(),
                Ok(r) => format!("row:{}", r.errors[0].rule),
                Err(e) => outcome::<()>(Err(e)),
            }
        })
        .collect();
    check(
        got,
        ["ok", "role", "ok", "role", "role", "row:unknown_iin"],
        "previews moving an Akmola volunteer within Akmola",
    );
    let report = units::apply_bulk_transfer(
        &mut world.store,
        &c.akmola_admin,
        &rows(&p.other_region),
        "перевод",
        "2026-11-10",
    )
    .unwrap();
    assert_eq!(
        (report.applied, report.errors[0].rule.as_str()),
        (false, "unknown_unit"),
        "a regional admin cannot move anyone into another region's unit"
    );
    assert_eq!(
        world.count("assignments"),
        1,
        "refused bulk transfers wrote nothing"
    );
}
