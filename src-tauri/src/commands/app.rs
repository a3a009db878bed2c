//! The database the app has open: what it holds, the demo council, the integrity check and
//! backups.

use casebook::verify;

use super::{AppState, CommandResult, State};
use crate::dialogs;

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<casebook::json::AppInfo> {
    Ok(state.info()?)
}

#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> CommandResult<casebook::json::AppInfo> {
    Ok(state.load_demo(&|tx, s| casebook_papers::letter::demo(tx, s))?)
}

#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> CommandResult<casebook::json::Dashboard> {
    Ok(state.dashboard()?)
}

/// Everything overdue or due soon, for the dashboard's "Show all".
#[tauri::command(async)]
pub fn due_lists(state: State<'_, AppState>) -> CommandResult<casebook::json::DueLists> {
    Ok(state.due_lists()?)
}

/// The whole integrity check: SQLite, the audit chain, every evidence hash, every record.
#[tauri::command(async)]
pub fn verify_database(state: State<'_, AppState>) -> CommandResult<verify::Report> {
    Ok(state.verify()?)
}

/// Asks where to save a backup (the system's save dialog), writes it, and returns its path;
/// `None` if the officer cancelled.
#[tauri::command(async)]
pub fn backup_database(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let title = "Back up the Casebook database";
    let path = dialogs::save_to(&app, title, &state.backup_file_name(), Some(SQLITE))?;
    Ok(path.map(|p| state.backup(&p)).transpose()?)
}

const SQLITE: (&str, &[&str]) = ("SQLite database", &["sqlite3"]);
