//! The volunteer registry: registration and correction, the eligibility rules and their
//! versions, enrolment and discharge, likely-duplicate review, and search at national scale.
//!
//! Every operation takes the signed-in [`Actor`](crate::access::Actor) and filters by its
//! scope in SQL. Every save evaluates eligibility and stores the decision; the citizenship
//! rule is code (no setting can switch it off), the age and health rules are versioned data.

mod catalogue;
mod duplicates;
mod eligibility;
pub mod fold;
pub mod generate;
pub mod generate_csv;
pub use generate::{generate, GenerateOptions, GenerateReport};
pub mod import;
mod lifecycle;
pub mod phone;
mod publish;
mod record;
mod save;
mod search;
pub mod search_index;
mod skills;
pub mod unavailability;
mod validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::AuditEntry;
use crate::error::FieldError;
pub use crate::identity::Sex;

pub use duplicates::{list_duplicates, resolve_duplicate, DuplicateFlag};
pub(crate) use eligibility::not_eligible;
pub use eligibility::{
    age_on, current_rules, evaluate, list_rule_sets, Decision, EligibilityOutcome, FailedRule,
    NewRuleSet, PublishReport, RuleSet, StatusChange,
};
pub use lifecycle::{discharge, enrol, DischargeInput};
pub use publish::publish_rules;
pub(crate) use record::{find_by_iins_in_scope, find_in_scope, volunteer_event};
pub use record::{get, SaveOutcome, UpdateVolunteer, VolunteerDetail};
pub use save::{register, update};
pub(crate) use search::each_match;
pub use search::{
    search, SortKey, VolunteerPage, VolunteerQuery, VolunteerRow, MAX_PAGE, TOTAL_CAP,
};
pub use skills::{list_skills, save_skill, Skill, SkillDraft};
pub use unavailability::{
    declare_unavailability, list_unavailability, remove_unavailability, Unavailability,
    UnavailabilityInput, UnavailabilityKind,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Applicant,
    Eligible,
    Ineligible,
    Enrolled,
    Discharged,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Applicant => "applicant",
            Status::Eligible => "eligible",
            Status::Ineligible => "ineligible",
            Status::Enrolled => "enrolled",
            Status::Discharged => "discharged",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "applicant" => Some(Status::Applicant),
            "eligible" => Some(Status::Eligible),
            "ineligible" => Some(Status::Ineligible),
            "enrolled" => Some(Status::Enrolled),
            "discharged" => Some(Status::Discharged),
            _ => None,
        }
    }
}

/// Prior military service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MilitaryService {
    None,
    Conscript,
    Contract,
    Officer,
    Reserve,
}

impl MilitaryService {
    pub fn as_str(self) -> &'static str {
        match self {
            MilitaryService::None => "none",
            MilitaryService::Conscript => "conscript",
            MilitaryService::Contract => "contract",
            MilitaryService::Officer => "officer",
            MilitaryService::Reserve => "reserve",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "none" => Some(MilitaryService::None),
            "conscript" => Some(MilitaryService::Conscript),
            "contract" => Some(MilitaryService::Contract),
            "officer" => Some(MilitaryService::Officer),
            "reserve" => Some(MilitaryService::Reserve),
            _ => None,
        }
    }
}

/// Military-medical fitness category: А fit, Б fit with minor limits, В limited, Г
/// temporarily unfit, Д unfit (written here in Latin: a, b, v, g, d).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HealthCategory {
    A,
    B,
    V,
    G,
    D,
}

impl HealthCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            HealthCategory::A => "a",
            HealthCategory::B => "b",
            HealthCategory::V => "v",
            HealthCategory::G => "g",
            HealthCategory::D => "d",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "a" => Some(HealthCategory::A),
            "b" => Some(HealthCategory::B),
            "v" => Some(HealthCategory::V),
            "g" => Some(HealthCategory::G),
            "d" => Some(HealthCategory::D),
            _ => None,
        }
    }
}

/// One skill of a volunteer as entered. `licence_categories` only for skills that carry them
/// (driver: A, B, C, D, BE, CE...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SkillInput {
    pub code: String,
    #[serde(default)]
    pub licence_categories: Vec<String>,
    pub certificate_number: Option<String>,
    /// `yyyy-mm-dd`
    pub certificate_expiry: Option<String>,
}

/// A volunteer's record as entered on the form, for registration and for correction. Birth
/// date and sex may be left empty: they are then taken from the IIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VolunteerInput {
    pub iin: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    /// `yyyy-mm-dd`
    pub birth_date: Option<String>,
    pub sex: Option<Sex>,
    /// ISO 3166-1 alpha-2 (`KZ`) or `stateless`.
    pub citizenship: String,
    pub region_id: String,
    pub district_id: String,
    pub registered_address: String,
    pub actual_address: String,
    pub phone: String,
    pub email: Option<String>,
    pub military_service: MilitaryService,
    pub health_category: Option<HealthCategory>,
    pub notes: Option<String>,
    #[serde(default)]
    pub skills: Vec<SkillInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VolunteerSkill {
    pub code: String,
    pub licence_categories: Vec<String>,
    pub certificate_number: Option<String>,
    pub certificate_expiry: Option<String>,
}

/// A stored volunteer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Volunteer {
    pub id: String,
    pub iin: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: String,
    pub sex: Sex,
    pub citizenship: String,
    pub region_id: String,
    pub district_id: String,
    pub registered_address: String,
    pub actual_address: String,
    pub phone: String,
    pub email: Option<String>,
    pub military_service: MilitaryService,
    pub health_category: Option<HealthCategory>,
    pub notes: Option<String>,
    pub status: Status,
    /// The outcome of the latest eligibility decision.
    pub eligible: bool,
    #[ts(type = "number")]
    pub decision_version: i64,
    /// Set when an enrolled volunteer no longer meets the rules: a person must decide.
    pub review_flag: bool,
    pub enrolled_at: Option<String>,
    pub discharged_on: Option<String>,
    pub discharge_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub skills: Vec<VolunteerSkill>,
}

/// Warnings are advice returned with a successful save (the IIN proposes another birth date
/// or sex): never a refusal.
pub type Warnings = Vec<FieldError>;

/// Parameters of a rule or reason, for the UI's message catalogue.
pub type Params = BTreeMap<String, String>;

/// Display text of a failed rule, in English (the CLI; the UI localises from the code).
pub fn rule_text(code: &str) -> &'static str {
    match code {
        "citizenship_foreign" => "foreign nationals may not join territorial defence units",
        "citizenship_stateless" => "stateless persons may not join territorial defence units",
        "below_min_age" => "younger than the minimum age",
        "above_max_age" => "older than the maximum age",
        "health_excluded" => "health fitness category excluded by the rules",
        _ => "rule not met",
    }
}

/// The history of a record: audit entries are part of a volunteer's detail.
pub type History = Vec<AuditEntry>;
