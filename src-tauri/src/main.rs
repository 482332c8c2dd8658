//! Jasaq desktop shell. Thin by design: it opens the core's database, keeps the signed-in
//! session, and exposes one Tauri command per core operation (see `commands.rs`). No domain
//! rule, query or access check lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod command_names;
mod commands;
mod save;
mod shell;

use std::sync::Arc;

use jasaq::db;

fn main() {
    let path = db::default_path();
    if let Ok(path) = &path {
        init_log(path);
    }
    let shell = Arc::new(shell::Shell::open(path));
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(shell)
        .manage(Arc::new(commands::imports::ImportState::default()))
        .manage(Arc::new(commands::rosters::RosterFillState::default()))
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(err) = result {
        tracing::error!(%err, "the desktop shell failed");
        eprintln!("Jasaq could not start its window: {err}");
        std::process::exit(1);
    }
}

/// Internal details go to `jasaq.log` beside the database, never to the screen. Inputs are
/// never logged, so passwords cannot reach the file.
fn init_log(db_path: &std::path::Path) {
    let Some(dir) = db_path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("jasaq.log"))
    else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .try_init();
}
