//! The roster engine's hard rules, each proven twice: the independent validator flags a
//! hand-built roster that breaks it, and the live check (`check_assignment`) refuses the
//! assignment that would break it, naming the rule. Times are written in local time (UTC+5).

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use jasaq::rosters::model::{Certificate, Facility, Guard, Post, Shift};
use jasaq::rosters::{check_assignment, validate, Assignment, Instance, Rule, ShiftPattern};

/// A local (UTC+5) date and time as the instant it is.
fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    let date = NaiveDate::from_ymd_opt(y, m, d).expect("test dates are real");
    date.and_hms_opt(h, min, 0)
        .expect("test times are real")
        .and_utc()
        - Duration::hours(5)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test dates are real")
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

/// One facility with one post (one guard per shift, no skill) and the given shifts as
/// (local start, hours); `guards` guards all eligible for it.
fn world(shifts: &[(DateTime<Utc>, i64)], guards: usize) -> Instance {
    Instance {
        facilities: vec![Facility {
            name: "Substation".into(),
            criticality: 3,
            home_district: 0,
            responsible_unit: 0,
        }],
        posts: vec![Post {
            name: "Gate".into(),
            facility: 0,
            guards_per_shift: 1,
            required_skill: None,
            active_from: date(2026, 1, 1),
            active_until: date(2027, 12, 31),
        }],
        shifts: shifts
            .iter()
            .map(|(start, hours)| Shift {
                facility: 0,
                start: *start,
                end: *start + Duration::hours(*hours),
                rest_after_hours: None,
            })
            .collect(),
        guards: (0..guards).map(|_| guard(vec![0])).collect(),
        ..Default::default()
    }
}

fn on(shift: u32, guard: u32) -> Assignment {
    Assignment {
        post: 0,
        shift,
        guard,
    }
}

fn rules(instance: &Instance, roster: &[Assignment]) -> Vec<Rule> {
    validate(instance, roster)
        .violations
        .iter()
        .map(|v| v.rule)
        .collect()
}

/// The roster minus its last assignment, checked live against that last one.
fn live(instance: &Instance, roster: &[Assignment]) -> Result<(), Rule> {
    let (last, rest) = roster.split_last().expect("a roster to check");
    check_assignment(instance, rest, *last)
}

#[test]
fn overlapping_shifts_are_refused_across_posts() {
    let mut w = world(
        &[
            (local(2026, 12, 1, 8, 0), 8),
            (local(2026, 12, 1, 12, 0), 8),
        ],
        1,
    );
    w.posts.push(Post {
        name: "Patrol".into(),
        ..w.posts[0].clone()
    });
    let roster = [
        on(0, 0),
        Assignment {
            post: 1,
            shift: 1,
            guard: 0,
        },
    ];
    assert_eq!(
        rules(&w, &roster),
        vec![Rule::Overlap],
        "08-16 and 12-20 overlap by four hours"
    );
    assert_eq!(
        live(&w, &roster),
        Err(Rule::Overlap),
        "the live check names the overlap"
    );
    let same_shift = [
        on(0, 0),
        Assignment {
            post: 1,
            shift: 0,
            guard: 0,
        },
    ];
    assert_eq!(
        rules(&w, &same_shift),
        vec![Rule::Overlap],
        "two posts on the same shift overlap"
    );
}

#[test]
fn rest_counts_across_midnight() {
    // 22:00 on 1 December to 06:00 on 2 December, then 14:00 (8 h rest) or 18:00 (12 h).
    let w = world(
        &[
            (local(2026, 12, 1, 22, 0), 8),
            (local(2026, 12, 2, 14, 0), 8),
            (local(2026, 12, 2, 18, 0), 8),
        ],
        1,
    );
    assert_eq!(
        rules(&w, &[on(0, 0), on(1, 0)]),
        vec![Rule::Rest],
        "8 h after a night shift is under the 12 h rest"
    );
    assert_eq!(
        live(&w, &[on(0, 0), on(1, 0)]),
        Err(Rule::Rest),
        "the live check names the rest rule"
    );
    assert!(
        rules(&w, &[on(0, 0), on(2, 0)]).is_empty(),
        "exactly 12 h of rest is enough"
    );
    assert_eq!(
        live(&w, &[on(0, 0), on(2, 0)]),
        Ok(()),
        "the live check accepts exactly 12 h"
    );
    assert_eq!(
        live(&w, &[on(2, 0), on(0, 0)]),
        Ok(()),
        "order of entry does not matter"
    );
}

#[test]
fn a_day_on_three_off_shift_owes_72_hours_of_rest() {
    let mut w = world(&[], 1);
    w.shifts = ShiftPattern::DayOnThreeOff {
        start: NaiveTime::from_hms_opt(8, 0, 0).expect("08:00"),
    }
    .shifts(0, date(2026, 12, 1), 5);
    assert_eq!(w.shifts.len(), 5, "one 24 h shift a day");
    assert_eq!(
        rules(&w, &[on(0, 0), on(2, 0)]),
        vec![Rule::Rest],
        "24 h later is inside the 72 h rest"
    );
    assert_eq!(
        live(&w, &[on(0, 0), on(2, 0)]),
        Err(Rule::Rest),
        "the live check names the rest rule"
    );
    assert_eq!(
        rules(&w, &[on(0, 0), on(3, 0)]),
        vec![Rule::Rest],
        "48 h of rest is still short"
    );
    assert!(
        rules(&w, &[on(0, 0), on(4, 0)]).is_empty(),
        "72 h of rest is enough"
    );
    assert_eq!(
        live(&w, &[on(0, 0), on(4, 0)]),
        Ok(()),
        "the live check agrees"
    );
}

#[test]
fn the_seven_day_window_slides_across_the_month_boundary_and_counts_partial_shifts() {
    // Day shifts 10:00-18:00 from 27 November to 2 December: 48 h.
    let mut shifts: Vec<(DateTime<Utc>, i64)> = (0..6)
        .map(|i| (local(2026, 11, 27, 10, 0) + Duration::days(i), 8))
        .collect();
    // 4 December 08:00: the window from 27 Nov 10:00 to 4 Dec 10:00 holds 2 h of it (50 h).
    shifts.push((local(2026, 12, 4, 8, 0), 8));
    // 4 December 10:00: starts exactly as that window ends (48 h in every window).
    shifts.push((local(2026, 12, 4, 10, 0), 8));
    let w = world(&shifts, 1);
    let six: Vec<Assignment> = (0..6).map(|s| on(s, 0)).collect();
    assert!(
        rules(&w, &six).is_empty(),
        "48 h in seven days is the limit, not over it"
    );
    let over = [six.clone(), vec![on(6, 0)]].concat();
    assert_eq!(
        rules(&w, &over),
        vec![Rule::WeeklyHours],
        "2 h of the seventh shift fall inside a 168 h window that already holds 48 h"
    );
    assert_eq!(
        live(&w, &over),
        Err(Rule::WeeklyHours),
        "the live check names the hours rule"
    );
    let fine = [six, vec![on(7, 0)]].concat();
    assert!(
        rules(&w, &fine).is_empty(),
        "a shift starting as the window closes adds nothing to it"
    );
    assert_eq!(live(&w, &fine), Ok(()), "the live check agrees");
}

#[test]
fn consecutive_nights_count_by_night_not_by_date() {
    // Nights of 1, 2 and 3 December (22:00-06:00), then 00:00-08:00 on 5 December, which
    // belongs to the night of 4 December.
    let w = world(
        &[
            (local(2026, 12, 1, 22, 0), 8),
            (local(2026, 12, 2, 22, 0), 8),
            (local(2026, 12, 3, 22, 0), 8),
            (local(2026, 12, 5, 0, 0), 8),
            (local(2026, 12, 5, 22, 0), 8),
        ],
        1,
    );
    let three = [on(0, 0), on(1, 0), on(2, 0)];
    assert!(
        rules(&w, &three).is_empty(),
        "three nights in a row are allowed"
    );
    let four = [on(0, 0), on(1, 0), on(2, 0), on(3, 0)];
    assert_eq!(
        rules(&w, &four),
        vec![Rule::ConsecutiveNights],
        "00:00-08:00 on the 5th is the fourth night in a row"
    );
    assert_eq!(
        live(&w, &four),
        Err(Rule::ConsecutiveNights),
        "the live check names the nights rule"
    );
    assert!(
        rules(&w, &[on(0, 0), on(1, 0), on(2, 0), on(4, 0)]).is_empty(),
        "a night off breaks the run"
    );
}

#[test]
fn unavailable_days_are_local_days() {
    // 19:30 UTC on 1 December is 00:30 on 2 December in Kazakhstan.
    let late = DateTime::parse_from_rfc3339("2026-12-01T19:30:00Z")
        .expect("instant")
        .with_timezone(&Utc);
    let mut w = world(
        &[
            (late, 4),
            (local(2026, 12, 1, 16, 0), 8),
            (local(2026, 12, 1, 22, 0), 8),
        ],
        1,
    );
    w.guards[0].unavailable = vec![date(2026, 12, 2)];
    assert_eq!(
        rules(&w, &[on(0, 0)]),
        vec![Rule::Unavailable],
        "00:30 local on the 2nd is on the day off"
    );
    assert_eq!(
        live(&w, &[on(0, 0)]),
        Err(Rule::Unavailable),
        "the live check names the day off"
    );
    assert!(
        rules(&w, &[on(1, 0)]).is_empty(),
        "16:00-24:00 on the 1st ends as the day off begins"
    );
    assert_eq!(
        rules(&w, &[on(2, 0)]),
        vec![Rule::Unavailable],
        "a night shift into the day off touches it"
    );
    w.guards[0].unavailable = vec![date(2026, 12, 1)];
    assert!(
        rules(&w, &[on(0, 0)]).is_empty(),
        "in UTC it is the 1st, but locally the 2nd: not the day off"
    );
}

#[test]
fn eligibility_and_certificates_are_checked_on_the_shift_date() {
    let mut w = world(&[(local(2026, 12, 10, 22, 0), 8)], 3);
    w.posts[0].required_skill = Some(7);
    w.guards[0].certificates = vec![Certificate {
        skill: 7,
        valid_until: date(2026, 12, 10),
    }];
    w.guards[1].certificates = vec![Certificate {
        skill: 7,
        valid_until: date(2026, 12, 9),
    }];
    w.guards[2].eligible_facilities = vec![];
    w.guards[2].certificates = w.guards[0].certificates.clone();
    assert!(
        rules(&w, &[on(0, 0)]).is_empty(),
        "valid through the shift's date (its start), night included"
    );
    assert_eq!(
        rules(&w, &[on(0, 1)]),
        vec![Rule::MissingSkill],
        "expired the day before"
    );
    assert_eq!(
        check_assignment(&w, &[], on(0, 1)),
        Err(Rule::MissingSkill),
        "the live check names the skill"
    );
    assert_eq!(
        rules(&w, &[on(0, 2)]),
        vec![Rule::NotEligible],
        "not in a unit responsible for the facility"
    );
    assert_eq!(
        check_assignment(&w, &[], on(0, 2)),
        Err(Rule::NotEligible),
        "the live check names eligibility"
    );
}

#[test]
fn a_slot_takes_each_guard_once_and_no_more_than_it_needs() {
    let w = world(&[(local(2026, 12, 1, 8, 0), 8)], 2);
    let twice = rules(&w, &[on(0, 0), on(0, 0)]);
    assert!(
        twice.contains(&Rule::TwiceInSlot),
        "the same guard twice on one slot: {twice:?}"
    );
    assert_eq!(
        check_assignment(&w, &[on(0, 0)], on(0, 0)),
        Err(Rule::TwiceInSlot),
        "live: twice"
    );
    assert_eq!(
        rules(&w, &[on(0, 0), on(0, 1)]),
        vec![Rule::Overstaffed],
        "one guard needed, two given"
    );
    assert_eq!(
        check_assignment(&w, &[on(0, 0)], on(0, 1)),
        Err(Rule::Overstaffed),
        "live: the slot is full"
    );
    let mut inactive = w.clone();
    inactive.posts[0].active_from = date(2026, 12, 2);
    assert_eq!(
        rules(&inactive, &[on(0, 0)]),
        vec![Rule::NoSuchSlot],
        "the post opens the day after"
    );
    assert_eq!(
        check_assignment(&inactive, &[], on(0, 0)),
        Err(Rule::NoSuchSlot),
        "live: no such slot"
    );
}

#[test]
fn the_objective_follows_the_weights() {
    let mut w = world(
        &[(local(2026, 12, 7, 8, 0), 8), (local(2026, 12, 8, 8, 0), 8)],
        2,
    );
    // 7 December 2026 is a Monday.
    w.guards[0].undesired_weekdays = vec![Weekday::Mon];
    w.guards[0].preferred_weekdays = vec![Weekday::Tue];
    w.guards[0].home_district = 4;
    let o = validate(&w, &[on(0, 0)]).objective;
    assert_eq!(o.seats, 2, "two shifts of one post");
    assert_eq!(o.uncovered_seats, 1, "Tuesday is empty");
    assert_eq!(o.uncovered, 1000.0, "an empty seat costs 1000");
    assert_eq!(o.undesired_day, 20.0, "Monday is undesired");
    assert_eq!(
        o.not_preferred_day, 5.0,
        "Monday is not the preferred Tuesday"
    );
    assert_eq!(o.away_from_home, 3.0, "the guard lives in another district");
    assert_eq!(o.post_change, 10.0, "one post stood");
    assert_eq!(o.fairness, 8.0, "8 h and 0 h around a mean of 4 h");
    assert_eq!(o.total, 1046.0, "the parts add up");
}

#[test]
fn a_shift_pattern_must_have_positive_lengths() {
    let t = NaiveTime::from_hms_opt(8, 0, 0).expect("08:00");
    assert_eq!(
        ShiftPattern::Custom {
            shifts: vec![(t, 0)]
        }
        .check(),
        Err("shift_length_not_positive"),
        "zero length"
    );
    assert_eq!(
        ShiftPattern::Custom {
            shifts: vec![(t, -60)]
        }
        .check(),
        Err("shift_length_not_positive"),
        "negative"
    );
    assert_eq!(
        ShiftPattern::Custom { shifts: vec![] }.check(),
        Err("pattern_empty"),
        "no shift at all"
    );
    assert_eq!(
        ShiftPattern::TwoTwelves { first_start: t }.check(),
        Ok(()),
        "2 x 12 h is fine"
    );
    let three = ShiftPattern::ThreeEights {
        first_start: NaiveTime::from_hms_opt(6, 0, 0).expect("06:00"),
    };
    let shifts = three.shifts(0, date(2026, 11, 30), 2);
    assert_eq!(shifts.len(), 6, "three a day for two days");
    assert_eq!(
        shifts[2].start,
        local(2026, 11, 30, 22, 0),
        "the third starts at 22:00 local"
    );
    assert_eq!(
        shifts[2].end,
        local(2026, 12, 1, 6, 0),
        "and ends across midnight, in the next month"
    );
}
