//! The API's routes for the committee papers, made on the server from a council's records with
//! the built-in templates: the annual report or a case's decision notice, previewed as HTML or
//! made in any of the papers' formats (PDF, Word, HTML, Markdown, CSV, Excel). For the roles that
//! work on every case; each paper made is recorded in the council's access log, as on a file.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::post;
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

use casebook::access::{self, Look};
use casebook::settings;
use casebook::team::TeamRole;
use casebook_papers::screen::{self, PaperRequest, Preview};
use casebook_papers::template::Templates;
use casebook_papers::Format;

use crate::http::{body, checked_file, in_council, token, ApiError, ApiResult, Shared};

async fn preview(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
    parsed: Result<Json<PaperRequest>, JsonRejection>,
) -> ApiResult<Preview> {
    let token = token(&headers)?;
    let request = body(parsed)?;
    let now = Utc::now();
    in_council(
        team,
        token,
        council,
        ("make a paper", TeamRole::sees_every_case),
        now,
        move |tx, s| {
            let kept = settings::templates(tx)?;
            let own = Templates::Stored(&kept);
            let paper = screen::make_on(tx, &request, now.date_naive(), own, &s.at_text())?;
            screen::preview_of(paper, request)
        },
    )
    .await
    .map(Json)
}

#[derive(Deserialize)]
struct Asked {
    request: PaperRequest,
    /// md, html, docx, pdf, csv or xlsx.
    format: String,
}

async fn paper(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
    parsed: Result<Json<Asked>, JsonRejection>,
) -> Result<Response, ApiError> {
    let token = token(&headers)?;
    let asked = body(parsed)?;
    let format = Format::parse("format", &asked.format).map_err(ApiError)?;
    let now = Utc::now();
    let made = in_council(
        team,
        token,
        council,
        ("make a paper", TeamRole::sees_every_case),
        now,
        move |tx, s| {
            let req = &asked.request;
            let kept = settings::templates(tx)?;
            let own = Templates::Stored(&kept);
            let paper = screen::make_on(tx, req, now.date_naive(), own, &s.at_text())?;
            let made = screen::rendered(paper, req, format)?;
            let what = format!("{} (team server)", made.what);
            access::record(tx, s, Look::MakePaper, made.reference.as_deref(), &what)?;
            Ok(made)
        },
    )
    .await?;
    let sha256 = casebook::audit::sha256_hex(&made.bytes);
    checked_file(
        made.format.media_type(),
        &sha256,
        &made.file_name,
        made.bytes,
    )
}

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/councils/{council}/papers", post(paper))
        .route("/api/councils/{council}/papers/preview", post(preview))
}
