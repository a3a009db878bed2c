//! Routes for a video sent in parts (see `casebook::team` uploads): begun for a case with its
//! length, each part PUT in order (one part to a request body), then finished as evidence on the
//! case's version with the SHA-256 of the whole.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::{post, put};
use axum::{Json, Router};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use casebook::blob::PART_BYTES;
use casebook::team::CaseOpened;

use crate::changes::Sent;
use crate::http::{token, with_team, ApiResult, Shared};

/// The query that begins an upload.
#[derive(Deserialize)]
struct Begin {
    size: u64,
    name: Option<String>,
}

/// An upload begun, or how far it has got.
#[derive(Serialize)]
struct Progress {
    upload: i64,
    /// Bytes received so far.
    received: u64,
    /// The size of every part but the last.
    part_bytes: usize,
}

async fn begin(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    Query(q): Query<Begin>,
) -> ApiResult<Progress> {
    let token = token(&headers)?;
    let upload = with_team(team, move |t| {
        t.start_upload(&token, council, &reference, q.name, q.size, Utc::now())
    })
    .await?;
    Ok(Json(Progress {
        upload,
        received: 0,
        part_bytes: PART_BYTES,
    }))
}

async fn part(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, upload, seq)): Path<(i64, i64, i64)>,
    bytes: Bytes,
) -> ApiResult<Progress> {
    let token = token(&headers)?;
    let received = with_team(team, move |t| {
        t.upload_part(&token, council, upload, seq, &bytes, Utc::now())
    })
    .await?;
    Ok(Json(Progress {
        upload,
        received,
        part_bytes: PART_BYTES,
    }))
}

async fn finish(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference, upload)): Path<(i64, String, i64)>,
    Query(q): Query<Sent>,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    let (based_on, sent) = q.upload(Vec::new());
    with_team(team, move |t| {
        t.finish_upload(
            &token,
            council,
            &reference,
            based_on,
            upload,
            sent,
            Utc::now(),
        )
    })
    .await
    .map(Json)
}

/// The routes for videos sent in parts, on the API's state.
pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/api/councils/{council}/cases/{reference}/uploads",
            post(begin),
        )
        .route(
            "/api/councils/{council}/uploads/{upload}/{seq}",
            put(part).layer(DefaultBodyLimit::max(PART_BYTES)),
        )
        .route(
            "/api/councils/{council}/cases/{reference}/uploads/{upload}/evidence",
            post(finish),
        )
}
