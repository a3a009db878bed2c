//! The lock screens: where the session stands, the first run's new passphrase (and its strength
//! meter), unlocking, choosing who is working, locking, keeping an active session open, and
//! restoring a backup.

use casebook::db::Restored;
use casebook::passphrase::Strength;
use casebook::session::{self, Start};

use super::{AppState, CommandResult, State};
use crate::dialogs;

#[tauri::command(async)]
pub fn start(state: State<'_, AppState>) -> CommandResult<Start> {
    Ok(state.start()?)
}

/// How strong a new passphrase is, as it is typed (no database needed).
#[tauri::command(async)]
pub fn passphrase_strength(passphrase: String) -> Strength {
    session::strength(&passphrase)
}

#[tauri::command(async)]
pub fn create_database(
    state: State<'_, AppState>,
    passphrase: String,
    confirm: String,
) -> CommandResult<Start> {
    Ok(state.create(&passphrase, &confirm)?)
}

#[tauri::command(async)]
pub fn unlock(state: State<'_, AppState>, passphrase: Option<String>) -> CommandResult<Start> {
    Ok(state.unlock(passphrase.as_deref())?)
}

#[tauri::command(async)]
pub fn sign_in(state: State<'_, AppState>, officer: i64) -> CommandResult<Start> {
    Ok(state.sign_in(officer)?)
}

/// Locks now; `idle` when the app locks itself after the idle time.
#[tauri::command(async)]
pub fn lock_app(state: State<'_, AppState>, idle: bool) -> CommandResult<Start> {
    Ok(state.lock_now(idle)?)
}

/// The officer is still at work: the idle clock starts again.
#[tauri::command(async)]
pub fn touch(state: State<'_, AppState>) -> CommandResult<()> {
    Ok(state.touch()?)
}

/// Asks for a backup file, checks it (passphrase, integrity, verify) and only then puts it in
/// the database's place; `None` if the officer cancelled.
#[tauri::command(async)]
pub fn restore_backup(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<Restored>> {
    let backup = dialogs::pick_or_env(&app, "Restore a backup", ("SQLite database", &["sqlite3"]))?;
    Ok(backup.map(|p| state.restore(&p)).transpose()?)
}
