//! Commands of the volunteer import: the file is chosen in the shell's native Open dialog (the
//! webview never sees the filesystem, only the file's name), previewed with a mapping the user
//! may fix, imported with progress sent over a channel, cancelled by a flag the import reads
//! between rows, and its error report saved through the native Save dialog.
//!
//! `JASAQ_OPEN_DIR` (unattended use, the end-to-end suite) replaces the Open dialog: the most
//! recently modified file in that folder is taken, as `JASAQ_SAVE_DIR` replaces the Save one.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use jasaq::volunteers::import::{
    self, ImportOptions, ImportPreview, ImportProgress, ImportReport, ReportFormat, SaveReportInput,
};
use jasaq::{Error, Result};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::Shared;
use crate::save::save_document;
use crate::shell::blocking;

/// The chosen file and the cancel flag of the import under way (one window, one import).
#[derive(Default)]
pub struct ImportState {
    file: Mutex<Option<PathBuf>>,
    cancel: Arc<AtomicBool>,
}

type Imports<'a> = State<'a, Arc<ImportState>>;

fn chosen(state: &ImportState) -> Result<PathBuf> {
    state
        .file
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
        .ok_or_else(|| Error::not_found("file"))
}

fn pick(app: &AppHandle) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("JASAQ_OPEN_DIR").filter(|d| !d.is_empty()) {
        let newest = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok())
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .max_by_key(|(modified, _)| *modified);
        return newest.map(|(_, path)| path);
    }
    app.dialog()
        .file()
        .add_filter("CSV, XLSX, XLS", &["csv", "txt", "xlsx", "xls"])
        .blocking_pick_file()
        .and_then(|chosen| chosen.into_path().ok())
}

/// Opens the native Open dialog and previews the chosen file; null when cancelled.
#[tauri::command]
pub async fn choose_import_file(
    app: AppHandle,
    shell: Shared<'_>,
    imports: Imports<'_>,
) -> Result<Option<ImportPreview>> {
    let state = Arc::clone(&imports);
    blocking(&shell, move |s| {
        let Some(path) = pick(&app) else {
            return Ok(None);
        };
        let preview = s.as_actor(|store, actor| {
            import::preview(store, actor, &path, &ImportOptions::default())
        })?;
        *state.file.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
        Ok(Some(preview))
    })
    .await
}

/// Previews the chosen file again, with the user's mapping and options.
#[tauri::command]
pub async fn preview_import(
    shell: Shared<'_>,
    imports: Imports<'_>,
    input: ImportOptions,
) -> Result<ImportPreview> {
    let path = chosen(&imports)?;
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| import::preview(store, actor, &path, &input))
    })
    .await
}

/// Imports the chosen file; progress goes to `on_progress`.
#[tauri::command]
pub async fn run_import(
    shell: Shared<'_>,
    imports: Imports<'_>,
    input: ImportOptions,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport> {
    let path = chosen(&imports)?;
    let cancel = Arc::clone(&imports.cancel);
    cancel.store(false, Ordering::Relaxed);
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| {
            import::import(store, actor, &path, &input, &cancel, &mut |p| {
                let _ = on_progress.send(p.clone());
            })
        })
    })
    .await
}

/// Asks the import under way to stop; it rolls back before its next row.
#[tauri::command]
pub async fn cancel_import(imports: Imports<'_>) -> Result<()> {
    imports.cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// Saves the error report where the user picks; the path, or null when cancelled.
#[tauri::command]
pub async fn save_import_report(
    app: AppHandle,
    shell: Shared<'_>,
    imports: Imports<'_>,
    input: SaveReportInput,
) -> Result<Option<String>> {
    // Named after the imported file, never after anything the webview sends.
    let source = chosen(&imports)?;
    blocking(&shell, move |s| {
        s.as_actor(|_, actor| actor.require_writer())?;
        let bytes = import::report_bytes(input.format, &input.report)?;
        let extension = match input.format {
            ReportFormat::Csv => "csv",
            ReportFormat::Xlsx => "xlsx",
        };
        let stem = source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "import".to_owned());
        let name = format!("{stem}-errors.{extension}");
        save_document(&app, &name, extension, &bytes)
            .map(|path| path.map(|p| p.display().to_string()))
    })
    .await
}
