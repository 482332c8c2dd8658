//! The unit tree of each region: creating and editing units, their establishment, and reading
//! them through the actor's scope (the unit's region, or its home district for district
//! operators). National administrators manage every region's structure, regional
//! administrators their own; a unit's parent is in the same region and never its descendant.
//!
//! This module holds the types a caller sends and gets back and who may manage structure;
//! `read` reads units through the scope, `edit` creates and edits them (with the checks on
//! the tree), and `establishment` reads and replaces a unit's authorised posts.

mod edit;
mod establishment;
mod read;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::assignments::Member;
use super::{Direction, UnitStatus};
use crate::access::{Actor, Role};
use crate::error::{Error, Result};

pub(crate) use edit::audit_unit;
pub use edit::{create_unit, update_unit};
pub use establishment::set_establishment;
pub(crate) use read::find_unit_in_scope;
pub use read::{get_unit, list_units};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitInput {
    pub name: String,
    pub kind: String,
    pub parent_id: Option<String>,
    pub agency_id: String,
    pub region_id: String,
    pub district_id: Option<String>,
    pub direction: Direction,
    /// Any status but `disbanded` (see [`super::disband`]).
    pub status: UnitStatus,
    /// An enrolled volunteer.
    pub commander_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateUnit {
    pub id: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub unit: UnitInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<String>,
    pub agency_id: String,
    pub region_id: String,
    pub district_id: Option<String>,
    pub direction: Direction,
    pub status: UnitStatus,
    pub commander_id: Option<String>,
    pub commander_name: Option<String>,
    pub disbanded_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitQuery {
    pub region_id: Option<String>,
    pub district_id: Option<String>,
    #[serde(default)]
    pub include_disbanded: bool,
}

/// One unit in a list, with its authorised and assigned strength.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<String>,
    pub agency_id: String,
    pub region_id: String,
    pub district_id: Option<String>,
    pub direction: Direction,
    pub status: UnitStatus,
    pub commander_name: Option<String>,
    pub authorised: u32,
    pub assigned: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EstablishmentLine {
    pub position: String,
    pub authorised: u32,
    pub assigned: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitDetail {
    pub unit: Unit,
    pub establishment: Vec<EstablishmentLine>,
    pub members: Vec<Member>,
    pub children: Vec<UnitRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EstablishmentLineInput {
    pub position: String,
    /// Signed so that a negative number reaches validation and is refused by name.
    #[ts(type = "number")]
    pub authorised: i64,
}

/// Replaces a unit's whole establishment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EstablishmentInput {
    pub unit_id: String,
    pub lines: Vec<EstablishmentLineInput>,
}

/// National administrators manage every region's structure, regional administrators their
/// own region's; nobody else manages structure.
pub(crate) fn require_manager(actor: &Actor, region_id: &str) -> Result<()> {
    actor.ready()?;
    match actor.role() {
        Role::NationalAdmin => Ok(()),
        Role::RegionalAdmin if actor.scope().region() == Some(region_id) => Ok(()),
        Role::RegionalAdmin => Err(Error::forbidden("out_of_scope")),
        _ => Err(Error::forbidden("role")),
    }
}

fn require_manager_role(actor: &Actor) -> Result<()> {
    actor.ready()?;
    match actor.role() {
        Role::NationalAdmin | Role::RegionalAdmin => Ok(()),
        _ => Err(Error::forbidden("role")),
    }
}
