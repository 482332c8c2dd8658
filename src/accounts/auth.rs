//! Signing in and staying signed in.
//!
//! Failed sign-ins are counted per entered username in `sign_in_throttle`, for real and unknown
//! accounts alike, so neither the messages, the lockout nor the timing tell an attacker whether
//! a username exists. After [`LOCK_AFTER_FAILURES`] consecutive failures the name is locked for
//! one minute, doubling with each further failure; the state is in the database and survives
//! restarts. A session ends after the configured idle time.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use validator::Validate;

use super::{load_actor, normalise_username, password, user_view, validate_username, REDACTED};
use crate::access::{Actor, Role};
use crate::audit::{self, Event};
use crate::clock::{new_id, parse_stamp, stamp};
use crate::db::Store;
use crate::error::{Error, ErrorCode, Result};
use crate::settings::idle_timeout_minutes;
use crate::text::clean;

pub const LOCK_AFTER_FAILURES: i64 = 5;
const FIRST_LOCK: Duration = Duration::minutes(1);
const LONGEST_LOCK: Duration = Duration::hours(24);

#[derive(Clone, Serialize, Deserialize, TS, Validate)]
pub struct SetupInput {
    #[validate(custom(function = "validate_username"))]
    pub username: String,
    #[validate(length(min = 1, max = 200))]
    pub display_name: String,
    pub password: String,
}

/// Written by hand so that the password never reaches a log line through `{:?}`.
impl std::fmt::Debug for SetupInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetupInput")
            .field("username", &self.username)
            .field("display_name", &self.display_name)
            .field("password", &REDACTED)
            .finish()
    }
}

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct SignInInput {
    pub username: String,
    pub password: String,
}

/// Written by hand so that the password never reaches a log line through `{:?}`.
impl std::fmt::Debug for SignInInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The name too: it may be a password typed into the wrong box.
        f.debug_struct("SignInInput")
            .field("username", &REDACTED)
            .field("password", &REDACTED)
            .finish()
    }
}

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct ChangePasswordInput {
    pub current_password: String,
    pub new_password: String,
}

/// Written by hand so that the password never reaches a log line through `{:?}`.
impl std::fmt::Debug for ChangePasswordInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChangePasswordInput")
            .field("current_password", &REDACTED)
            .field("new_password", &REDACTED)
            .finish()
    }
}

/// What the UI needs to know about the signed-in user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionInfo {
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub region_id: Option<String>,
    pub district_id: Option<String>,
    pub must_change_password: bool,
    pub idle_timeout_minutes: u32,
}

/// What the UI needs before anyone signs in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppStatus {
    pub needs_setup: bool,
}

/// A signed-in session, held by the desktop shell (the CLI signs in per command).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    user_id: String,
    last_seen: DateTime<Utc>,
}

/// True until the first national administrator exists.
pub fn needs_setup(store: &Store) -> Result<bool> {
    let users: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
    Ok(users == 0)
}

/// Creates the first national administrator. There is no default password: whoever installs
/// Jasaq chooses it. Refused once any account exists.
pub fn setup_first_admin(store: &mut Store, input: SetupInput) -> Result<(Session, Actor)> {
    let input = SetupInput {
        username: normalise_username(&input.username),
        display_name: clean(&input.display_name),
        password: input.password,
    };
    input.validate()?;
    password::check_policy("password", &input.password, &input.username)?;
    let hash = password::hash(&input.password)?;
    let now = store.now();
    let tx = store.write()?;
    let users: i64 = tx.query_row("SELECT count(*) FROM users", [], |r| r.get(0))?;
    if users > 0 {
        return Err(Error::forbidden("setup_done"));
    }
    let id = new_id(now).to_string();
    tx.execute(
        "INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at)
         VALUES (?1, ?2, ?3, 'national_admin', ?4, ?5, ?5)",
        params![id, input.username, input.display_name, hash, stamp(now)],
    )?;
    let after = user_view(&tx, &id, now)?;
    audit::record(
        &tx,
        now,
        Event {
            actor_id: Some(&id),
            actor_username: Some(&input.username),
            action: "user.setup_first_admin",
            entity_kind: "user",
            entity_id: Some(&id),
            region_id: None,
            district_id: None,
            before: None,
            after: Some(serde_json::to_value(&after)?),
        },
    )?;
    let actor = load_actor(&tx, &id)?.ok_or_else(|| Error::internal("new admin not readable"))?;
    tx.commit()?;
    Ok((
        Session {
            user_id: id,
            last_seen: now,
        },
        actor,
    ))
}

/// Signs in. Wrong username and wrong password give the same answer; a locked name is
/// refused with the time the lock ends, whether or not the password is right.
pub fn sign_in(store: &mut Store, input: SignInInput) -> Result<(Session, Actor)> {
    let username: String = normalise_username(&input.username)
        .chars()
        .take(64)
        .collect();
    if username.is_empty() || input.password.is_empty() {
        return Err(Error::unauthenticated("bad_credentials"));
    }
    if input.password.chars().count() > password::MAX_LEN {
        return Err(Error::unauthenticated("bad_credentials"));
    }
    let now = store.now();
    let tx = store.write()?;
    let account: Option<Credentials> = tx
        .query_row(
            "SELECT id, password_hash, active, region_id, district_id FROM users WHERE username = ?",
            [&username],
            |r| {
                Ok(Credentials {
                    id: r.get(0)?,
                    hash: r.get(1)?,
                    active: r.get(2)?,
                    region_id: r.get(3)?,
                    district_id: r.get(4)?,
                })
            },
        )
        .optional()?;
    let known = account.is_some();
    // The name the throttle and the audit log keep: an account's name as it is, a name no
    // account has only as a digest (it may be a password typed into the wrong box). The digest
    // costs what the password check of a known name costs.
    let attempted = if known {
        username.clone()
    } else {
        let salt: String = tx.query_row(
            "SELECT value FROM settings WHERE key = 'sign_in_name_salt'",
            [],
            |r| r.get(0),
        )?;
        password::unknown_name_digest(&username, &salt)
    };
    let throttle: Option<(i64, Option<String>)> = tx
        .query_row(
            "SELECT failed_count, locked_until FROM sign_in_throttle WHERE username = ?",
            [&attempted],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (failures, locked_until) = throttle.unwrap_or((0, None));
    if let Some(until) = locked_until
        .as_deref()
        .and_then(parse_stamp)
        .filter(|u| *u > now)
    {
        if known {
            // An unknown name paid for its digest above; a known one pays the same here.
            password::verify_dummy(&input.password);
        }
        audit::record(
            &tx,
            now,
            attempt_event(&attempted, "auth.sign_in_locked", None),
        )?;
        tx.commit()?;
        return Err(locked(until));
    }

    // No account: its digest above took the time a check takes.
    let verified = account
        .as_ref()
        .is_some_and(|account| password::verify(&input.password, &account.hash));

    let Some(Credentials {
        id,
        active,
        region_id,
        district_id,
        ..
    }) = account.filter(|_| verified)
    else {
        let failures = failures + 1;
        let lock = (failures >= LOCK_AFTER_FAILURES).then(|| now + lock_period(failures));
        tx.execute(
            "INSERT INTO sign_in_throttle (username, failed_count, locked_until) VALUES (?1, ?2, ?3)
             ON CONFLICT (username) DO UPDATE SET failed_count = ?2, locked_until = ?3",
            params![attempted, failures, lock.map(stamp)],
        )?;
        let after =
            serde_json::json!({ "failed_count": failures, "locked_until": lock.map(stamp) });
        audit::record(
            &tx,
            now,
            attempt_event(&attempted, "auth.sign_in_failed", Some(after)),
        )?;
        tx.commit()?;
        return Err(match lock {
            Some(until) => locked(until),
            None => Error::unauthenticated("bad_credentials"),
        });
    };

    if !active {
        audit::record(
            &tx,
            now,
            Event {
                entity_id: Some(&id),
                region_id: region_id.as_deref(),
                district_id: district_id.as_deref(),
                ..attempt_event(&username, "auth.sign_in_refused_inactive", None)
            },
        )?;
        tx.commit()?;
        return Err(Error::forbidden("account_inactive"));
    }
    tx.execute(
        "DELETE FROM sign_in_throttle WHERE username = ?",
        [&username],
    )?;
    let actor = load_actor(&tx, &id)?.ok_or_else(|| Error::forbidden("account_inactive"))?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&id),
            region_id: region_id.as_deref(),
            district_id: district_id.as_deref(),
            ..Event::by(&actor, "auth.sign_in", "session")
        },
    )?;
    tx.commit()?;
    Ok((
        Session {
            user_id: id,
            last_seen: now,
        },
        actor,
    ))
}

/// The stored facts a sign-in checks.
struct Credentials {
    id: String,
    hash: String,
    active: bool,
    region_id: Option<String>,
    district_id: Option<String>,
}

/// 1 minute at the fifth failure, then 2, 4, 8... capped at a day.
fn lock_period(failures: i64) -> Duration {
    let doublings = (failures - LOCK_AFTER_FAILURES).clamp(0, 20) as u32;
    (FIRST_LOCK * 2_i32.pow(doublings)).min(LONGEST_LOCK)
}

fn locked(until: DateTime<Utc>) -> Error {
    Error::new(
        ErrorCode::Locked,
        "account_locked",
        format!(
            "too many failed sign-ins; sign-in is locked until {} UTC",
            stamp(until)
        ),
    )
    .with("until", stamp(until))
}

fn attempt_event<'a>(
    username: &'a str,
    action: &'a str,
    after: Option<serde_json::Value>,
) -> Event<'a> {
    Event {
        actor_id: None,
        actor_username: Some(username),
        action,
        entity_kind: "session",
        entity_id: None,
        region_id: None,
        district_id: None,
        before: None,
        after,
    }
}

/// Continues a session: refused once it has been idle longer than the configured time, or if
/// the account was deactivated meanwhile. The actor is re-read, so role changes apply at once.
pub fn resume(store: &mut Store, session: &mut Session) -> Result<Actor> {
    let now = store.now();
    let idle = Duration::minutes(i64::from(idle_timeout_minutes(store.conn())?));
    if now - session.last_seen > idle {
        let tx = store.write()?;
        if let Some(actor) = load_actor(&tx, &session.user_id)? {
            audit::record(
                &tx,
                now,
                Event::by(&actor, "auth.session_expired", "session"),
            )?;
        }
        tx.commit()?;
        return Err(Error::unauthenticated("session_expired"));
    }
    let actor = load_actor(store.conn(), &session.user_id)?
        .ok_or_else(|| Error::unauthenticated("not_signed_in"))?;
    session.last_seen = now;
    Ok(actor)
}

pub fn session_info(store: &Store, actor: &Actor) -> Result<SessionInfo> {
    let view = user_view(store.conn(), actor.user_id(), store.now())?;
    Ok(SessionInfo {
        user_id: view.id,
        username: view.username,
        display_name: view.display_name,
        role: view.role,
        region_id: view.region_id,
        district_id: view.district_id,
        must_change_password: view.must_change_password,
        idle_timeout_minutes: idle_timeout_minutes(store.conn())?,
    })
}

pub fn sign_out(store: &mut Store, actor: &Actor) -> Result<()> {
    let now = store.now();
    let tx = store.write()?;
    audit::record(&tx, now, Event::by(actor, "auth.sign_out", "session"))?;
    tx.commit()?;
    Ok(())
}

/// Changes one's own password (the only operation open while a reset password is pending).
pub fn change_password(
    store: &mut Store,
    actor: &Actor,
    input: ChangePasswordInput,
) -> Result<Actor> {
    let stored: String = store.conn().query_row(
        "SELECT password_hash FROM users WHERE id = ?",
        [actor.user_id()],
        |r| r.get(0),
    )?;
    if !password::verify(&input.current_password, &stored) {
        return Err(Error::field("current_password", "wrong_password"));
    }
    password::check_policy("new_password", &input.new_password, actor.username())?;
    if input.new_password == input.current_password {
        return Err(Error::field("new_password", "same_password"));
    }
    let hash = password::hash(&input.new_password)?;
    let now = store.now();
    let tx = store.write()?;
    let before = user_view(&tx, actor.user_id(), now)?;
    tx.execute(
        "UPDATE users SET password_hash = ?2, must_change_password = 0, updated_at = ?3 WHERE id = ?1",
        params![actor.user_id(), hash, stamp(now)],
    )?;
    let after = user_view(&tx, actor.user_id(), now)?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(actor.user_id()),
            region_id: after.region_id.as_deref(),
            district_id: after.district_id.as_deref(),
            before: Some(serde_json::to_value(&before)?),
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, "user.change_password", "user")
        },
    )?;
    let actor =
        load_actor(&tx, actor.user_id())?.ok_or_else(|| Error::unauthenticated("not_signed_in"))?;
    tx.commit()?;
    Ok(actor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_period_starts_at_a_minute_and_doubles() {
        assert_eq!(
            lock_period(5),
            Duration::minutes(1),
            "fifth failure: one minute"
        );
        assert_eq!(lock_period(6), Duration::minutes(2), "sixth: doubled");
        assert_eq!(lock_period(8), Duration::minutes(8), "eighth: 1 * 2^3");
        assert_eq!(lock_period(60), Duration::hours(24), "capped at a day");
    }
}
