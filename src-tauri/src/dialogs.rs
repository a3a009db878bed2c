//! The system's file dialogs, opened from commands (which run off the main thread, so they may
//! wait for the officer). The webview itself has no dialog permission.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};

use crate::error::{internal, CommandResult};

fn path(chosen: FilePath) -> CommandResult<PathBuf> {
    chosen
        .into_path()
        .map_err(|e| internal(format!("that location cannot be used: {e}")))
}

/// Asks where to save `file_name`; `None` if cancelled. When CASEBOOK_SAVE_DIR is set (scripted
/// runs and the end-to-end tests, which cannot drive the system's dialog), saves there instead.
pub fn save_to(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    filter: Option<(&str, &[&str])>,
) -> CommandResult<Option<PathBuf>> {
    if let Some(dir) = std::env::var_os("CASEBOOK_SAVE_DIR") {
        return Ok(Some(PathBuf::from(dir).join(file_name)));
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name);
    if let Some((name, extensions)) = filter {
        dialog = dialog.add_filter(name, extensions);
    }
    dialog.blocking_save_file().map(path).transpose()
}

/// Asks for one file to open; `None` if cancelled.
pub fn pick(
    app: &AppHandle,
    title: &str,
    filter: (&str, &[&str]),
) -> CommandResult<Option<PathBuf>> {
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .map(path)
        .transpose()
}

/// [`pick`], except that when CASEBOOK_OPEN_FILE is set (the end-to-end tests, which cannot drive
/// the system's dialog) that file is taken instead.
pub fn pick_or_env(
    app: &AppHandle,
    title: &str,
    filter: (&str, &[&str]),
) -> CommandResult<Option<PathBuf>> {
    match std::env::var_os("CASEBOOK_OPEN_FILE") {
        Some(file) => Ok(Some(PathBuf::from(file))),
        None => pick(app, title, filter),
    }
}
