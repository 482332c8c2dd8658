//! Commands of declared unavailability (days a volunteer cannot serve).

use jasaq::volunteers::{self, Unavailability, UnavailabilityInput};
use jasaq::{IdInput, Result};

use super::Shared;
use crate::shell::blocking;

#[tauri::command]
pub async fn declare_unavailability(
    shell: Shared<'_>,
    input: UnavailabilityInput,
) -> Result<Unavailability> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| volunteers::declare_unavailability(store, actor, input))
    })
    .await
}

/// The declared periods of one volunteer (`input.id` is the volunteer's id).
#[tauri::command]
pub async fn list_unavailability(shell: Shared<'_>, input: IdInput) -> Result<Vec<Unavailability>> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| volunteers::list_unavailability(store, actor, &input.id))
    })
    .await
}

/// Removes one declared period (`input.id` is the period's id).
#[tauri::command]
pub async fn remove_unavailability(shell: Shared<'_>, input: IdInput) -> Result<()> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| volunteers::remove_unavailability(store, actor, &input.id))
    })
    .await
}
