//! The Reports screen and a case's committee-paper marks: previews of the annual report and
//! decision notices, exports in every format (through the system's save dialog), the templates
//! folder, the publication rule and recommendations, publication marks and guidance-gap flags.

use casebook::json::PublicationInput;
use casebook::views::Detail;
use casebook_papers::screen::{self, PaperRequest, Preview, ReportOptions};

use super::{AppState, CommandResult, State};
use crate::dialogs;

#[tauri::command(async)]
pub fn report_options(state: State<'_, AppState>) -> CommandResult<ReportOptions> {
    Ok(screen::options(&state)?)
}

/// The paper as HTML for the live preview.
#[tauri::command(async)]
pub fn report_preview(state: State<'_, AppState>, request: PaperRequest) -> CommandResult<Preview> {
    Ok(screen::preview(&state, request)?)
}

/// Makes the paper in `format` and saves it where the officer chooses (the system's save
/// dialog); the path written, or `None` if cancelled. Nothing is written if making it fails.
#[tauri::command(async)]
pub fn export_report(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: PaperRequest,
    format: String,
) -> CommandResult<Option<String>> {
    let paper = screen::render(&state, &request, &format)?;
    let (label, ext) = paper.filter();
    let path = dialogs::save_to(&app, SAVE_TITLE, &paper.file_name, Some((label, &ext)))?;
    Ok(path.map(|p| screen::save(&state, &paper, &p)).transpose()?)
}

const SAVE_TITLE: &str = "Save the paper";

/// Copies the shipped templates into the templates folder (leaving the officer's own alone).
#[tauri::command(async)]
pub fn write_templates(state: State<'_, AppState>) -> CommandResult<ReportOptions> {
    Ok(screen::write_templates(&state)?)
}

#[tauri::command(async)]
pub fn save_report_settings(
    state: State<'_, AppState>,
    rule: String,
    recommendations: String,
) -> CommandResult<ReportOptions> {
    Ok(screen::save_settings(&state, &rule, &recommendations)?)
}

#[tauri::command(async)]
pub fn set_publication(
    state: State<'_, AppState>,
    reference: String,
    publication: PublicationInput,
) -> CommandResult<Detail> {
    Ok(state.set_publication(&reference, publication)?)
}

#[tauri::command(async)]
pub fn flag_gap(
    state: State<'_, AppState>,
    reference: String,
    item: Option<String>,
    note: String,
) -> CommandResult<Detail> {
    Ok(state.flag_gap(&reference, item.as_deref(), &note)?)
}

#[tauri::command(async)]
pub fn remove_gap(
    state: State<'_, AppState>,
    reference: String,
    id: i64,
    reason: String,
) -> CommandResult<Detail> {
    Ok(state.remove_gap(&reference, id, &reason)?)
}
