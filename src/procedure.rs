//! The standards procedure (the council's "arrangements", Localism Act 2011 s28): the stages a
//! complaint moves through, the decision and outcome with their reasons, Independent Person
//! consultations, the complainant confidentiality decision, pausing the clock, and each case's
//! deadlines in working days.
//!
//! Stages, in order: received → acknowledged → initial assessment → decision → (investigation →
//! report → hearing) → outcome → closed. A case with no recorded step is at "received". Only the
//! moves in [`next_stages`] are allowed; a decision is needed before a case can close.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::calendar::{Calendar, Stopped};
use crate::settings::{self, Targets};
use crate::{audit, case, search, text, Error, Result, Stamp};

pub const STAGES: &[&str] = &[
    "received",
    "acknowledged",
    "initial assessment",
    "decision",
    "investigation",
    "report",
    "hearing",
    "outcome",
    "closed",
];

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
#[derive(Debug, Clone, Serialize)]
pub struct MoveOption {
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

/// How many open cases are at each stage (every stage but closed, in order, zeros included).
pub fn open_by_stage(conn: &Connection) -> Result<Vec<(&'static str, i64)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {CURRENT_STAGE_SQL} AS stage, count(*) FROM cases k GROUP BY stage"
    ))?;
    let counts: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(STAGES
        .iter()
        .filter(|s| **s != "closed")
        .map(|s| {
            let n = counts.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n);
            (*s, n)
        })
        .collect())
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

#[derive(Debug, Clone, Serialize)]
pub struct StageEvent {
    pub id: i64,
    pub stage: String,
    pub on: String,
    pub outcome: Option<String>,
    pub actions: Vec<String>,
    pub reason: Option<String>,
    pub recorded_by: String,
    pub recorded_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Consultation {
    pub id: i64,
    pub person: String,
    pub consulted_on: String,
    pub stage: String,
    pub views: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Confidentiality {
    pub decision: String,
    pub decided_by: String,
    pub decided_on: String,
    pub grounds: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pause {
    pub id: i64,
    pub paused_on: String,
    pub resumed_on: Option<String>,
    pub reason: String,
    pub note: Option<String>,
}

/// One target of the procedure for a case, and where the case stands against it.
#[derive(Debug, Clone, Serialize)]
pub struct Deadline {
    /// acknowledge, decide or investigate
    pub key: &'static str,
    pub label: &'static str,
    /// The target in words, e.g. "5 working days from receipt".
    pub target: String,
    pub due_on: Option<String>,
    pub done_on: Option<String>,
    /// met, late, due, due today, overdue, paused or not needed
    pub status: &'static str,
    /// Working days from today to the due date (open deadlines not yet overdue).
    pub working_days_left: Option<i64>,
    /// Working days since the due date (overdue), or by which it was missed (late).
    pub working_days_overdue: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NextAction {
    pub action: String,
    /// The deadline it works towards, if any (its key).
    pub deadline: Option<&'static str>,
    pub due_on: Option<String>,
    pub status: Option<&'static str>,
    pub working_days_left: Option<i64>,
    pub working_days_overdue: Option<i64>,
}

/// Where a case stands in the procedure on `as_of`.
#[derive(Debug, Clone, Serialize)]
pub struct Procedure {
    pub as_of: String,
    pub stage: String,
    /// Where it may go next.
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

impl Clock {
    pub fn load(conn: &Connection, today: NaiveDate) -> Result<Clock> {
        Ok(Clock {
            calendar: Calendar::load(conn)?,
            targets: settings::targets(conn)?,
            today,
        })
    }
}

pub(crate) fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// SQL for the stage of the case `k` (a `cases` row aliased `k`): its last step, else received.
pub(crate) const CURRENT_STAGE_SQL: &str = "coalesce((SELECT s.stage FROM stage_event s
     WHERE s.case_id = k.id ORDER BY s.id DESC LIMIT 1), 'received')";

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

fn events(conn: &Connection, case_id: i64) -> Result<Vec<StageEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, stage, on_date, outcome, actions, reason, recorded_by, recorded_at
         FROM stage_event WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        let actions: String = r.get(4)?;
        Ok(StageEvent {
            id: r.get(0)?,
            stage: r.get(1)?,
            on: r.get(2)?,
            outcome: r.get(3)?,
            actions: serde_json::from_str(&actions).unwrap_or_default(),
            reason: r.get(5)?,
            recorded_by: r.get(6)?,
            recorded_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn consultations(conn: &Connection, case_id: i64) -> Result<Vec<Consultation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, person, consulted_on, stage, views FROM ip_consultation
         WHERE case_id = ?1 ORDER BY consulted_on, id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok(Consultation {
            id: r.get(0)?,
            person: r.get(1)?,
            consulted_on: r.get(2)?,
            stage: r.get(3)?,
            views: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn pauses(conn: &Connection, case_id: i64) -> Result<Vec<Pause>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, paused_on, resumed_on, reason, note FROM clock_pause
         WHERE case_id = ?1 ORDER BY paused_on, id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok(Pause {
            id: r.get(0)?,
            paused_on: r.get(1)?,
            resumed_on: r.get(2)?,
            reason: r.get(3)?,
            note: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn confidentiality(conn: &Connection, case_id: i64) -> Result<Option<Confidentiality>> {
    Ok(conn
        .query_row(
            "SELECT decision, decided_by, decided_on, grounds FROM confidentiality_decision
             WHERE case_id = ?1",
            [case_id],
            |r| {
                Ok(Confidentiality {
                    decision: r.get(0)?,
                    decided_by: r.get(1)?,
                    decided_on: r.get(2)?,
                    grounds: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// The stage a case is at now.
pub fn stage_of(conn: &Connection, case_id: i64) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT stage FROM stage_event WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
            [case_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| "received".into()))
}

/// Where the case stands on `today`.
pub fn status(conn: &Connection, case_id: i64, today: NaiveDate) -> Result<Procedure> {
    let clock = Clock::load(conn, today)?;
    status_with(conn, &clock, case_id)
}

/// As [`status`], with the calendar and targets already loaded (for many cases at once).
pub fn status_with(conn: &Connection, clock: &Clock, case_id: i64) -> Result<Procedure> {
    let k = case::get(conn, case_id)?;
    let received = parse_day(&k.received_on).unwrap_or(clock.today);
    let stages = events(conn, case_id)?;
    let ip = consultations(conn, case_id)?;
    let pauses = pauses(conn, case_id)?;
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
    let conf = confidentiality(conn, case_id)?;
    if k.complainant.confidentiality_requested && conf.is_none() && stage != "closed" {
        warnings.push(
            "The complainant asked for confidentiality: record whether it is granted before the \
             councillor is told of the complaint."
                .into(),
        );
    }

    let paused = stopped.iter().any(|s| s.until.is_none());
    let next_action = next_action(&stage, decision.as_deref(), ip_views_sought, &deadlines);
    Ok(Procedure {
        as_of: clock.today.to_string(),
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
    })
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

fn check_day(
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

/// Records the next step of a case. Refuses any step the procedure does not allow from where the
/// case stands, naming the field and what is allowed instead. Closing a case ends a pause.
pub fn advance(tx: &Transaction<'_>, stamp: &Stamp, case_id: i64, m: &Move) -> Result<StageEvent> {
    let k = case::get(tx, case_id)?;
    let to = text::one_of("stage", &m.stage, STAGES)?;
    let history = events(tx, case_id)?;
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
    let received = parse_day(&k.received_on).unwrap_or(m.on);
    let not_before = match history.last() {
        Some(e) => (parse_day(&e.on).unwrap_or(received), e.stage.as_str()),
        None => (received, "the day it was received"),
    };
    check_day("on", m.on, not_before, stamp.at.date_naive())?;

    let actions_json = serde_json::to_string(&actions).unwrap_or_else(|_| "[]".into());
    tx.execute(
        "INSERT INTO stage_event (case_id, stage, on_date, outcome, actions, reason, recorded_by,
                                  recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            case_id,
            to,
            m.on.to_string(),
            outcome,
            actions_json,
            reason,
            stamp.actor,
            stamp.at_text()
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, stamp, "stage_event", id, None, reason.as_deref())?;
    if to == "closed" {
        if let Some(open) = open_pause(tx, case_id)? {
            let before = audit::snapshot(tx, "clock_pause", open)?;
            tx.execute(
                "UPDATE clock_pause SET resumed_on = max(paused_on, ?2) WHERE id = ?1",
                params![open, m.on.to_string()],
            )?;
            audit::record(tx, stamp, "clock_pause", open, before, Some("case closed"))?;
        }
    }
    search::reindex_case(tx, case_id)?;
    events(tx, case_id)?
        .pop()
        .ok_or_else(|| Error::not_found("stage", id.to_string()))
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

/// Takes back the last step recorded on a case (a mistake), with the reason. The audit trail
/// keeps the step and its removal.
pub fn undo_last(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    case_id: i64,
    reason: &str,
) -> Result<StageEvent> {
    let k = case::get(tx, case_id)?;
    let reason = text::required("reason", reason, text::MAX_TEXT)?;
    let Some(last) = events(tx, case_id)?.pop() else {
        return Err(Error::invalid(
            "stage",
            format!("{} is at received; there is no step to undo", k.reference),
        ));
    };
    let before = audit::snapshot(tx, "stage_event", last.id)?;
    tx.execute("DELETE FROM stage_event WHERE id = ?1", [last.id])?;
    audit::record(tx, stamp, "stage_event", last.id, before, Some(&reason))?;
    search::reindex_case(tx, case_id)?;
    Ok(last)
}

/// A consultation of the Independent Person to record.
#[derive(Debug, Clone, Default)]
pub struct NewConsultation {
    pub person: String,
    pub consulted_on: NaiveDate,
    /// The stage at which they were consulted (default: the case's stage now).
    pub stage: Option<String>,
    pub views: String,
}

pub fn add_consultation(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    case_id: i64,
    c: &NewConsultation,
) -> Result<Consultation> {
    let k = case::get(tx, case_id)?;
    let person = text::required("person", &c.person, 200)?;
    let views = text::required("views", &c.views, text::MAX_TEXT)?;
    let stage = match c.stage.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => text::one_of("stage", s, STAGES)?.to_string(),
        None => stage_of(tx, case_id)?,
    };
    let received = parse_day(&k.received_on).unwrap_or(c.consulted_on);
    check_day(
        "consulted_on",
        c.consulted_on,
        (received, "the day the complaint was received"),
        stamp.at.date_naive(),
    )?;
    tx.execute(
        "INSERT INTO ip_consultation (case_id, person, consulted_on, stage, views)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![case_id, person, c.consulted_on.to_string(), stage, views],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, stamp, "ip_consultation", id, None, None)?;
    search::reindex_case(tx, case_id)?;
    consultations(tx, case_id)?
        .into_iter()
        .find(|x| x.id == id)
        .ok_or_else(|| Error::not_found("consultation", id.to_string()))
}

/// Records (or changes) the decision on the complainant's request for confidentiality.
pub fn decide_confidentiality(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    case_id: i64,
    decision: &str,
    decided_by: &str,
    on: NaiveDate,
    grounds: &str,
) -> Result<Confidentiality> {
    let k = case::get(tx, case_id)?;
    if !k.complainant.confidentiality_requested {
        return Err(Error::invalid(
            "decision",
            format!(
                "the complainant on {} did not ask for confidentiality, so there is nothing to decide",
                k.reference
            ),
        ));
    }
    let decision = text::one_of("decision", decision, CONFIDENTIALITY_DECISIONS)?;
    let decided_by = text::required("decided_by", decided_by, 200)?;
    let grounds = text::required("grounds", grounds, text::MAX_TEXT)?;
    let received = parse_day(&k.received_on).unwrap_or(on);
    check_day(
        "decided_on",
        on,
        (received, "the day the complaint was received"),
        stamp.at.date_naive(),
    )?;
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM confidentiality_decision WHERE case_id = ?1",
            [case_id],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(id) => {
            let before = audit::snapshot(tx, "confidentiality_decision", id)?;
            tx.execute(
                "UPDATE confidentiality_decision SET decision = ?2, decided_by = ?3,
                     decided_on = ?4, grounds = ?5 WHERE id = ?1",
                params![id, decision, decided_by, on.to_string(), grounds],
            )?;
            audit::record(tx, stamp, "confidentiality_decision", id, before, None)?;
        }
        None => {
            tx.execute(
                "INSERT INTO confidentiality_decision (case_id, decision, decided_by, decided_on,
                                                       grounds)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![case_id, decision, decided_by, on.to_string(), grounds],
            )?;
            let id = tx.last_insert_rowid();
            audit::record(tx, stamp, "confidentiality_decision", id, None, None)?;
        }
    }
    confidentiality(tx, case_id)?
        .ok_or_else(|| Error::not_found("confidentiality decision", k.reference))
}

fn open_pause(conn: &Connection, case_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM clock_pause WHERE case_id = ?1 AND resumed_on IS NULL",
            [case_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Stops the case's clock from `on` (that day does not count).
pub fn pause(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    case_id: i64,
    on: NaiveDate,
    reason: &str,
    note: Option<&str>,
) -> Result<Pause> {
    let k = case::get(tx, case_id)?;
    if stage_of(tx, case_id)? == "closed" {
        return Err(Error::conflict(
            "case",
            format!("{} is closed; its clock cannot be paused", k.reference),
        ));
    }
    if open_pause(tx, case_id)?.is_some() {
        return Err(Error::conflict(
            "on",
            format!(
                "the clock on {} is already paused; resume it first",
                k.reference
            ),
        ));
    }
    let reason = text::one_of("reason", reason, PAUSE_REASONS)?;
    let note = text::optional("note", note, text::MAX_TEXT)?;
    if reason == "other" && note.is_none() {
        return Err(Error::invalid(
            "note",
            "is required when the reason is other",
        ));
    }
    let received = parse_day(&k.received_on).unwrap_or(on);
    let last_resumed: Option<String> = tx.query_row(
        "SELECT max(resumed_on) FROM clock_pause WHERE case_id = ?1",
        [case_id],
        |r| r.get(0),
    )?;
    let not_before = match last_resumed.as_deref().and_then(parse_day) {
        Some(d) if d > received => (d, "the end of the last pause"),
        _ => (received, "the day the complaint was received"),
    };
    check_day("on", on, not_before, stamp.at.date_naive())?;
    tx.execute(
        "INSERT INTO clock_pause (case_id, paused_on, reason, note) VALUES (?1, ?2, ?3, ?4)",
        params![case_id, on.to_string(), reason, note],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, stamp, "clock_pause", id, None, None)?;
    pauses(tx, case_id)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::not_found("pause", id.to_string()))
}

/// Restarts the case's clock on `on` (that day counts again).
pub fn resume(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    case_id: i64,
    on: NaiveDate,
    note: Option<&str>,
) -> Result<Pause> {
    let k = case::get(tx, case_id)?;
    let Some(id) = open_pause(tx, case_id)? else {
        return Err(Error::conflict(
            "case",
            format!("the clock on {} is not paused", k.reference),
        ));
    };
    let note = text::optional("note", note, text::MAX_TEXT)?;
    let paused_on: String = tx.query_row(
        "SELECT paused_on FROM clock_pause WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let from = parse_day(&paused_on).unwrap_or(on);
    check_day(
        "on",
        on,
        (from, "the day it was paused"),
        stamp.at.date_naive(),
    )?;
    let before = audit::snapshot(tx, "clock_pause", id)?;
    tx.execute(
        "UPDATE clock_pause SET resumed_on = ?2,
             note = CASE WHEN ?3 IS NULL THEN note
                         ELSE coalesce(note || char(10), '') || 'Resumed: ' || ?3 END
         WHERE id = ?1",
        params![id, on.to_string(), note],
    )?;
    audit::record(tx, stamp, "clock_pause", id, before, note.as_deref())?;
    pauses(tx, case_id)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::not_found("pause", id.to_string()))
}

/// A case with something due: its next action and that action's deadline.
#[derive(Debug, Clone, Serialize)]
pub struct Due {
    pub case_id: i64,
    pub reference: String,
    pub councillor: String,
    pub council: String,
    pub stage: String,
    pub action: String,
    pub deadline: &'static str,
    pub due_on: String,
    /// overdue, due today or due
    pub status: &'static str,
    pub working_days_left: Option<i64>,
    pub working_days_overdue: Option<i64>,
}

/// Open cases whose next action is overdue or due within `within` working days of `today`,
/// most urgent first. Cases whose clock is paused are left out.
pub fn due(conn: &Connection, today: NaiveDate, within: u32) -> Result<Vec<Due>> {
    let clock = Clock::load(conn, today)?;
    let horizon = clock
        .calendar
        .add_working_days(today, within, &[])
        .unwrap_or(today);
    let mut stmt = conn.prepare(&format!(
        "SELECT k.id, k.reference, c.name, c.council FROM cases k
         JOIN councillor c ON c.id = k.councillor_id WHERE {CURRENT_STAGE_SQL} <> 'closed'"
    ))?;
    let open: Vec<(i64, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (id, reference, councillor, council) in open {
        let p = status_with(conn, &clock, id)?;
        let Some(next) = p.next_action else { continue };
        let (Some(deadline), Some(due_on), Some(status)) =
            (next.deadline, next.due_on, next.status)
        else {
            continue;
        };
        let in_range = parse_day(&due_on).is_some_and(|d| d <= horizon);
        if matches!(status, "overdue" | "due today") || (status == "due" && in_range) {
            out.push(Due {
                case_id: id,
                reference,
                councillor,
                council,
                stage: p.stage,
                action: next.action,
                deadline,
                due_on,
                status,
                working_days_left: next.working_days_left,
                working_days_overdue: next.working_days_overdue,
            });
        }
    }
    out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.reference.cmp(&b.reference)));
    Ok(out)
}
