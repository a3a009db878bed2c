//! The API's routes for a case's letters: the letters it can have now, a draft from the built-in
//! template for the officer to edit, keeping the (edited) letter on the case as a hashed case
//! document (rendered here, on the version the officer has open) and a kept document's bytes.
//! Marking a letter sent is one of the procedure's records (`…/records`).

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

use casebook::letters;
use casebook::settings;
use casebook::team::{CaseOpened, Edit};
use casebook_papers::letter::{self, Draft};
use casebook_papers::letter_screen::{label, LetterOffer};
use casebook_papers::template::Templates;
use casebook_papers::Format;

use crate::http::{body, checked_file, token, with_team, ApiError, ApiResult, Shared};

async fn offers(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
) -> ApiResult<Vec<LetterOffer>> {
    let token = token(&headers)?;
    let now = Utc::now();
    let offered = with_team(team, move |t| {
        t.read_case(
            &token,
            council,
            &reference,
            "see a case's letters",
            now,
            |tx, id| letter::offered(tx, id),
        )
    })
    .await?;
    let offers = offered.into_iter().map(|(kind, party)| LetterOffer {
        kind,
        party,
        label: label(kind, party),
    });
    Ok(Json(offers.collect()))
}

#[derive(Deserialize)]
struct Wanted {
    kind: String,
    party: String,
}

async fn draft(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    parsed: Result<Json<Wanted>, JsonRejection>,
) -> ApiResult<Draft> {
    let token = token(&headers)?;
    let w = body(parsed)?;
    let now = Utc::now();
    with_team(team, move |t| {
        t.read_case(
            &token,
            council,
            &reference,
            "draft a letter",
            now,
            |tx, _| {
                let kept = settings::templates(tx)?;
                let own = Templates::Stored(&kept);
                letter::draft(tx, &reference, (&w.kind, &w.party), now.date_naive(), own)
            },
        )
    })
    .await
    .map(Json)
}

#[derive(Deserialize)]
struct Keep {
    based_on: i64,
    kind: String,
    party: String,
    markdown: String,
    /// `pdf` or `docx` (or `html`, `md`).
    format: String,
}

async fn keep(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    parsed: Result<Json<Keep>, JsonRejection>,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    let k = body(parsed)?;
    let format = Format::parse("format", &k.format).map_err(ApiError)?;
    let now = Utc::now();
    with_team(team, move |t| {
        let edit = Edit {
            token: &token,
            council_id: council,
            reference: &reference,
            based_on: k.based_on,
            action: "keep a letter on a case",
        };
        t.change_case(edit, now, |tx, s, id| {
            let kept = settings::templates(tx)?;
            let own = Templates::Stored(&kept);
            let d = letter::draft(tx, &reference, (&k.kind, &k.party), now.date_naive(), own)?;
            let save = |new: &letters::NewLetter<'_>| letters::save(tx, s, id, new);
            letter::keep(&d, &k.markdown, format, &s.at_text(), save).map(drop)
        })
    })
    .await
    .map(Json)
}

async fn document(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference, id)): Path<(i64, String, i64)>,
) -> Result<Response, ApiError> {
    let token = token(&headers)?;
    let (d, bytes) = with_team(team, move |t| {
        t.document(&token, council, &reference, id, Utc::now())
    })
    .await?;
    checked_file(&d.media_type, &d.sha256, &format!("document-{id}"), bytes)
}

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/api/councils/{council}/cases/{reference}/letters/offers",
            get(offers),
        )
        .route(
            "/api/councils/{council}/cases/{reference}/letters/draft",
            post(draft),
        )
        .route(
            "/api/councils/{council}/cases/{reference}/letters",
            post(keep),
        )
        .route(
            "/api/councils/{council}/cases/{reference}/documents/{id}",
            get(document),
        )
}
