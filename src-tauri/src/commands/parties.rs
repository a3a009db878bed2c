//! The councillor's side, the investigation, reviews, the Independent Persons register and the
//! case's letters.

use casebook::json::{
    CommentsInput, CostInput, IndependentPersonInput, InvestigatorInput, IpRegister,
    NotificationInput, ReportInput, ReviewDecisionInput, ReviewRequestInput, SettingsView,
    StagedDocument,
};
use casebook::procedure::{Letter, Procedure};
use casebook_papers::letter::Draft;
use casebook_papers::letter_screen::{self, LetterInput, LetterOffer};
use tauri::ipc::Request;

use super::evidence::offered_file;
use super::{AppState, CommandResult, State};
use crate::dialogs;

#[tauri::command(async)]
pub fn notify_councillor(
    state: State<'_, AppState>,
    reference: String,
    notification: NotificationInput,
) -> CommandResult<Procedure> {
    Ok(state.notify_councillor(&reference, notification)?)
}

#[tauri::command(async)]
pub fn councillor_comments(
    state: State<'_, AppState>,
    reference: String,
    comments: CommentsInput,
) -> CommandResult<Procedure> {
    Ok(state.councillor_comments(&reference, comments)?)
}

#[tauri::command(async)]
pub fn appoint_investigator(
    state: State<'_, AppState>,
    reference: String,
    investigator: InvestigatorInput,
) -> CommandResult<Procedure> {
    Ok(state.appoint_investigator(&reference, investigator)?)
}

#[tauri::command(async)]
pub fn add_investigation_cost(
    state: State<'_, AppState>,
    reference: String,
    cost: CostInput,
) -> CommandResult<Procedure> {
    Ok(state.add_cost(&reference, cost)?)
}

/// Checks a report offered for a case (raw bytes; its name in the `x-file-name` header) and holds
/// it until the report is recorded.
#[tauri::command(async)]
pub fn stage_document(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> CommandResult<StagedDocument> {
    let (bytes, name) = offered_file(&request)?;
    Ok(state.stage_document(bytes, name.as_deref().unwrap_or("report"))?)
}

#[tauri::command(async)]
pub fn record_report(
    state: State<'_, AppState>,
    reference: String,
    report: ReportInput,
) -> CommandResult<Procedure> {
    Ok(state.record_report(&reference, report)?)
}

#[tauri::command(async)]
pub fn request_review(
    state: State<'_, AppState>,
    reference: String,
    request: ReviewRequestInput,
) -> CommandResult<Procedure> {
    Ok(state.request_review(&reference, request)?)
}

#[tauri::command(async)]
pub fn decide_review(
    state: State<'_, AppState>,
    reference: String,
    decision: ReviewDecisionInput,
) -> CommandResult<Procedure> {
    Ok(state.decide_review(&reference, decision)?)
}

#[tauri::command(async)]
pub fn ip_register(state: State<'_, AppState>) -> CommandResult<IpRegister> {
    Ok(state.ip_register()?)
}

#[tauri::command(async)]
pub fn add_independent_person(
    state: State<'_, AppState>,
    person: IndependentPersonInput,
) -> CommandResult<IpRegister> {
    Ok(state.add_independent_person(person)?)
}

#[tauri::command(async)]
pub fn update_independent_person(
    state: State<'_, AppState>,
    id: i64,
    person: IndependentPersonInput,
) -> CommandResult<IpRegister> {
    Ok(state.update_independent_person(id, person)?)
}

#[tauri::command(async)]
pub fn save_council_address(
    state: State<'_, AppState>,
    address: String,
) -> CommandResult<SettingsView> {
    Ok(state.save_council_address(&address)?)
}

/// The letters the case can have now.
#[tauri::command(async)]
pub fn letter_offers(
    state: State<'_, AppState>,
    reference: String,
) -> CommandResult<Vec<LetterOffer>> {
    Ok(letter_screen::offers(&state, &reference)?)
}

/// A letter as its template makes it today, for the officer to edit.
#[tauri::command(async)]
pub fn letter_draft(
    state: State<'_, AppState>,
    reference: String,
    kind: String,
    party: String,
) -> CommandResult<Draft> {
    Ok(letter_screen::draft(&state, &reference, &kind, &party)?)
}

/// The (edited) letter as it will print.
#[tauri::command(async)]
pub fn letter_preview(markdown: String) -> CommandResult<String> {
    Ok(letter_screen::preview(&markdown)?)
}

/// Renders the letter and keeps it on the case.
#[tauri::command(async)]
pub fn keep_letter(
    state: State<'_, AppState>,
    reference: String,
    letter: LetterInput,
) -> CommandResult<Letter> {
    Ok(letter_screen::keep(&state, &reference, &letter)?)
}

#[tauri::command(async)]
pub fn letter_sent(
    state: State<'_, AppState>,
    reference: String,
    id: i64,
    on: String,
    by: String,
) -> CommandResult<Procedure> {
    Ok(state.letter_sent(&reference, id, &on, &by)?)
}

/// Saves a copy of a kept case document (a letter, a report) where the officer chooses; the path
/// written, or `None` if cancelled.
#[tauri::command(async)]
pub fn export_document(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    reference: String,
    id: i64,
) -> CommandResult<Option<String>> {
    let d = state.document(&reference, id)?;
    let path = dialogs::save_to(&app, "Save a copy of the document", &d.file_name, None)?;
    Ok(path
        .map(|p| state.export_document(&reference, id, &p))
        .transpose()?)
}
