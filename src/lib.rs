//! Jasaq core: the registry, rules, access control, audit and storage of the territorial
//! defence offices. It knows nothing of Tauri: the desktop shell and the `jasaq` CLI both call
//! these functions with the signed-in [`access::Actor`], and every read and write is scoped and
//! audited here.

pub mod access;
pub mod accounts;
pub mod assets;
pub mod audit;
pub mod clock;
pub mod db;
pub mod error;
pub mod identity;
pub mod mobilisation;
pub(crate) mod pdf;
pub mod places;
pub mod reports;
pub mod rosters;
pub mod settings;
pub mod sheets;
pub mod text;
pub mod units;
pub mod volunteers;

pub use error::{Error, ErrorCode, Result};

/// The input of operations that name one record by id (retire, deactivate...).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct IdInput {
    pub id: String,
}

/// The input of an IIN check as the user types.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct IinInput {
    pub iin: String,
}

/// The input of summaries that may be narrowed to one region (`None`: the actor's scope).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct RegionInput {
    pub region_id: Option<String>,
}
