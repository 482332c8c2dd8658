//! The unit tree: creating units and establishments, refusals that write nothing (cycles,
//! another region's parent, absurd numbers), and disbanding with its two choices.

mod common;

use common::units::{assign, enrolled, establish, unit, unit_input};
use common::{cast, rules, World, AKMOLA, KARAGANDA};
use jasaq::units::{
    self, DisbandChoice, DisbandInput, EstablishmentInput, EstablishmentLineInput, UnitQuery,
    UnitStatus, UpdateUnit,
};
use jasaq::ErrorCode;

#[test]
fn a_brigade_and_a_company_are_built_with_an_establishment_and_audited() {
    let mut world = World::new();
    let c = cast(&mut world);
    let brigade = unit(
        &mut world,
        &c.akmola_admin,
        unit_input("11-я бригада ТО", "brigade", AKMOLA, None, None),
    );
    let company = unit(
        &mut world,
        &c.akmola_admin,
        unit_input(
            "1-я рота",
            "company",
            AKMOLA,
            Some(&c.akmola_district),
            Some(&brigade),
        ),
    );
    establish(
        &mut world,
        &c.akmola_admin,
        &company,
        &[
            ("squad_leader", 3),
            ("rifleman", 24),
            ("medic", 2),
            ("driver", 0),
        ],
    );
    let detail = units::get_unit(&world.store, &c.akmola_admin, &company.id).unwrap();
    let lines: Vec<(String, u32)> = detail
        .establishment
        .iter()
        .map(|l| (l.position.clone(), l.authorised))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("squad_leader".to_owned(), 3),
            ("rifleman".to_owned(), 24),
            ("medic".to_owned(), 2)
        ],
        "the establishment is stored in catalogue order; a zero line is dropped"
    );
    let listed = units::list_units(&world.store, &c.akmola_admin, &UnitQuery::default()).unwrap();
    assert_eq!(listed.len(), 2, "both units are listed");
    let company_row = listed.iter().find(|u| u.id == company.id).unwrap();
    assert_eq!(
        company_row.authorised, 29,
        "the list sums the establishment"
    );
    assert_eq!(
        company_row.parent_id.as_deref(),
        Some(brigade.id.as_str()),
        "the company hangs under the brigade"
    );
    let brigade_detail = units::get_unit(&world.store, &c.akmola_admin, &brigade.id).unwrap();
    assert_eq!(
        brigade_detail.children.len(),
        1,
        "the brigade shows its company"
    );
    assert_eq!(world.audit_count("unit.create"), 2, "each unit is audited");
    assert_eq!(
        world.audit_count("unit.establishment"),
        1,
        "the establishment change is audited"
    );
}

#[test]
fn a_unit_cannot_become_its_own_grandparent() {
    let mut world = World::new();
    let c = cast(&mut world);
    let a = unit(
        &mut world,
        &c.akmola_admin,
        unit_input("Бригада", "brigade", AKMOLA, None, None),
    );
    let b = unit(
        &mut world,
        &c.akmola_admin,
        unit_input("Батальон", "battalion", AKMOLA, None, Some(&a)),
    );
    let cc = unit(
        &mut world,
        &c.akmola_admin,
        unit_input("Рота", "company", AKMOLA, None, Some(&b)),
    );
    let audits = world.count("audit_log");
    for (child, name) in [(&cc, "grandchild"), (&b, "child"), (&a, "itself")] {
        let err = units::update_unit(
            &mut world.store,
            &c.akmola_admin,
            UpdateUnit {
                id: a.id.clone(),
                unit: unit_input("Бригада", "brigade", AKMOLA, None, Some(child)),
            },
        )
        .expect_err("a loop in the tree is refused");
        assert_eq!(
            rules(&err),
            vec![("parent_id".to_owned(), "unit_cycle".to_owned())],
            "the brigade under its own {name} is named as a cycle"
        );
    }
    let parent: Option<String> = world
        .store
        .conn()
        .query_row("SELECT parent_id FROM units WHERE id = ?", [&a.id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(parent, None, "the refused edits wrote nothing");
    assert_eq!(world.count("audit_log"), audits, "nothing was audited");
}

#[test]
fn bad_unit_input_is_refused_by_field_and_writes_nothing() {
    let mut world = World::new();
    let c = cast(&mut world);
    let karaganda_brigade = unit(
        &mut world,
        &c.karaganda_admin,
        unit_input("Қарағанды бригадасы", "brigade", KARAGANDA, None, None),
    );
    let before = world.count("units");
    let mut input = unit_input(
        "",
        "regiment",
        AKMOLA,
        Some(&c.karaganda_district),
        Some(&karaganda_brigade),
    );
    input.agency_id = "army".into();
    input.status = UnitStatus::Disbanded;
    input.commander_id = Some("nobody".into());
    let err = units::create_unit(&mut world.store, &c.akmola_admin, input).unwrap_err();
    let mut got = rules(&err);
    got.sort();
    assert_eq!(
        got,
        vec![
            ("agency_id".to_owned(), "unknown_agency".to_owned()),
            ("commander_id".to_owned(), "unknown_volunteer".to_owned()),
            (
                "district_id".to_owned(),
                "district_region_mismatch".to_owned()
            ),
            ("kind".to_owned(), "unknown_kind".to_owned()),
            ("name".to_owned(), "required".to_owned()),
            ("parent_id".to_owned(), "parent_other_region".to_owned()),
            ("status".to_owned(), "status_not_allowed".to_owned()),
        ],
        "every bad field is named"
    );
    let other_region = units::create_unit(
        &mut world.store,
        &c.akmola_admin,
        unit_input("Чужая рота", "company", KARAGANDA, None, None),
    )
    .unwrap_err();
    assert_eq!(
        (other_region.code, other_region.reason.as_str()),
        (ErrorCode::Forbidden, "out_of_scope"),
        "a regional admin cannot build in another region"
    );
    assert_eq!(world.count("units"), before, "no unit was written");
}

#[test]
fn negative_or_absurd_establishment_numbers_are_refused_and_nothing_changes() {
    let mut world = World::new();
    let c = cast(&mut world);
    let company = unit(
        &mut world,
        &c.akmola_admin,
        unit_input("Рота", "company", AKMOLA, None, None),
    );
    establish(&mut world, &c.akmola_admin, &company, &[("rifleman", 10)]);
    let line = |p: &str, n: i64| EstablishmentLineInput {
        position: p.into(),
        authorised: n,
    };
    let cases = vec![
        (
            vec![line("rifleman", -5)],
            ("lines[0].authorised", "out_of_range"),
        ),
        (
            vec![line("rifleman", 1_000_000)],
            ("lines[0].authorised", "out_of_range"),
        ),
        (
            vec![line("rifleman", 5), line("rifleman", 6)],
            ("lines[1].position", "duplicate_position"),
        ),
        (
            vec![line("astronaut", 1)],
            ("lines[0].position", "unknown_position"),
        ),
        (
            vec![
                line("rifleman", 5000),
                line("medic", 5000),
                line("driver", 1),
            ],
            ("lines", "establishment_too_large"),
        ),
    ];
    for (lines, (field, rule)) in cases {
        let err = units::set_establishment(
            &mut world.store,
            &c.akmola_admin,
            EstablishmentInput {
                unit_id: company.id.clone(),
                lines,
            },
        )
        .expect_err("a bad establishment is refused");
        assert!(
            rules(&err).contains(&(field.to_owned(), rule.to_owned())),
            "{field} is named with {rule}, got {:?}",
            rules(&err)
        );
    }
    let stored: i64 = world
        .store
        .conn()
        .query_row(
            "SELECT sum(authorised) FROM unit_establishment WHERE unit_id = ?",
            [&company.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        stored, 10,
        "the establishment is unchanged after every refusal"
    );
}

#[test]
fn disbanding_a_unit_with_members_asks_what_happens_to_them() {
    let mut world = World::new();
    let c = cast(&mut world);
    let brigade = unit(
        &mut world,
        &c.national,
        unit_input("Бригада", "brigade", AKMOLA, None, None),
    );
    let first = unit(
        &mut world,
        &c.national,
        unit_input("1-я рота", "company", AKMOLA, None, Some(&brigade)),
    );
    let second = unit(
        &mut world,
        &c.national,
        unit_input("2-я рота", "company", AKMOLA, None, Some(&brigade)),
    );
    let third = unit(
        &mut world,
        &c.national,
        unit_input("3-я рота", "company", AKMOLA, None, Some(&brigade)),
    );
    let d = c.akmola_district.clone();
    let people: Vec<String> = (0..3)
        .map(|i| {
            enrolled(
                &mut world,
                &c.national,
                &d,
                "Серіков",
                "1990-05-15",
                10 + i * 10,
                vec![],
            )
            .id
        })
        .collect();
    assign(&mut world, &c.national, &people[0], &first, "rifleman");
    assign(&mut world, &c.national, &people[1], &first, "squad_leader");
    assign(&mut world, &c.national, &people[2], &second, "rifleman");
    let input = |id: &str, members, target: Option<&str>| DisbandInput {
        id: id.into(),
        date: "2026-11-20".into(),
        reason: "реорганизация".into(),
        members,
        target_unit_id: target.map(Into::into),
    };

    let err = units::disband(&mut world.store, &c.national, input(&first.id, None, None))
        .expect_err("members need a decision");
    assert_eq!(
        (
            err.reason.as_str(),
            err.params.get("count").map(String::as_str)
        ),
        ("unit_has_members", Some("2")),
        "the refusal says how many members are affected"
    );
    let err = units::disband(
        &mut world.store,
        &c.national,
        input(&brigade.id, Some(DisbandChoice::End), None),
    )
    .expect_err("standing subunits block disbanding");
    assert_eq!(err.reason, "unit_has_subunits", "subunits are named");
    let err = units::disband(
        &mut world.store,
        &c.national,
        input(&first.id, Some(DisbandChoice::Transfer), None),
    )
    .expect_err("a transfer needs a target");
    assert_eq!(
        rules(&err),
        vec![("target_unit_id".to_owned(), "target_required".to_owned())],
        "the missing target is named"
    );
    assert_eq!(
        world.count("assignments"),
        3,
        "the refusals ended no assignment"
    );

    let report = units::disband(
        &mut world.store,
        &c.national,
        input(&first.id, Some(DisbandChoice::Transfer), Some(&third.id)),
    )
    .expect("members move to the third company");
    assert_eq!(
        (report.transferred, report.ended, report.unit.status),
        (2, 0, UnitStatus::Disbanded),
        "two members moved and the unit is disbanded"
    );
    let moved = units::list_members(&world.store, &c.national, &third.id).unwrap();
    let positions: Vec<&str> = moved.iter().map(|m| m.position.as_str()).collect();
    assert_eq!(
        positions,
        vec!["squad_leader", "rifleman"],
        "members keep their positions in the new unit"
    );
    let history = units::volunteer_assignments(&world.store, &c.national, &people[0]).unwrap();
    assert_eq!(
        history.len(),
        2,
        "the old assignment is kept in the history"
    );
    assert_eq!(
        history[1].end_reason.as_deref(),
        Some("реорганизация"),
        "the old assignment ended with the disband reason"
    );

    let report = units::disband(
        &mut world.store,
        &c.national,
        input(&second.id, Some(DisbandChoice::End), None),
    )
    .expect("members' assignments end");
    assert_eq!(
        (report.transferred, report.ended),
        (0, 1),
        "one assignment ended"
    );
    assert!(
        units::volunteer_assignments(&world.store, &c.national, &people[2]).unwrap()[0]
            .end_date
            .is_some(),
        "the member of the second company holds no post"
    );
    let err = units::assign(
        &mut world.store,
        &c.national,
        units::AssignInput {
            volunteer_id: people[2].clone(),
            unit_id: second.id.clone(),
            position: "rifleman".into(),
            start_date: "2026-11-21".into(),
        },
    )
    .expect_err("a disbanded unit takes no members");
    assert_eq!(
        err.reason, "unit_disbanded",
        "the unit is named as disbanded"
    );
}
