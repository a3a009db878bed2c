//! The API's routes for a council's registers, for the roles that see every case: its
//! councillors (each with their social media accounts and their cases), a councillor or an
//! account added, and the guidance catalogue's versions and items. A new catalogue version is
//! added by the council's Monitoring Officer or Deputy.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;
use serde_json::Value;

use casebook::json::{AccountInput, CaseRow, CouncillorInput};
use casebook::team::TeamRole;
use casebook::{case, catalogue, councillor};

use crate::http::{body, in_council, token, value, ApiResult, Shared};

/// What is asked of the registers.
#[derive(Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
enum Action {
    Councillors,
    CouncillorCases { id: i64 },
    AddCouncillor { councillor: CouncillorInput },
    AddAccount { id: i64, account: AccountInput },
    CatalogueVersions,
    CatalogueItems { version_id: i64 },
    AddCatalogueVersion { version: catalogue::NewVersion },
}

async fn act(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
    parsed: Result<Json<Action>, JsonRejection>,
) -> ApiResult<Value> {
    let token = token(&headers)?;
    let action = body(parsed)?;
    let now = Utc::now();
    let (doing, allowed): (&str, fn(TeamRole) -> bool) = match action {
        Action::AddCatalogueVersion { .. } => (
            "add a guidance catalogue version",
            TeamRole::may_list_accounts,
        ),
        _ => ("work on the registers", TeamRole::sees_every_case),
    };
    in_council(
        team,
        token,
        council,
        (doing, allowed),
        now,
        move |tx, s| match action {
            Action::Councillors => value(councillor::list(tx)?),
            Action::CouncillorCases { id } => {
                let filter = case::Filter {
                    councillor_id: Some(id),
                    ..case::Filter::default()
                };
                let rows = case::list(tx, &filter)?;
                value(rows.into_iter().map(CaseRow::from).collect::<Vec<_>>())
            }
            Action::AddCouncillor { councillor: c } => {
                value(councillor::add(tx, s, &c.into_new()?)?)
            }
            Action::AddAccount { id, account } => {
                councillor::add_account(tx, s, id, &account.into())?;
                value(councillor::get(tx, id)?)
            }
            Action::CatalogueVersions => value(catalogue::versions(tx)?),
            Action::CatalogueItems { version_id } => value(catalogue::items(tx, version_id)?),
            Action::AddCatalogueVersion { version } => {
                value(catalogue::add_version(tx, s, &version)?)
            }
        },
    )
    .await
    .map(Json)
}

pub(crate) fn routes() -> Router<Shared> {
    Router::new().route("/api/councils/{council}/register/actions", post(act))
}
