//! Saving a document the core generated to where the user chooses.
//!
//! The native save dialog is opened from Rust, so the webview needs neither a dialog nor a
//! filesystem permission: it can only ask for "the statement of asset X" and learns where it
//! went. For unattended use (and the end-to-end suite, which cannot drive a GTK dialog)
//! `JASAQ_SAVE_DIR` names a folder to save into without asking.

use std::io::Write;
use std::path::{Path, PathBuf};

use jasaq::access::Actor;
use jasaq::db::Store;
use jasaq::reports::{self, ExportFormat, ExportSummary, SavedExport};
use jasaq::{Error, Result};
use tauri::{AppHandle, Runtime};

use crate::shell::Shell;
use tauri_plugin_dialog::DialogExt;

/// Writes `bytes` under a path the user picks (or in `$JASAQ_SAVE_DIR`). `None` when the user
/// cancels the dialog. Must run off the main thread (the dialog blocks until answered).
pub fn save_document<R: Runtime>(
    app: &AppHandle<R>,
    file_name: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<Option<PathBuf>> {
    let Some(path) = choose_path(app, file_name, extension) else {
        return Ok(None);
    };
    write_atomically(&path, bytes)?;
    Ok(Some(path))
}

/// Where to save `file_name`: the user's pick in the native dialog (`None` if they cancel),
/// or `$JASAQ_SAVE_DIR/file_name` without asking. Must run off the main thread.
pub fn choose_path<R: Runtime>(
    app: &AppHandle<R>,
    file_name: &str,
    extension: &str,
) -> Option<PathBuf> {
    match std::env::var_os("JASAQ_SAVE_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir).join(file_name)),
        None => app
            .dialog()
            .file()
            .set_file_name(file_name)
            .add_filter(extension.to_uppercase(), &[extension])
            .blocking_save_file()
            .and_then(|chosen| chosen.into_path().ok()),
    }
}

/// Streams a list export into a file the user picks: the file name is made as the actor, the
/// dialog is answered without holding the database, then `write` runs as the actor (scope
/// re-checked at that moment) into a temporary file renamed into place when complete. `None`
/// when the user cancels. Every list export of the app goes through here.
pub fn export_to_chosen_file<R: Runtime>(
    app: &AppHandle<R>,
    shell: &Shell,
    stem: &str,
    format: ExportFormat,
    write: impl FnOnce(
        &mut Store,
        &Actor,
        &mut std::io::BufWriter<std::fs::File>,
    ) -> Result<ExportSummary>,
) -> Result<Option<SavedExport>> {
    let name = shell.as_actor(|store, actor| {
        actor.ready()?;
        Ok(reports::file_name(store, stem, format))
    })?;
    let Some(path) = choose_path(app, &name, format.extension()) else {
        return Ok(None);
    };
    let summary =
        shell.as_actor(|store, actor| reports::save_to(&path, |out| write(store, actor, out)))?;
    Ok(Some(SavedExport {
        path: path.display().to_string(),
        rows: summary.rows,
    }))
}

/// Writes to a temporary file beside the target and renames it into place, so a crash or a
/// full disk never leaves a half-written document under the chosen name.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let failed = |e: std::io::Error| {
        tracing::error!(path = %path.display(), %e, "saving a document failed");
        Error::new(
            jasaq::ErrorCode::Internal,
            "save_failed",
            format!("could not save the document to {}", path.display()),
        )
        .with("path", path.display())
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let temp = dir.join(format!(
        ".{}.part",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("jasaq")
    ));
    let mut file = std::fs::File::create(&temp).map_err(failed)?;
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .map_err(failed)?;
    std::fs::rename(&temp, path).map_err(failed)?;
    Ok(())
}
