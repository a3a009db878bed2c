//! The API's routes for a council's settings that the app's screens change: the publication rule
//! and the guidance-review recommendations (the Reports screen), the retention schedule's rules
//! (the Retention screen), and on the Settings screen the council's and officer's names, the
//! procedure's time targets, the council's holidays, its address, its register of Independent
//! Persons and its own copies of the papers' and letters' templates (each checked before it is
//! kept; a template it has no copy of is the one that ships). Reading them is for the roles that see every case; changing them is for the
//! council's Monitoring Officer or Deputy, each change in the audit trail.
//!
//! The idle time is not among them: it is each computer's, after which the app locks its file or
//! signs out of the server (which also ends unused sessions by its own rule).

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
use casebook::{calendar, independent_person, retention, settings, text, views};
use casebook_papers::screen::options_on;
use casebook_papers::template;

use crate::http::{body, in_council, token, value, ApiResult, Shared};

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
    Names,
    SaveNames {
        council_name: String,
        officer_name: String,
    },
    Targets,
    SetTarget {
        key: String,
        value: String,
    },
    Holidays {
        year: i32,
    },
    AddHoliday {
        year: i32,
        date: String,
        name: String,
    },
    RemoveHoliday {
        year: i32,
        date: String,
        reason: String,
    },
    Templates,
    Template {
        file: String,
    },
    SaveTemplate {
        file: String,
        text: String,
    },
    ResetTemplate {
        file: String,
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

/// The council's name and the officer's, as papers give them.
fn names(tx: &impl Sql) -> casebook::Result<Value> {
    let name = |key| settings::text_value(tx, key);
    Ok(json!({
        "council_name": name(settings::COUNCIL_NAME)?,
        "officer_name": name(settings::OFFICER_NAME)?,
    }))
}

/// The procedure's time targets (without the desktop app's idle time).
fn targets(tx: &impl Sql) -> casebook::Result<Value> {
    let all = settings::all(tx)?;
    value(
        all.into_iter()
            .filter(|t| t.key != settings::IDLE_LOCK_MINUTES)
            .collect::<Vec<_>>(),
    )
}

/// Refuses the idle time, which is a desktop app's, not the server's.
fn server_target(key: &str) -> casebook::Result<&str> {
    if key.trim().eq_ignore_ascii_case(settings::IDLE_LOCK_MINUTES) {
        return Err(casebook::Error::invalid(
            settings::IDLE_LOCK_MINUTES,
            "the idle time is each computer's own: the app locks its file, or signs out of a team \
             server, after it",
        ));
    }
    Ok(key)
}

/// Each template Casebook has, and whether the council keeps its own copy.
fn templates(tx: &impl Sql) -> casebook::Result<Value> {
    let kept = settings::templates(tx)?;
    let list: Vec<Value> = template::BUILTINS
        .iter()
        .map(|b| json!({ "file": b.file, "own": kept.iter().any(|(f, _)| f == b.file) }))
        .collect();
    Ok(Value::Array(list))
}

/// Template `file`: the council's own text if it keeps one, else the one that ships (beside it).
fn one_template(tx: &impl Sql, file: &str) -> casebook::Result<Value> {
    let b = template::builtin(file)?;
    let kept = settings::templates(tx)?;
    let own = kept.into_iter().find(|(f, _)| f == b.file).map(|(_, t)| t);
    Ok(json!({
        "file": b.file,
        "own": own.is_some(),
        "text": own.as_deref().unwrap_or(b.source),
        "shipped": b.source,
    }))
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
        Action::ReportOptions
        | Action::CouncilAddress
        | Action::Names
        | Action::Targets
        | Action::Holidays { .. }
        | Action::Templates
        | Action::Template { .. } => ("see the council's settings", TeamRole::sees_every_case),
        _ => ("change the council's settings", TeamRole::may_list_accounts),
    };
    in_council(
        team,
        token,
        council,
        (doing, allowed),
        now,
        move |tx, s| match action {
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
            Action::Names => names(tx),
            Action::SaveNames {
                council_name,
                officer_name,
            } => {
                settings::set_text(tx, s, settings::COUNCIL_NAME, &council_name)?;
                settings::set_text(tx, s, settings::OFFICER_NAME, &officer_name)?;
                names(tx)
            }
            Action::Targets => targets(tx),
            Action::SetTarget { key, value: v } => {
                settings::set(tx, s, server_target(&key)?, &v)?;
                targets(tx)
            }
            Action::Holidays { year } => value(views::holidays(tx, year)?),
            Action::AddHoliday { year, date, name } => {
                calendar::add_holiday(tx, s, text::date("date", &date)?, &name)?;
                value(views::holidays(tx, year)?)
            }
            Action::RemoveHoliday { year, date, reason } => {
                calendar::remove_holiday(tx, s, text::date("date", &date)?, &reason)?;
                value(views::holidays(tx, year)?)
            }
            Action::Templates => templates(tx),
            Action::Template { file } => one_template(tx, &file),
            Action::SaveTemplate { file, text: t } => {
                let b = template::check(&file, &t)?;
                settings::set_template(tx, s, b.file, Some(&t))?;
                one_template(tx, b.file)
            }
            Action::ResetTemplate { file } => {
                let b = template::builtin(&file)?;
                settings::set_template(tx, s, b.file, None)?;
                one_template(tx, b.file)
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
        },
    )
    .await
    .map(Json)
}

pub(crate) fn routes() -> Router<Shared> {
    Router::new().route("/api/councils/{council}/settings/actions", post(act))
}
