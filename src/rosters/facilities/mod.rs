//! Facilities to guard, their posts and shift pattern, and the editable category list.
//!
//! A facility lies in one district of one region and is guarded by a responsible unit of the
//! same region (and its sub-units). Reads and writes go through the actor's scope in SQL
//! (district operators their district's facilities, regional administrators their region's,
//! national all; viewers read only); every change is audited with the before and after.
//!
//! This module holds the facility as it is read back and lists it; the rooms beside it hold
//! the category list (`categories`), the shift pattern (`pattern`), what a caller sends and how
//! it is checked (`input`), the scoped reads (`read`) and the one transaction that creates or
//! edits a facility with its posts (`save`).

mod categories;
mod input;
mod pattern;
mod read;
mod save;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use categories::{list_categories, save_category, FacilityCategory};
pub use input::{FacilityInput, PostInput};
pub use pattern::{pattern_of, CustomShift, PatternInput, PatternKind};
pub(crate) use read::find_facility;
pub use read::{get_facility, list_facilities};
pub use save::save_facility;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilityPost {
    pub id: String,
    pub name: String,
    pub guards_per_shift: u32,
    pub required_skill: Option<String>,
    pub active_from: String,
    pub active_until: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Facility {
    pub id: String,
    pub name: String,
    pub category: String,
    pub owner_bin: Option<String>,
    pub owner_name: Option<String>,
    pub own_protection_plan: bool,
    pub region_id: String,
    pub district_id: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub criticality: u8,
    pub responsible_unit_id: String,
    pub responsible_unit_name: String,
    pub pattern: PatternInput,
    pub posts: Vec<FacilityPost>,
    pub created_at: String,
    pub updated_at: String,
}

/// One facility in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilityRow {
    pub id: String,
    pub name: String,
    pub category: String,
    pub region_id: String,
    pub district_id: String,
    pub criticality: u8,
    pub responsible_unit_name: String,
    pub posts: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilityQuery {
    pub region_id: Option<String>,
    pub district_id: Option<String>,
}
