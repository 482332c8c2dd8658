//! The roster solver: every roster it returns passes the independent validator (generated S
//! and M instances, and small hand-built ones), pinned assignments stay, every empty seat is
//! explained with the rule that keeps it empty, and the stop flag returns a valid roster.

use std::sync::atomic::AtomicBool;
use std::time::Duration;

use chrono::{DateTime, Duration as Span, NaiveDate, Utc, Weekday};
use jasaq::rosters::generate::{generate, Size};
use jasaq::rosters::model::{Facility, Guard, Post, Shift};
use jasaq::rosters::{
    solve, validate, Assignment, GapReason, Instance, Progress, Solution, SolveOptions,
};

/// Five facilities for a week with 40 guards: converges in a debug build within seconds.
const SMALL: Size = Size {
    facilities: 5,
    days: 7,
    guards: 40,
};

fn local(d: u32, h: u32) -> DateTime<Utc> {
    let date = NaiveDate::from_ymd_opt(2026, 12, d).expect("a December date");
    date.and_hms_opt(h, 0, 0).expect("an hour").and_utc() - Span::hours(5)
}

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).expect("a December date")
}

fn guard(eligible: Vec<u32>) -> Guard {
    Guard {
        name: "Guard".into(),
        unit: 0,
        eligible_facilities: eligible,
        certificates: Vec::new(),
        unavailable: Vec::new(),
        preferred_weekdays: Vec::new(),
        undesired_weekdays: Vec::new(),
        home_district: 0,
    }
}

/// One facility, `posts` posts of one guard each, 8-hour shifts starting at the given local
/// (day, hour)s, and `guards` eligible guards.
fn world(posts: usize, shifts: &[(u32, u32)], guards: usize) -> Instance {
    Instance {
        facilities: vec![Facility {
            name: "Water works".into(),
            criticality: 2,
            home_district: 0,
            responsible_unit: 0,
        }],
        posts: (0..posts)
            .map(|i| Post {
                name: format!("Post {i}"),
                facility: 0,
                guards_per_shift: 1,
                required_skill: None,
                active_from: date(1),
                active_until: date(31),
            })
            .collect(),
        shifts: shifts
            .iter()
            .map(|(d, h)| Shift {
                facility: 0,
                start: local(*d, *h),
                end: local(*d, *h) + Span::hours(8),
                rest_after_hours: None,
            })
            .collect(),
        guards: (0..guards).map(|_| guard(vec![0])).collect(),
        ..Default::default()
    }
}

fn run(instance: &Instance) -> Solution {
    let solution = solve(
        instance,
        SolveOptions {
            seed: 7,
            time_limit: Duration::from_secs(20),
            ..Default::default()
        },
    );
    let report = validate(instance, &solution.roster);
    assert!(
        report.violations.is_empty(),
        "the solver never breaks a hard rule: {:?}",
        report.violations
    );
    assert_eq!(
        solution
            .gaps
            .iter()
            .map(|g| u64::from(g.missing))
            .sum::<u64>(),
        report.objective.uncovered_seats,
        "every empty seat is explained"
    );
    solution
}

fn reasons(solution: &Solution) -> Vec<GapReason> {
    solution.gaps.iter().map(|g| g.reason).collect()
}

#[test]
fn generated_s_and_m_rosters_pass_the_validator() {
    for (size, limit) in [(Size::S, 20), (Size::M, 15)] {
        let instance = generate(size, 20261122);
        let solution = solve(
            &instance,
            SolveOptions {
                seed: 1,
                time_limit: Duration::from_secs(limit),
                ..Default::default()
            },
        );
        let report = validate(&instance, &solution.roster);
        assert!(
            report.violations.is_empty(),
            "{size:?}: zero hard violations, got {:?}",
            &report.violations[..report.violations.len().min(5)]
        );
        assert!(
            report.objective.coverage() > 0.95,
            "{size:?}: nearly every seat is filled ({})",
            report.objective.coverage()
        );
        assert_eq!(
            solution
                .gaps
                .iter()
                .map(|g| u64::from(g.missing))
                .sum::<u64>(),
            report.objective.uncovered_seats,
            "{size:?}: every empty seat is explained"
        );
        let relative =
            (solution.objective - report.objective.total).abs() / report.objective.total.max(1.0);
        assert!(
            relative < 1e-6,
            "{size:?}: the solver's own objective {} agrees with the validator's {}",
            solution.objective,
            report.objective.total
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_roster() {
    let instance = generate(SMALL, 3);
    let a = solve(
        &instance,
        SolveOptions {
            seed: 5,
            time_limit: Duration::from_secs(60),
            ..Default::default()
        },
    );
    let b = solve(
        &instance,
        SolveOptions {
            seed: 5,
            time_limit: Duration::from_secs(60),
            ..Default::default()
        },
    );
    assert!(
        !a.interrupted,
        "a small instance converges well inside a minute"
    );
    assert_eq!(a.roster, b.roster, "deterministic given the seed");
}

#[test]
fn pinned_assignments_are_never_moved() {
    // Guard 0 is the costly choice for both shifts (undesired weekday, away from home); pinned
    // to the first, he must stay there, and the second goes to guard 1.
    let mut w = world(1, &[(7, 8), (8, 8)], 2);
    w.guards[0].undesired_weekdays = vec![Weekday::Mon, Weekday::Tue];
    w.guards[0].home_district = 9;
    w.pinned = vec![Assignment {
        post: 0,
        shift: 0,
        guard: 0,
    }];
    let solution = run(&w);
    assert!(
        solution.roster.contains(&Assignment {
            post: 0,
            shift: 0,
            guard: 0
        }),
        "the pin stays: {:?}",
        solution.roster
    );
    assert!(
        solution.roster.contains(&Assignment {
            post: 0,
            shift: 1,
            guard: 1
        }),
        "the free seat goes to the cheaper guard"
    );
    assert_eq!(
        solution.roster.len(),
        2,
        "both seats filled, nothing doubled"
    );
}

#[test]
fn a_pinned_guard_is_not_given_a_shift_that_clashes_with_the_pin() {
    // One guard pinned on 1 Dec 22:00-06:00; the 2 Dec 14:00 shift is 8 h later: empty, for rest.
    let mut w = world(1, &[(1, 22), (2, 14)], 1);
    w.pinned = vec![Assignment {
        post: 0,
        shift: 0,
        guard: 0,
    }];
    let solution = run(&w);
    assert_eq!(
        solution.roster,
        vec![Assignment {
            post: 0,
            shift: 0,
            guard: 0
        }],
        "only the pin"
    );
    assert_eq!(
        reasons(&solution),
        vec![GapReason::Rest],
        "the gap is explained by the rest rule"
    );
}

#[test]
fn gaps_name_the_static_reason() {
    let mut w = world(3, &[(1, 8)], 2);
    // A second facility that no guard may guard.
    w.facilities.push(w.facilities[0].clone());
    w.posts.push(Post {
        facility: 1,
        ..w.posts[0].clone()
    });
    w.shifts.push(Shift {
        facility: 1,
        ..w.shifts[0].clone()
    });
    w.posts[0].required_skill = Some(4);
    w.posts[1].required_skill = Some(5);
    w.guards[0].certificates = vec![jasaq::rosters::model::Certificate {
        skill: 5,
        valid_until: date(31),
    }];
    w.guards[0].unavailable = vec![date(1)];
    let solution = run(&w);
    let by_post = |p: u32| solution.gaps.iter().find(|g| g.post == p).map(|g| g.reason);
    assert_eq!(by_post(0), Some(GapReason::NoSkill), "no one holds skill 4");
    assert_eq!(
        by_post(1),
        Some(GapReason::AllUnavailable),
        "the one holder of skill 5 is off that day"
    );
    assert_eq!(by_post(2), None, "the unskilled post is filled");
    assert_eq!(
        by_post(3),
        Some(GapReason::NoEligibleGuard),
        "the second facility has no guard"
    );
}

#[test]
fn gaps_name_the_time_rule() {
    let overlap = run(&world(2, &[(1, 8)], 1));
    assert_eq!(
        reasons(&overlap),
        vec![GapReason::Overlap],
        "one guard cannot stand two posts at once"
    );

    let week: Vec<(u32, u32)> = (1..=7).map(|d| (d, 8)).collect();
    let hours = run(&world(1, &week, 1));
    assert_eq!(
        reasons(&hours),
        vec![GapReason::WeeklyHours],
        "the seventh 8 h day passes 48 h in seven days"
    );

    let nights: Vec<(u32, u32)> = (1..=4).map(|d| (d, 22)).collect();
    let nights = run(&world(1, &nights, 1));
    assert_eq!(
        reasons(&nights),
        vec![GapReason::ConsecutiveNights],
        "a fourth night in a row"
    );
    let gap = &nights.gaps[0];
    assert_eq!(
        gap.blocked,
        vec![(GapReason::ConsecutiveNights, 1)],
        "the one candidate, blocked by the nights rule"
    );
}

#[test]
fn the_stop_flag_returns_a_valid_roster_and_progress_is_reported() {
    let instance = generate(SMALL, 11);
    let stop = AtomicBool::new(true);
    let stopped = solve(
        &instance,
        SolveOptions {
            stop: Some(&stop),
            ..Default::default()
        },
    );
    assert!(stopped.interrupted, "a raised flag stops the search");
    assert!(
        validate(&instance, &stopped.roster).violations.is_empty(),
        "what it has is valid"
    );

    let mut seen: Vec<Progress> = Vec::new();
    let mut record = |p: Progress| seen.push(p);
    let solution = solve(
        &instance,
        SolveOptions {
            seed: 2,
            time_limit: Duration::from_secs(60),
            progress: Some(&mut record),
            ..Default::default()
        },
    );
    assert!(
        seen.len() >= 2,
        "progress after construction and after each pass: {}",
        seen.len()
    );
    assert!(
        seen.windows(2)
            .all(|w| w[1].best_objective <= w[0].best_objective + 1e-6),
        "the best objective never gets worse"
    );
    let last = seen.last().expect("some progress");
    assert!(
        (last.best_objective - solution.objective).abs() < 1e-6,
        "the last report is the result"
    );
}
