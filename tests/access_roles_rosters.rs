//! Guard rosters, role by role: seat writes (assign, pin, remove) are refused to viewers and
//! outside the actor's region or district and write nothing; each allowed write is audited in
//! its transaction; and an auto-fill's result is committed only by the actor it was planned
//! for, in the scope it was planned in.

#[path = "common/access.rs"]
mod access;
mod common;

use std::sync::atomic::AtomicBool;

use access::{assert_refused, audited_step, fingerprint};
use common::rosters::{
    facility, facility_input, fill_week, guarded_facility, guards, seat, MON_08,
};
use common::units::{assign, enrolled, skill, unit, unit_input};
use common::{cast, World, AKMOLA};
use jasaq::rosters::fill;
use jasaq::rosters::roster::{self, PinInput};
use jasaq::ErrorCode;

#[test]
fn seat_writes_are_refused_to_viewers_and_outside_scope_and_audited_when_allowed() {
    let mut world = World::new();
    let c = cast(&mut world);
    let (g, f) = guarded_facility(&mut world, &c, 2);
    let gate = f.posts[0].id.clone();
    // A company of the other Akmola district with one guard of its own.
    let company = unit(
        &mut world,
        &c.national,
        unit_input(
            "2-рота",
            "company",
            AKMOLA,
            Some(&c.akmola_other_district),
            None,
        ),
    );
    let guard = enrolled(
        &mut world,
        &c.national,
        &c.akmola_other_district,
        "Зерендіұлы",
        "1988-07-07",
        900,
        vec![skill("weapons", Some("2027-12-31"))],
    )
    .id;
    assign(&mut world, &c.national, &guard, &company, "rifleman");
    let mut elsewhere = facility_input(&c.akmola_other_district, &company);
    elsewhere.name = "Зеренді су торабы".into();
    elsewhere.posts.truncate(1);
    let elsewhere = facility(&mut world, &c.national, elsewhere);
    let elsewhere_gate = elsewhere.posts[0].id.clone();
    let there = roster::assign_seat(
        &mut world.store,
        &c.national,
        seat(&elsewhere_gate, MON_08, &guard),
    )
    .expect("the national admin seats a guard in the other district")
    .assignment_id;

    let refusals = [
        (
            "a national viewer",
            c.national_viewer.clone(),
            "role",
            false,
        ),
        ("a regional viewer", c.akmola_viewer.clone(), "role", false),
        (
            "another region's admin",
            c.karaganda_admin.clone(),
            "out_of_scope",
            false,
        ),
        (
            "an operator, at another district's facility",
            c.akmola_operator.clone(),
            "out_of_scope",
            true,
        ),
    ];
    let mine = audited_step(&mut world, &c.akmola_operator, "roster.assign", |s, a| {
        roster::assign_seat(s, a, seat(&gate, MON_08, &g.ids[0]))
    })
    .assignment_id;
    for (who, actor, reason, other_district) in &refusals {
        let (post, guard, assignment) = if *other_district {
            (&elsewhere_gate, &guard, &there)
        } else {
            (&gate, &g.ids[1], &mine)
        };
        let before = fingerprint(&world);
        assert_refused(
            roster::assign_seat(&mut world.store, actor, seat(post, MON_08, guard)),
            ErrorCode::Forbidden,
            reason,
            &format!("{who} seats no guard"),
        );
        assert_refused(
            roster::pin_seat(
                &mut world.store,
                actor,
                PinInput {
                    assignment_id: assignment.clone(),
                    pinned: true,
                },
            ),
            ErrorCode::Forbidden,
            reason,
            &format!("{who} pins no seat"),
        );
        assert_refused(
            roster::remove_seat(&mut world.store, actor, assignment),
            ErrorCode::Forbidden,
            reason,
            &format!("{who} removes no seat"),
        );
        assert_eq!(
            fingerprint(&world),
            before,
            "refusals to {who} write nothing"
        );
    }
    audited_step(&mut world, &c.akmola_admin, "roster.pin", |s, a| {
        roster::pin_seat(
            s,
            a,
            PinInput {
                assignment_id: mine.clone(),
                pinned: true,
            },
        )
    });
    audited_step(&mut world, &c.akmola_operator, "roster.unassign", |s, a| {
        roster::remove_seat(s, a, &mine)
    });
}

#[test]
fn a_fill_is_committed_only_by_the_actor_it_was_planned_for() {
    let mut world = World::new();
    let c = cast(&mut world);
    let g = guards(&mut world, &c.national, &c.karaganda_district, 3);
    let f = facility(
        &mut world,
        &c.national,
        facility_input(&c.karaganda_district, &g.company),
    );
    let stop = AtomicBool::new(false);
    let planned = fill::plan_fill(&world.store, &c.national, fill_week(&f.id, 2))
        .expect("the national admin plans Karaganda's week");
    let result = fill::run_fill(planned, &stop, &mut |_| {});
    for (who, actor) in [
        ("an Akmola operator", &c.akmola_operator),
        ("the Akmola admin", &c.akmola_admin),
    ] {
        let before = fingerprint(&world);
        let planned = fill::plan_fill(&world.store, &c.national, fill_week(&f.id, 2))
            .expect("the national admin plans Karaganda's week");
        let theirs = fill::run_fill(planned, &stop, &mut |_| {});
        assert_refused(
            fill::commit_fill(&mut world.store, actor, theirs),
            ErrorCode::Forbidden,
            "out_of_scope",
            &format!("{who} does not commit a fill planned by the national admin for Karaganda"),
        );
        assert_eq!(
            fingerprint(&world),
            before,
            "{who}'s refused commit writes no seat of another region"
        );
    }
    let report = fill::commit_fill(&mut world.store, &c.national, result)
        .expect("the planner commits their own fill");
    assert!(report.added > 0, "the planner's fill seats guards");
}
