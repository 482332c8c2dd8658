//! Stored roster settings: facilities and their bad input, with access for every role; a
//! volunteer's day preferences and the soft-preference weights (scoped, validated, audited);
//! and limits versioned per region and applied from their date. Seats assigned by hand and by
//! auto-fill: rosters_seats.rs; publication and exports: rosters_publish.rs.

mod common;

use common::rosters::{
    custom, facility, facility_input, guarded_facility, guards, post, rule_of, seat, MON_08,
};
use common::{cast, World, AKMOLA};
use jasaq::rosters::facilities::{self, FacilityQuery};
use jasaq::rosters::limits::{self, LimitsInput};
use jasaq::rosters::roster;
use jasaq::ErrorCode;

#[test]
fn facilities_are_scoped_for_every_role_and_audited() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 3);
    let created = facility(
        &mut world,
        &c.akmola_operator,
        facility_input(&c.akmola_district, &g.company),
    );
    assert_eq!(
        created.posts.len(),
        2,
        "both posts are stored with the facility"
    );
    assert_eq!(
        world.audit_count("facility.create"),
        1,
        "creating a facility is audited"
    );
    let list = |world: &World, actor| {
        facilities::list_facilities(&world.store, actor, &FacilityQuery::default())
            .expect("listing is allowed to every role")
            .len()
    };
    assert_eq!(list(&world, &c.national), 1, "national sees every facility");
    assert_eq!(
        list(&world, &c.national_viewer),
        1,
        "a national viewer reads all"
    );
    assert_eq!(
        list(&world, &c.akmola_admin),
        1,
        "a regional admin sees the region's"
    );
    assert_eq!(
        list(&world, &c.akmola_viewer),
        1,
        "a regional viewer reads the region's"
    );
    assert_eq!(
        list(&world, &c.akmola_operator),
        1,
        "the operator sees the district's"
    );
    assert_eq!(
        list(&world, &c.karaganda_admin),
        0,
        "another region's admin sees none of Akmola's facilities"
    );
    let err = facilities::get_facility(&world.store, &c.karaganda_admin, &created.id)
        .expect_err("another region's facility is not readable");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope is forbidden");

    // Writes: viewers never; an operator only in their district; another region never.
    let mut edit = facility_input(&c.akmola_district, &g.company);
    edit.id = Some(created.id.clone());
    edit.name = "Жаңа атау".into();
    for viewer in [&c.national_viewer, &c.akmola_viewer] {
        let err = facilities::save_facility(&mut world.store, viewer, edit.clone())
            .expect_err("viewers are read-only");
        assert_eq!(err.code, ErrorCode::Forbidden, "a viewer may not edit");
    }
    let err = facilities::save_facility(&mut world.store, &c.karaganda_admin, edit.clone())
        .expect_err("another region's admin may not edit");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope is forbidden");
    let other = facility_input(&c.akmola_other_district, &g.company);
    let err = facilities::save_facility(&mut world.store, &c.akmola_operator, other)
        .expect_err("an operator may not create in another district");
    assert!(
        err.fields.iter().any(|f| f.rule == "out_of_scope"),
        "the refusal names the out-of-scope field: {err:?}"
    );
    let saved = facilities::save_facility(&mut world.store, &c.akmola_admin, edit)
        .expect("the region's admin edits");
    assert_eq!(saved.name, "Жаңа атау", "the edit is stored");
    assert_eq!(
        facilities::save_facility(
            &mut world.store,
            &c.national,
            facility_input(&c.karaganda_district, &g.company)
        )
        .expect_err("a unit of another region cannot guard")
        .fields[0]
            .rule,
        "unit_other_region",
        "the responsible unit must be of the facility's region"
    );
}

#[test]
fn bad_facility_input_is_refused_by_field_and_nothing_is_saved() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 2);
    let base = facility_input(&c.akmola_district, &g.company);

    let mut zero = base.clone();
    zero.pattern = custom(&[("08:00", 0)]);
    let err = facilities::save_facility(&mut world.store, &c.national, zero)
        .expect_err("a zero-length shift is refused");
    assert_eq!(
        (err.fields[0].field.as_str(), err.fields[0].rule.as_str()),
        ("pattern.custom[0].minutes", "shift_length_not_positive"),
        "the refusal names the shift and the rule"
    );
    let mut negative = base.clone();
    negative.pattern = custom(&[("20:00", 720), ("08:00", -60)]);
    let err = facilities::save_facility(&mut world.store, &c.national, negative)
        .expect_err("a negative shift is refused");
    assert_eq!(
        err.fields[0].field, "pattern.custom[1].minutes",
        "the second shift is named"
    );

    let mut too_many = base.clone();
    too_many.posts = vec![post("Қақпа", 2, None), post("Периметр", 1, None)];
    let err = facilities::save_facility(&mut world.store, &c.national, too_many)
        .expect_err("posts needing more guards at once than the unit has are refused");
    let f = &err.fields[0];
    assert_eq!(
        (f.field.as_str(), f.rule.as_str()),
        ("posts", "more_guards_than_unit"),
        "the refusal says the unit is too small"
    );
    assert_eq!(
        (f.params["needed"].as_str(), f.params["available"].as_str()),
        ("3", "2"),
        "it says how many are needed and how many the unit has"
    );

    let mut bad_bin = base.clone();
    bad_bin.owner_bin = Some("061211600013".into());
    bad_bin.criticality = 4;
    let err = facilities::save_facility(&mut world.store, &c.national, bad_bin)
        .expect_err("a wrong check digit and criticality 4 are refused");
    let rules: Vec<(&str, &str)> = err
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.rule.as_str()))
        .collect();
    assert!(
        rules.contains(&("owner_bin", "bin_check_digit"))
            && rules.contains(&("criticality", "criticality_range")),
        "every failing field is reported at once: {rules:?}"
    );
    assert_eq!(world.count("facilities"), 0, "nothing is half-saved");
    assert_eq!(world.count("facility_posts"), 0, "no post is saved either");
}

#[test]
fn limits_are_versioned_per_region_and_applied_from_their_date() {
    let mut world = World::new();
    let c = cast(&mut world);
    let (g, f) = guarded_facility(&mut world, &c, 3);
    let gate = f.posts[0].id.clone();
    let tight = LimitsInput {
        region_id: AKMOLA.into(),
        effective_date: "2026-11-24".into(),
        min_rest_hours: 12,
        max_hours_7d: 8,
        max_consecutive_nights: 3,
    };
    let err = limits::publish_limits(&mut world.store, &c.karaganda_admin, tight.clone())
        .expect_err("another region's admin may not set Akmola's limits");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope");
    let err = limits::publish_limits(&mut world.store, &c.akmola_operator, tight.clone())
        .expect_err("operators do not set limits");
    assert_eq!(err.code, ErrorCode::Forbidden, "role");
    let err = limits::publish_limits(
        &mut world.store,
        &c.akmola_admin,
        LimitsInput {
            max_hours_7d: 0,
            ..tight.clone()
        },
    )
    .expect_err("zero hours a week is refused");
    assert_eq!(err.fields[0].field, "max_hours_7d", "the field is named");
    limits::publish_limits(&mut world.store, &c.akmola_admin, tight).expect("the region's admin");
    // Monday is before the new version: 48 h apply, so two shifts a day apart are fine.
    roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&gate, MON_08, &g.ids[0]),
    )
    .expect("Monday under the default limits");
    roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&gate, "2026-11-24T03:00:00.000Z", &g.ids[1]),
    )
    .expect("Tuesday's first shift for another guard");
    let err = roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&gate, "2026-11-25T03:00:00.000Z", &g.ids[1]),
    )
    .expect_err("from Tuesday at most 8 h in 7 days");
    assert_eq!(
        rule_of(&err),
        Some("weekly_hours"),
        "the weekly-hours rule is named"
    );
    let versions = limits::list_limits(&world.store, &c.akmola_viewer, AKMOLA).expect("read");
    assert_eq!(
        versions.len(),
        2,
        "the published version and the defaults are listed"
    );
    assert_eq!(
        world.audit_count("roster_limits.publish"),
        1,
        "publishing is audited"
    );
}

#[test]
fn day_preferences_and_weights_are_scoped_validated_and_audited() {
    use jasaq::rosters::limits::{DayPreferencesInput, WeightsDto, WeightsInput};
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 1);
    let prefs = DayPreferencesInput {
        volunteer_id: g.ids[0].clone(),
        preferred: vec![0, 1],
        undesired: vec![5, 6],
    };
    limits::set_day_preferences(&mut world.store, &c.akmola_operator, prefs.clone())
        .expect("the district's operator records a guard's days");
    assert_eq!(
        world.count("volunteer_day_preferences"),
        4,
        "two preferred and two undesired weekdays are stored"
    );
    let err = limits::set_day_preferences(&mut world.store, &c.karaganda_admin, prefs.clone())
        .expect_err("another region's admin may not");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope");
    let err = limits::set_day_preferences(&mut world.store, &c.akmola_viewer, prefs.clone())
        .expect_err("a viewer may not");
    assert_eq!(err.code, ErrorCode::Forbidden, "read-only role");
    let err = limits::set_day_preferences(
        &mut world.store,
        &c.akmola_admin,
        DayPreferencesInput {
            preferred: vec![7],
            undesired: vec![1],
            ..prefs
        },
    )
    .expect_err("weekday 7 and a day both preferred and undesired are refused");
    assert_eq!(err.fields.len(), 1, "the bad weekday is named: {err:?}");
    assert_eq!(
        world.count("volunteer_day_preferences"),
        4,
        "a refused change leaves the stored days as they were"
    );
    assert_eq!(
        world.audit_count("volunteer.day_preferences"),
        1,
        "the one accepted change is audited"
    );

    let weights = WeightsInput {
        region_id: None,
        effective_date: "2026-12-01".into(),
        weights: WeightsDto {
            uncovered: 500.0,
            fairness: 2.0,
            undesired_day: 10.0,
            not_preferred_day: 1.0,
            post_change: 5.0,
            away_from_home: 1.0,
        },
    };
    let err = limits::publish_weights(&mut world.store, &c.akmola_admin, weights.clone())
        .expect_err("only national administrators set the weights");
    assert_eq!(err.code, ErrorCode::Forbidden, "role");
    let mut bad = weights.clone();
    bad.weights.fairness = -1.0;
    let err = limits::publish_weights(&mut world.store, &c.national, bad)
        .expect_err("a negative weight is refused");
    assert_eq!(err.fields[0].field, "fairness", "the weight is named");
    limits::publish_weights(&mut world.store, &c.national, weights).expect("published");
    let on = |date: &str| {
        limits::weights_on(
            world.store.conn(),
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        )
        .unwrap()
        .uncovered
    };
    assert_eq!(
        on("2026-11-30"),
        1000.0,
        "before the version the defaults apply"
    );
    assert_eq!(
        on("2026-12-01"),
        500.0,
        "from its date the new version applies"
    );
}
