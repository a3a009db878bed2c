//! Checking one step before it is recorded: the stage it moves to, its decision or outcome, its
//! measures or sanctions, its reason and its date, against where the case stands.

use chrono::NaiveDate;

use super::{
    decisions_from, next_stages, outcomes_from, parse_day, Facts, Move, StageEvent, BREACH_FOUND,
    DECISIONS, FINAL_OUTCOMES, MEASURES, SANCTIONS, STAGES, WITHDRAWN_BY_COMPLAINANT,
};
use crate::{text, Error, Result};

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
