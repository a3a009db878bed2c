//! The API's routes for retention: the council's Retention screen (its schedule, the closed cases
//! due for review, past disposals), disposing of cases' personal data (a Monitoring Officer or
//! Deputy; all or none), and a disposal's certificate made as PDF or Word.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

use casebook::access::{self, Look};
use casebook::disposal::Certificate;
use casebook::json::RetentionView;
use casebook::settings;
use casebook::team::TeamRole;
use casebook_papers::template::Templates;
use casebook_papers::{certificate, Format};

use crate::http::{body, checked_file, in_council, token, with_team, ApiError, ApiResult, Shared};

async fn view(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
) -> ApiResult<RetentionView> {
    let token = token(&headers)?;
    with_team(team, move |t| t.retention_view(&token, council, Utc::now()))
        .await
        .map(Json)
}

#[derive(Deserialize)]
struct Disposing {
    references: Vec<String>,
    reason: String,
    #[serde(default)]
    early: bool,
}

async fn dispose(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
    parsed: Result<Json<Disposing>, JsonRejection>,
) -> ApiResult<Certificate> {
    let token = token(&headers)?;
    let d = body(parsed)?;
    with_team(team, move |t| {
        let what = (d.references.as_slice(), d.reason.as_str(), d.early);
        t.dispose(&token, council, what, Utc::now())
    })
    .await
    .map(Json)
}

#[derive(Deserialize)]
struct Wanted {
    /// pdf or docx.
    format: String,
}

async fn certificate_paper(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, number)): Path<(i64, String)>,
    parsed: Result<Json<Wanted>, JsonRejection>,
) -> Result<Response, ApiError> {
    let token = token(&headers)?;
    let format = Format::parse("format", &body(parsed)?.format).map_err(ApiError)?;
    let now = Utc::now();
    let (name, bytes) = in_council(
        team,
        token,
        council,
        ("make a paper", TeamRole::sees_every_case),
        now,
        move |tx, s| {
            let kept = settings::templates(tx)?;
            let paper = certificate::paper(tx, &number, Templates::Stored(&kept), &s.at_text())?;
            let what = format!("disposal certificate {} (team server)", number.trim());
            access::record(tx, s, Look::MakePaper, None, &what)?;
            let name = format!("{}.{}", paper.file_stem, format.extension());
            Ok((name, paper.render(format)?))
        },
    )
    .await?;
    let sha256 = casebook::audit::sha256_hex(&bytes);
    checked_file(format.media_type(), &sha256, &name, bytes)
}

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/councils/{council}/retention", get(view))
        .route("/api/councils/{council}/disposals", post(dispose))
        .route(
            "/api/councils/{council}/disposals/{certificate}/paper",
            post(certificate_paper),
        )
}
