//! A facility's shift pattern as stored and typed (`PatternInput`) and its translation into the
//! engine's [`ShiftPattern`]. Both the save path and the roster loader read a stored pattern
//! through [`pattern_of`], so a pattern that saves is one the engine can cut into shifts.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::FieldError;
use crate::rosters::model::ShiftPattern;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PatternKind {
    ThreeEights,
    TwoTwelves,
    DayOnThreeOff,
    Custom,
}

impl PatternKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PatternKind::ThreeEights => "three_eights",
            PatternKind::TwoTwelves => "two_twelves",
            PatternKind::DayOnThreeOff => "day_on_three_off",
            PatternKind::Custom => "custom",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            PatternKind::ThreeEights,
            PatternKind::TwoTwelves,
            PatternKind::DayOnThreeOff,
            PatternKind::Custom,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// One shift of a custom pattern: local start `HH:MM` and its length in minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomShift {
    pub start: String,
    #[ts(type = "number")]
    pub minutes: i64,
}

/// How the facility's day is cut into shifts (local times, UTC+5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PatternInput {
    pub kind: PatternKind,
    /// First start `HH:MM` for the fixed kinds.
    pub start: Option<String>,
    #[serde(default)]
    pub custom: Vec<CustomShift>,
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

/// The engine's pattern for a stored or typed one, or the field and rule that fail.
pub fn pattern_of(input: &PatternInput) -> std::result::Result<ShiftPattern, FieldError> {
    let start = || {
        input
            .start
            .as_deref()
            .and_then(parse_time)
            .ok_or_else(|| FieldError::new("pattern.start", "time_format"))
    };
    let pattern = match input.kind {
        PatternKind::ThreeEights => ShiftPattern::ThreeEights {
            first_start: start()?,
        },
        PatternKind::TwoTwelves => ShiftPattern::TwoTwelves {
            first_start: start()?,
        },
        PatternKind::DayOnThreeOff => ShiftPattern::DayOnThreeOff { start: start()? },
        PatternKind::Custom => {
            let mut shifts = Vec::new();
            for (i, s) in input.custom.iter().enumerate() {
                let time = parse_time(&s.start).ok_or_else(|| {
                    FieldError::new(&format!("pattern.custom[{i}].start"), "time_format")
                })?;
                if s.minutes <= 0 {
                    return Err(FieldError::new(
                        &format!("pattern.custom[{i}].minutes"),
                        "shift_length_not_positive",
                    ));
                }
                shifts.push((time, s.minutes));
            }
            ShiftPattern::Custom { shifts }
        }
    };
    pattern
        .check()
        .map_err(|rule| FieldError::new("pattern", rule))?;
    Ok(pattern)
}
