//! Stored rosters: facilities and their bad input, access for every role, manual assignment
//! checked live by the engine, auto-fill (validated, pinned seats kept, gaps explained,
//! stoppable with progress over a year and the whole country), publication and limits.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::rosters::{custom, facility, facility_input, guards, post, seat};
use common::units::{assign, enrolled, skill, unit, unit_input};
use common::{cast, World, AKMOLA, KARAGANDA};
use jasaq::rosters::facilities::{self, FacilityQuery};
use jasaq::rosters::fill::{fill, FillInput};
use jasaq::rosters::limits::{self, LimitsInput};
use jasaq::rosters::roster::{
    self, CandidateQuery, PinInput, PublishInput, RosterQuery, SeatInput,
};
use jasaq::ErrorCode;

/// 2026-11-23 08:00 local (UTC+5): the first shift of the week.
const MON_08: &str = "2026-11-23T03:00:00.000Z";
/// 2026-11-23 16:00 local.
const MON_16: &str = "2026-11-23T11:00:00.000Z";

fn week(facility_id: &str) -> RosterQuery {
    RosterQuery {
        facility_id: facility_id.into(),
        from: "2026-11-23".into(),
        days: 7,
    }
}

fn fill_week(facility_id: &str) -> FillInput {
    FillInput {
        facility_ids: vec![facility_id.into()],
        region_id: None,
        district_id: None,
        from: "2026-11-23".into(),
        days: 7,
        reoptimise: false,
        time_limit_secs: Some(5),
    }
}

fn rule_of(err: &jasaq::Error) -> Option<&str> {
    err.params.get("rule").map(String::as_str)
}

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
fn manual_assignment_is_checked_live_and_refused_naming_the_rule() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 4);
    let f = facility(
        &mut world,
        &c.national,
        facility_input(&c.akmola_district, &g.company),
    );
    let (gate, perimeter) = (f.posts[0].id.clone(), f.posts[1].id.clone());
    let guard = g.ids[0].clone();
    roster::assign_seat(
        &mut world.store,
        &c.akmola_operator,
        seat(&gate, MON_08, &guard),
    )
    .expect("a free guard is put on the gate");
    let err = roster::assign_seat(
        &mut world.store,
        &c.akmola_operator,
        seat(&perimeter, MON_08, &guard),
    )
    .expect_err("the same guard on the perimeter at the same time overlaps");
    assert_eq!(
        rule_of(&err),
        Some("overlap"),
        "the refusal names the overlap rule"
    );
    let err = roster::assign_seat(
        &mut world.store,
        &c.akmola_operator,
        seat(&gate, MON_16, &guard),
    )
    .expect_err("the next shift straight after leaves no rest");
    assert_eq!(
        rule_of(&err),
        Some("rest"),
        "the refusal names the rest rule"
    );
    let err = roster::assign_seat(
        &mut world.store,
        &c.akmola_operator,
        seat(&gate, MON_08, &g.ids[1]),
    )
    .expect_err("the gate needs one guard and has one");
    assert_eq!(rule_of(&err), Some("overstaffed"), "a full seat is refused");

    // A guard of another region is not a member of the responsible unit.
    let kar_unit = unit(
        &mut world,
        &c.national,
        unit_input(
            "Қарағанды ротасы",
            "company",
            KARAGANDA,
            Some(&c.karaganda_district),
            None,
        ),
    );
    let outsider = enrolled(
        &mut world,
        &c.national,
        &c.karaganda_district,
        "Басқаев",
        "1985-05-15",
        900,
        vec![skill("weapons", Some("2027-12-31"))],
    );
    assign(&mut world, &c.national, &outsider.id, &kar_unit, "rifleman");
    let err = roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&perimeter, MON_16, &outsider.id),
    )
    .expect_err("a guard of another region is refused");
    assert_eq!(
        rule_of(&err),
        Some("not_eligible"),
        "the eligibility rule is named"
    );

    // A declared day of illness (migration 0007's table) and a missing skill.
    world
        .store
        .conn()
        .execute(
            "INSERT INTO volunteer_unavailability (id, volunteer_id, from_date, to_date, kind,
                 created_at, created_by)
             VALUES ('u1', ?1, '2026-11-23', '2026-11-23', 'illness', '2026-11-22T06:00:00Z', 'chief')",
            [&g.ids[2]],
        )
        .unwrap();
    let err = roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&perimeter, MON_16, &g.ids[2]),
    )
    .expect_err("a guard off sick that day is refused");
    assert_eq!(
        rule_of(&err),
        Some("unavailable"),
        "the unavailable-day rule is named"
    );
    let unskilled = enrolled(
        &mut world,
        &c.national,
        &c.akmola_district,
        "Қарусыз",
        "1990-07-17",
        950,
        vec![],
    );
    assign(
        &mut world,
        &c.national,
        &unskilled.id,
        &g.platoon,
        "rifleman",
    );
    let err = roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&perimeter, MON_16, &unskilled.id),
    )
    .expect_err("the perimeter needs weapons training");
    assert_eq!(
        rule_of(&err),
        Some("missing_skill"),
        "the skill rule is named"
    );

    // Roles: viewers never write, another region is out of scope.
    for actor in [&c.national_viewer, &c.akmola_viewer] {
        let err = roster::assign_seat(&mut world.store, actor, seat(&perimeter, MON_16, &g.ids[1]))
            .expect_err("viewers are read-only");
        assert_eq!(err.code, ErrorCode::Forbidden, "a viewer may not assign");
    }
    let err = roster::assign_seat(
        &mut world.store,
        &c.karaganda_admin,
        seat(&perimeter, MON_16, &g.ids[1]),
    )
    .expect_err("another region's admin may not assign");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope is forbidden");
    assert_eq!(
        world.count("roster_assignments"),
        1,
        "only the first, valid assignment was stored"
    );
    assert_eq!(
        world.audit_count("roster.assign"),
        1,
        "the assignment is audited"
    );

    let candidates = roster::candidates(
        &world.store,
        &c.akmola_admin,
        &CandidateQuery {
            post_id: perimeter.clone(),
            shift_start: MON_08.into(),
            search: "сақшы".into(),
        },
    )
    .expect("candidates are listed");
    let refused: Vec<_> = candidates
        .iter()
        .filter(|c| c.volunteer_id == guard)
        .map(|c| c.refused_by.clone())
        .collect();
    assert_eq!(
        refused,
        vec![Some("overlap".to_owned())],
        "the search shows the guard already on the gate as refused by overlap"
    );
}

#[test]
fn auto_fill_of_a_week_keeps_pinned_seats_validates_and_explains_gaps() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 10);
    let mut input = facility_input(&c.akmola_district, &g.company);
    input
        .posts
        .push(post("Басқару пульті", 1, Some("drone_operator")));
    let f = facility(&mut world, &c.national, input);
    let gate = f.posts[0].id.clone();
    let pinned_guard = g.ids[9].clone();
    roster::assign_seat(
        &mut world.store,
        &c.akmola_operator,
        SeatInput {
            pinned: true,
            ..seat(&gate, MON_08, &pinned_guard)
        },
    )
    .expect("a pinned seat is set by hand");
    let stop = AtomicBool::new(false);
    let mut reports = 0;
    let report = fill(
        &mut world.store,
        &c.akmola_operator,
        FillInput {
            reoptimise: true,
            ..fill_week(&f.id)
        },
        &stop,
        &mut |_| reports += 1,
    )
    .expect("the operator fills their facility's week");
    assert!(reports > 0, "progress is reported");
    assert_eq!(
        report.added,
        2 * 21 - 1,
        "every gate and perimeter seat of the 21 shifts is filled, the pinned one kept"
    );
    let view = roster::roster_view(&world.store, &c.akmola_viewer, &week(&f.id))
        .expect("a viewer reads the roster");
    let pinned_cell = view
        .cells
        .iter()
        .find(|cell| cell.post_id == gate && cell.shift_start == MON_08)
        .expect("the gate's first shift is in the grid");
    assert_eq!(
        pinned_cell.seats[0].volunteer_id, pinned_guard,
        "the pinned guard is never moved, even when re-optimising"
    );
    assert_eq!(
        report.gaps.len(),
        21,
        "the control room is empty on each of the 21 shifts"
    );
    assert!(
        report.gaps.iter().all(|gap| gap.reason == "no_skill"),
        "each control-room gap is explained: nobody holds the drone-operator skill"
    );
    let stored_gaps = view.cells.iter().filter(|c| c.gap.is_some()).count();
    assert_eq!(stored_gaps, 21, "the gaps are stored and shown in the grid");

    let total: usize = view.cells.iter().map(|c| c.seats.len()).sum();
    assert_eq!(total, 42, "42 seats are on the roster");
    let broken = roster::check_roster(&world.store, &c.akmola_admin, &week(&f.id))
        .expect("the stored week is validated");
    assert!(
        broken.is_empty(),
        "the independent validator finds no broken rule in the stored roster: {broken:?}"
    );
    assert_eq!(world.audit_count("roster.fill"), 1, "the fill is audited");

    let err = fill(
        &mut world.store,
        &c.akmola_viewer,
        fill_week(&f.id),
        &stop,
        &mut |_| {},
    )
    .expect_err("a viewer may not fill");
    assert_eq!(err.code, ErrorCode::Forbidden, "viewers are read-only");
    let err = fill(
        &mut world.store,
        &c.karaganda_admin,
        fill_week(&f.id),
        &stop,
        &mut |_| {},
    )
    .expect_err("another region's admin may not fill Akmola's facility");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope is forbidden");
}

#[test]
fn a_year_long_country_wide_fill_reports_progress_and_stops_keeping_the_best() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 8);
    for i in 0..6 {
        let mut input = facility_input(&c.akmola_district, &g.company);
        input.name = format!("Нысан {i}");
        input.posts = vec![post("Қақпа", 1, None)];
        facility(&mut world, &c.national, input);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let stopper = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(1500));
            stop.store(true, Ordering::Relaxed);
        })
    };
    let started = Instant::now();
    let mut progress = Vec::new();
    let report = fill(
        &mut world.store,
        &c.national,
        FillInput {
            facility_ids: Vec::new(),
            region_id: None,
            district_id: None,
            from: "2026-01-01".into(),
            days: 366,
            reoptimise: false,
            time_limit_secs: Some(600),
        },
        &stop,
        &mut |p| progress.push(p),
    )
    .expect("a national admin fills the whole country for a year");
    let took = started.elapsed();
    stopper.join().unwrap();
    assert!(!progress.is_empty(), "progress is reported while it runs");
    assert!(report.interrupted, "the stop flag ended the search early");
    assert!(
        took < Duration::from_secs(60),
        "stopping returns promptly instead of running to the 600 s limit (took {took:?})"
    );
    assert_eq!(
        world.count("roster_assignments") as u32,
        report.added,
        "the best roster found before the stop is kept"
    );

    let err = fill(
        &mut world.store,
        &c.national,
        FillInput {
            days: 367,
            ..fill_week("x")
        },
        &stop,
        &mut |_| {},
    )
    .expect_err("more than a year is refused");
    assert_eq!(err.fields[0].field, "days", "the period length is named");
}

#[test]
fn publishing_freezes_a_version_and_later_changes_are_listed() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 3);
    let f = facility(
        &mut world,
        &c.national,
        facility_input(&c.akmola_district, &g.company),
    );
    let gate = f.posts[0].id.clone();
    let first = roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&gate, MON_08, &g.ids[0]),
    )
    .expect("assigned");
    let published = roster::publish(
        &mut world.store,
        &c.akmola_operator,
        PublishInput {
            facility_id: f.id.clone(),
            from: "2026-11-23".into(),
            days: 7,
        },
    )
    .expect("the operator publishes the week");
    assert_eq!(published.version, 1, "the first publication is version 1");
    roster::remove_seat(&mut world.store, &c.akmola_operator, &first.assignment_id)
        .expect("a seat is removed after publishing");
    roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&gate, MON_08, &g.ids[1]),
    )
    .expect("another guard takes it");
    let view = roster::roster_view(&world.store, &c.national, &week(&f.id)).expect("read");
    let publication = view.publication.expect("the published version is shown");
    let mut kinds: Vec<_> = publication
        .changes
        .iter()
        .map(|ch| (ch.kind.as_str(), ch.volunteer_id.clone()))
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        vec![("added", g.ids[1].clone()), ("removed", g.ids[0].clone())],
        "the swap is tracked against the frozen version"
    );
    let err = world
        .store
        .conn()
        .execute("UPDATE roster_publications SET snapshot = '[]'", []);
    assert!(err.is_err(), "a published version can never be rewritten");
    let err = roster::publish(
        &mut world.store,
        &c.akmola_viewer,
        PublishInput {
            facility_id: f.id.clone(),
            from: "2026-11-23".into(),
            days: 7,
        },
    )
    .expect_err("viewers do not publish");
    assert_eq!(err.code, ErrorCode::Forbidden, "read-only role");
    let err = roster::pin_seat(
        &mut world.store,
        &c.karaganda_admin,
        PinInput {
            assignment_id: view
                .cells
                .iter()
                .find_map(|c| c.seats.first())
                .expect("a seat is on the roster")
                .assignment_id
                .clone(),
            pinned: true,
        },
    )
    .expect_err("another region may not pin");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope");
}

#[test]
fn limits_are_versioned_per_region_and_applied_from_their_date() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 3);
    let f = facility(
        &mut world,
        &c.national,
        facility_input(&c.akmola_district, &g.company),
    );
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
fn the_facility_week_prints_as_a_pdf_and_the_export_is_audited() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 3);
    let f = facility(
        &mut world,
        &c.national,
        facility_input(&c.akmola_district, &g.company),
    );
    roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&f.posts[0].id, MON_08, &g.ids[0]),
    )
    .expect("assigned");
    let input = jasaq::rosters::export::RosterExport {
        query: week(&f.id),
        lang: jasaq::reports::Lang::Kk,
    };
    let (name, bytes) =
        jasaq::rosters::export::facility_roster_pdf(&mut world.store, &c.akmola_viewer, &input)
            .expect("a viewer may print the roster");
    assert!(bytes.starts_with(b"%PDF"), "the bytes are a PDF");
    assert!(name.ends_with(".pdf"), "the file is named as a PDF: {name}");
    assert_eq!(
        world.audit_count("roster.export"),
        1,
        "the export is audited"
    );
    let err =
        jasaq::rosters::export::facility_roster_pdf(&mut world.store, &c.karaganda_admin, &input)
            .expect_err("another region may not print it");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope");
}

#[test]
fn the_roster_goes_out_as_xlsx_and_a_volunteers_shifts_as_icalendar() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 3);
    let f = facility(
        &mut world,
        &c.national,
        facility_input(&c.akmola_district, &g.company),
    );
    roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&f.posts[0].id, MON_08, &g.ids[0]),
    )
    .expect("assigned");
    let input = jasaq::rosters::export::RosterExport {
        query: week(&f.id),
        lang: jasaq::reports::Lang::En,
    };
    let (name, bytes) = jasaq::rosters::export::facility_roster_table(
        &mut world.store,
        &c.akmola_operator,
        &input,
        jasaq::reports::ExportFormat::Xlsx,
    )
    .expect("the operator exports the week");
    assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip");
    assert!(name.ends_with(".xlsx"), "named as XLSX: {name}");

    let calendar = jasaq::rosters::export::VolunteerCalendarExport {
        volunteer_id: g.ids[0].clone(),
        from: "2026-11-23".into(),
        days: 28,
    };
    let (name, bytes) =
        jasaq::rosters::export::volunteer_calendar(&mut world.store, &c.akmola_admin, &calendar)
            .expect("the region's admin exports a guard's shifts");
    let text = String::from_utf8(bytes).expect("iCalendar is text");
    assert!(name.ends_with(".ics"), "named as iCalendar: {name}");
    assert!(
        text.contains("BEGIN:VCALENDAR") && text.matches("BEGIN:VEVENT").count() == 1,
        "one event for the one shift: {text}"
    );
    assert!(
        text.contains("DTSTART:20261123T030000Z") && text.contains("DTEND:20261123T110000Z"),
        "the shift is written in UTC (08:00-16:00 local): {text}"
    );
    assert!(text.contains("Қақпа"), "the post names the event: {text}");
    assert_eq!(
        world.audit_count("roster.export") + world.audit_count("roster.calendar_export"),
        2,
        "both exports are audited"
    );
    let err =
        jasaq::rosters::export::volunteer_calendar(&mut world.store, &c.karaganda_admin, &calendar)
            .expect_err("another region may not export the guard's shifts");
    assert_eq!(err.code, ErrorCode::Forbidden, "out of scope");

    let (name, bytes) = jasaq::rosters::export::volunteer_schedule_pdf(
        &mut world.store,
        &c.akmola_operator,
        &calendar,
        jasaq::reports::Lang::Ru,
    )
    .expect("the operator prints the guard's personal schedule");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    assert!(name.starts_with("schedule-"), "named as a schedule: {name}");
    assert_eq!(
        world.audit_count("roster.schedule_export"),
        1,
        "the personal schedule export is audited"
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

#[test]
fn a_24_on_72_off_shift_outside_the_loaded_period_owes_its_own_rest() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.akmola_district, 2);
    let mut input = facility_input(&c.akmola_district, &g.company);
    input.pattern = jasaq::rosters::facilities::PatternInput {
        kind: jasaq::rosters::facilities::PatternKind::DayOnThreeOff,
        start: Some("08:00".into()),
        custom: Vec::new(),
    };
    input.posts = vec![post("Қақпа", 1, None)];
    let f = facility(&mut world, &c.national, input);
    let gate = f.posts[0].id.clone();
    let guard = g.ids[0].clone();
    roster::assign_seat(
        &mut world.store,
        &c.akmola_operator,
        seat(&gate, MON_08, &guard),
    )
    .expect("a free guard stands Monday's 24 h shift");
    // Wednesday 08:00 is 24 h after Monday's shift ends: past the 12 h minimum rest but inside
    // the pattern's 72 h off. The seat check loads only Wednesday, so Monday is context.
    let err = roster::assign_seat(
        &mut world.store,
        &c.akmola_operator,
        seat(&gate, "2026-11-25T03:00:00.000Z", &guard),
    )
    .expect_err("a 24 h shift outside the loaded day still owes 72 h off");
    assert_eq!(
        rule_of(&err),
        Some("rest"),
        "the refusal names the rest rule of the shift before the period"
    );
    roster::assign_seat(
        &mut world.store,
        &c.akmola_operator,
        seat(&gate, "2026-11-27T03:00:00.000Z", &guard),
    )
    .expect("72 h after Monday's shift ends the guard may stand again");
}
