//! Where an imported case stands in the procedure, recreated step by step from the log.

use super::{parties, Row};
use crate::procedure::{self, Move};
use crate::sql::Sql;
use crate::{text, Error, Result, Stamp};

/// Recreates where an imported case stands in the procedure from the log's `stage`, `outcome`,
/// `acknowledged_on`, `decided_on`, `closed_on` and `sanctions` columns, recording each step the
/// case must have passed through. Steps the log has no date for take the latest date it gives.
pub(super) fn import_procedure(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    row: &Row<'_>,
    reason: &str,
) -> Result<()> {
    let get = |column: &str| row.get(column).trim();
    let mut extras = parties::Extras::read(|c| row.get(c))?;
    let acknowledged = text::optional_date("acknowledged_on", Some(get("acknowledged_on")))?;
    let decided = text::optional_date("decided_on", Some(get("decided_on")))?;
    let closed = text::optional_date("closed_on", Some(get("closed_on")))?;
    let actions: Vec<String> = get("sanctions")
        .split([';', ','])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect();
    let stage = match get("stage") {
        "" if closed.is_some() => "closed",
        "" if decided.is_some() => "decision",
        "" if acknowledged.is_some() => "acknowledged",
        "" if get("outcome").is_empty() && actions.is_empty() => {
            return extras.finish(tx, stamp, case_id)
        }
        "" => {
            return Err(Error::invalid(
                "stage",
                "is required with an outcome (or give decided_on / closed_on)",
            ))
        }
        s => text::one_of("stage", s, procedure::STAGES)?,
    };
    let rank = |s: &str| procedure::STAGES.iter().position(|x| *x == s).unwrap_or(0);
    let investigating_stage = rank(stage) >= rank("investigation") && stage != "closed";

    // What the outcome column means: a decision on the initial assessment, or the final outcome
    // of an investigation (which implies the decision to investigate).
    let given = get("outcome");
    let (decision, last): (Option<&'static str>, Option<&'static str>) = if given.is_empty() {
        (None, None)
    } else if let Some(d) = procedure::DECISIONS
        .iter()
        .find(|d| d.eq_ignore_ascii_case(given))
        .filter(|_| !(investigating_stage && given.eq_ignore_ascii_case("no further action")))
    {
        (Some(*d), None)
    } else if given.eq_ignore_ascii_case("withdrawn") && !investigating_stage {
        (Some(procedure::WITHDRAWN_BY_COMPLAINANT), None)
    } else {
        let o = text::one_of("outcome", given, procedure::FINAL_OUTCOMES).map_err(|_| {
            Error::invalid(
                "outcome",
                format!(
                    "'{}' is neither a decision ({}) nor an outcome ({})",
                    text::shorten(given),
                    procedure::DECISIONS.join(", "),
                    procedure::FINAL_OUTCOMES.join(", ")
                ),
            )
        })?;
        (Some("investigation"), Some(o))
    };
    if rank(stage) >= rank("decision") && decision.is_none() {
        return Err(Error::invalid(
            "outcome",
            format!("is required when the stage is {stage} (the decision, or the final outcome)"),
        ));
    }
    if rank(stage) < rank("decision") && decision.is_some() {
        return Err(Error::invalid(
            "outcome",
            format!("a case at {stage} has no decision yet"),
        ));
    }

    // The steps, each with the column its date comes from: the acknowledgement and initial
    // assessment when the log gives them (a complaint withdrawn before it was acknowledged has
    // neither), then the procedure's own shortest route to where the log says the case is.
    let early_withdrawal =
        decision == Some(procedure::WITHDRAWN_BY_COMPLAINANT) && acknowledged.is_none();
    let mut path: Vec<&'static str> = ["acknowledged", "initial assessment"]
        .into_iter()
        .filter(|s| !early_withdrawal && rank(s) <= rank(stage))
        .collect();
    let from = path.last().copied().unwrap_or("received");
    if from != stage {
        let rest = procedure::route(from, stage, decision, last).ok_or_else(|| {
            Error::invalid(
                "stage",
                format!("'{stage}' does not fit the outcome given in the log"),
            )
        })?;
        path.extend(rest);
    }
    if last.is_some() && !path.contains(&"outcome") {
        return Err(Error::invalid(
            "stage",
            format!("'{stage}' does not fit the outcome given (the log's outcome puts the case at outcome or later)"),
        ));
    }
    let later = if closed.is_some() {
        "closed_on"
    } else {
        "decided_on"
    };
    let steps: Vec<(&str, &str, Option<&str>)> = path
        .iter()
        .map(|s| match *s {
            "acknowledged" | "initial assessment" => (*s, "acknowledged_on", None),
            "decision" => (*s, "decided_on", decision),
            "investigation" => (*s, "decided_on", None),
            "outcome" => (*s, later, last),
            "closed" => (*s, "closed_on", None),
            _ => (*s, later, None),
        })
        .collect();

    let takes_actions = |o: Option<&str>| matches!(o, Some("informal resolution" | "breach found"));
    if !actions.is_empty() && !steps.iter().any(|s| takes_actions(s.2)) {
        return Err(Error::invalid(
            "sanctions",
            "only an informal resolution (its measures) or a breach found (its sanctions) takes them",
        ));
    }
    let mut last_on = None;
    for (step, column, outcome) in &steps {
        let on = match *column {
            "acknowledged_on" => acknowledged,
            "decided_on" => decided,
            _ => closed,
        }
        // Only the steps the log has no column for (report, hearing, outcome) borrow a date.
        .or(last_on.filter(|_| matches!(*step, "report" | "hearing" | "outcome")))
        .ok_or_else(|| Error::invalid(*column, format!("is required when the stage is {stage}")))?;
        last_on = Some(on);
        let m = Move {
            stage: step.to_string(),
            on,
            outcome: outcome.map(String::from),
            actions: if takes_actions(*outcome) {
                actions.clone()
            } else {
                Vec::new()
            },
            reason: Some(reason.to_string()),
        };
        extras.before(tx, stamp, case_id, step)?;
        procedure::advance(tx, stamp, case_id, &m).map_err(|e| match e {
            Error::Invalid { field, reason } if field == "on" => Error::invalid(*column, reason),
            Error::Invalid { field, reason } if field == "measures" => {
                Error::invalid("sanctions", reason)
            }
            other => other,
        })?;
        extras.after(tx, stamp, case_id, (step, on))?;
    }
    extras.finish(tx, stamp, case_id)
}
