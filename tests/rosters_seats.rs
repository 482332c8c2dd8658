//! Filling a facility's seats: manual assignment checked live by the engine and refused naming
//! the rule (a 24 h shift before the loaded period still owes its rest), and auto-fill
//! (validated, pinned seats kept, gaps explained, stoppable with progress over a year and the
//! whole country).

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::rosters::{
    facility, facility_input, fill_week, guarded_facility, guards, post, rule_of, seat, week,
    MON_08,
};
use common::units::{assign, enrolled, skill, unit, unit_input};
use common::{cast, World, KARAGANDA};
use jasaq::rosters::fill::{fill, FillInput};
use jasaq::rosters::roster::{self, CandidateQuery, SeatInput};
use jasaq::ErrorCode;

/// 2026-11-23 16:00 local.
const MON_16: &str = "2026-11-23T11:00:00.000Z";

#[test]
fn manual_assignment_is_checked_live_and_refused_naming_the_rule() {
    let mut world = World::new();
    let c = cast(&mut world);
    let (g, f) = guarded_facility(&mut world, &c, 4);
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
            ..fill_week(&f.id, 5)
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
        fill_week(&f.id, 5),
        &stop,
        &mut |_| {},
    )
    .expect_err("a viewer may not fill");
    assert_eq!(err.code, ErrorCode::Forbidden, "viewers are read-only");
    let err = fill(
        &mut world.store,
        &c.karaganda_admin,
        fill_week(&f.id, 5),
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
            ..fill_week("x", 5)
        },
        &stop,
        &mut |_| {},
    )
    .expect_err("more than a year is refused");
    assert_eq!(err.fields[0].field, "days", "the period length is named");
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
