//! Exports: the volunteer list and the audit log to CSV, XLSX or PDF, streamed by the core
//! straight into the file the user picks in the native Save dialog (never through the
//! webview, and never whole in memory). The core checks scope and records the export.
//! The database is not held while the dialog is open: the name is made first, the dialog
//! answered, then the export runs as the actor (re-checked at that moment).

use jasaq::reports::{
    self, AuditExport, ReadinessTableExport, SavedExport, UnitMembersExport, VolunteerExport,
};
use jasaq::Result;
use tauri::AppHandle;

use super::Shared;
use crate::save::{choose_path, export_to_chosen_file};
use crate::shell::blocking;

/// Exports the volunteers the list's filters match; returns where they went, or null if the
/// user cancelled the dialog.
#[tauri::command]
pub async fn export_volunteers(
    app: AppHandle,
    shell: Shared<'_>,
    input: VolunteerExport,
) -> Result<Option<SavedExport>> {
    blocking(&shell, move |s| {
        export_to_chosen_file(&app, s, "volunteers", input.format, |store, actor, out| {
            reports::export_volunteers(store, actor, &input, out)
        })
    })
    .await
}

/// Exports the active members of a unit in the actor's scope.
#[tauri::command]
pub async fn export_unit_members(
    app: AppHandle,
    shell: Shared<'_>,
    input: UnitMembersExport,
) -> Result<Option<SavedExport>> {
    blocking(&shell, move |s| {
        export_to_chosen_file(
            &app,
            s,
            "unit-members",
            input.format,
            |store, actor, out| reports::export_unit_members(store, actor, &input, out),
        )
    })
    .await
}

/// Exports the readiness table of the units in scope (CSV, XLSX or PDF).
#[tauri::command]
pub async fn export_readiness_table(
    app: AppHandle,
    shell: Shared<'_>,
    input: ReadinessTableExport,
) -> Result<Option<SavedExport>> {
    blocking(&shell, move |s| {
        export_to_chosen_file(&app, s, "readiness", input.format, |store, actor, out| {
            reports::export_readiness(store, actor, &input, out)
        })
    })
    .await
}

/// Exports the audit entries the audit page's filters match (administrators).
#[tauri::command]
pub async fn export_audit(
    app: AppHandle,
    shell: Shared<'_>,
    input: AuditExport,
) -> Result<Option<SavedExport>> {
    blocking(&shell, move |s| {
        let name = s.as_actor(|store, actor| {
            actor.require_admin()?;
            Ok(reports::file_name(store, "audit", input.format))
        })?;
        let Some(path) = choose_path(&app, &name, input.format.extension()) else {
            return Ok(None);
        };
        let summary = s.as_actor(|store, actor| {
            reports::save_to(&path, |out| {
                reports::export_audit(store, actor, &input, out)
            })
        })?;
        Ok(Some(SavedExport {
            path: path.display().to_string(),
            rows: summary.rows,
        }))
    })
    .await
}
