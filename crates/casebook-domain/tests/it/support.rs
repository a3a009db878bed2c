//! Shared helpers: dates, a pinned clock, and a case's rows built in memory.

use casebook_domain::calendar::Calendar;
use casebook_domain::procedure::{
    Clock, Consultation, Deadline, Facts, Pause, Procedure, Rows, StageEvent, Step,
};
use casebook_domain::settings::Targets;
use chrono::NaiveDate;

pub const REFERENCE: &str = "KCC/2026/014";

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn facts(received_on: &str) -> Facts<'_> {
    Facts {
        reference: REFERENCE,
        received_on,
        confidentiality_requested: false,
    }
}

/// The standard calendar and the default targets (5 and 20 working days, 12 weeks).
pub fn clock(today: &str) -> Clock {
    Clock {
        calendar: Calendar::standard(),
        targets: Targets::default(),
        today: d(today),
    }
}

/// A recorded step, as the store would load it (ids in the order recorded).
pub fn event(
    id: i64,
    stage: &str,
    on: &str,
    outcome: Option<&str>,
    actions: &[&str],
) -> StageEvent {
    StageEvent {
        id,
        stage: stage.into(),
        on: on.into(),
        outcome: outcome.map(String::from),
        actions: actions.iter().map(|a| a.to_string()).collect(),
        reason: Some(format!("Reason for {stage}")),
        recorded_by: "Test Officer".into(),
        recorded_at: format!("{on}T09:00:00Z"),
    }
}

/// Steps (stage, date, decision or outcome), recorded in this order.
pub fn history(steps: &[(&str, &str, Option<&str>)]) -> Vec<StageEvent> {
    steps
        .iter()
        .enumerate()
        .map(|(i, (stage, on, outcome))| event(i as i64 + 1, stage, on, *outcome, &[]))
        .collect()
}

/// Appends a checked step to the history, as storing it would.
pub fn record(history: &mut Vec<StageEvent>, step: &Step) {
    history.push(StageEvent {
        id: history.len() as i64 + 1,
        stage: step.stage.into(),
        on: step.on.to_string(),
        outcome: step.outcome.map(String::from),
        actions: step.actions.iter().map(|a| a.to_string()).collect(),
        reason: step.reason.clone(),
        recorded_by: "Test Officer".into(),
        recorded_at: format!("{}T09:00:00Z", step.on),
    });
}

pub fn pause(id: i64, paused_on: &str, resumed_on: Option<&str>) -> Pause {
    Pause {
        id,
        paused_on: paused_on.into(),
        resumed_on: resumed_on.map(String::from),
        reason: "awaiting information".into(),
        note: None,
    }
}

pub fn consultation(id: i64, consulted_on: &str, stage: &str) -> Consultation {
    Consultation {
        id,
        ip_id: None,
        person: "Margaret Ellison".into(),
        consulted_on: consulted_on.into(),
        stage: stage.into(),
        views: "Agrees with the investigator.".into(),
    }
}

pub fn rows(stages: Vec<StageEvent>) -> Rows {
    Rows {
        stages,
        ..Rows::default()
    }
}

/// The deadline with `key`.
pub fn deadline<'a>(p: &'a Procedure, key: &str) -> &'a Deadline {
    p.deadlines
        .iter()
        .find(|x| x.key == key)
        .unwrap_or_else(|| panic!("no {key} deadline in {:?}", p.deadlines))
}

/// (due on, done on, status, working days left, working days overdue)
pub type Line<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    Option<i64>,
    Option<i64>,
);

pub fn line(x: &Deadline) -> Line<'_> {
    (
        x.due_on.as_deref(),
        x.done_on.as_deref(),
        x.status,
        x.working_days_left,
        x.working_days_overdue,
    )
}
