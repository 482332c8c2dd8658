//! The roster model: what must be guarded, by whom, under which limits, and what a roster is.
//!
//! Pure data, no rules: the solver (`solve.rs`) and the independent validator (`validate.rs`)
//! each read it their own way. Records refer to each other by their position in the instance's
//! lists (`facility: 3` is `instance.facilities[3]`), so the engine needs no database; the layer
//! that reads the units tables will map row ids to positions.
//!
//! Times are instants (`DateTime<Utc>`); every calendar notion (a shift's date, a declared
//! unavailable day, a weekday, the night) is taken in Kazakhstan's single fixed zone, UTC+5
//! (`clock::KZ_OFFSET_HOURS`). Definitions both sides implement:
//! - **A shift's date** is the local date of its start.
//! - **Unavailable day**: a guard may not work any shift whose interval `[start, end)` touches
//!   that local day (00:00-24:00 UTC+5): a night shift into a day off is refused.
//! - **Certificate**: valid on every local date up to and including `valid_until`; the post's
//!   skill must be held on the shift's date.
//! - **Rest**: between the end of a shift and the start of the guard's next one there are at
//!   least `max(limits.min_rest_hours, shift.rest_after_hours)` hours (24 h on / 72 h off puts
//!   72 on its shifts). Shifts that overlap break the overlap rule instead.
//! - **Rolling 7 days**: for every 168-hour window `[t, t + 168 h)`, any real `t`, the minutes
//!   of the guard's shifts inside the window (a shift over the window's edge counts its part
//!   inside) are at most `limits.max_hours_7d` hours. The maximum is reached with `t` at a shift
//!   start or at a shift end minus 168 h, so those are the windows checked.
//! - **Night shift**: a shift with at least `NIGHT_MIN_HOURS` (3) of its hours inside the local
//!   night 22:00-06:00 (the Labour Code's night time). Its **night** is the local date `D` whose
//!   night `[D 22:00, D+1 06:00)` it overlaps most (the earliest on a tie). A guard works at
//!   most `limits.max_consecutive_nights` night shifts on consecutive nights.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::clock::KZ_OFFSET_HOURS;

/// Hours inside the local night 22:00-06:00 that make a shift a night shift.
pub const NIGHT_MIN_HOURS: i64 = 3;

/// One roster problem: a period's shifts at some facilities and the guards who may stand them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Instance {
    pub facilities: Vec<Facility>,
    pub posts: Vec<Post>,
    pub shifts: Vec<Shift>,
    pub guards: Vec<Guard>,
    pub limits: Limits,
    pub weights: Weights,
    /// Assignments fixed by hand: the solver keeps every one of them.
    pub pinned: Vec<Assignment>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Facility {
    pub name: String,
    /// 1 (lowest) to 3 (highest).
    pub criticality: u8,
    pub home_district: u32,
    pub responsible_unit: u32,
}

/// A place at a facility that needs `guards_per_shift` guards on every shift of the facility
/// whose date lies in `[active_from, active_until]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Post {
    pub name: String,
    pub facility: u32,
    pub guards_per_shift: u32,
    pub required_skill: Option<u32>,
    pub active_from: NaiveDate,
    pub active_until: NaiveDate,
}

/// One concrete shift of a facility (every active post of the facility is staffed on it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Shift {
    pub facility: u32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Rest the pattern demands after this shift when longer than the limits' minimum
    /// (72 for 24 h on / 72 h off).
    pub rest_after_hours: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Certificate {
    pub skill: u32,
    pub valid_until: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Guard {
    pub name: String,
    /// The unit whose members' hours are kept fair among themselves.
    pub unit: u32,
    /// Facilities this guard may guard: the responsible units of these facilities are the
    /// guard's unit or one of its parents, already resolved. Sorted.
    pub eligible_facilities: Vec<u32>,
    pub certificates: Vec<Certificate>,
    /// Local dates declared unavailable (leave, illness, work).
    pub unavailable: Vec<NaiveDate>,
    pub preferred_weekdays: Vec<Weekday>,
    pub undesired_weekdays: Vec<Weekday>,
    pub home_district: u32,
}

/// Hard limits; editable per region (the defaults are the issue's).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Limits {
    pub min_rest_hours: u32,
    pub max_hours_7d: u32,
    pub max_consecutive_nights: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            min_rest_hours: 12,
            max_hours_7d: 48,
            max_consecutive_nights: 3,
        }
    }
}

/// Soft costs; the objective (lower is better) is
/// `uncovered * seats left empty`
/// `+ fairness * sum over guards of |guard's hours - mean hours of the guard's unit|`
///   (the mean over every guard of the unit in the instance)
/// `+ undesired_day * assignments on a guard's undesired weekday`
/// `+ not_preferred_day * assignments off the preferred weekdays of a guard who named some`
/// `+ post_change * sum over guards of the number of distinct posts they stand`
///   (keeps a guard on the same post across shifts)
/// `+ away_from_home * assignments at a facility outside the guard's home district`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct Weights {
    pub uncovered: f64,
    pub fairness: f64,
    pub undesired_day: f64,
    pub not_preferred_day: f64,
    pub post_change: f64,
    pub away_from_home: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            uncovered: 1000.0,
            fairness: 1.0,
            undesired_day: 20.0,
            not_preferred_day: 5.0,
            post_change: 10.0,
            away_from_home: 3.0,
        }
    }
}

/// A guard standing a post on a shift.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Assignment {
    pub post: u32,
    pub shift: u32,
    pub guard: u32,
}

/// A roster: the assignments, in any order.
pub type Roster = Vec<Assignment>;

/// The hard rules, by the name the UI shows when it refuses a change.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The post does not exist, is not at the shift's facility or is inactive on its date.
    NoSuchSlot,
    /// More guards on a post's shift than it needs.
    Overstaffed,
    /// The guard is not in a unit responsible for the facility.
    NotEligible,
    /// The guard lacks the post's skill or its certificate has expired by the shift's date.
    MissingSkill,
    /// The shift touches a day the guard declared unavailable.
    Unavailable,
    /// The guard stands the same post's shift twice.
    TwiceInSlot,
    Overlap,
    Rest,
    WeeklyHours,
    ConsecutiveNights,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::NoSuchSlot => "no_such_slot",
            Rule::Overstaffed => "overstaffed",
            Rule::NotEligible => "not_eligible",
            Rule::MissingSkill => "missing_skill",
            Rule::Unavailable => "unavailable",
            Rule::TwiceInSlot => "twice_in_slot",
            Rule::Overlap => "overlap",
            Rule::Rest => "rest",
            Rule::WeeklyHours => "weekly_hours",
            Rule::ConsecutiveNights => "consecutive_nights",
        }
    }
}

/// How a facility's day is cut into shifts; times are local (UTC+5).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ShiftPattern {
    /// Three 8-hour shifts a day from `first_start`.
    ThreeEights { first_start: NaiveTime },
    /// Two 12-hour shifts a day from `first_start`.
    TwoTwelves { first_start: NaiveTime },
    /// One 24-hour shift a day; whoever stands it rests 72 hours.
    DayOnThreeOff { start: NaiveTime },
    /// Shifts starting at the given local times, each with its length in minutes.
    Custom { shifts: Vec<(NaiveTime, i64)> },
}

impl ShiftPattern {
    /// The pattern's shifts as (local start, length in minutes, rest after in hours).
    fn daily(&self) -> Vec<(NaiveTime, i64, Option<u32>)> {
        let every = |first: NaiveTime, n: i64, len: i64| {
            (0..n)
                .map(|i| (first + Duration::minutes(i * len), len, None))
                .collect()
        };
        match self {
            ShiftPattern::ThreeEights { first_start } => every(*first_start, 3, 480),
            ShiftPattern::TwoTwelves { first_start } => every(*first_start, 2, 720),
            ShiftPattern::DayOnThreeOff { start } => vec![(*start, 1440, Some(72))],
            ShiftPattern::Custom { shifts } => shifts
                .iter()
                .map(|(start, len)| (*start, *len, None))
                .collect(),
        }
    }

    /// Refuses a shift of zero or negative length, or one longer than a day.
    pub fn check(&self) -> Result<(), &'static str> {
        let daily = self.daily();
        if daily.is_empty() {
            return Err("pattern_empty");
        }
        if daily.iter().any(|(_, len, _)| *len <= 0) {
            return Err("shift_length_not_positive");
        }
        if daily.iter().any(|(_, len, _)| *len > 1440) {
            return Err("shift_longer_than_a_day");
        }
        Ok(())
    }

    /// The facility's shifts starting on the local dates `from..from + days`, in time order.
    pub fn shifts(&self, facility: u32, from: NaiveDate, days: u32) -> Vec<Shift> {
        let mut out = Vec::new();
        for day in 0..days {
            let date = from + Duration::days(i64::from(day));
            for (start, len, rest) in self.daily() {
                let local = date.and_time(start);
                let start = local.and_utc() - Duration::hours(KZ_OFFSET_HOURS);
                out.push(Shift {
                    facility,
                    start,
                    end: start + Duration::minutes(len),
                    rest_after_hours: rest,
                });
            }
        }
        out.sort_by_key(|s| s.start);
        out
    }
}
