//! Finding volunteers: one search box and the filtered, sorted, paged list, scoped in SQL.
//!
//! The query string picks its index: digits are an IIN prefix (a range on the unique IIN
//! index); three or more letters are "any part of a name" through a trigram index over the
//! folded names (Cyrillic letters match the Cyrillic fold, Latin letters the transliteration;
//! the national index, or the region's when the search is confined to a region or district),
//! newest registrations first; one or two letters are a surname prefix (a range on the
//! surname's sort key). Without a query the list sorts by name (the Kazakh alphabet's order),
//! birth date or registration. Pages are keyset (a cursor from the last row), never OFFSET,
//! so page 1000 costs what page 1 costs.
//! Totals are exact up to [`TOTAL_CAP`] and reported as "more than" beyond it unless the
//! query asks for `exact_total`: counting hundreds of thousands of rows on every keystroke is
//! what would make the list slow (measured: 47 ms to count 10,000 of a region's eligible
//! volunteers at a million rows, 4 ms for 1,000).
//!
//! This module holds the query, the row and the page and how a row is read; `mode` reads the
//! query string, `plan` turns a query into its SQL (the index choice above), and `page` runs a
//! plan for one page or for an export's walk over every match.

mod mode;
mod page;
mod plan;

use rusqlite::Row;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Sex, Status};

pub(crate) use page::each_match;
pub use page::search;

pub const MAX_PAGE: u32 = 200;
pub const TOTAL_CAP: u32 = 1_000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    #[default]
    Name,
    BirthDate,
    Registered,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VolunteerQuery {
    /// IIN prefix, or any part of a name in Cyrillic or Latin letters.
    pub q: Option<String>,
    pub region_id: Option<String>,
    pub district_id: Option<String>,
    pub status: Option<Status>,
    /// Outcome of the latest eligibility decision.
    pub eligible: Option<bool>,
    pub skill: Option<String>,
    pub age_min: Option<u32>,
    pub age_max: Option<u32>,
    /// Local dates `yyyy-mm-dd`, inclusive.
    pub registered_from: Option<String>,
    pub registered_to: Option<String>,
    /// Ignored when `q` is given: a query orders by its own index.
    pub sort: SortKey,
    pub descending: bool,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 1..=200; 0 means 50.
    pub limit: u32,
    /// Count every match instead of stopping at [`TOTAL_CAP`] (slower on broad queries).
    pub exact_total: bool,
}

/// One line of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VolunteerRow {
    pub id: String,
    pub iin: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: String,
    pub sex: Sex,
    pub region_id: String,
    pub district_id: String,
    pub status: Status,
    pub eligible: bool,
    pub review_flag: bool,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VolunteerPage {
    pub rows: Vec<VolunteerRow>,
    pub next_cursor: Option<String>,
    /// Matching rows, exact when `total_capped` is false; otherwise "more than `total`".
    pub total: u32,
    pub total_capped: bool,
}

/// A list row. The IIN search reads these from `volunteers_by_iin_row` (migration 0013): a
/// column added here must be added to that index too (a unit test in `plan` checks).
pub(crate) const ROW_COLUMNS: &str = "v.id, v.iin, v.surname, v.given_name, v.patronymic, \
    v.birth_date, v.sex, v.region_id, v.district_id, v.status, v.eligible, v.review_flag, \
    v.created_at";
pub(crate) const ROW_WIDTH: usize = 13;

pub(crate) fn row_from(r: &Row<'_>, at: usize) -> rusqlite::Result<VolunteerRow> {
    let sex: String = r.get(at + 6)?;
    let status: String = r.get(at + 9)?;
    Ok(VolunteerRow {
        id: r.get(at)?,
        iin: r.get(at + 1)?,
        surname: r.get(at + 2)?,
        given_name: r.get(at + 3)?,
        patronymic: r.get(at + 4)?,
        birth_date: r.get(at + 5)?,
        sex: Sex::parse(&sex).ok_or_else(|| crate::db::unknown_code(at + 6, "sex", &sex))?,
        region_id: r.get(at + 7)?,
        district_id: r.get(at + 8)?,
        status: Status::parse(&status)
            .ok_or_else(|| crate::db::unknown_code(at + 9, "status", &status))?,
        eligible: r.get(at + 10)?,
        review_flag: r.get(at + 11)?,
        created_at: r.get(at + 12)?,
    })
}
