//! Requisitioned assets and compensation at market value.
//!
//! In a threat the state may take buildings, vehicles, equipment and other assets of citizens
//! and organisations and must compensate the owners at market value. This area records an
//! asset from the requisition order to the last payment: owners (by IIN or BIN), assets with
//! identifiers by kind, the order and intake with attached files, appraisals (one is the
//! basis), the return or total loss, the claim and its payments. The amount owed is a pure
//! function ([`compensation::compute`]) shown line by line, and the requisition act and the
//! compensation statement are printed as PDF with an embedded font.
//!
//! Every operation takes the signed-in [`Actor`](crate::access::Actor), filters by its scope
//! in SQL, writes in one immediate transaction and records an audit entry (`asset.*`) whose
//! `entity_id` is the asset, so the audit entries of an asset are its timeline.

mod appraisals;
mod claims;
pub mod compensation;
mod detail;
mod documents;
mod lists;
pub mod money;
mod outcome;
mod owners;
mod register;
mod summary;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use appraisals::{appraise, mark_basis, Appraisal, MarkBasisInput, NewAppraisal};
pub use claims::{
    appeal_claim, decide_claim, file_claim, pay, AppealClaimInput, Claim, ClaimStep,
    DecideClaimInput, FileClaimInput, NewPayment, Payment,
};
pub use compensation::{compute, days_held, BreakdownLine, CompensationBreakdown, Holding};
pub use detail::{get, get_file, AssetDetail, FileContent};
pub use documents::{requisition_act, statement, Document, DocumentKind};
pub use lists::{
    list_assets, list_claims, list_owners, AssetPage, AssetQuery, AssetRow, ClaimPage, ClaimQuery,
    ClaimRow, OwnerPage, OwnerQuery, MAX_PAGE,
};
pub use money::{format_tenge, parse_tenge, MAX_AMOUNT};
pub use outcome::{record_loss, record_return, LossInput, Outcome, ReturnInput};
pub use owners::{add_owner, get_owner, NewOwner, Owner};
pub use register::{
    add_asset, attach_file, media_type_for, requisition, Asset, AssetFile, NewAsset, NewFile,
    RequisitionInput, RequisitionOrder, MAX_FILE_BYTES,
};
pub use summary::{summary, Summary, SummaryRow};

/// A stored text enum: its snake_case text and parsing back.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

text_enum!(
    /// A citizen is named by IIN, an organisation by BIN.
    OwnerKind { Citizen => "citizen", Organisation => "organisation" }
);

text_enum!(
    AssetKind {
        Building => "building",
        Premises => "premises",
        Land => "land",
        Vehicle => "vehicle",
        SpecialMachinery => "special_machinery",
        Equipment => "equipment",
        FuelSupplies => "fuel_supplies",
        Other => "other",
    }
);

text_enum!(
    /// How the state takes the asset: for a time (returned, paid per day) or for good.
    Mode { TemporaryUse => "temporary_use", TransferOfOwnership => "transfer_of_ownership" }
);

text_enum!(
    /// Where an asset stands, derived from its order and outcome: `registered` (no order
    /// yet), `held`, `returned`, `lost` (total loss) or `transferred` (ownership taken).
    AssetStatus {
        Registered => "registered",
        Held => "held",
        Returned => "returned",
        Lost => "lost",
        Transferred => "transferred",
    }
);

text_enum!(
    /// filed -> decided -> (appealed -> decided) -> partly_paid -> paid.
    ClaimStatus {
        Filed => "filed",
        Decided => "decided",
        Appealed => "appealed",
        PartlyPaid => "partly_paid",
        Paid => "paid",
    }
);

text_enum!(
    LossKind { Destroyed => "destroyed", Lost => "lost", Consumed => "consumed" }
);

/// The SQL expression of an asset's status over `assets a`, `asset_orders o`,
/// `asset_outcomes x` (left joins).
pub(crate) const STATUS_SQL: &str = "CASE WHEN x.outcome = 'lost' THEN 'lost' \
    WHEN x.outcome = 'returned' THEN 'returned' \
    WHEN o.mode = 'transfer_of_ownership' THEN 'transferred' \
    WHEN o.asset_id IS NOT NULL THEN 'held' ELSE 'registered' END";

/// A required `yyyy-mm-dd` date not after `today`. Rule keys: `required`, `invalid_date`,
/// `date_future`.
pub(crate) fn past_date(
    field: &str,
    text: &str,
    today: chrono::NaiveDate,
    problems: &mut Vec<crate::error::FieldError>,
) -> Option<chrono::NaiveDate> {
    if text.trim().is_empty() {
        problems.push(crate::error::FieldError::new(field, "required"));
        return None;
    }
    crate::text::past_date(field, text, today, problems)
}

/// Cleaned required text of at most `max` characters. Rule keys: `required`, `too_long`.
pub(crate) fn required_text(
    field: &str,
    text: &str,
    max: usize,
    problems: &mut Vec<crate::error::FieldError>,
) -> String {
    let cleaned = crate::text::clean(text);
    check_len(field, &cleaned, max, problems);
    if cleaned.is_empty() {
        problems.push(crate::error::FieldError::new(field, "required"));
    }
    cleaned
}

/// Cleaned optional text; blank is `None`. Rule key: `too_long`.
pub(crate) fn optional_text(
    field: &str,
    text: Option<&str>,
    max: usize,
    problems: &mut Vec<crate::error::FieldError>,
) -> Option<String> {
    let cleaned = crate::text::clean_opt(text);
    if let Some(t) = &cleaned {
        check_len(field, t, max, problems);
    }
    cleaned
}

fn check_len(field: &str, text: &str, max: usize, problems: &mut Vec<crate::error::FieldError>) {
    if text.chars().count() > max {
        problems.push(crate::error::FieldError::new(field, "too_long").with("max", max));
    }
}

/// An amount field: pushes its rule key (`negative`, `not_positive`, `too_large`) on failure.
pub(crate) fn amount(
    field: &str,
    tiyn: i64,
    positive: bool,
    problems: &mut Vec<crate::error::FieldError>,
) -> Option<i64> {
    money::check_amount(field, tiyn, positive)
        .map_err(|e| problems.push(e))
        .ok()
}
