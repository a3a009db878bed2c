//! Where a case stands: each deadline in working days against the council's targets, the next
//! action, and the warnings (the Independent Person, confidentiality), from its loaded rows.

use chrono::NaiveDate;
use serde::Serialize;

use super::{
    latest_decision, moves, next_stages, parse_day, track, Confidentiality, Consultation, Facts,
    Investigation, Letter, MoveOption, Notification, Pause, Review, Stage, StageEvent,
};
use super::{DeadlineKey, DeadlineStatus};
use crate::calendar::{Calendar, Stopped};
use crate::settings::Targets;

/// The Localism Act's requirement, quoted in warnings.
const S28_7: &str = "Localism Act 2011 s28(7)";
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
    /// The councillor told of the complaint, and their comments.
    pub notification: Option<Notification>,
    pub investigation: Option<Investigation>,
    /// Requests for review, oldest first.
    pub reviews: Vec<Review>,
    /// The letters made, oldest first.
    pub letters: Vec<Letter>,
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
            _ => (
                "Send the decision notice and close the case",
                Some("letters"),
            ),
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
        "outcome" => (
            "Send the decision notice and close the case",
            Some("letters"),
        ),
        "closed"
            if deadlines
                .iter()
                .any(|d| d.key == "review" && d.done_on.is_none()) =>
        {
            ("Decide the request for review", Some("review"))
        }
        _ => return None,
    };
    let d = key.and_then(|k| {
        deadlines
            .iter()
            .find(|d| d.key == k && (d.done_on.is_none() || k != "review"))
    });
    Some(NextAction {
        action: action.to_string(),
        deadline: d.map(|d| d.key),
        due_on: d.and_then(|d| d.due_on.clone()),
        status: d.map(|d| d.status),
        working_days_left: d.and_then(|d| d.working_days_left),
        working_days_overdue: d.and_then(|d| d.working_days_overdue),
    })
}

/// Sending the letters of the latest decision or outcome to the complainant and the councillor:
/// met on the day the later of the two first went. A closed case for which no letter was ever
/// recorded predates Casebook's letters (an imported log), so the target does not apply to it.
fn letters_deadline(
    clock: &Clock,
    stopped: &[Stopped],
    stages: &[StageEvent],
    letters: &[Letter],
    closed: bool,
) -> Option<Deadline> {
    let decided = latest_decision(stages)?;
    let on = parse_day(&decided.on)?;
    let kind = decided.stage.as_str();
    let sent_to = |party: &str| {
        letters
            .iter()
            .filter(|l| l.kind == kind && l.party == party)
            .filter_map(|l| l.sent_on.as_deref().and_then(parse_day))
            .filter(|d| *d >= on)
            .min()
    };
    let done = match (sent_to("complainant"), sent_to("councillor")) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => None,
    };
    let days = clock.targets.letters_working_days;
    Some(deadline(
        clock,
        stopped,
        "letters",
        "Send the decision letters to the complainant and the councillor",
        format!("{days} working days from the {kind}"),
        clock.calendar.add_working_days(on, days, stopped),
        done,
        closed && letters.is_empty(),
    ))
}

/// A case's procedure rows, as stored.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// Every step recorded, oldest first.
    pub stages: Vec<StageEvent>,
    pub ip: Vec<Consultation>,
    pub pauses: Vec<Pause>,
    pub confidentiality: Option<Confidentiality>,
    pub notification: Option<Notification>,
    pub investigation: Option<Investigation>,
    pub reviews: Vec<Review>,
    pub letters: Vec<Letter>,
}

/// Where the case stands on `clock.today`, worked out from its rows.
pub fn status(clock: &Clock, k: &Facts<'_>, rows: Rows) -> Procedure {
    let Rows {
        stages,
        ip,
        pauses,
        confidentiality: conf,
        notification,
        investigation,
        reviews,
        letters,
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

    let working_days = |days: u32| format!("{days} working days");
    if let Some(n) = &notification {
        let from = parse_day(&n.notified_on);
        deadlines.push(deadline(
            clock,
            &stopped,
            "comments",
            "The councillor's comments on the complaint",
            format!(
                "{} from telling them",
                working_days(t.comments_working_days)
            ),
            from.and_then(|d| cal.add_working_days(d, t.comments_working_days, &stopped)),
            n.comments_received_on.as_deref().and_then(parse_day),
            finished,
        ));
    }
    if let Some(sent) = investigation
        .as_ref()
        .and_then(|i| i.draft_sent_on.as_deref())
        .and_then(parse_day)
    {
        deadlines.push(deadline(
            clock,
            &stopped,
            "draft comments",
            "Comments on the draft investigation report",
            format!(
                "{} from sending the draft",
                working_days(t.comments_working_days)
            ),
            cal.add_working_days(sent, t.comments_working_days, &stopped),
            investigation
                .as_ref()
                .and_then(|i| i.draft_comments_received_on.as_deref())
                .and_then(parse_day),
            outcome_event.is_some(),
        ));
    }
    if let Some(d) = letters_deadline(clock, &stopped, &stages, &letters, stage == "closed") {
        deadlines.push(d);
    }
    for r in &reviews {
        let from = parse_day(&r.requested_on);
        deadlines.push(deadline(
            clock,
            &stopped,
            "review",
            "Decide the request for review",
            format!("{} from the request", working_days(t.review_working_days)),
            from.and_then(|d| cal.add_working_days(d, t.review_working_days, &stopped)),
            r.decided_on.as_deref().and_then(parse_day),
            false,
        ));
    }

    // The Independent Person's views on an investigated allegation, sought after the decision
    // to investigate and no later than the outcome.
    let mut warnings = Vec::new();
    // No consultation can be dated in the future, so before the outcome every one since the start
    // counts: the answer does not depend on today (the kept next action relies on that).
    let ip_views_sought = investigation_start.map(|start| {
        let by = outcome_event
            .and_then(|e| parse_day(&e.on))
            .unwrap_or(NaiveDate::MAX);
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
        notification,
        investigation,
        reviews,
        letters,
        deadlines,
        next_action,
        warnings,
        ip_consultations: ip,
        stage,
        stages,
    }
}
