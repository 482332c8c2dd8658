//! Commands of the foundation: status, setup, sign-in and sessions, districts, users, audit
//! and settings.

use jasaq::accounts::{
    self, ChangePasswordInput, NewUser, ResetPasswordInput, SessionInfo, SetupInput, SignInInput,
    UserView,
};
use jasaq::audit::{self, AuditFilter, AuditPage};
use jasaq::places::{self, District, ListDistrictsInput, NewDistrict, Region, RenameDistrict};
use jasaq::settings::{self, Settings};
use jasaq::IdInput;
use jasaq::Result;

use super::Shared;
use crate::shell::blocking;

#[tauri::command]
pub async fn app_status(shell: Shared<'_>) -> Result<accounts::AppStatus> {
    blocking(&shell, |s| {
        s.with_store(|store| {
            Ok(accounts::AppStatus {
                needs_setup: accounts::needs_setup(store)?,
            })
        })
    })
    .await
}

#[tauri::command]
pub async fn setup_first_admin(shell: Shared<'_>, input: SetupInput) -> Result<SessionInfo> {
    blocking(&shell, |s| {
        let (session, info) = s.with_store(|store| {
            let (session, actor) = accounts::setup_first_admin(store, input)?;
            Ok((session, accounts::session_info(store, &actor)?))
        })?;
        s.set_session(Some(session));
        Ok(info)
    })
    .await
}

#[tauri::command]
pub async fn sign_in(shell: Shared<'_>, input: SignInInput) -> Result<SessionInfo> {
    blocking(&shell, |s| {
        s.set_session(None);
        let (session, info) = s.with_store(|store| {
            let (session, actor) = accounts::sign_in(store, input)?;
            Ok((session, accounts::session_info(store, &actor)?))
        })?;
        s.set_session(Some(session));
        Ok(info)
    })
    .await
}

#[tauri::command]
pub async fn sign_out(shell: Shared<'_>) -> Result<()> {
    blocking(&shell, |s| {
        let outcome = s.as_actor(accounts::sign_out);
        s.set_session(None);
        // Signing out of an already expired session is not an error for the user.
        match outcome {
            Err(e) if e.code == jasaq::ErrorCode::Unauthenticated => Ok(()),
            other => other,
        }
    })
    .await
}

#[tauri::command]
pub async fn current_session(shell: Shared<'_>) -> Result<Option<SessionInfo>> {
    blocking(&shell, |s| {
        match s.as_actor(|store, actor| accounts::session_info(store, actor)) {
            Ok(info) => Ok(Some(info)),
            Err(e) if e.code == jasaq::ErrorCode::Unauthenticated => Ok(None),
            Err(e) => Err(e),
        }
    })
    .await
}

#[tauri::command]
pub async fn touch_session(shell: Shared<'_>) -> Result<()> {
    blocking(&shell, |s| s.as_actor(|_, _| Ok(()))).await
}

#[tauri::command]
pub async fn change_password(shell: Shared<'_>, input: ChangePasswordInput) -> Result<SessionInfo> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| {
            let actor = accounts::change_password(store, actor, input)?;
            accounts::session_info(store, &actor)
        })
    })
    .await
}

#[tauri::command]
pub async fn list_regions(shell: Shared<'_>) -> Result<Vec<Region>> {
    blocking(&shell, |s| {
        s.as_actor(|store, _| places::list_regions(store))
    })
    .await
}

#[tauri::command]
pub async fn list_districts(shell: Shared<'_>, input: ListDistrictsInput) -> Result<Vec<District>> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| places::list_districts(store, actor, &input))
    })
    .await
}

#[tauri::command]
pub async fn add_district(shell: Shared<'_>, input: NewDistrict) -> Result<District> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| places::add_district(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn rename_district(shell: Shared<'_>, input: RenameDistrict) -> Result<District> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| places::rename_district(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn retire_district(shell: Shared<'_>, input: IdInput) -> Result<District> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| places::retire_district(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn list_users(shell: Shared<'_>) -> Result<Vec<UserView>> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| accounts::list_users(store, actor))
    })
    .await
}

#[tauri::command]
pub async fn create_user(shell: Shared<'_>, input: NewUser) -> Result<UserView> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| accounts::create_user(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn reset_password(shell: Shared<'_>, input: ResetPasswordInput) -> Result<UserView> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| accounts::reset_password(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn deactivate_user(shell: Shared<'_>, input: IdInput) -> Result<UserView> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| accounts::deactivate_user(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn reactivate_user(shell: Shared<'_>, input: IdInput) -> Result<UserView> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| accounts::reactivate_user(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn list_audit(shell: Shared<'_>, input: AuditFilter) -> Result<AuditPage> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| audit::list(store, actor, &input))
    })
    .await
}

#[tauri::command]
pub async fn get_settings(shell: Shared<'_>) -> Result<Settings> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| settings::get_settings(store, actor))
    })
    .await
}

#[tauri::command]
pub async fn update_settings(shell: Shared<'_>, input: Settings) -> Result<Settings> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| settings::update_settings(store, actor, input))
    })
    .await
}
