//! Who is acting and what they may reach.
//!
//! An [`Actor`] is only ever made by the core from the `users` row of someone who signed in, so
//! its role and scope are what the database says now, not what a client claims. Queries take
//! the actor's [`Scope`] and filter by it in SQL: an out-of-scope row is never read at all.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    NationalAdmin,
    RegionalAdmin,
    DistrictOperator,
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::NationalAdmin => "national_admin",
            Role::RegionalAdmin => "regional_admin",
            Role::DistrictOperator => "district_operator",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "national_admin" => Some(Role::NationalAdmin),
            "regional_admin" => Some(Role::RegionalAdmin),
            "district_operator" => Some(Role::DistrictOperator),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}

/// The part of the country an actor's reads and writes are confined to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    National,
    Region(String),
    District {
        region_id: String,
        district_id: String,
    },
}

impl Scope {
    /// A SQL condition on `{alias}.region_id` / `{alias}.district_id`, and its parameter.
    /// Parameters are bound, never spliced, so a crafted id cannot widen the filter.
    pub fn filter(&self, region_col: &str, district_col: &str) -> (String, Option<String>) {
        match self {
            Scope::National => ("1 = 1".to_owned(), None),
            Scope::Region(region) => (format!("{region_col} = ?"), Some(region.clone())),
            Scope::District { district_id, .. } => {
                (format!("{district_col} = ?"), Some(district_id.clone()))
            }
        }
    }

    pub fn region(&self) -> Option<&str> {
        match self {
            Scope::National => None,
            Scope::Region(region)
            | Scope::District {
                region_id: region, ..
            } => Some(region),
        }
    }
}

/// A signed-in user, as the database describes them at the start of this operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub(crate) user_id: String,
    pub(crate) username: String,
    pub(crate) role: Role,
    pub(crate) region_id: Option<String>,
    pub(crate) district_id: Option<String>,
    pub(crate) must_change_password: bool,
}

impl Actor {
    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    pub fn username(&self) -> &str {
        &self.username
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn scope(&self) -> Scope {
        match (self.role, &self.region_id, &self.district_id) {
            (Role::DistrictOperator, Some(region), Some(district)) => Scope::District {
                region_id: region.clone(),
                district_id: district.clone(),
            },
            (Role::RegionalAdmin | Role::Viewer, Some(region), _) => Scope::Region(region.clone()),
            (Role::NationalAdmin | Role::Viewer, None, _) => Scope::National,
            // The schema's CHECK makes any other shape impossible; refuse everything if seen.
            _ => Scope::District {
                region_id: String::new(),
                district_id: String::new(),
            },
        }
    }

    /// Every operation but changing one's own password waits until a reset password is changed.
    pub fn ready(&self) -> Result<()> {
        if self.must_change_password {
            return Err(Error::forbidden("password_change_required"));
        }
        Ok(())
    }

    /// National or regional administrators: user and district administration, the audit log.
    pub fn require_admin(&self) -> Result<()> {
        self.ready()?;
        match self.role {
            Role::NationalAdmin | Role::RegionalAdmin => Ok(()),
            _ => Err(Error::forbidden("role")),
        }
    }

    /// Administrators and district operators write within their scope; viewers only read.
    pub fn require_writer(&self) -> Result<()> {
        self.ready()?;
        match self.role {
            Role::Viewer => Err(Error::forbidden("role")),
            _ => Ok(()),
        }
    }

    pub fn require_national_admin(&self) -> Result<()> {
        self.ready()?;
        match self.role {
            Role::NationalAdmin => Ok(()),
            _ => Err(Error::forbidden("role")),
        }
    }
}
