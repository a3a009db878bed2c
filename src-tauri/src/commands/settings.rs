//! The Settings screen: the council's and officer's names, the procedure's time targets and the
//! council's own holidays.

use casebook::calendar::Holiday;
use casebook::json::SettingsView;

use super::{AppState, CommandResult, State};

#[tauri::command(async)]
pub fn settings_get(state: State<'_, AppState>) -> CommandResult<SettingsView> {
    Ok(state.settings()?)
}

#[tauri::command(async)]
pub fn save_names(
    state: State<'_, AppState>,
    council_name: String,
    officer_name: String,
) -> CommandResult<SettingsView> {
    Ok(state.save_names(&council_name, &officer_name)?)
}

#[tauri::command(async)]
pub fn set_target(
    state: State<'_, AppState>,
    key: String,
    value: String,
) -> CommandResult<SettingsView> {
    Ok(state.set_target(&key, &value)?)
}

#[tauri::command(async)]
pub fn holidays(state: State<'_, AppState>, year: i32) -> CommandResult<Vec<Holiday>> {
    Ok(state.holidays(year)?)
}

#[tauri::command(async)]
pub fn add_holiday(state: State<'_, AppState>, date: String, name: String) -> CommandResult<()> {
    Ok(state.add_holiday(&date, &name)?)
}

#[tauri::command(async)]
pub fn remove_holiday(
    state: State<'_, AppState>,
    date: String,
    reason: String,
) -> CommandResult<()> {
    Ok(state.remove_holiday(&date, &reason)?)
}
