//! The Retention and Subject access screens: the schedule, the review list, holds, extensions,
//! disposal and its certificate; subject access requests, what was found, redactions and the
//! response pack (saved through the system's save dialog).

use casebook::disposal::Certificate;
use casebook::json::{RetentionView, SarDetail, SarInput};
use casebook::retention::Review;
use casebook::sar::{Hit, Sar};
use casebook_papers::sar::{Pack, Redaction};
use casebook_papers::{retention_screen, screen};

use super::{AppState, CommandResult, State};
use crate::dialogs;

#[tauri::command(async)]
pub fn retention_view(state: State<'_, AppState>) -> CommandResult<RetentionView> {
    Ok(state.retention_view()?)
}

#[tauri::command(async)]
pub fn set_retention_rule(
    state: State<'_, AppState>,
    ending: String,
    months: String,
    start: String,
    reason: String,
) -> CommandResult<RetentionView> {
    Ok(state.set_retention_rule(&ending, &months, &start, &reason)?)
}

#[tauri::command(async)]
pub fn case_retention(state: State<'_, AppState>, reference: String) -> CommandResult<Review> {
    Ok(state.case_retention(&reference)?)
}

#[tauri::command(async)]
pub fn hold_case(
    state: State<'_, AppState>,
    reference: String,
    reason: String,
) -> CommandResult<Review> {
    Ok(state.hold_case(&reference, &reason)?)
}

#[tauri::command(async)]
pub fn lift_hold(
    state: State<'_, AppState>,
    reference: String,
    reason: String,
) -> CommandResult<Review> {
    Ok(state.lift_hold(&reference, &reason)?)
}

#[tauri::command(async)]
pub fn extend_retention(
    state: State<'_, AppState>,
    reference: String,
    to: String,
    reason: String,
) -> CommandResult<Review> {
    Ok(state.extend_retention(&reference, &to, &reason)?)
}

#[tauri::command(async)]
pub fn dispose_cases(
    state: State<'_, AppState>,
    references: Vec<String>,
    reason: String,
    early: bool,
) -> CommandResult<Certificate> {
    Ok(state.dispose(&references, &reason, early)?)
}

/// Makes the certificate in `format` (pdf or docx) and saves it where the officer chooses.
#[tauri::command(async)]
pub fn export_certificate(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    certificate: String,
    format: String,
) -> CommandResult<Option<String>> {
    let paper = retention_screen::certificate(&state, &certificate, &format)?;
    let (label, ext) = paper.filter();
    let path = dialogs::save_to(&app, CERTIFICATE, &paper.file_name, Some((label, &ext)))?;
    Ok(path.map(|p| screen::save(&state, &paper, &p)).transpose()?)
}

const CERTIFICATE: &str = "Save the certificate";

#[tauri::command(async)]
pub fn sars(state: State<'_, AppState>) -> CommandResult<Vec<Sar>> {
    Ok(state.sars()?)
}

#[tauri::command(async)]
pub fn new_sar(state: State<'_, AppState>, request: SarInput) -> CommandResult<Sar> {
    Ok(state.new_sar(request)?)
}

#[tauri::command(async)]
pub fn sar_detail(state: State<'_, AppState>, id: i64) -> CommandResult<SarDetail> {
    Ok(state.sar_detail(id)?)
}

#[tauri::command(async)]
pub fn confirm_sar_hit(
    state: State<'_, AppState>,
    id: i64,
    hit: i64,
    confirmed: bool,
) -> CommandResult<Vec<Hit>> {
    Ok(state.confirm_sar_hit(id, hit, confirmed)?)
}

#[tauri::command(async)]
pub fn set_sar_names(
    state: State<'_, AppState>,
    id: i64,
    aliases: String,
    redact: String,
    keep: String,
) -> CommandResult<Sar> {
    Ok(state.set_sar_names(id, &aliases, &redact, &keep)?)
}

#[tauri::command(async)]
pub fn sar_redactions(state: State<'_, AppState>, id: i64) -> CommandResult<Vec<Redaction>> {
    Ok(retention_screen::redactions(&state, id)?)
}

#[tauri::command(async)]
pub fn extend_sar(state: State<'_, AppState>, id: i64, reason: String) -> CommandResult<Sar> {
    Ok(state.extend_sar(id, &reason)?)
}

#[tauri::command(async)]
pub fn sar_sent(state: State<'_, AppState>, id: i64, on: String) -> CommandResult<Sar> {
    Ok(state.sar_sent(id, &on)?)
}

/// Makes the response pack and saves it where the officer chooses; `None` if cancelled.
#[tauri::command(async)]
pub fn export_sar_pack(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<Pack>> {
    let name = retention_screen::pack_file_name(id);
    let path = dialogs::save_to(&app, PACK, &name, Some(("Zip", &["zip"])))?;
    Ok(path
        .map(|p| retention_screen::export_pack(&state, id, &p))
        .transpose()?)
}

const PACK: &str = "Save the response pack";
