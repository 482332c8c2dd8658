//! The types of activations and call-out rows, their stored codes, and the local (UTC+5)
//! instants users type.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::KZ_OFFSET_HOURS;

macro_rules! coded {
    ($name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }
    };
}

coded!(ActivationKind { Exercise = "exercise", Emergency = "emergency", MartialLaw = "martial_law" });
coded!(ActivationStatus { Draft = "draft", Active = "active", Closed = "closed" });
coded!(Exclusion { Ineligible = "ineligible", Discharged = "discharged", Unavailable = "unavailable" });
coded!(Response {
    Pending = "pending",
    WillReport = "will_report",
    Reported = "reported",
    Excused = "excused",
    NotReached = "not_reached",
    Absent = "absent",
});
coded!(Channel { Phone = "phone", Sms = "sms", Messenger = "messenger", InPerson = "in_person", Courier = "courier" });
coded!(ContactOutcome { Reached = "reached", NoAnswer = "no_answer", WrongNumber = "wrong_number", Refused = "refused" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Activation {
    pub id: String,
    pub kind: ActivationKind,
    pub legal_basis: String,
    pub order_number: String,
    /// UTC instant.
    pub declared_at: String,
    /// The declaring regional administrator's region; `None` for a national activation.
    pub region_id: Option<String>,
    pub assembly_point: String,
    pub report_by: String,
    pub status: ActivationStatus,
    pub created_at: String,
    pub created_by: String,
    pub activated_at: Option<String>,
    pub closed_at: Option<String>,
}

/// One row of a call-out list: the volunteer's IIN, name, phone and addresses as on file now;
/// their region, district, unit and position as at activation (the list's scope); their answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CallRow {
    pub volunteer_id: String,
    pub iin: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub phone: String,
    pub registered_address: String,
    pub actual_address: String,
    pub region_id: String,
    pub district_id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub position: String,
    pub excluded: Option<Exclusion>,
    pub exclusion_detail: Option<String>,
    pub reached: bool,
    pub response: Response,
    pub reported_at: Option<String>,
    pub reason: Option<String>,
}

/// A local (UTC+5) date and time as typed: `yyyy-mm-dd HH:MM` (or with `T`, or seconds), or
/// an RFC 3339 instant with its own offset. Returns the UTC instant.
pub fn parse_local_instant(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Some(t) = crate::clock::parse_stamp(text) {
        return Some(t);
    }
    let formats = [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%d.%m.%Y %H:%M",
    ];
    formats
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .map(|local| local.and_utc() - Duration::hours(KZ_OFFSET_HOURS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_instants_are_five_hours_ahead_of_utc() {
        let t = parse_local_instant("2026-12-01 09:30").unwrap();
        assert_eq!(
            crate::clock::stamp(t),
            "2026-12-01T04:30:00.000Z",
            "09:30 in Kazakhstan (UTC+5) is 04:30 UTC"
        );
        assert_eq!(
            parse_local_instant("01.12.2026 09:30"),
            Some(t),
            "the dd.MM.yyyy form means the same instant"
        );
        assert!(
            parse_local_instant("yesterday").is_none(),
            "free text is no instant"
        );
    }
}
