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

mod letters;
mod money;
mod parties;
mod status;
mod step;

pub use letters::*;
pub use money::*;
pub use parties::*;
pub use status::*;
pub use step::*;

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
        Comments = "comments",
        DraftComments = "draft comments",
        Letters = "letters",
        Review = "review",
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

/// The shortest run of steps from `from` to `to` that the procedure allows, when the case's
/// decision is `decision` and its final outcome `outcome` (`from` itself not included): how an
/// imported log's row, which gives only where a case ended up, is replayed step by step. `None`
/// when no run of allowed moves gets there.
pub fn route(
    from: &str,
    to: &str,
    decision: Option<&str>,
    outcome: Option<&str>,
) -> Option<Vec<&'static str>> {
    let allowed = |at: &str, next: &str| match next {
        "decision" => decision.is_some_and(|d| decisions_from(at).contains(&d)),
        "outcome" => outcome.is_some_and(|o| outcomes_from(at).contains(&o)),
        _ => true,
    };
    // Breadth first over the stages (each visited once), remembering how each was reached.
    let mut reached: Vec<(&'static str, Option<usize>)> = Vec::new();
    let mut queue = std::collections::VecDeque::new();
    let start = STAGES.iter().copied().find(|s| *s == from)?;
    reached.push((start, None));
    queue.push_back(0);
    while let Some(i) = queue.pop_front() {
        let at = reached[i].0;
        if at == to && i > 0 {
            let mut path = Vec::new();
            let mut k = Some(i);
            while let Some(j) = k.filter(|j| *j > 0) {
                path.push(reached[j].0);
                k = reached[j].1;
            }
            path.reverse();
            return Some(path);
        }
        for next in next_stages(at, decision) {
            if allowed(at, next) && !reached.iter().any(|(s, _)| *s == next) {
                reached.push((next, Some(i)));
                queue.push_back(reached.len() - 1);
            }
        }
    }
    None
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
    /// The Independent Person on the register, for consultations recorded since it.
    pub ip_id: Option<i64>,
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

pub fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// What the procedure needs to know of a case besides its rows.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub reference: &'a str,
    /// YYYY-MM-DD
    pub received_on: &'a str,
    pub confidentiality_requested: bool,
}
