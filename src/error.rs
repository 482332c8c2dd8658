//! The one error type of the core.
//!
//! Every failure a user can meet is one of a small, stable set of codes, serialised across IPC
//! as `{code, reason, message, fields, params}`. The UI localises from `reason`, `fields` and
//! `params` and never parses `message` (English, for the CLI and logs). Internal details (SQL,
//! paths of the system) are logged where they arise and never reach the user.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Unauthenticated,
    Locked,
    Internal,
}

/// One field that failed validation: `rule` is a stable key (`required`, `too_long`...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "FieldError")]
pub struct FieldError {
    pub field: String,
    pub rule: String,
    pub params: BTreeMap<String, String>,
}

impl FieldError {
    pub fn new(field: &str, rule: &str) -> Self {
        Self {
            field: field.to_owned(),
            rule: rule.to_owned(),
            params: BTreeMap::new(),
        }
    }

    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[ts(rename = "AppError")]
#[error("{message}")]
pub struct Error {
    pub code: ErrorCode,
    /// Stable key for the UI's catalogue, e.g. `account_locked`, `out_of_scope`.
    pub reason: String,
    /// English text for the CLI and logs.
    pub message: String,
    pub fields: Vec<FieldError>,
    pub params: BTreeMap<String, String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, reason: &str, message: impl Into<String>) -> Self {
        Self {
            code,
            reason: reason.to_owned(),
            message: message.into(),
            fields: Vec::new(),
            params: BTreeMap::new(),
        }
    }

    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }

    /// A validation failure listing each field and rule that failed.
    pub fn invalid(fields: Vec<FieldError>) -> Self {
        let detail: Vec<String> = fields
            .iter()
            .map(|f| {
                let params: Vec<String> =
                    f.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
                if params.is_empty() {
                    format!("{}: {}", f.field, f.rule)
                } else {
                    format!("{}: {} ({})", f.field, f.rule, params.join(", "))
                }
            })
            .collect();
        Self {
            code: ErrorCode::Validation,
            reason: "invalid".to_owned(),
            message: format!("invalid input: {}", detail.join("; ")),
            fields,
            params: BTreeMap::new(),
        }
    }

    pub fn field(field: &str, rule: &str) -> Self {
        Self::invalid(vec![FieldError::new(field, rule)])
    }

    pub fn forbidden(reason: &str) -> Self {
        let message = match reason {
            "role" => "your role may not do this",
            "out_of_scope" => "this is outside your region or district",
            "last_national_admin" => "the last active national administrator cannot be deactivated",
            "password_change_required" => "you must change your password first",
            "account_inactive" => "this account is deactivated",
            "setup_done" => "the first administrator already exists",
            _ => "not permitted",
        };
        Self::new(ErrorCode::Forbidden, reason, message)
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, what, format!("{what} not found"))
    }

    pub fn conflict(reason: &str, message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, reason, message)
    }

    pub fn unauthenticated(reason: &str) -> Self {
        let message = match reason {
            "bad_credentials" => "wrong username or password",
            "session_expired" => "signed out after a period of inactivity",
            _ => "not signed in",
        };
        Self::new(ErrorCode::Unauthenticated, reason, message)
    }

    /// An internal failure: the detail goes to the log, the user sees a generic message.
    pub fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(%detail, "internal error");
        Self::new(
            ErrorCode::Internal,
            "internal",
            "internal error; the details are in the log file",
        )
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        Self::internal(format!("sqlite: {err}"))
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        Self::internal(format!("json: {err}"))
    }
}

/// Turns `validator` failures into our field errors with stable rule keys.
impl From<validator::ValidationErrors> for Error {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut fields = Vec::new();
        for (field, problems) in errors.field_errors() {
            for problem in problems {
                fields.push(field_error(&field, problem));
            }
        }
        fields.sort_by(|a, b| a.field.cmp(&b.field));
        Error::invalid(fields)
    }
}

fn field_error(field: &str, problem: &validator::ValidationError) -> FieldError {
    let param = |key: &str| problem.params.get(key).map(|v| v.to_string());
    if problem.code == "length" {
        let len = problem
            .params
            .get("value")
            .and_then(|v| v.as_str())
            .map(|s| s.chars().count())
            .unwrap_or(0);
        let min = param("min").and_then(|m| m.parse::<usize>().ok());
        return match (len, min) {
            (0, _) => FieldError::new(field, "required"),
            (n, Some(min)) if n < min => FieldError::new(field, "too_short").with("min", min),
            _ => FieldError::new(field, "too_long").with("max", param("max").unwrap_or_default()),
        };
    }
    if problem.code == "range" {
        return FieldError::new(field, "out_of_range")
            .with("min", param("min").unwrap_or_default())
            .with("max", param("max").unwrap_or_default());
    }
    let mut out = FieldError::new(field, &problem.code);
    for (key, value) in &problem.params {
        if key != "value" {
            out.params.insert(
                key.to_string(),
                value
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or(value.to_string()),
            );
        }
    }
    out
}
