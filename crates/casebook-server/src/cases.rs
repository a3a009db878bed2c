//! The API's case routes: the case list ("My cases" among it), one case with its version, a step
//! of the procedure based on a version (409 when another officer's change came first), assigning
//! a case, the annual report made from the council's records, and the dashboard.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use casebook::access::Look;
use casebook::json::StepInput;
use casebook::report::Period;
use casebook::settings;
use casebook::team::{CaseOpened, CaseQuery, TeamRole};
use casebook_papers::template::Templates;

use crate::http::{body, in_council, token, with_team, ApiResult, Shared};

async fn list(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
    Query(q): Query<CaseQuery>,
) -> ApiResult<casebook::case::Page> {
    let token = token(&headers)?;
    with_team(team, move |t| t.cases(&token, council, &q, Utc::now()))
        .await
        .map(Json)
}

async fn open(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    with_team(team, move |t| {
        t.open_case(&token, council, &reference, Utc::now())
    })
    .await
    .map(Json)
}

/// A step, and the version of the case it was based on.
#[derive(Deserialize)]
struct Step {
    based_on: i64,
    step: StepInput,
}

async fn step(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    parsed: Result<Json<Step>, JsonRejection>,
) -> ApiResult<CaseOpened> {
    let token = token(&headers)?;
    let b = body(parsed)?;
    with_team(team, move |t| {
        t.record_step(&token, council, &reference, b.based_on, b.step, Utc::now())
    })
    .await
    .map(Json)
}

#[derive(Deserialize)]
struct Assign {
    duty: String,
    account_id: i64,
}

async fn assign(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path((council, reference)): Path<(i64, String)>,
    parsed: Result<Json<Assign>, JsonRejection>,
) -> ApiResult<Vec<casebook::team::Assignment>> {
    let token = token(&headers)?;
    let b = body(parsed)?;
    with_team(team, move |t| {
        t.assign(
            &token,
            council,
            &reference,
            &b.duty,
            b.account_id,
            Utc::now(),
        )
    })
    .await
    .map(Json)
}

#[derive(Deserialize)]
struct PeriodQuery {
    from: Option<String>,
    to: Option<String>,
}

/// A paper as Markdown, the text every other format is made from.
#[derive(Serialize)]
struct Markdown {
    markdown: String,
}

async fn annual(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
    Query(q): Query<PeriodQuery>,
) -> ApiResult<Markdown> {
    let token = token(&headers)?;
    let now = Utc::now();
    let today = now.date_naive();
    let period = Period::from_input(q.from.as_deref(), q.to.as_deref(), today)?;
    let doing: (&str, fn(TeamRole) -> bool) = ("make the annual report", TeamRole::sees_every_case);
    in_council(team, token, council, doing, now, move |tx, stamp| {
        let kept = settings::templates(tx)?;
        let own = Templates::Stored(&kept);
        let paper = casebook_papers::annual::paper(tx, period, today, own, &now.to_rfc3339())?;
        casebook::access::record(
            tx,
            stamp,
            Look::MakePaper,
            None,
            "annual report (team server)",
        )?;
        Ok(Markdown {
            markdown: paper.markdown,
        })
    })
    .await
    .map(Json)
}

async fn dashboard(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
) -> ApiResult<casebook::json::Dashboard> {
    let token = token(&headers)?;
    with_team(team, move |t| t.dashboard(&token, council, Utc::now()))
        .await
        .map(Json)
}

async fn due(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
) -> ApiResult<casebook::json::DueLists> {
    let token = token(&headers)?;
    with_team(team, move |t| t.due_lists(&token, council, Utc::now()))
        .await
        .map(Json)
}

/// The case routes, on the API's state.
pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/councils/{council}/cases", get(list))
        .route("/api/councils/{council}/cases/{reference}", get(open))
        .route(
            "/api/councils/{council}/cases/{reference}/steps",
            post(step),
        )
        .route(
            "/api/councils/{council}/cases/{reference}/assignment",
            post(assign),
        )
        .route("/api/councils/{council}/reports/annual", get(annual))
        .route("/api/councils/{council}/dashboard", get(dashboard))
        .route("/api/councils/{council}/due", get(due))
}
