//! The team server ("Connect to a team server"): signing in and out, the council worked in, the
//! case list, a case with its version, and the changes made on that version (a step, a tag, a
//! note), each refused as a conflict naming whose change came first if the case moved on.
//! Everything goes to the server through `casebook-client`; nothing here touches the file.

use serde_json::Value;
use tauri::ipc::Response;

use casebook::redaction::Area;
use casebook_client::TeamSession;

use super::{AppState, CommandResult, State};
use crate::dialogs;
use crate::state::Original;

#[tauri::command(async)]
pub fn team_connect(
    state: State<'_, AppState>,
    server: String,
    name: String,
    password: String,
) -> CommandResult<TeamSession> {
    Ok(state.connect(&server, &name, &password)?)
}

#[tauri::command(async)]
pub fn team_disconnect(state: State<'_, AppState>) -> CommandResult<()> {
    Ok(state.disconnect()?)
}

#[tauri::command(async)]
pub fn team_choose_council(state: State<'_, AppState>, id: i64) -> CommandResult<TeamSession> {
    Ok(state.team(|t| t.choose_council(id))?)
}

/// The council's dashboard on the server (a Dashboard).
#[tauri::command(async)]
pub fn team_dashboard(state: State<'_, AppState>) -> CommandResult<Value> {
    Ok(state.team(|t| t.dashboard())?)
}

/// Everything overdue or due soon on the server (a DueLists).
#[tauri::command(async)]
pub fn team_due_lists(state: State<'_, AppState>) -> CommandResult<Value> {
    Ok(state.team(|t| t.due_lists())?)
}

/// A page of the council's case list (`query`: the server's filters, as a CaseQuery).
#[tauri::command(async)]
pub fn team_cases(state: State<'_, AppState>, query: Value) -> CommandResult<Value> {
    Ok(state.team(|t| t.cases(&query))?)
}

/// A case as the server gives it (a CaseOpened: its view, version and who works on it).
#[tauri::command(async)]
pub fn team_case(state: State<'_, AppState>, reference: String) -> CommandResult<Value> {
    Ok(state.team(|t| t.case(&reference))?)
}

#[tauri::command(async)]
pub fn team_step(
    state: State<'_, AppState>,
    reference: String,
    based_on: i64,
    step: Value,
) -> CommandResult<Value> {
    Ok(state.team(|t| t.step(&reference, based_on, &step))?)
}

#[tauri::command(async)]
pub fn team_tag(
    state: State<'_, AppState>,
    reference: String,
    based_on: i64,
    code: String,
    note: Option<String>,
) -> CommandResult<Value> {
    Ok(state.team(|t| t.tag(&reference, based_on, &code, note.as_deref()))?)
}

#[tauri::command(async)]
pub fn team_note(
    state: State<'_, AppState>,
    reference: String,
    based_on: i64,
    body: String,
) -> CommandResult<Value> {
    Ok(state.team(|t| t.note(&reference, based_on, &body))?)
}

/// Sends files offered with `stage_file` to the case as evidence, on version `based_on`.
#[tauri::command(async)]
pub fn team_add_evidence(
    state: State<'_, AppState>,
    reference: String,
    based_on: i64,
    files: Vec<String>,
    description: Option<String>,
) -> CommandResult<Value> {
    let about: Vec<_> = description
        .map(|d| ("description", d))
        .into_iter()
        .collect();
    Ok(state.team_evidence(&reference, based_on, &files, &about)?)
}

/// Sends the file offered under `file` as a redacted copy of evidence item `original` of the
/// case, on version `based_on`.
#[tauri::command(async)]
pub fn team_add_redacted_copy(
    state: State<'_, AppState>,
    reference: String,
    based_on: i64,
    original: i64,
    file: String,
) -> CommandResult<Value> {
    let about = [("derived_from", original.to_string())];
    Ok(state.team_evidence(&reference, based_on, &[file], &about)?)
}

/// Makes a redacted copy of image item `original` here (its bytes fetched and checked, each of
/// `boxes` covered) and sends it to the server linked to its original, for `reason`, on version
/// `based_on`.
#[tauri::command(async)]
pub fn team_redact_evidence(
    state: State<'_, AppState>,
    reference: String,
    based_on: i64,
    original: Original,
    boxes: Vec<Area>,
    reason: String,
) -> CommandResult<Value> {
    Ok(state.team_redact(&reference, based_on, &original, &boxes, &reason)?)
}

/// Records the final investigation report, received `on`, with the file offered under `file`
/// (`stage_document`), on version `based_on`.
#[tauri::command(async)]
pub fn team_final_report(
    state: State<'_, AppState>,
    reference: String,
    based_on: i64,
    on: String,
    file: String,
) -> CommandResult<Value> {
    Ok(state.team_final_report(&reference, based_on, &on, &file)?)
}

/// The new complaint form's choices on the server (an IntakeOptions).
#[tauri::command(async)]
pub fn team_intake_options(state: State<'_, AppState>) -> CommandResult<Value> {
    Ok(state.team(|t| t.intake_options())?)
}

/// Logs a complaint on the server (a ComplaintInput; files offered with `stage_file`); its
/// reference.
#[tauri::command(async)]
pub fn team_log_complaint(state: State<'_, AppState>, complaint: Value) -> CommandResult<String> {
    Ok(state.team_complaint(complaint)?)
}

/// An evidence item's bytes from the server, raw, checked against their SHA-256 (the UI shows an
/// image through a blob: URL).
#[tauri::command(async)]
pub fn team_evidence(state: State<'_, AppState>, id: i64) -> CommandResult<Response> {
    Ok(Response::new(state.team(|t| t.evidence(id))?))
}

/// Saves an evidence item from the server where the officer chooses (`name` offered); the path,
/// or `None` if cancelled.
#[tauri::command(async)]
pub fn team_save_evidence(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: i64,
    name: String,
) -> CommandResult<Option<String>> {
    let name = dialogs::offered_name(&name, &format!("evidence-{id}"));
    let path = dialogs::save_to(&app, "Save a copy of the evidence", &name, None)?;
    Ok(path.map(|p| state.team_save_evidence(id, &p)).transpose()?)
}

/// Answers an acting-in-capacity indicator on the case, on version `based_on`.
#[tauri::command(async)]
pub fn team_answer_indicator(
    state: State<'_, AppState>,
    reference: String,
    based_on: i64,
    code: String,
    answer: String,
    note: Option<String>,
) -> CommandResult<Value> {
    Ok(state.team(|t| t.answer(&reference, based_on, &code, &answer, note.as_deref()))?)
}

/// Whether the councillor was acting in capacity, and why, on version `based_on`.
#[tauri::command(async)]
pub fn team_determine_capacity(
    state: State<'_, AppState>,
    reference: String,
    based_on: i64,
    determination: String,
    reasons: Option<String>,
) -> CommandResult<Value> {
    Ok(state.team(|t| t.determine(&reference, based_on, &determination, reasons.as_deref()))?)
}

/// One of the procedure's records (a `CaseRecord`: an Independent Person's views, the clock paused
/// or restarted, the confidentiality decision, the last step taken back) on version `based_on`.
#[tauri::command(async)]
pub fn team_record(
    state: State<'_, AppState>,
    reference: String,
    based_on: i64,
    record: Value,
) -> CommandResult<Value> {
    Ok(state.team(|t| t.record(&reference, based_on, &record))?)
}

/// The council's register of Independent People, and who serves today.
#[tauri::command(async)]
pub fn team_ip_register(state: State<'_, AppState>) -> CommandResult<Value> {
    Ok(state.team(|t| t.ip_register())?)
}

/// The letters the case on the server can have now (LetterOffers).
#[tauri::command(async)]
pub fn team_letter_offers(state: State<'_, AppState>, reference: String) -> CommandResult<Value> {
    Ok(state.team(|t| t.letter_offers(&reference))?)
}

/// The letter of `kind` to `party` drafted by the server from its template (a Draft).
#[tauri::command(async)]
pub fn team_letter_draft(
    state: State<'_, AppState>,
    reference: String,
    kind: String,
    party: String,
) -> CommandResult<Value> {
    Ok(state.team(|t| t.letter_draft(&reference, &kind, &party))?)
}

/// Keeps the (edited) letter (a LetterInput) on the case, on version `based_on`.
#[tauri::command(async)]
pub fn team_keep_letter(
    state: State<'_, AppState>,
    reference: String,
    based_on: i64,
    letter: Value,
) -> CommandResult<Value> {
    Ok(state.team(|t| t.keep_letter(&reference, based_on, &letter))?)
}

/// Saves a kept letter or report from the server where the officer chooses (`name` offered);
/// the path, or `None` if cancelled.
#[tauri::command(async)]
pub fn team_save_document(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    reference: String,
    id: i64,
    name: String,
) -> CommandResult<Option<String>> {
    let name = dialogs::offered_name(&name, &format!("document-{id}"));
    let path = dialogs::save_to(&app, "Save a copy of the document", &name, None)?;
    Ok(path
        .map(|p| state.team_save_document(&reference, id, &p))
        .transpose()?)
}

/// The annual report or a decision notice (a PaperRequest), made by the server, as HTML.
#[tauri::command(async)]
pub fn team_report_preview(state: State<'_, AppState>, request: Value) -> CommandResult<Value> {
    Ok(state.team(|t| t.paper_preview(&request))?)
}

/// Has the server make the paper in `format` and saves it where the officer chooses; the path,
/// or `None` if cancelled.
#[tauri::command(async)]
pub fn team_export_report(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    request: Value,
    format: String,
) -> CommandResult<Option<String>> {
    let name = dialogs::offered_name(&crate::state::paper_name(&request, &format), "paper");
    let path = dialogs::save_to(&app, "Save the paper", &name, None)?;
    Ok(path
        .map(|p| state.team_save_paper(&request, &format, &p))
        .transpose()?)
}

/// Where the case on the server stands against the retention schedule (a RetentionReview).
#[tauri::command(async)]
pub fn team_case_retention(state: State<'_, AppState>, reference: String) -> CommandResult<Value> {
    Ok(state.team(|t| t.retention(&reference))?)
}

/// The council's Retention screen on the server (a RetentionView).
#[tauri::command(async)]
pub fn team_retention_view(state: State<'_, AppState>) -> CommandResult<Value> {
    Ok(state.team(|t| t.retention_view())?)
}

/// Disposes of the personal data of cases `references` on the server; the certificate.
#[tauri::command(async)]
pub fn team_dispose_cases(
    state: State<'_, AppState>,
    references: Vec<String>,
    reason: String,
    early: bool,
) -> CommandResult<Value> {
    Ok(state.team(|t| t.dispose(&references, &reason, early))?)
}

/// Has the server make disposal certificate `certificate` in `format` and saves it where the
/// officer chooses; the path, or `None` if cancelled.
#[tauri::command(async)]
pub fn team_export_certificate(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    certificate: String,
    format: String,
) -> CommandResult<Option<String>> {
    let name = crate::state::certificate_name(&certificate, &format);
    let path = dialogs::save_to(&app, "Save the certificate", &name, None)?;
    let saved = path.map(|p| state.team_save_certificate(&certificate, &format, &p));
    Ok(saved.transpose()?)
}

/// One of the subject access screen's actions on the server (`{"action": …}`); its answer.
#[tauri::command(async)]
pub fn team_sar(state: State<'_, AppState>, action: Value) -> CommandResult<Value> {
    Ok(state.team(|t| t.sar(&action))?)
}

/// Has the server make request `id`'s response pack and saves it where the officer chooses; its
/// summary (a SarPack), or `None` if cancelled.
#[tauri::command(async)]
pub fn team_export_sar_pack(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<Value>> {
    let name = casebook_papers::retention_screen::pack_file_name(id);
    let path = dialogs::save_to(&app, "Save the response pack", &name, None)?;
    Ok(path.map(|p| state.team_save_sar_pack(id, &p)).transpose()?)
}

/// One of the registers' actions on the server (councillors and the catalogue); its answer.
#[tauri::command(async)]
pub fn team_register(state: State<'_, AppState>, action: Value) -> CommandResult<Value> {
    Ok(state.team(|t| t.register(&action))?)
}

/// Asks for a guidance catalogue version (JSON) and adds it on the server; the version added, or
/// `None` if cancelled.
#[tauri::command(async)]
pub fn team_add_catalogue_version(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<Value>> {
    let title = "Add a guidance catalogue version";
    let path = dialogs::pick_or_env(&app, title, ("JSON", &["json"]))?;
    Ok(path
        .map(|p| state.team(|t| t.add_catalogue_version(&p)))
        .transpose()?)
}

/// One of the council settings' actions on the server (the publication settings, the retention
/// rules); its answer.
#[tauri::command(async)]
pub fn team_settings(state: State<'_, AppState>, action: Value) -> CommandResult<Value> {
    Ok(state.team(|t| t.settings(&action))?)
}
