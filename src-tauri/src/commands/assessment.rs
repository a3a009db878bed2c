//! Tagging a case against the guidance catalogue and assessing whether the councillor was acting
//! in capacity; the catalogue's versions.

use casebook::catalogue;
use casebook::views::Detail;

use super::{AppState, CommandResult, State};
use crate::dialogs;

/// The items of a guidance catalogue version, in order (the assessment lists show their words).
#[tauri::command(async)]
pub fn catalogue_items(
    state: State<'_, AppState>,
    version_id: i64,
) -> CommandResult<Vec<catalogue::Item>> {
    Ok(state.catalogue_items(version_id)?)
}

#[tauri::command(async)]
pub fn catalogue_versions(state: State<'_, AppState>) -> CommandResult<Vec<catalogue::Version>> {
    Ok(state.catalogue_versions()?)
}

/// Asks for a catalogue version (JSON) and adds it; new cases are assessed against it.
#[tauri::command(async)]
pub fn add_catalogue_version(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<catalogue::Version>> {
    let title = "Add a guidance catalogue version";
    let path = dialogs::pick(&app, title, ("JSON", &["json"]))?;
    Ok(path.map(|p| state.add_catalogue_version(&p)).transpose()?)
}

#[tauri::command(async)]
pub fn set_tag(
    state: State<'_, AppState>,
    reference: String,
    code: String,
    note: Option<String>,
) -> CommandResult<Detail> {
    Ok(state.set_tag(&reference, &code, note.as_deref())?)
}

#[tauri::command(async)]
pub fn remove_tag(
    state: State<'_, AppState>,
    reference: String,
    code: String,
) -> CommandResult<Detail> {
    Ok(state.remove_tag(&reference, &code)?)
}

#[tauri::command(async)]
pub fn answer_indicator(
    state: State<'_, AppState>,
    reference: String,
    code: String,
    answer: String,
    note: Option<String>,
) -> CommandResult<Detail> {
    Ok(state.answer_indicator(&reference, &code, &answer, note.as_deref())?)
}

#[tauri::command(async)]
pub fn determine_capacity(
    state: State<'_, AppState>,
    reference: String,
    determination: String,
    reasons: Option<String>,
) -> CommandResult<Detail> {
    Ok(state.determine_capacity(&reference, &determination, reasons.as_deref())?)
}
