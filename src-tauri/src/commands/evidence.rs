//! Evidence and intake: the originals and thumbnails (sent raw), files offered for a complaint,
//! logging a complaint, adding evidence later, redacted copies, exports and imported logs.

use casebook::email::Email;
use casebook::json::{
    CaptureInput, ComplaintInput, ImportCheck, ImportProgress, IntakeOptions, StagedFile,
};
use casebook::redaction::Area;
use casebook::session::OcrProgress;
use casebook::views::Detail;
use tauri::ipc::{InvokeBody, Request, Response};

use super::{AppState, CommandResult, State};
use crate::dialogs;

/// An evidence item's original bytes, sent raw (the UI shows them through a blob: URL).
#[tauri::command(async)]
pub fn evidence_file(state: State<'_, AppState>, id: i64) -> CommandResult<Response> {
    Ok(Response::new(state.evidence_bytes(id)?))
}

/// An image evidence item's JPEG thumbnail, raw; empty if it has none.
#[tauri::command(async)]
pub fn evidence_thumbnail(state: State<'_, AppState>, id: i64) -> CommandResult<Response> {
    Ok(Response::new(state.evidence_thumbnail(id)?))
}

/// An email's sender, recipients, date, subject and body as plain text (an HTML body turned into
/// text), read from its bytes (raw) for the evidence viewer; nothing in it is shown as a page.
#[tauri::command(async)]
pub fn read_email(request: Request<'_>) -> CommandResult<Email> {
    let (bytes, _) = offered_file(&request)?;
    Ok(casebook::email::parse(bytes)?)
}

/// Checks a file offered for a new complaint (raw bytes; its name in the `x-file-name` header,
/// percent-encoded) and holds it until the complaint is saved. A file Casebook would refuse is
/// refused now, naming the file and why.
#[tauri::command(async)]
pub fn stage_file(state: State<'_, AppState>, request: Request<'_>) -> CommandResult<StagedFile> {
    let (bytes, name) = offered_file(&request)?;
    Ok(state.stage_file(bytes, name)?)
}

/// Asks for a video on this computer (MP4, WebM or QuickTime, up to 1 GiB), checks and hashes
/// it, and holds it, as its path, until the complaint or evidence is saved, when it is streamed
/// into the database; `None` if cancelled.
#[tauri::command(async)]
pub fn choose_video(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<StagedFile>> {
    let path = dialogs::pick_or_env(&app, "Add a video", dialogs::VIDEOS)?;
    Ok(path.map(|p| state.stage_video(&p)).transpose()?)
}

#[tauri::command(async)]
pub fn intake_options(state: State<'_, AppState>) -> CommandResult<IntakeOptions> {
    Ok(state.intake_options()?)
}

/// Saves a new complaint, its councillor if new, the post's text and the offered files in one
/// step; returns its reference.
#[tauri::command(async)]
pub fn log_complaint(
    state: State<'_, AppState>,
    complaint: ComplaintInput,
) -> CommandResult<String> {
    Ok(state.log_complaint(complaint)?)
}

/// Adds files offered with `stage_file`, and the post's text if given, to an existing case.
#[tauri::command(async)]
pub fn add_evidence(
    state: State<'_, AppState>,
    reference: String,
    files: Vec<String>,
    post_text: Option<String>,
    capture: Option<CaptureInput>,
) -> CommandResult<Detail> {
    Ok(state.add_evidence(&reference, &files, post_text.as_deref(), capture)?)
}

/// Adds a file offered with `stage_file` as a redacted copy of evidence item `original`.
#[tauri::command(async)]
pub fn add_redacted_copy(
    state: State<'_, AppState>,
    reference: String,
    original: i64,
    file: String,
) -> CommandResult<Detail> {
    Ok(state.add_redacted_copy(&reference, original, &file)?)
}

/// Makes a redacted copy of image item `original` with each of `boxes` covered, for `reason`.
#[tauri::command(async)]
pub fn redact_evidence(
    state: State<'_, AppState>,
    reference: String,
    original: i64,
    boxes: Vec<Area>,
    reason: String,
) -> CommandResult<Detail> {
    Ok(state.redact_evidence(&reference, original, &boxes, &reason)?)
}

/// Saves an evidence item's original bytes where the officer chooses; the path, or `None` if
/// cancelled.
#[tauri::command(async)]
pub fn export_evidence(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<String>> {
    let name = state.evidence_file_name(id)?;
    let path = dialogs::save_to(&app, "Export the original", &name, None)?;
    Ok(path.map(|p| state.export_evidence(id, &p)).transpose()?)
}

/// Asks for a complaints log (CSV, or a spreadsheet: its first sheet) and checks every row without
/// storing anything.
#[tauri::command(async)]
pub fn check_import(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<ImportCheck>> {
    let path = dialogs::pick_or_env(&app, "Import a complaints log", dialogs::LOGS)?;
    Ok(path.map(|p| state.import_log(&p, true)).transpose()?)
}

/// Imports the complaints log checked by `check_import` (all rows or none).
#[tauri::command(async)]
pub fn import_log(state: State<'_, AppState>, path: String) -> CommandResult<ImportCheck> {
    Ok(state.import_log(std::path::Path::new(&path), false)?)
}

/// The bytes of a file offered raw, and its name from the percent-encoded `x-file-name` header.
pub(crate) fn offered_file<'a>(
    request: &'a Request<'_>,
) -> casebook::Result<(&'a [u8], Option<String>)> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(casebook::Error::invalid(
            "files",
            "expected the file's bytes",
        ));
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        })
        .filter(|n| !n.trim().is_empty());
    Ok((bytes, name))
}

/// How far the import running now has got (polled by the Settings screen's progress bar).
#[tauri::command(async)]
pub fn import_progress(state: State<'_, AppState>) -> CommandResult<ImportProgress> {
    Ok(state.import_progress())
}

/// Starts reading the words in every screenshot not read yet (Tesseract), on a thread of its own;
/// how far it has got (polled with `ocr_progress`).
#[tauri::command(async)]
pub fn read_screenshots(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<OcrProgress> {
    crate::state::read_in_background(app);
    Ok(state.ocr_progress())
}

/// Keeps the officer's correction of the text read in a screenshot (item `reading`), apart from it.
#[tauri::command(async)]
pub fn correct_reading(
    state: State<'_, AppState>,
    reference: String,
    reading: i64,
    text: String,
) -> CommandResult<Detail> {
    Ok(state.correct_reading(&reference, reading, &text)?)
}

/// How far reading the screenshots has got.
#[tauri::command(async)]
pub fn ocr_progress(state: State<'_, AppState>) -> CommandResult<OcrProgress> {
    Ok(state.ocr_progress())
}

/// Stops the running import; nothing of it is stored.
#[tauri::command(async)]
pub fn cancel_import(state: State<'_, AppState>) -> CommandResult<ImportProgress> {
    Ok(state.cancel_import())
}
