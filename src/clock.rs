//! Time and identifiers, passed in so that rules depending on them (lockout periods, idle
//! sign-out, audit timestamps) are tested deterministically. Nothing in the core reads the
//! system clock directly.

use std::sync::Mutex;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use uuid::{ContextV7, NoContext, Timestamp, Uuid};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The wall clock, used by the app and the CLI.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that only moves when told to, for tests.
pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn at(start: DateTime<Utc>) -> Self {
        Self(Mutex::new(start))
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A UUID v7 stamped with the clock's time: ids made at different offices sort by time and
/// never collide when their records are merged.
pub fn new_id(now: DateTime<Utc>) -> Uuid {
    let secs = now.timestamp().max(0) as u64;
    Uuid::new_v7(Timestamp::from_unix(
        NoContext,
        secs,
        now.timestamp_subsec_nanos(),
    ))
}

/// Where a batch of records takes its ids.
pub trait Ids {
    fn next_id(&self, now: DateTime<Utc>) -> Uuid;
}

/// [`new_id`]: random after the millisecond.
pub struct RandomIds;

impl Ids for RandomIds {
    fn next_id(&self, now: DateTime<Utc>) -> Uuid {
        new_id(now)
    }
}

/// UUIDs v7 in increasing order for one batch made at one instant (an import of a whole
/// file): the millisecond is the clock's, as in [`new_id`], and the bits after it are a
/// counter seeded at random (uuid's `ContextV7`) instead of fresh random bits. A batch's
/// entries then go to the right edge of the indexes keyed on the id that are written row by
/// row (the unique id, the decisions' and skills' keys), where SQLite fills pages instead of
/// splitting them at random places. (Not measured on its own: the machine was too noisy.)
pub struct IdBatch(ContextV7);

impl IdBatch {
    pub fn new() -> Self {
        Self(ContextV7::new())
    }
}

impl Default for IdBatch {
    fn default() -> Self {
        Self::new()
    }
}

impl Ids for IdBatch {
    fn next_id(&self, now: DateTime<Utc>) -> Uuid {
        let secs = now.timestamp().max(0) as u64;
        Uuid::new_v7(Timestamp::from_unix(
            &self.0,
            secs,
            now.timestamp_subsec_nanos(),
        ))
    }
}

/// Stored form of an instant: RFC 3339 UTC with milliseconds, so text order is time order.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_stamp(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Kazakhstan keeps one zone, UTC+5, since 1 March 2024.
pub const KZ_OFFSET_HOURS: i64 = 5;

/// The local (UTC+5) calendar date of an instant.
pub fn local_today(now: DateTime<Utc>) -> chrono::NaiveDate {
    (now + Duration::hours(KZ_OFFSET_HOURS)).date_naive()
}

/// Midnight of a local (UTC+5) calendar date, as a UTC instant.
pub fn local_midnight_utc(date: chrono::NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc() - Duration::hours(KZ_OFFSET_HOURS))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn local_midnight_is_nineteen_hundred_utc_the_day_before() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(
            stamp(local_midnight_utc(date)),
            "2026-02-28T19:00:00.000Z",
            "UTC+5 midnight is 19:00 UTC on the previous day"
        );
    }

    #[test]
    fn ids_sort_by_creation_time() {
        let t0 = Utc::now();
        let a = new_id(t0);
        let b = new_id(t0 + Duration::seconds(1));
        assert!(
            a < b,
            "UUID v7 order follows time, so merged records keep their order"
        );
        assert_eq!(a.get_version_num(), 7, "ids are UUID v7");
    }
}
