//! User administration: administrators create, reset and (de)activate accounts inside their
//! own scope. A regional administrator works only on accounts of their region and can never
//! create an account with more reach than their own; nobody can raise their own role.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use validator::Validate;

use super::{
    normalise_username, password, user_from_row, user_view, validate_username, UserView, REDACTED,
    USER_COLUMNS, USER_FROM,
};
use crate::access::{Actor, Role, Scope};
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::places::region_exists;
use crate::text::clean;

#[derive(Clone, Serialize, Deserialize, TS, Validate)]
pub struct NewUser {
    #[validate(custom(function = "validate_username"))]
    pub username: String,
    #[validate(length(min = 1, max = 200))]
    pub display_name: String,
    pub role: Role,
    pub region_id: Option<String>,
    pub district_id: Option<String>,
    /// A temporary password: the user must change it at first sign-in.
    pub password: String,
}

/// Written by hand so that the password never reaches a log line through `{:?}`.
impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("username", &self.username)
            .field("display_name", &self.display_name)
            .field("role", &self.role)
            .field("region_id", &self.region_id)
            .field("district_id", &self.district_id)
            .field("password", &REDACTED)
            .finish()
    }
}

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct ResetPasswordInput {
    pub user_id: String,
    pub new_password: String,
}

/// Written by hand so that the password never reaches a log line through `{:?}`.
impl std::fmt::Debug for ResetPasswordInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResetPasswordInput")
            .field("user_id", &self.user_id)
            .field("new_password", &REDACTED)
            .finish()
    }
}

/// Accounts within the administrator's scope, by username.
pub fn list_users(store: &Store, actor: &Actor) -> Result<Vec<UserView>> {
    actor.require_admin()?;
    let (scope_sql, scope_param) = actor.scope().filter("u.region_id", "u.district_id");
    let mut stmt = store.conn().prepare(&format!(
        "SELECT {USER_COLUMNS} FROM {USER_FROM} WHERE {scope_sql} ORDER BY u.username"
    ))?;
    let now = store.now();
    let users = stmt
        .query_map(rusqlite::params_from_iter(scope_param), |r| {
            user_from_row(r, now)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(users)
}

/// Finds an account by username within the administrator's scope (used by the CLI).
pub fn find_user_by_username(store: &Store, actor: &Actor, username: &str) -> Result<UserView> {
    actor.require_admin()?;
    let (scope_sql, scope_param) = actor.scope().filter("u.region_id", "u.district_id");
    let args: Vec<String> = std::iter::once(normalise_username(username))
        .chain(scope_param)
        .collect();
    let now = store.now();
    store
        .conn()
        .query_row(
            &format!("SELECT {USER_COLUMNS} FROM {USER_FROM} WHERE u.username = ? AND {scope_sql}"),
            rusqlite::params_from_iter(args),
            |r| user_from_row(r, now),
        )
        .optional()?
        .ok_or_else(|| Error::not_found("user"))
}

pub fn create_user(store: &mut Store, actor: &Actor, input: NewUser) -> Result<UserView> {
    actor.require_admin()?;
    let input = NewUser {
        username: normalise_username(&input.username),
        display_name: clean(&input.display_name),
        region_id: input
            .region_id
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty()),
        district_id: input
            .district_id
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty()),
        ..input
    };
    input.validate()?;
    password::check_policy("password", &input.password, &input.username)?;
    let (region_id, district_id) = resolve_scope(store.conn(), &input)?;

    // Nobody creates an account that reaches further than their own.
    if let Scope::Region(own) = actor.scope() {
        if input.role == Role::NationalAdmin {
            return Err(Error::forbidden("role"));
        }
        if region_id.as_deref() != Some(own.as_str()) {
            return Err(Error::forbidden("out_of_scope"));
        }
    }

    let hash = password::hash(&input.password)?;
    let now = store.now();
    let tx = store.write()?;
    let taken = tx
        .query_row(
            "SELECT 1 FROM users WHERE username = ?",
            [&input.username],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if taken {
        let mut err = Error::conflict("username_taken", "this username is already taken");
        err.fields = vec![FieldError::new("username", "username_taken")];
        return Err(err);
    }
    let id = new_id(now).to_string();
    tx.execute(
        "INSERT INTO users (id, username, display_name, role, region_id, district_id, password_hash,
             must_change_password, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, 1, ?8, ?8)",
        params![
            id,
            input.username,
            input.display_name,
            input.role.as_str(),
            region_id,
            district_id,
            hash,
            stamp(now)
        ],
    )?;
    // A stale lock on a reused username must not greet the new account.
    tx.execute(
        "DELETE FROM sign_in_throttle WHERE username = ?",
        [&input.username],
    )?;
    let after = user_view(&tx, &id, now)?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&id),
            region_id: after.region_id.as_deref(),
            district_id: after.district_id.as_deref(),
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, "user.create", "user")
        },
    )?;
    tx.commit()?;
    Ok(after)
}

/// Checks the role's scope shape and that the region and district exist; a district operator's
/// region is taken from the district.
fn resolve_scope(conn: &Connection, input: &NewUser) -> Result<(Option<String>, Option<String>)> {
    let region = input.region_id.clone();
    let district = input.district_id.clone();
    let not_allowed = |field: &str| Err(Error::field(field, "scope_not_allowed"));
    let required = |field: &str| Err(Error::field(field, "scope_required"));
    let check_region = |region: &str| -> Result<()> {
        if region_exists(conn, region)? {
            Ok(())
        } else {
            Err(Error::field("region_id", "unknown_region"))
        }
    };
    match input.role {
        Role::NationalAdmin => match (region, district) {
            (None, None) => Ok((None, None)),
            (Some(_), _) => not_allowed("region_id"),
            (None, Some(_)) => not_allowed("district_id"),
        },
        Role::RegionalAdmin | Role::Viewer => {
            if district.is_some() {
                return not_allowed("district_id");
            }
            match region {
                Some(region) => {
                    check_region(&region)?;
                    Ok((Some(region), None))
                }
                None if input.role == Role::Viewer => Ok((None, None)),
                None => required("region_id"),
            }
        }
        Role::DistrictOperator => {
            let Some(district) = district else {
                return required("district_id");
            };
            let found: Option<(String, Option<String>)> = conn
                .query_row(
                    "SELECT region_id, retired_at FROM districts WHERE id = ?",
                    [&district],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match found {
                None => Err(Error::field("district_id", "unknown_district")),
                Some((_, Some(_))) => Err(Error::conflict(
                    "district_retired",
                    "this district is retired",
                )),
                Some((district_region, None)) => {
                    if let Some(region) = region.filter(|r| *r != district_region) {
                        check_region(&region)?;
                        return Err(Error::field("district_id", "unknown_district"));
                    }
                    Ok((Some(district_region), Some(district)))
                }
            }
        }
    }
}

/// Sets a temporary password (the user must change it at next sign-in) and lifts a lockout.
pub fn reset_password(
    store: &mut Store,
    actor: &Actor,
    input: ResetPasswordInput,
) -> Result<UserView> {
    actor.require_admin()?;
    let target = target_in_scope(store, actor, &input.user_id)?;
    password::check_policy("new_password", &input.new_password, &target.username)?;
    let hash = password::hash(&input.new_password)?;
    change_account(store, actor, &target, "user.reset_password", |tx, now| {
        tx.execute(
            "UPDATE users SET password_hash = ?2, must_change_password = 1, updated_at = ?3 WHERE id = ?1",
            params![target.id, hash, stamp(now)],
        )?;
        tx.execute(
            "DELETE FROM sign_in_throttle WHERE username = ?",
            [&target.username],
        )?;
        Ok(())
    })
}

/// Deactivates an account (it can no longer sign in; its history stays). The last active
/// national administrator cannot be deactivated, or nobody could administer the system.
pub fn deactivate_user(store: &mut Store, actor: &Actor, user_id: &str) -> Result<UserView> {
    actor.require_admin()?;
    let target = target_in_scope(store, actor, user_id)?;
    change_account(store, actor, &target, "user.deactivate", |tx, now| {
        if target.role == Role::NationalAdmin && target.active {
            let others: i64 = tx.query_row(
                "SELECT count(*) FROM users WHERE role = 'national_admin' AND active = 1 AND id <> ?",
                [&target.id],
                |r| r.get(0),
            )?;
            if others == 0 {
                return Err(Error::forbidden("last_national_admin"));
            }
        }
        tx.execute(
            "UPDATE users SET active = 0, updated_at = ?2 WHERE id = ?1",
            params![target.id, stamp(now)],
        )?;
        Ok(())
    })
}

pub fn reactivate_user(store: &mut Store, actor: &Actor, user_id: &str) -> Result<UserView> {
    actor.require_admin()?;
    let target = target_in_scope(store, actor, user_id)?;
    change_account(store, actor, &target, "user.reactivate", |tx, now| {
        tx.execute(
            "UPDATE users SET active = 1, updated_at = ?2 WHERE id = ?1",
            params![target.id, stamp(now)],
        )?;
        Ok(())
    })
}

/// Reads the target account through the administrator's scope: `forbidden` if it exists
/// elsewhere, `not_found` if it does not exist at all.
fn target_in_scope(store: &Store, actor: &Actor, user_id: &str) -> Result<UserView> {
    let (scope_sql, scope_param) = actor.scope().filter("u.region_id", "u.district_id");
    let user_id = user_id.trim();
    let args: Vec<String> = std::iter::once(user_id.to_owned())
        .chain(scope_param)
        .collect();
    let now = store.now();
    let found = store
        .conn()
        .query_row(
            &format!("SELECT {USER_COLUMNS} FROM {USER_FROM} WHERE u.id = ? AND {scope_sql}"),
            rusqlite::params_from_iter(args),
            |r| user_from_row(r, now),
        )
        .optional()?;
    match found {
        Some(user) => Ok(user),
        None => match user_view(store.conn(), user_id, now) {
            Ok(_) => Err(Error::forbidden("out_of_scope")),
            Err(e) => Err(e),
        },
    }
}

/// Runs one change to an account in an immediate transaction and audits before and after.
fn change_account(
    store: &mut Store,
    actor: &Actor,
    target: &UserView,
    action: &str,
    change: impl FnOnce(&Connection, chrono::DateTime<chrono::Utc>) -> Result<()>,
) -> Result<UserView> {
    let now = store.now();
    let tx = store.write()?;
    let before = user_view(&tx, &target.id, now)?;
    change(&tx, now)?;
    let after = user_view(&tx, &target.id, now)?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&target.id),
            region_id: after.region_id.as_deref(),
            district_id: after.district_id.as_deref(),
            before: Some(serde_json::to_value(&before)?),
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, action, "user")
        },
    )?;
    tx.commit()?;
    Ok(after)
}
