//! Roster instances from a seed, for the benchmark and the tests (the sizes S, M, L).
//!
//! The shape, so figures can be read against it:
//! - The period starts on Monday 23.11.2026 and runs 14 (S) or 28 (M, L) days, so M and L
//!   cross the November/December month boundary.
//! - Facilities come in groups of five, one group per district, guarded by one unit
//!   (the responsible unit); criticality 1-3 at random.
//! - Each facility has two posts, one guard per shift each: a gate (weapons training required
//!   at criticality 2 and 3) and either a perimeter patrol (no skill) or, at one facility in
//!   five, a control room (control-room certificate required). One post in ten opens only
//!   on day 1-6 of the period.
//! - Each facility works 3 x 8 h; a unit's facilities start at 06:00 or 08:00 local (so the
//!   night shift runs 22:00-06:00 or 00:00-08:00, across midnight or not).
//! - Guards are spread evenly over the units; 15% are also eligible for the next district's
//!   facilities (a parent unit's reserve). Skills: weapons 65%, first aid 30%, control room
//!   30%; one certificate in ten expires inside the period. 15% take 2-3 days' leave, 30% one
//!   day off; 30% name 2-3 preferred weekdays, 30% one or two undesired ones; 80% live in
//!   their unit's district.
//! - S (80 guards for 10 facilities) is tight: 480 guard-hours a day are needed and 80 x 48 h
//!   a week are at most available before days off; M and L have 12 guards per facility.

use chrono::{Duration, NaiveDate, NaiveTime, Weekday};

use super::model::{Certificate, Facility, Guard, Instance, Post, ShiftPattern};
use crate::volunteers::generate::Rng;

pub const SKILL_WEAPONS: u32 = 0;
pub const SKILL_FIRST_AID: u32 = 1;
pub const SKILL_CONTROL_ROOM: u32 = 2;
const FACILITIES_PER_UNIT: u32 = 5;

/// The instance sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub facilities: u32,
    pub days: u32,
    pub guards: u32,
}

impl Size {
    pub const S: Size = Size {
        facilities: 10,
        days: 14,
        guards: 80,
    };
    pub const M: Size = Size {
        facilities: 50,
        days: 28,
        guards: 600,
    };
    pub const L: Size = Size {
        facilities: 500,
        days: 28,
        guards: 6000,
    };
}

pub fn period_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn some_weekdays(rng: &mut Rng, n: u64) -> Vec<Weekday> {
    let mut days: Vec<Weekday> = Vec::new();
    while (days.len() as u64) < n {
        let d = WEEKDAYS[rng.below(7) as usize];
        if !days.contains(&d) {
            days.push(d);
        }
    }
    days
}

/// A seeded instance of the given size (same seed, same instance).
pub fn generate(size: Size, seed: u64) -> Instance {
    let mut rng = Rng::new(seed);
    let start = period_start();
    let end = start + Duration::days(i64::from(size.days) - 1);
    let units = size.facilities.div_ceil(FACILITIES_PER_UNIT).max(1);
    let mut instance = Instance::default();
    let time = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default();
    for f in 0..size.facilities {
        let unit = f / FACILITIES_PER_UNIT;
        let criticality = 1 + rng.below(3) as u8;
        instance.facilities.push(Facility {
            name: format!("Facility {}", f + 1),
            criticality,
            home_district: unit,
            responsible_unit: unit,
        });
        let late = |rng: &mut Rng| {
            if rng.chance(10) {
                start + Duration::days(1 + rng.below(6) as i64)
            } else {
                start
            }
        };
        let gate_from = late(&mut rng);
        instance.posts.push(Post {
            name: "Gate".into(),
            facility: f,
            guards_per_shift: 1,
            required_skill: (criticality >= 2).then_some(SKILL_WEAPONS),
            active_from: gate_from,
            active_until: end,
        });
        let control_room = rng.chance(20);
        let second_from = late(&mut rng);
        instance.posts.push(Post {
            name: if control_room {
                "Control room"
            } else {
                "Perimeter patrol"
            }
            .into(),
            facility: f,
            guards_per_shift: 1,
            required_skill: control_room.then_some(SKILL_CONTROL_ROOM),
            active_from: second_from,
            active_until: end,
        });
        let first_start = time(if unit.is_multiple_of(2) { 6 } else { 8 });
        instance
            .shifts
            .extend(ShiftPattern::ThreeEights { first_start }.shifts(f, start, size.days));
    }
    for g in 0..size.guards {
        let unit = g % units;
        let mut eligible: Vec<u32> = (unit * FACILITIES_PER_UNIT..(unit + 1) * FACILITIES_PER_UNIT)
            .filter(|f| *f < size.facilities)
            .collect();
        if units > 1 && rng.chance(15) {
            let next = (unit + 1) % units;
            eligible.extend(
                (next * FACILITIES_PER_UNIT..(next + 1) * FACILITIES_PER_UNIT)
                    .filter(|f| *f < size.facilities),
            );
        }
        eligible.sort_unstable();
        let mut certificates = Vec::new();
        for (skill, percent) in [
            (SKILL_WEAPONS, 65),
            (SKILL_FIRST_AID, 30),
            (SKILL_CONTROL_ROOM, 30),
        ] {
            if rng.chance(percent) {
                let valid_until = if rng.chance(10) {
                    start + Duration::days(rng.below(u64::from(size.days)) as i64)
                } else {
                    end + Duration::days(365)
                };
                certificates.push(Certificate { skill, valid_until });
            }
        }
        let mut unavailable = Vec::new();
        if rng.chance(15) {
            let from = rng.below(u64::from(size.days)) as i64;
            for d in 0..2 + rng.below(2) as i64 {
                unavailable.push(start + Duration::days(from + d));
            }
        }
        if rng.chance(30) {
            unavailable.push(start + Duration::days(rng.below(u64::from(size.days)) as i64));
        }
        unavailable.sort_unstable();
        unavailable.dedup();
        let preferred_weekdays = if rng.chance(30) {
            {
                let n = 2 + rng.below(2);
                some_weekdays(&mut rng, n)
            }
        } else {
            Vec::new()
        };
        let undesired_weekdays = if rng.chance(30) {
            let n = 1 + rng.below(2);
            let mut days = some_weekdays(&mut rng, n);
            days.retain(|d| !preferred_weekdays.contains(d));
            days
        } else {
            Vec::new()
        };
        instance.guards.push(Guard {
            name: format!("Guard {}", g + 1),
            unit,
            eligible_facilities: eligible,
            certificates,
            unavailable,
            preferred_weekdays,
            undesired_weekdays,
            home_district: if rng.chance(80) {
                unit
            } else {
                rng.below(u64::from(units)) as u32
            },
        });
    }
    instance
}
