//! Generates the permission set for the app's own commands: each command is reachable from the
//! webview only if `capabilities/main.json` grants its `allow-<command>` permission.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(jasaq_commands::ALL)),
    )
    .expect("tauri-build failed");
}

#[path = "src/command_names.rs"]
mod jasaq_commands;
