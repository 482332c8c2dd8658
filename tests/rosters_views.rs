//! The roster screens beyond one facility's grid: a unit's guards x days calendar, the
//! soft-preference weights' versions, a volunteer's weekday preferences read back, and the
//! editable facility categories. Each is tried with every role of the standard cast.

mod common;

use common::rosters::{facility, facility_input, guarded_facility, guards, seat, MON_08};
use common::{cast, World, AKMOLA, KARAGANDA};
use jasaq::access::Role;
use jasaq::rosters::facilities::{self, FacilityCategory};
use jasaq::rosters::limits::{self, DayPreferencesInput, WeightsDto, WeightsInput};
use jasaq::rosters::roster;
use jasaq::rosters::unit_grid::{unit_roster, UnitRosterGuard, UnitRosterQuery, UnitRosterView};
use jasaq::ErrorCode;

/// 2026-11-24 00:00 local: the night shift, on Tuesday's local date but Monday's UTC one.
const TUE_00: &str = "2026-11-23T19:00:00.000Z";
/// 2026-11-24 08:00 local.
const TUE_08: &str = "2026-11-24T03:00:00.000Z";
/// 2026-11-30 08:00 local: the next week.
const NEXT_MON_08: &str = "2026-11-30T03:00:00.000Z";

fn week(unit_id: &str) -> UnitRosterQuery {
    UnitRosterQuery {
        unit_id: unit_id.into(),
        from: "2026-11-23".into(),
        days: 7,
    }
}

/// The row of `volunteer` in a unit's calendar; `listed` says why it must be there.
fn guard_row<'a>(view: &'a UnitRosterView, volunteer: &str, listed: &str) -> &'a UnitRosterGuard {
    view.guards
        .iter()
        .find(|x| x.volunteer_id == volunteer)
        .expect(listed)
}

#[test]
fn a_units_calendar_shows_its_guards_shifts_at_its_facilities_in_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    let (g, here) = guarded_facility(&mut world, &c, 4);
    let mut there_input = facility_input(&c.akmola_other_district, &g.company);
    there_input.name = "Зеренді су тартқышы".into();
    let there = facility(&mut world, &c.national, there_input);
    for (post, start, guard) in [
        (&here.posts[0].id, MON_08, &g.ids[0]),
        (&here.posts[0].id, TUE_08, &g.ids[0]),
        (&here.posts[0].id, TUE_00, &g.ids[3]),
        (&there.posts[0].id, MON_08, &g.ids[1]),
        (&here.posts[0].id, NEXT_MON_08, &g.ids[2]),
    ] {
        roster::assign_seat(&mut world.store, &c.national, seat(post, start, guard))
            .expect("a free guard stands the seat");
    }

    let view = unit_roster(&world.store, &c.national, &week(&g.company.id))
        .expect("the national admin reads any unit's calendar");
    assert_eq!(view.dates.len(), 7, "a week has seven local dates");
    assert_eq!(
        view.dates[0], "2026-11-23",
        "the period starts on its first day"
    );
    assert_eq!(
        view.facilities.len(),
        2,
        "both facilities the company answers for are listed"
    );
    assert_eq!(
        view.guards.len(),
        4,
        "every member of the company's platoon is a row, with shifts or not"
    );
    let first = guard_row(&view, &g.ids[0], "the first guard is listed");
    assert_eq!(first.shifts.len(), 2, "both of the week's shifts show");
    assert_eq!(first.hours, 16, "two 8 h shifts are 16 hours");
    assert_eq!(
        (
            first.shifts[0].local_date.as_str(),
            first.shifts[0].local_start.as_str()
        ),
        ("2026-11-23", "08:00"),
        "times are shown in local UTC+5"
    );
    let fourth = guard_row(&view, &g.ids[3], "the fourth guard is listed");
    assert_eq!(
        (
            fourth.shifts[0].local_date.as_str(),
            fourth.shifts[0].local_start.as_str()
        ),
        ("2026-11-24", "00:00"),
        "a shift starting at local midnight belongs to the local day, not the UTC one"
    );
    assert_eq!(
        first.unit_name.as_deref(),
        Some("1-взвод"),
        "the sub-unit the guard serves in is named"
    );
    let third = guard_row(&view, &g.ids[2], "the third guard is listed");
    assert!(
        third.shifts.is_empty(),
        "a shift of the next week is outside the period"
    );

    let platoon = unit_roster(&world.store, &c.national, &week(&g.platoon.id))
        .expect("the platoon's calendar");
    assert!(
        platoon.facilities.is_empty(),
        "the platoon answers for no facility itself (its parent does)"
    );
    assert_eq!(platoon.guards.len(), 4, "its members are still its rows");
    let first_in_platoon = guard_row(
        &platoon,
        &g.ids[0],
        "the first guard is a member of the platoon",
    );
    assert_eq!(
        first_in_platoon.shifts.len(),
        2,
        "a platoon's calendar shows its guards' shifts at the company's facilities"
    );

    // Every reader in the region sees both facilities; the district's operator only its own.
    for (who, actor) in [
        ("national viewer", &c.national_viewer),
        ("regional admin", &c.akmola_admin),
        ("regional viewer", &c.akmola_viewer),
    ] {
        let v = unit_roster(&world.store, actor, &week(&g.company.id))
            .unwrap_or_else(|e| panic!("the {who} reads the calendar: {e:?}"));
        assert_eq!(
            v.facilities.len(),
            2,
            "the {who} sees the region's facilities"
        );
    }
    let op = unit_roster(&world.store, &c.akmola_operator, &week(&g.company.id))
        .expect("the operator of the company's home district reads its calendar");
    assert_eq!(
        op.facilities.len(),
        1,
        "the operator sees only the facility of the district"
    );
    let second = guard_row(&op, &g.ids[1], "the second guard is a member");
    assert!(
        second.shifts.is_empty(),
        "a shift at another district's facility is not shown to the operator"
    );
    let err = unit_roster(&world.store, &c.karaganda_admin, &week(&g.company.id))
        .expect_err("another region's admin may not read it");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope is forbidden");
    let other_op = world.user(
        &c.national,
        "akm.op2",
        Role::DistrictOperator,
        None,
        Some(&c.akmola_other_district.id),
    );
    let err = unit_roster(&world.store, &other_op, &week(&g.company.id))
        .expect_err("an operator of another district does not see the company");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope is forbidden");

    let err =
        unit_roster(&world.store, &c.national, &week("no-such-unit")).expect_err("an unknown unit");
    assert_eq!(
        err.code,
        ErrorCode::NotFound,
        "an unknown unit is not found"
    );
    let mut bad = week(&g.company.id);
    bad.days = 0;
    bad.from = "23.11.2026".into();
    let err = unit_roster(&world.store, &c.national, &bad).expect_err("a bad period");
    assert_eq!(
        err.fields.len(),
        2,
        "both the date and the length are named: {err:?}"
    );
}

fn weights(fairness: f64) -> WeightsDto {
    WeightsDto {
        uncovered: 800.0,
        fairness,
        undesired_day: 12.0,
        not_preferred_day: 2.0,
        post_change: 4.0,
        away_from_home: 1.5,
    }
}

fn day(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

#[test]
fn weights_are_versioned_per_region_over_the_national_ones_and_scoped_by_role() {
    let mut world = World::new();
    let c = cast(&mut world);
    let defaults = limits::list_weights(&world.store, &c.akmola_operator, Some(AKMOLA))
        .expect("an operator reads the weights of the region");
    assert_eq!(defaults.len(), 1, "only the defaults before any version");
    assert_eq!(defaults[0].version, None, "the defaults carry no version");
    assert_eq!(
        defaults[0].weights.uncovered, 1000.0,
        "an uncovered seat costs most by default"
    );
    let national = WeightsInput {
        region_id: None,
        effective_date: "2026-12-01".into(),
        weights: weights(3.0),
    };
    let akmola = WeightsInput {
        region_id: Some(AKMOLA.into()),
        effective_date: "2026-12-10".into(),
        weights: weights(7.0),
    };
    // National versions: national administrators only.
    for (who, actor) in [
        ("regional admin", &c.akmola_admin),
        ("operator", &c.akmola_operator),
        ("regional viewer", &c.akmola_viewer),
        ("national viewer", &c.national_viewer),
    ] {
        let err = limits::publish_weights(&mut world.store, actor, national.clone())
            .expect_err("only national administrators publish national weights");
        assert_eq!(err.code, ErrorCode::Forbidden, "the {who} may not publish");
    }
    // A region's versions: its own administrators too, nobody else.
    for (who, actor) in [
        ("other region's admin", &c.karaganda_admin),
        ("operator", &c.akmola_operator),
        ("regional viewer", &c.akmola_viewer),
        ("national viewer", &c.national_viewer),
    ] {
        let err = limits::publish_weights(&mut world.store, actor, akmola.clone())
            .expect_err("a region's weights are its admins' or the national admins'");
        assert_eq!(err.code, ErrorCode::Forbidden, "the {who} may not publish");
    }
    let err = limits::publish_weights(
        &mut world.store,
        &c.national,
        WeightsInput {
            region_id: Some("KZ-99".into()),
            ..akmola.clone()
        },
    )
    .expect_err("an unknown region");
    assert_eq!(err.fields[0].field, "region_id", "the region is named");
    limits::publish_weights(&mut world.store, &c.national, national).expect("national");
    limits::publish_weights(&mut world.store, &c.akmola_admin, akmola).expect("Akmola's");
    assert_eq!(
        world.audit_count("roster_weights.publish"),
        2,
        "the two accepted versions are audited, the refusals wrote nothing"
    );

    let conn = world.store.conn();
    let fairness = |region: &str, date: &str| {
        limits::weights_in(conn, region, day(date))
            .expect("weights")
            .fairness
    };
    assert_eq!(
        fairness(AKMOLA, "2026-11-30"),
        1.0,
        "before any version: defaults"
    );
    assert_eq!(
        fairness(AKMOLA, "2026-12-05"),
        3.0,
        "before the region's own version the national one applies"
    );
    assert_eq!(
        fairness(AKMOLA, "2026-12-10"),
        7.0,
        "from its date the region's own version applies"
    );
    assert_eq!(
        fairness(KARAGANDA, "2026-12-10"),
        3.0,
        "another region keeps the national version"
    );

    for actor in [
        &c.national,
        &c.akmola_admin,
        &c.akmola_viewer,
        &c.akmola_operator,
    ] {
        let list = limits::list_weights(&world.store, actor, Some(AKMOLA)).expect("readable");
        let fairness: Vec<f64> = list.iter().map(|v| v.weights.fairness).collect();
        assert_eq!(
            fairness,
            [7.0, 3.0, 1.0],
            "the region's version, the national one, the defaults"
        );
        assert_eq!(
            list[0].region_id.as_deref(),
            Some(AKMOLA),
            "the region's version is marked"
        );
        assert_eq!(list[1].region_id, None, "the national one is not");
    }
    let list = limits::list_weights(&world.store, &c.karaganda_admin, Some(KARAGANDA))
        .expect("Karaganda reads its own");
    assert_eq!(list.len(), 2, "Akmola's version is not among Karaganda's");
    let err = limits::list_weights(&world.store, &c.karaganda_admin, Some(AKMOLA))
        .expect_err("another region's weights");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope");
    let national_list = limits::list_weights(&world.store, &c.national_viewer, None)
        .expect("the national versions");
    assert_eq!(
        national_list.len(),
        2,
        "the national version and the defaults"
    );
}

#[test]
fn day_preferences_read_back_through_the_volunteers_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 1);
    let id = g.ids[0].clone();
    let empty = limits::day_preferences(&world.store, &c.akmola_operator, &id)
        .expect("the operator reads a guard's days");
    assert!(
        empty.preferred.is_empty() && empty.undesired.is_empty(),
        "none recorded yet"
    );
    limits::set_day_preferences(
        &mut world.store,
        &c.akmola_operator,
        DayPreferencesInput {
            volunteer_id: id.clone(),
            preferred: vec![4, 0],
            undesired: vec![6],
        },
    )
    .expect("recorded");
    for (who, actor) in [
        ("national admin", &c.national),
        ("national viewer", &c.national_viewer),
        ("regional admin", &c.akmola_admin),
        ("regional viewer", &c.akmola_viewer),
        ("operator", &c.akmola_operator),
    ] {
        let p = limits::day_preferences(&world.store, actor, &id)
            .unwrap_or_else(|e| panic!("the {who} reads the days: {e:?}"));
        assert_eq!(p.preferred, vec![0, 4], "preferred days in weekday order");
        assert_eq!(p.undesired, vec![6], "the undesired Sunday");
    }
    let other_op = world.user(
        &c.national,
        "akm.op2",
        Role::DistrictOperator,
        None,
        Some(&c.akmola_other_district.id),
    );
    for actor in [&c.karaganda_admin, &other_op] {
        let err = limits::day_preferences(&world.store, actor, &id)
            .expect_err("out of scope: another region or district");
        assert_eq!(err.code, ErrorCode::Forbidden, "out of scope is forbidden");
    }
    let err = limits::day_preferences(&world.store, &c.national, "nobody")
        .expect_err("an unknown volunteer");
    assert_eq!(err.code, ErrorCode::NotFound, "an unknown volunteer");
}

#[test]
fn facility_categories_are_edited_by_national_admins_audited_and_retired() {
    let mut world = World::new();
    let c = cast(&mut world);
    let dam = FacilityCategory {
        code: "dam".into(),
        name_kk: "Бөгет".into(),
        name_ru: "Плотина".into(),
        name_en: "Dam".into(),
        retired_at: None,
    };
    for (who, actor) in [
        ("regional admin", &c.akmola_admin),
        ("operator", &c.akmola_operator),
        ("regional viewer", &c.akmola_viewer),
        ("national viewer", &c.national_viewer),
    ] {
        let err = facilities::save_category(&mut world.store, actor, dam.clone())
            .expect_err("the list is national");
        assert_eq!(err.code, ErrorCode::Forbidden, "the {who} may not edit it");
    }
    let err = facilities::save_category(
        &mut world.store,
        &c.national,
        FacilityCategory {
            code: "Bad Code".into(),
            name_en: " ".into(),
            ..dam.clone()
        },
    )
    .expect_err("a bad code and an empty name");
    let named: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(named, ["code", "name_en"], "both fields are named");
    facilities::save_category(&mut world.store, &c.national, dam.clone()).expect("added");
    for actor in [&c.akmola_operator, &c.akmola_viewer, &c.karaganda_admin] {
        let list = facilities::list_categories(&world.store, actor).expect("every role reads");
        assert!(
            list.iter()
                .any(|x| x.code == "dam" && x.name_ru == "Плотина" && x.retired_at.is_none()),
            "the new category is listed for everyone"
        );
        assert_eq!(list.len(), 14, "thirteen shipped and the new one");
    }
    facilities::save_category(
        &mut world.store,
        &c.national,
        FacilityCategory {
            retired_at: Some(String::new()),
            ..dam
        },
    )
    .expect("retired");
    assert_eq!(
        world.audit_count("facility_category.save"),
        2,
        "adding and retiring are both audited"
    );
    let g = guards(&mut world, &c.national, &c.akmola_district, 1);
    let mut input = facility_input(&c.akmola_district, &g.company);
    input.category = "dam".into();
    let err = facilities::save_facility(&mut world.store, &c.national, input)
        .expect_err("a retired category takes no new facility");
    assert!(
        err.fields
            .iter()
            .any(|f| f.field == "category" && f.rule == "category_retired"),
        "the category is named as retired: {err:?}"
    );
    assert_eq!(
        world.count("facilities"),
        0,
        "nothing is saved with a retired category"
    );
}
