//! Commands of mobilisation call-outs: declare, activate and close activations, the call-out
//! list, answers, contacts and undo, the merge of a filled-in sheet, live figures, and the
//! call-out sheet and after-action report through the native Save dialog.

use jasaq::mobilisation::{
    self, Activation, ActivationDetail, ActivationInput, ActivationReport, AfterActionExport,
    CallListQuery, CallRow, ContactInput, FigureQuery, Figures, MarkInput, MergeReport,
    MergeSheetInput, SheetQuery, UndoInput, UndoReport,
};
use jasaq::reports::SavedExport;
use jasaq::{IdInput, Result};
use tauri::AppHandle;

use super::Shared;
use crate::save::export_to_chosen_file;
use crate::shell::blocking;

#[tauri::command]
pub async fn list_activations(shell: Shared<'_>) -> Result<Vec<Activation>> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| mobilisation::list_activations(store, actor))
    })
    .await
}

#[tauri::command]
pub async fn get_activation(shell: Shared<'_>, input: IdInput) -> Result<ActivationDetail> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| mobilisation::get_activation(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn declare_activation(shell: Shared<'_>, input: ActivationInput) -> Result<Activation> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| mobilisation::declare(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn activate_activation(shell: Shared<'_>, input: IdInput) -> Result<ActivationReport> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| mobilisation::activate(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn close_activation(shell: Shared<'_>, input: IdInput) -> Result<Activation> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| mobilisation::close(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn call_list(shell: Shared<'_>, input: CallListQuery) -> Result<Vec<CallRow>> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| mobilisation::call_list(store, actor, &input))
    })
    .await
}

#[tauri::command]
pub async fn mark_answer(shell: Shared<'_>, input: MarkInput) -> Result<CallRow> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| mobilisation::mark(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn undo_answer(shell: Shared<'_>, input: UndoInput) -> Result<UndoReport> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| mobilisation::undo_last(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn record_contact(shell: Shared<'_>, input: ContactInput) -> Result<CallRow> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| mobilisation::record_contact(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn merge_callout_sheet(shell: Shared<'_>, input: MergeSheetInput) -> Result<MergeReport> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| {
            mobilisation::merge_sheet_bytes(store, actor, &input.activation_id, &input.content)
        })
    })
    .await
}

#[tauri::command]
pub async fn activation_figures(shell: Shared<'_>, input: FigureQuery) -> Result<Figures> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| mobilisation::figures(store, actor, &input))
    })
    .await
}

/// Saves the call-out sheet of a district or unit (PDF or XLSX); null when cancelled.
#[tauri::command]
pub async fn save_callout_sheet(
    app: AppHandle,
    shell: Shared<'_>,
    input: SheetQuery,
) -> Result<Option<SavedExport>> {
    blocking(&shell, move |s| {
        let ext = input.format.export();
        export_to_chosen_file(&app, s, "call-out", ext, |store, actor, out| {
            mobilisation::callout_sheet(store, actor, &input, out)
        })
    })
    .await
}

/// Saves the after-action report (XLSX or PDF); null when cancelled.
#[tauri::command]
pub async fn save_after_action(
    app: AppHandle,
    shell: Shared<'_>,
    input: AfterActionExport,
) -> Result<Option<SavedExport>> {
    blocking(&shell, move |s| {
        let ext = input.format.export();
        export_to_chosen_file(&app, s, "after-action", ext, |store, actor, out| {
            mobilisation::after_action(
                store,
                actor,
                &input.activation_id,
                input.format,
                input.lang,
                out,
            )
        })
    })
    .await
}
