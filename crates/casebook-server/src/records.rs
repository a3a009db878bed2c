//! The API's routes for the procedure's other records on a case (an Independent Person's views,
//! the clock paused and restarted, the confidentiality decision, the last step taken back), each
//! on the version the officer has open; and the council's register of Independent People.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

use casebook::json::{CaseRecord, IpRegister};
use casebook::retention::Review;
use casebook::team::CaseOpened;

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
    Router::new()
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
