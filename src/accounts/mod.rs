//! User accounts: first-run setup, sign-in with lockout, sessions with idle sign-out, and user
//! administration within the administrator's scope.

mod admin;
mod auth;
pub mod password;

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access::{Actor, Role};
use crate::clock::parse_stamp;
use crate::error::{Error, Result};

pub use admin::{
    create_user, deactivate_user, find_user_by_username, list_users, reactivate_user,
    reset_password, NewUser, ResetPasswordInput,
};
pub use auth::{
    change_password, needs_setup, resume, session_info, setup_first_admin, sign_in, sign_out,
    AppStatus, ChangePasswordInput, Session, SessionInfo, SetupInput, SignInInput,
    LOCK_AFTER_FAILURES,
};

/// A user as administrators see it: never the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UserView {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub region_id: Option<String>,
    pub district_id: Option<String>,
    pub active: bool,
    pub must_change_password: bool,
    /// Set while sign-in is locked after repeated failures.
    pub locked_until: Option<String>,
    pub created_at: String,
}

const USER_COLUMNS: &str = "u.id, u.username, u.display_name, u.role, u.region_id, u.district_id, \
     u.active, u.must_change_password, t.locked_until, u.created_at";
const USER_FROM: &str = "users u LEFT JOIN sign_in_throttle t ON t.username = u.username";

fn user_from_row(r: &Row<'_>, now: chrono::DateTime<chrono::Utc>) -> rusqlite::Result<UserView> {
    let role: String = r.get(3)?;
    let locked_until: Option<String> = r.get(8)?;
    Ok(UserView {
        id: r.get(0)?,
        username: r.get(1)?,
        display_name: r.get(2)?,
        role: Role::parse(&role).ok_or_else(|| crate::db::unknown_code(3, "role", &role))?,
        region_id: r.get(4)?,
        district_id: r.get(5)?,
        active: r.get(6)?,
        must_change_password: r.get(7)?,
        locked_until: locked_until.filter(|until| parse_stamp(until).is_some_and(|u| u > now)),
        created_at: r.get(9)?,
    })
}

/// Builds the actor for a user id from the database as it is now; an inactive or missing
/// account yields `None`.
fn load_actor(conn: &Connection, user_id: &str) -> Result<Option<Actor>> {
    Ok(conn
        .query_row(
            "SELECT id, username, role, region_id, district_id, must_change_password
             FROM users WHERE id = ? AND active = 1",
            [user_id],
            |r| {
                let role: String = r.get(2)?;
                Ok(Actor {
                    user_id: r.get(0)?,
                    username: r.get(1)?,
                    role: Role::parse(&role)
                        .ok_or_else(|| crate::db::unknown_code(2, "role", &role))?,
                    region_id: r.get(3)?,
                    district_id: r.get(4)?,
                    must_change_password: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// Usernames are 3-64 characters of a-z, 0-9, '.', '_' and '-', stored in lower case.
pub fn normalise_username(raw: &str) -> String {
    raw.trim().to_lowercase()
}

fn validate_username(username: &str) -> Result<(), validator::ValidationError> {
    let ok = (3..=64).contains(&username.chars().count())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(validator::ValidationError::new("username_format"))
    }
}

fn user_view(conn: &Connection, id: &str, now: chrono::DateTime<chrono::Utc>) -> Result<UserView> {
    conn.query_row(
        &format!("SELECT {USER_COLUMNS} FROM {USER_FROM} WHERE u.id = ?"),
        [id],
        |r| user_from_row(r, now),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("user"))
}

/// What the hand-written `Debug` of an input shows in place of a password.
const REDACTED: &str = "<redacted>";
