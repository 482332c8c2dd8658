//! Units, assignments and readiness (issue 4).
//!
//! The unit tree of each region (kind, agency, border direction, status, commander and an
//! establishment of authorised posts per position), the assignment history of volunteers to
//! positions, and readiness rolled up by region, agency and border direction. Every read and
//! write takes the [`Actor`](crate::access::Actor) and is scoped in SQL by the unit's region or
//! home district; every change is audited in its own transaction.
//!
//! Split by concern: reference data (`catalogue`), the tree (`structure`), disbanding
//! (`disband`), a unit's history (`history`), assignments and their checks (`assignments`, `checks`), readiness figures
//! (`readiness`, the national view from running totals in `rollup`; exported by
//! [`crate::reports`]), bulk transfers (`bulk`, read from a sheet by `bulk_file`).

mod assignments;
mod bulk;
pub(crate) mod bulk_file;
mod catalogue;
mod checks;
mod disband;
mod history;
mod readiness;
mod rollup;
mod structure;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use assignments::{
    assign, end_assignment, list_members, transfer, volunteer_assignments, AssignInput, Assignment,
    EndAssignmentInput, Member, TransferInput,
};
pub(crate) use assignments::{end_for_status_change, refresh_member};
pub use bulk::{
    apply_bulk_transfer, preview_bulk_transfer, BulkRow, BulkRowError, BulkTransferInput,
    BulkTransferReport,
};
pub use bulk_file::{read_bulk_bytes, read_bulk_rows, MAX_BULK_BYTES, MAX_BULK_ROWS};
pub use catalogue::{
    catalogues, save_position, save_unit_kind, Agency, Position, PositionDraft, UnitCatalogues,
    UnitKind, UnitKindDraft,
};
pub(crate) use checks::end_reason;
pub use disband::{disband, DisbandChoice, DisbandInput, DisbandReport};
pub use history::{unit_history, UnitEvent, UnitEventKind, UNIT_HISTORY_LIMIT};
pub(crate) use readiness::unit_readiness_all;
pub use readiness::{
    readiness, AgeBand, PositionFill, Readiness, ReadinessFigures, ReadinessGroup, ReadinessQuery,
    UnitReadiness, AGE_BANDS,
};
pub use structure::{
    create_unit, get_unit, list_units, set_establishment, update_unit, EstablishmentInput,
    EstablishmentLine, EstablishmentLineInput, Unit, UnitDetail, UnitInput, UnitQuery, UnitRow,
    UpdateUnit,
};

/// The border a unit faces; which region's brigade faces which is not published, so it is an
/// attribute of each unit, edited like any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Russia,
    Uzbekistan,
    China,
    Kyrgyzstan,
    Turkmenistan,
    Interior,
}

impl Direction {
    pub const ALL: [Direction; 6] = [
        Direction::Russia,
        Direction::Uzbekistan,
        Direction::China,
        Direction::Kyrgyzstan,
        Direction::Turkmenistan,
        Direction::Interior,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Russia => "russia",
            Direction::Uzbekistan => "uzbekistan",
            Direction::China => "china",
            Direction::Kyrgyzstan => "kyrgyzstan",
            Direction::Turkmenistan => "turkmenistan",
            Direction::Interior => "interior",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnitStatus {
    Cadre,
    Forming,
    Ready,
    Deployed,
    Disbanded,
}

impl UnitStatus {
    pub const ALL: [UnitStatus; 5] = [
        UnitStatus::Cadre,
        UnitStatus::Forming,
        UnitStatus::Ready,
        UnitStatus::Deployed,
        UnitStatus::Disbanded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            UnitStatus::Cadre => "cadre",
            UnitStatus::Forming => "forming",
            UnitStatus::Ready => "ready",
            UnitStatus::Deployed => "deployed",
            UnitStatus::Disbanded => "disbanded",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// How a member's qualification for their position stands on a day: the required skill is
/// missing, its certificate has expired, expires within [`EXPIRY_WARNING_DAYS`], or is fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Qualification {
    Ok,
    Missing,
    Expired,
    Expiring,
}

/// Certificates expiring within this many days are reported as expiring.
pub const EXPIRY_WARNING_DAYS: i64 = 30;

/// Largest authorised strength of one position in one unit, and of a whole unit: a brigade is
/// a few thousand people; anything beyond is a typing error.
pub const MAX_PER_POSITION: u32 = 5000;
pub const MAX_UNIT_TOTAL: u32 = 10_000;
