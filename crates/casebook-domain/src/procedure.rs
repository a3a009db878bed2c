//! The standards procedure's rules (the council's "arrangements", Localism Act 2011 s28), as pure
//! functions over a case's loaded rows: the stages a complaint moves through and the moves allowed
//! between them, what each move needs (decision, outcome, measures, sanctions, reason), the
//! deadlines in working days and where a case stands. No SQL here: `casebook-store` loads the rows
//! and writes the steps.
//!
//! Stages, in order: received → acknowledged → initial assessment → decision → (investigation →
//! report → hearing) → outcome → closed. A case with no recorded step is at "received". Only the
//! moves in [`next_stages`] are allowed; a decision is needed before a case can close.

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{Calendar, Stopped};
use crate::settings::Targets;
use crate::{text, Error, Result};

words! {
    /// The stages of the procedure, in order.
    STAGES, Stage {
        Received = "received",
        Acknowledged = "acknowledged",
        InitialAssessment = "initial assessment",
        Decision = "decision",
        Investigation = "investigation",
        Report = "report",
        Hearing = "hearing",
        Outcome = "outcome",
        Closed = "closed",
    }
}

words! {
    /// The procedure's targets, each a [`Deadline`]'s key.
    DEADLINE_KEYS, DeadlineKey {
        Acknowledge = "acknowledge",
        Decide = "decide",
        Investigate = "investigate",
    }
}

words! {
    /// Where a case stands against a [`Deadline`].
    DEADLINE_STATUSES, DeadlineStatus {
        Met = "met",
        Late = "late",
        Due = "due",
        DueToday = "due today",
        Overdue = "overdue",
        Paused = "paused",
        NotNeeded = "not needed",
    }
}

/// The stages drawn for a case (the stage bar): the investigation's stages only once the case is
/// being investigated, or has reached one of them.
pub fn track(decision: Option<&str>, stages: &[StageEvent]) -> Vec<&'static str> {
    let investigating = decision == Some("investigation")
        || stages
            .iter()
            .any(|e| e.stage == "investigation" || e.stage == "outcome");
    STAGES
        .iter()
        .copied()
        .filter(|s| investigating || !INVESTIGATION_STAGES.contains(s))
        .collect()
}

/// The stages an investigated case alone passes through.
const INVESTIGATION_STAGES: &[&str] = &["investigation", "report", "hearing", "outcome"];

/// Decisions on the initial assessment.
pub const DECISIONS: &[&str] = &[
    "no further action",
    "informal resolution",
    "investigation",
    "referred to police",
    "withdrawn by complainant",
    "out of scope: not a member",
    "out of scope: not acting in capacity",
    "out of scope: not a Code matter",
];
pub const WITHDRAWN_BY_COMPLAINANT: &str = "withdrawn by complainant";

/// What an informal resolution consists of (one or more).
pub const MEASURES: &[&str] = &[
    "training",
    "apology",
    "mediation",
    "referral to group leader",
];

/// Final outcomes of an investigated complaint.
pub const FINAL_OUTCOMES: &[&str] = &[
    "no breach",
    "breach found",
    "withdrawn",
    "no further action",
];
pub const BREACH_FOUND: &str = "breach found";

/// Sanctions open to a council after a breach is found (no power to suspend or disqualify).
pub const SANCTIONS: &[&str] = &[
    "formal letter",
    "censure",
    "publication of findings",
    "report to council",
    "removal from committees",
    "removal from outside appointments",
    "training",
    "apology",
    "withdrawal of facilities",
    "exclusion from offices",
];

pub const PAUSE_REASONS: &[&str] = &[
    "awaiting information",
    "pre-election period",
    "police referral",
    "other",
];

pub const CONFIDENTIALITY_DECISIONS: &[&str] = &["granted", "refused"];

/// The Localism Act's requirement, quoted in warnings.
const S28_7: &str = "Localism Act 2011 s28(7)";

/// The stages a case at `stage` may move to next, given its latest decision.
pub fn next_stages(stage: &str, decision: Option<&str>) -> Vec<&'static str> {
    match stage {
        "received" => vec!["acknowledged", "decision"],
        "acknowledged" => vec!["initial assessment", "decision"],
        "initial assessment" => vec!["decision"],
        "decision" => match decision {
            Some("investigation") => vec!["investigation"],
            Some("referred to police") => vec!["initial assessment", "closed"],
            _ => vec!["closed"],
        },
        "investigation" => vec!["report", "outcome"],
        "report" => vec!["hearing", "outcome"],
        "hearing" => vec!["outcome"],
        "outcome" => vec!["closed"],
        _ => vec![],
    }
}

/// The decisions allowed when moving to "decision" from `from`.
pub fn decisions_from(from: &str) -> &'static [&'static str] {
    match from {
        "initial assessment" => DECISIONS,
        _ => &[WITHDRAWN_BY_COMPLAINANT],
    }
}

/// The final outcomes allowed when moving to "outcome" from `from`.
pub fn outcomes_from(from: &str) -> &'static [&'static str] {
    match from {
        "investigation" => &["withdrawn"],
        "report" => &["no breach", "no further action", "withdrawn"],
        _ => FINAL_OUTCOMES,
    }
}

/// A step the case can take next, and what recording it asks for (for forms).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct MoveOption {
    #[ts(as = "Stage")]
    pub stage: &'static str,
    /// The decisions or outcomes allowed (empty: the step takes none).
    pub outcomes: &'static [&'static str],
    /// Whether a reason must be given.
    pub reason_required: bool,
}

/// The steps open to a case at `stage` with its latest `decision`.
pub fn moves(stage: &str, decision: Option<&str>) -> Vec<MoveOption> {
    next_stages(stage, decision)
        .into_iter()
        .map(|to| MoveOption {
            stage: to,
            outcomes: match to {
                "decision" => decisions_from(stage),
                "outcome" => outcomes_from(stage),
                _ => &[],
            },
            reason_required: matches!(to, "decision" | "outcome"),
        })
        .collect()
}

/// One step to record.
#[derive(Debug, Clone, Default)]
pub struct Move {
    pub stage: String,
    pub on: NaiveDate,
    /// The decision (moving to "decision") or the final outcome (moving to "outcome").
    pub outcome: Option<String>,
    /// The informal resolution's measures, or the sanctions on a breach.
    pub actions: Vec<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StageEvent {
    pub id: i64,
    #[ts(as = "Stage")]
    pub stage: String,
    pub on: String,
    pub outcome: Option<String>,
    pub actions: Vec<String>,
    pub reason: Option<String>,
    pub recorded_by: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Consultation {
    pub id: i64,
    pub person: String,
    pub consulted_on: String,
    #[ts(as = "Stage")]
    pub stage: String,
    pub views: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Confidentiality {
    pub decision: String,
    pub decided_by: String,
    pub decided_on: String,
    pub grounds: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Pause {
    pub id: i64,
    pub paused_on: String,
    pub resumed_on: Option<String>,
    pub reason: String,
    pub note: Option<String>,
}

/// One target of the procedure for a case, and where the case stands against it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Deadline {
    /// acknowledge, decide or investigate
    #[ts(as = "DeadlineKey")]
    pub key: &'static str,
    pub label: &'static str,
    /// The target in words, e.g. "5 working days from receipt".
    pub target: String,
    pub due_on: Option<String>,
    pub done_on: Option<String>,
    /// met, late, due, due today, overdue, paused or not needed
    #[ts(as = "DeadlineStatus")]
    pub status: &'static str,
    /// Working days from today to the due date (open deadlines not yet overdue).
    pub working_days_left: Option<i64>,
    /// Working days since the due date (overdue), or by which it was missed (late).
    pub working_days_overdue: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct NextAction {
    pub action: String,
    /// The deadline it works towards, if any (its key).
    #[ts(as = "Option<DeadlineKey>")]
    pub deadline: Option<&'static str>,
    pub due_on: Option<String>,
    #[ts(as = "Option<DeadlineStatus>")]
    pub status: Option<&'static str>,
    pub working_days_left: Option<i64>,
    pub working_days_overdue: Option<i64>,
}

/// Where a case stands in the procedure on `as_of`.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Procedure {
    pub as_of: String,
    #[ts(as = "Stage")]
    pub stage: String,
    /// The stages to draw for it, in order (see [`track`]).
    #[ts(as = "Vec<Stage>")]
    pub track: Vec<&'static str>,
    /// Where it may go next.
    #[ts(as = "Vec<Stage>")]
    pub next_stages: Vec<&'static str>,
    /// The same, with what each step needs (for forms).
    pub moves: Vec<MoveOption>,
    pub acknowledged_on: Option<String>,
    pub decision: Option<String>,
    pub decided_on: Option<String>,
    /// The informal resolution's measures.
    pub measures: Vec<String>,
    pub outcome: Option<String>,
    pub outcome_on: Option<String>,
    pub sanctions: Vec<String>,
    pub closed_on: Option<String>,
    /// The clock is stopped now.
    pub paused: bool,
    /// Every step recorded, oldest first.
    pub stages: Vec<StageEvent>,
    pub ip_consultations: Vec<Consultation>,
    /// For an investigated allegation: whether the Independent Person's views were sought after
    /// the decision to investigate and before the outcome (so far, if there is no outcome yet).
    /// `None` when the case is not being investigated.
    pub ip_views_sought: Option<bool>,
    pub confidentiality: Option<Confidentiality>,
    pub pauses: Vec<Pause>,
    pub deadlines: Vec<Deadline>,
    pub next_action: Option<NextAction>,
    pub warnings: Vec<String>,
}

/// What the deadline arithmetic needs, loaded once: the calendar, the targets and "today".
pub struct Clock {
    pub calendar: Calendar,
    pub targets: Targets,
    pub today: NaiveDate,
}

pub fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The stretches of days a case's pauses kept its clock stopped.
pub fn stopped(pauses: &[Pause]) -> Vec<Stopped> {
    pauses
        .iter()
        .filter_map(|p| {
            Some(Stopped {
                from: parse_day(&p.paused_on)?,
                until: p.resumed_on.as_deref().and_then(parse_day),
            })
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn deadline(
    clock: &Clock,
    stopped: &[Stopped],
    key: &'static str,
    label: &'static str,
    target: String,
    due: Option<NaiveDate>,
    done: Option<NaiveDate>,
    no_longer_needed: bool,
) -> Deadline {
    let cal = &clock.calendar;
    let today = clock.today;
    let (status, left, over) = match (done, due) {
        (Some(done), Some(due)) if done > due => (
            "late",
            None,
            Some(cal.working_days_between(due, done, stopped)),
        ),
        (Some(_), _) => ("met", None, None),
        (None, _) if no_longer_needed => ("not needed", None, None),
        (None, None) => ("paused", None, None),
        (None, Some(due)) if today < due => (
            "due",
            Some(cal.working_days_between(today, due, stopped)),
            None,
        ),
        (None, Some(due)) if today == due => ("due today", Some(0), None),
        (None, Some(due)) => (
            "overdue",
            None,
            Some(cal.working_days_between(due, today, stopped)),
        ),
    };
    Deadline {
        key,
        label,
        target,
        due_on: due.map(|d| d.to_string()),
        done_on: done.map(|d| d.to_string()),
        status,
        working_days_left: left,
        working_days_overdue: over,
    }
}

fn next_action(
    stage: &str,
    decision: Option<&str>,
    ip_sought: Option<bool>,
    deadlines: &[Deadline],
) -> Option<NextAction> {
    let (action, key): (&str, Option<&'static str>) = match stage {
        "received" => ("Acknowledge the complaint", Some("acknowledge")),
        "acknowledged" => ("Carry out the initial assessment", Some("decide")),
        "initial assessment" => ("Decide on the initial assessment", Some("decide")),
        "decision" => match decision {
            Some("investigation") => (
                "Appoint an investigator and start the investigation",
                Some("investigate"),
            ),
            Some("referred to police") => (
                "When the police have finished, reassess or close the case",
                None,
            ),
            Some("informal resolution") => (
                "Complete the informal resolution, then close the case",
                None,
            ),
            _ => ("Send the decision notice and close the case", None),
        },
        "investigation" => ("Complete the investigation report", Some("investigate")),
        "report" if ip_sought == Some(false) => (
            "Consult the Independent Person, then hold a hearing or record the outcome",
            None,
        ),
        "report" => ("Hold a hearing, or record the outcome", None),
        "hearing" if ip_sought == Some(false) => (
            "Consult the Independent Person, then record the hearing's outcome",
            None,
        ),
        "hearing" => ("Record the hearing's outcome", None),
        "outcome" => ("Send the decision notice and close the case", None),
        _ => return None,
    };
    let d = key.and_then(|k| deadlines.iter().find(|d| d.key == k));
    Some(NextAction {
        action: action.to_string(),
        deadline: d.map(|d| d.key),
        due_on: d.and_then(|d| d.due_on.clone()),
        status: d.map(|d| d.status),
        working_days_left: d.and_then(|d| d.working_days_left),
        working_days_overdue: d.and_then(|d| d.working_days_overdue),
    })
}

/// Refuses a date in the future or before `not_before` (a date and what it is, for the message).
pub fn check_day(
    field: &str,
    on: NaiveDate,
    not_before: (NaiveDate, &str),
    today: NaiveDate,
) -> Result<()> {
    if on > today {
        return Err(Error::invalid(field, format!("{on} is in the future")));
    }
    if on < not_before.0 {
        return Err(Error::invalid(
            field,
            format!("{on} is before {} ({})", not_before.1, not_before.0),
        ));
    }
    Ok(())
}

fn list_words(items: &[&str]) -> String {
    items.join(", ")
}

fn pick(
    field: &str,
    given: &[String],
    allowed: &[&'static str],
    what: &str,
) -> Result<Vec<&'static str>> {
    if given.is_empty() {
        return Err(Error::invalid(
            field,
            format!("{what} needs at least one: {}", list_words(allowed)),
        ));
    }
    let mut out: Vec<&'static str> = Vec::new();
    for g in given {
        let v = text::one_of(field, g, allowed)?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(out)
}

/// What the procedure needs to know of a case besides its rows.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub reference: &'a str,
    /// YYYY-MM-DD
    pub received_on: &'a str,
    pub confidentiality_requested: bool,
}

/// A case's procedure rows, as stored.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// Every step recorded, oldest first.
    pub stages: Vec<StageEvent>,
    pub ip: Vec<Consultation>,
    pub pauses: Vec<Pause>,
    pub confidentiality: Option<Confidentiality>,
}

/// Where the case stands on `clock.today`, worked out from its rows.
pub fn status(clock: &Clock, k: &Facts<'_>, rows: Rows) -> Procedure {
    let Rows {
        stages,
        ip,
        pauses,
        confidentiality: conf,
    } = rows;
    let received = parse_day(k.received_on).unwrap_or(clock.today);
    let stopped = stopped(&pauses);

    let stage = stages
        .last()
        .map(|e| e.stage.clone())
        .unwrap_or_else(|| "received".into());
    let first = |name: &str| stages.iter().find(|e| e.stage == name);
    let last = |name: &str| stages.iter().rev().find(|e| e.stage == name);
    let acknowledged_on = first("acknowledged").map(|e| e.on.clone());
    let decision_event = last("decision");
    let decision = decision_event.and_then(|e| e.outcome.clone());
    let outcome_event = last("outcome");
    let closed_on = (stage == "closed")
        .then(|| last("closed").map(|e| e.on.clone()))
        .flatten();
    let t = clock.targets;
    let cal = &clock.calendar;

    let mut deadlines = Vec::new();
    let finished = decision.is_some();
    deadlines.push(deadline(
        clock,
        &stopped,
        "acknowledge",
        "Acknowledge the complaint",
        format!("{} working days from receipt", t.acknowledge_working_days),
        cal.add_working_days(received, t.acknowledge_working_days, &stopped),
        acknowledged_on.as_deref().and_then(parse_day),
        finished,
    ));
    let first_decision_on = first("decision").and_then(|e| parse_day(&e.on));
    deadlines.push(deadline(
        clock,
        &stopped,
        "decide",
        "Decide on the initial assessment",
        format!("{} working days from receipt", t.decision_working_days),
        cal.add_working_days(received, t.decision_working_days, &stopped),
        first_decision_on,
        false,
    ));
    let investigating = decision.as_deref() == Some("investigation");
    let investigation_start = decision_event
        .filter(|_| investigating)
        .and_then(|e| parse_day(&e.on));
    if let (Some(start), Some(from)) = (investigation_start, decision_event) {
        let done = stages
            .iter()
            .filter(|e| {
                e.id > from.id && ["report", "outcome", "closed"].contains(&e.stage.as_str())
            })
            .find_map(|e| parse_day(&e.on));
        deadlines.push(deadline(
            clock,
            &stopped,
            "investigate",
            "Complete the investigation report",
            format!(
                "{} weeks from the decision to investigate",
                t.investigation_weeks
            ),
            cal.add_weeks(start, t.investigation_weeks, &stopped),
            done,
            stage == "closed" || stage == "outcome",
        ));
    }

    // The Independent Person's views on an investigated allegation, sought after the decision
    // to investigate and no later than the outcome.
    let mut warnings = Vec::new();
    let ip_views_sought = investigation_start.map(|start| {
        let by = outcome_event
            .and_then(|e| parse_day(&e.on))
            .unwrap_or(clock.today);
        ip.iter()
            .filter_map(|c| parse_day(&c.consulted_on))
            .any(|d| d >= start && d <= by)
    });
    let decided_by_outcome = outcome_event
        .and_then(|e| e.outcome.as_deref())
        .is_some_and(|o| o != "withdrawn");
    if ip_views_sought == Some(false) {
        if decided_by_outcome {
            warnings.push(format!(
                "The Independent Person's views were not sought before the decision on this \
                 investigated allegation, as the {S28_7} requires."
            ));
        } else if ["report", "hearing"].contains(&stage.as_str()) {
            warnings.push(format!(
                "Seek the Independent Person's views before the outcome is decided ({S28_7})."
            ));
        }
    }
    if k.confidentiality_requested && conf.is_none() && stage != "closed" {
        warnings.push(
            "The complainant asked for confidentiality: record whether it is granted before the \
             councillor is told of the complaint."
                .into(),
        );
    }

    let paused = stopped.iter().any(|s| s.until.is_none());
    let next_action = next_action(&stage, decision.as_deref(), ip_views_sought, &deadlines);
    Procedure {
        as_of: clock.today.to_string(),
        track: track(decision.as_deref(), &stages),
        next_stages: next_stages(&stage, decision.as_deref()),
        moves: moves(&stage, decision.as_deref()),
        acknowledged_on,
        decided_on: decision_event.map(|e| e.on.clone()),
        measures: decision_event
            .map(|e| e.actions.clone())
            .unwrap_or_default(),
        decision,
        outcome: outcome_event.and_then(|e| e.outcome.clone()),
        outcome_on: outcome_event.map(|e| e.on.clone()),
        sanctions: outcome_event.map(|e| e.actions.clone()).unwrap_or_default(),
        closed_on,
        paused,
        ip_views_sought,
        confidentiality: conf,
        pauses,
        deadlines,
        next_action,
        warnings,
        ip_consultations: ip,
        stage,
        stages,
    }
}

/// A step the procedure allows, checked and normalised, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub stage: &'static str,
    pub on: NaiveDate,
    pub outcome: Option<&'static str>,
    pub actions: Vec<&'static str>,
    pub reason: Option<String>,
}

/// Checks the next step of a case against where it stands (`history`, oldest first) on `today`.
/// Refuses any step the procedure does not allow, naming the field and what is allowed instead.
pub fn check_move(
    k: &Facts<'_>,
    history: &[StageEvent],
    m: &Move,
    today: NaiveDate,
) -> Result<Step> {
    let to = text::one_of("stage", &m.stage, STAGES)?;
    let from = history
        .last()
        .map(|e| e.stage.clone())
        .unwrap_or_else(|| "received".into());
    let decision = history
        .iter()
        .rev()
        .find(|e| e.stage == "decision")
        .and_then(|e| e.outcome.clone());
    if to == "received" {
        return Err(Error::invalid(
            "stage",
            "every case starts at received; it cannot be moved back there (undo the last step instead)",
        ));
    }
    if from == "closed" {
        return Err(Error::conflict(
            "stage",
            format!("{} is closed; undo the closure to change it", k.reference),
        ));
    }
    let allowed = next_stages(&from, decision.as_deref());
    if !allowed.contains(&to) {
        if to == "closed" && decision.is_none() {
            return Err(Error::invalid(
                "stage",
                format!(
                    "cannot close {}: no decision has been made on it; record the decision first",
                    k.reference
                ),
            ));
        }
        return Err(Error::invalid(
            "stage",
            format!(
                "{} is at {from}; it can move to {} next, not to {to}",
                k.reference,
                list_words(&allowed)
            ),
        ));
    }

    let outcome = match to {
        "decision" => {
            let allowed = decisions_from(&from);
            let given = m.outcome.as_deref().map(str::trim).unwrap_or("");
            if given.is_empty() {
                return Err(Error::invalid(
                    "outcome",
                    format!(
                        "a decision needs its outcome: one of {}",
                        list_words(allowed)
                    ),
                ));
            }
            let d = text::one_of("outcome", given, DECISIONS)?;
            if !allowed.contains(&d) {
                return Err(Error::invalid(
                    "outcome",
                    format!(
                        "'{d}' can only be decided after the initial assessment; at {from} the only \
                         decision is {WITHDRAWN_BY_COMPLAINANT}"
                    ),
                ));
            }
            Some(d)
        }
        "outcome" => {
            let allowed = outcomes_from(&from);
            let given = m.outcome.as_deref().map(str::trim).unwrap_or("");
            if given.is_empty() {
                return Err(Error::invalid(
                    "outcome",
                    format!("an outcome is needed: one of {}", list_words(allowed)),
                ));
            }
            let o = text::one_of("outcome", given, FINAL_OUTCOMES)?;
            if !allowed.contains(&o) {
                return Err(Error::invalid(
                    "outcome",
                    format!(
                        "'{o}' cannot be recorded at {from}; allowed there: {} (a breach is only \
                         found at a hearing)",
                        list_words(allowed)
                    ),
                ));
            }
            Some(o)
        }
        _ => {
            if m.outcome.as_deref().is_some_and(|o| !o.trim().is_empty()) {
                return Err(Error::invalid(
                    "outcome",
                    format!("only a decision or an outcome takes one, not {to}"),
                ));
            }
            None
        }
    };

    let actions: Vec<&str> = match outcome {
        Some("informal resolution") => {
            pick("measures", &m.actions, MEASURES, "an informal resolution")?
        }
        Some(BREACH_FOUND) => pick("sanctions", &m.actions, SANCTIONS, "a breach")?,
        _ if !m.actions.is_empty() => {
            return Err(Error::invalid(
                "sanctions",
                "only an informal resolution (its measures) or a breach found (its sanctions) takes them",
            ))
        }
        _ => Vec::new(),
    };

    let reason = text::optional("reason", m.reason.as_deref(), text::MAX_TEXT)?;
    if reason.is_none() && matches!(to, "decision" | "outcome") {
        return Err(Error::invalid(
            "reason",
            format!(
                "is required for {} (it goes in the decision notice)",
                if to == "decision" {
                    "a decision"
                } else {
                    "an outcome"
                }
            ),
        ));
    }
    let received = parse_day(k.received_on).unwrap_or(m.on);
    let not_before = match history.last() {
        Some(e) => (parse_day(&e.on).unwrap_or(received), e.stage.as_str()),
        None => (received, "the day it was received"),
    };
    check_day("on", m.on, not_before, today)?;

    Ok(Step {
        stage: to,
        on: m.on,
        outcome,
        actions,
        reason,
    })
}
