//! The API's routes for the procedure's other records on a case (an Independent Person's views,
//! the clock paused and restarted, the confidentiality decision, the last step taken back, …), each
//! on the version the officer has open; the final investigation report with its file; and the
//! council's register of Independent People.

use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

use casebook::evidence::MAX_FILE_BYTES;
use casebook::json::{CaseRecord, IpRegister};
use casebook::retention::Review;
use casebook::team::{CaseOpened, Upload};

use crate::http::{body, token, with_team, ApiResult, Shared};

#[derive(Deserialize)]
struct Recorded {
    based_on: i64,
    record: CaseRecord,
}

async fn record(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    parsed: Result<Json<Recorded>, JsonRejection>,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    let b = body(parsed)?;
    with_team(team, move |t| {
        t.record(
            &token,
            council,
            &reference,
            b.based_on,
            &b.record,
            Utc::now(),
        )
    })
    .await
    .map(Json)
}

/// The query that goes with a final report's file.
#[derive(Deserialize)]
struct FinalReport {
    based_on: i64,
    /// The day the report was received, as typed.
    on: String,
    /// The SHA-256 of the body, in hex, as the client computed it.
    sha256: String,
    name: Option<String>,
}

async fn final_report(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    Query(q): Query<FinalReport>,
    bytes: Bytes,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    let upload = Upload {
        name: q.name,
        description: None,
        captured_by: None,
        captured_at: None,
        derived_from: None,
        sha256: q.sha256,
        bytes: bytes.to_vec(),
        readings: Vec::new(),
    };
    with_team(team, move |t| {
        t.final_report(
            &token,
            council,
            &reference,
            q.based_on,
            &q.on,
            upload,
            Utc::now(),
        )
    })
    .await
    .map(Json)
}

/// Where a case stands against the retention schedule (its review date, rule and any hold).
async fn retention(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
) -> ApiResult<Review> {
    let token = token(&headers)?;
    let now = Utc::now();
    with_team(team, move |t| {
        t.read_case(
            &token,
            council,
            &reference,
            "see a case's retention",
            now,
            |tx, id| casebook::retention::review(tx, id, now.date_naive()),
        )
    })
    .await
    .map(Json)
}

async fn independent_persons(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
) -> ApiResult<IpRegister> {
    let token = token(&headers)?;
    with_team(team, move |t| t.ip_register(&token, council, Utc::now()))
        .await
        .map(Json)
}

pub(crate) fn routes() -> Router<Shared> {
    // A report may be as large as a case document may be, with room for nothing else.
    let file_limit = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
    Router::new()
        .route(
            "/api/councils/{council}/cases/{reference}/final-report",
            post(final_report).layer(DefaultBodyLimit::max(file_limit)),
        )
        .route(
            "/api/councils/{council}/cases/{reference}/records",
            post(record),
        )
        .route(
            "/api/councils/{council}/cases/{reference}/retention",
            get(retention),
        )
        .route(
            "/api/councils/{council}/independent-persons",
            get(independent_persons),
        )
}
