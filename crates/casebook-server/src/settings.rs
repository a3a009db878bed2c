//! The API's routes for a council's settings that the app's screens change: the publication rule
//! and the guidance-review recommendations (the Reports screen), the retention schedule's rules
//! (the Retention screen), and the council's address and register of Independent Persons. Reading them is for the roles that see every case; changing them
//! is for the council's Monitoring Officer or Deputy, each change in the audit trail.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{json, Value};

use casebook::json::IndependentPersonInput;
use casebook::retention_rules::Rule;
use casebook::sql::Sql;
use casebook::team::TeamRole;
use casebook::{independent_person, retention, settings, views};
use casebook_papers::screen::options_on;

use crate::http::{body, token, value, with_team, ApiResult, Shared};

/// What is asked of the settings.
#[derive(Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
enum Action {
    ReportOptions,
    ReportSettings {
        rule: String,
        recommendations: String,
    },
    RetentionRule {
        ending: String,
        months: String,
        start: String,
        reason: String,
    },
    CouncilAddress,
    SaveAddress {
        address: String,
    },
    AddIndependentPerson {
        person: IndependentPersonInput,
    },
    UpdateIndependentPerson {
        id: i64,
        person: IndependentPersonInput,
    },
}

/// The council's postal address, as its letters give it.
fn address(tx: &impl Sql) -> casebook::Result<Value> {
    let address = settings::text_value(tx, settings::COUNCIL_ADDRESS)?;
    Ok(json!({ "council_address": address }))
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
    let today = now.date_naive();
    let (doing, allowed): (&str, fn(TeamRole) -> bool) = match action {
        Action::ReportOptions | Action::CouncilAddress => {
            ("see the council's settings", TeamRole::sees_every_case)
        }
        _ => ("change the council's settings", TeamRole::may_list_accounts),
    };
    with_team(team, move |t| {
        t.with_council(&token, council, doing, allowed, now, |tx, s| match action {
            Action::ReportOptions => value(options_on(tx, today)?),
            Action::ReportSettings {
                rule,
                recommendations,
            } => {
                settings::set_text(tx, s, settings::PUBLICATION_RULE, &rule)?;
                settings::set_text(tx, s, settings::REVIEW_RECOMMENDATIONS, &recommendations)?;
                value(options_on(tx, today)?)
            }
            Action::RetentionRule {
                ending,
                months,
                start,
                reason,
            } => {
                let rule = Rule::from_input(&ending, &months, &start)?;
                retention::set_rule(tx, s, rule, &reason)?;
                value(casebook::session::retention_view(tx, today)?)
            }
            Action::CouncilAddress => address(tx),
            Action::SaveAddress { address: a } => {
                settings::set_text(tx, s, settings::COUNCIL_ADDRESS, &a)?;
                address(tx)
            }
            Action::AddIndependentPerson { person } => {
                independent_person::add(tx, s, &person.into())?;
                value(views::ip_register(tx, today)?)
            }
            Action::UpdateIndependentPerson { id, person } => {
                independent_person::update(tx, s, id, &person.into())?;
                value(views::ip_register(tx, today)?)
            }
        })
    })
    .await
    .map(Json)
}

pub(crate) fn routes() -> Router<Shared> {
    Router::new().route("/api/councils/{council}/settings/actions", post(act))
}
