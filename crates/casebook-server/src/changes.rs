//! The API's routes for the rest of the work on a case: logging a complaint, tags, notes, and
//! evidence. A file is sent as the request's body, with the SHA-256 the client computed (and
//! its name, description, and who captured it and when) in the query; it comes back with the SHA-256 the server checked it against in `X-Casebook-SHA256`.

use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

use casebook::evidence::MAX_FILE_BYTES;
use casebook::json::ComplaintInput;
use casebook::ocr;
use casebook::team::{CaseOpened, Upload};

use crate::http::{body, checked_file, token, with_team, ApiError, ApiResult, Shared};

async fn intake_options(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
) -> ApiResult<casebook::json::IntakeOptions> {
    let token = token(&headers)?;
    with_team(team, move |t| t.intake_options(&token, council, Utc::now()))
        .await
        .map(Json)
}

async fn log_complaint(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
    parsed: Result<Json<ComplaintInput>, JsonRejection>,
) -> Result<(StatusCode, Json<CaseOpened>), ApiError> {
    let token = token(&headers)?;
    let complaint = body(parsed)?;
    let opened = with_team(team, move |t| {
        t.log_complaint(&token, council, complaint, Utc::now())
    })
    .await?;
    Ok((StatusCode::CREATED, Json(opened)))
}

#[derive(Deserialize)]
struct Tag {
    based_on: i64,
    code: String,
    note: Option<String>,
}

async fn tag(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    parsed: Result<Json<Tag>, JsonRejection>,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    let b = body(parsed)?;
    with_team(team, move |t| {
        let note = b.note.as_deref();
        t.tag(
            &token,
            council,
            &reference,
            b.based_on,
            &b.code,
            note,
            Utc::now(),
        )
    })
    .await
    .map(Json)
}

#[derive(Deserialize)]
struct Answer {
    based_on: i64,
    code: String,
    answer: String,
    note: Option<String>,
}

async fn answer(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    parsed: Result<Json<Answer>, JsonRejection>,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    let b = body(parsed)?;
    with_team(team, move |t| {
        let note = b.note.as_deref();
        t.answer_indicator(
            &token,
            council,
            &reference,
            b.based_on,
            &b.code,
            &b.answer,
            note,
            Utc::now(),
        )
    })
    .await
    .map(Json)
}

#[derive(Deserialize)]
struct Determination {
    based_on: i64,
    determination: String,
    reasons: Option<String>,
}

async fn determine(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    parsed: Result<Json<Determination>, JsonRejection>,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    let b = body(parsed)?;
    with_team(team, move |t| {
        let reasons = b.reasons.as_deref();
        t.determine_capacity(
            &token,
            council,
            &reference,
            b.based_on,
            &b.determination,
            reasons,
            Utc::now(),
        )
    })
    .await
    .map(Json)
}

#[derive(Deserialize)]
struct BasedOn {
    based_on: i64,
}

async fn untag(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference, code)): Path<(i64, String, String)>,
    Query(q): Query<BasedOn>,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    with_team(team, move |t| {
        t.untag(&token, council, &reference, q.based_on, &code, Utc::now())
    })
    .await
    .map(Json)
}

#[derive(Deserialize)]
struct Note {
    based_on: i64,
    body: String,
}

async fn note(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    parsed: Result<Json<Note>, JsonRejection>,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    let b = body(parsed)?;
    with_team(team, move |t| {
        t.add_note(&token, council, &reference, b.based_on, &b.body, Utc::now())
    })
    .await
    .map(Json)
}

/// The query that goes with a file sent as evidence.
#[derive(Deserialize)]
pub(crate) struct Sent {
    based_on: i64,
    /// The SHA-256 of the body, in hex, as the client computed it.
    sha256: String,
    name: Option<String>,
    description: Option<String>,
    captured_by: Option<String>,
    captured_at: Option<String>,
    /// The evidence item of the same case this file is a redacted copy of.
    derived_from: Option<i64>,
}

impl Sent {
    /// What was sent about `bytes` (`readings` made of them), as intake takes it.
    pub(crate) fn upload(self, bytes: Vec<u8>) -> (i64, Upload) {
        let upload = Upload {
            name: self.name,
            description: self.description,
            captured_by: self.captured_by,
            captured_at: self.captured_at,
            derived_from: self.derived_from,
            sha256: self.sha256,
            bytes,
            readings: Vec::new(),
        };
        (self.based_on, upload)
    }
}

async fn add_evidence(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    Query(q): Query<Sent>,
    bytes: Bytes,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    let (based_on, mut upload) = q.upload(bytes.to_vec());
    // The words in a screenshot are read before the council's changes are locked (Tesseract
    // takes a second; other officers' requests go on meanwhile), for a sender who may add it,
    // and kept in the same step as the file, so the case's version moves once.
    let (asker, case) = (token.clone(), reference.clone());
    with_team(team.clone(), move |t| {
        t.may_add_evidence(&asker, council, &case, Utc::now())
    })
    .await?;
    if upload.arrived_whole() {
        // The upload goes to the reading thread and comes back with its readings (not copied);
        // if reading fails outright it comes back with none, and is stored all the same.
        upload = tokio::task::spawn_blocking(move || {
            let read = || ocr::read_sent(&upload.bytes, upload.name.as_deref());
            let readings = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
            upload.readings = readings.unwrap_or_default();
            upload
        })
        .await
        .map_err(|e| ApiError(casebook::Error::Unavailable(format!("request failed: {e}"))))?;
    }
    with_team(team, move |t| {
        t.add_evidence(&token, council, &reference, based_on, upload, Utc::now())
    })
    .await
    .map(Json)
}

/// An evidence item's bytes, as an attachment that is never sniffed or shown as a page.
async fn evidence(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, id)): Path<(i64, i64)>,
) -> Result<Response, ApiError> {
    let token = token(&headers)?;
    let (item, bytes) =
        with_team(team, move |t| t.evidence(&token, council, id, Utc::now())).await?;
    checked_file(
        &item.media_type,
        &item.sha256,
        &format!("evidence-{id}"),
        bytes,
    )
}

/// The routes for the rest of the work on a case, on the API's state.
pub(crate) fn routes() -> Router<Shared> {
    // A file may be as large as intake takes, with room for nothing else in the body.
    let file_limit = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
    Router::new()
        .route("/api/councils/{council}/cases", post(log_complaint))
        .route(
            "/api/councils/{council}/intake-options",
            get(intake_options),
        )
        .route("/api/councils/{council}/cases/{reference}/tags", post(tag))
        .route(
            "/api/councils/{council}/cases/{reference}/tags/{code}",
            delete(untag),
        )
        .route(
            "/api/councils/{council}/cases/{reference}/notes",
            post(note),
        )
        .route(
            "/api/councils/{council}/cases/{reference}/capacity/answers",
            post(answer),
        )
        .route(
            "/api/councils/{council}/cases/{reference}/capacity/determination",
            post(determine),
        )
        .route(
            "/api/councils/{council}/cases/{reference}/evidence",
            post(add_evidence).layer(DefaultBodyLimit::max(file_limit)),
        )
        .route("/api/councils/{council}/evidence/{id}", get(evidence))
}
