//! The retention schedule as the council has set it, legal holds, review-date extensions, and
//! each closed case's review: how it ended, the rule that applies, when it is due and whether
//! anything blocks its disposal. (The disposal itself is [`crate::disposal`].)

use chrono::NaiveDate;
use serde::Serialize;

use casebook_domain::procedure::StageEvent;
use casebook_domain::retention::{self as rules, Dates, Ending, Rule, DEFAULT_SCHEDULE};

use crate::sql::{Row, Sql};
use crate::{audit, sql_params, text, Error, Result, Stamp};

/// One line of the schedule in force, and whether it is the default.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "RetentionLine")]
pub struct Line {
    #[serde(flatten)]
    #[ts(flatten)]
    pub rule: Rule,
    /// "6 years from the final determination".
    pub describe: String,
    pub default: bool,
}

/// The schedule in force: each ending's rule, the council's where it set one.
pub fn schedule(conn: &impl Sql) -> Result<Vec<Line>> {
    DEFAULT_SCHEDULE
        .iter()
        .map(|d| {
            let set: Option<(u32, String)> = conn
                .row_opt(
                    "SELECT months, start FROM retention_rule WHERE ending = ?1",
                    &sql_params![d.ending.word()],
                )?
                .map(|r| Ok::<_, Error>((r.get(0)?, r.get(1)?)))
                .transpose()?;
            let rule = match set {
                Some((months, start)) => Rule {
                    ending: d.ending,
                    months,
                    start: rules::RetentionStart::parse("start", &start)?,
                },
                None => *d,
            };
            Ok(Line {
                describe: rule.describe(),
                default: rule == *d,
                rule,
            })
        })
        .collect()
}

/// Sets the schedule's line for `rule.ending` (back to the default removes the council's own).
pub fn set_rule(tx: &impl Sql, stamp: &Stamp, rule: Rule, reason: &str) -> Result<Line> {
    let reason = text::required("reason", reason, 500)?;
    let ending = rule.ending.word();
    let id: Option<i64> = tx.value_opt(
        "SELECT id FROM retention_rule WHERE ending = ?1",
        &sql_params![ending],
    )?;
    let is_default = DEFAULT_SCHEDULE.contains(&rule);
    match id {
        Some(id) => {
            let before = audit::snapshot(tx, "retention_rule", id)?;
            if is_default {
                tx.run("DELETE FROM retention_rule WHERE id = ?1", &sql_params![id])?;
            } else {
                tx.run(
                    "UPDATE retention_rule SET months = ?2, start = ?3 WHERE id = ?1",
                    &sql_params![id, rule.months, rule.start.word()],
                )?;
            }
            audit::record(tx, stamp, "retention_rule", id, before, Some(&reason))?;
        }
        None if !is_default => {
            let id = tx.insert(
                "INSERT INTO retention_rule (ending, months, start) VALUES (?1, ?2, ?3)",
                &sql_params![ending, rule.months, rule.start.word()],
            )?;
            audit::record(tx, stamp, "retention_rule", id, None, Some(&reason))?;
        }
        None => {}
    }
    schedule(tx)?
        .into_iter()
        .find(|l| l.rule.ending == rule.ending)
        .ok_or_else(|| Error::not_found("retention rule", ending))
}

/// Where a case stands against the schedule.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "RetentionReview")]
pub struct Review {
    pub case_id: i64,
    pub reference: String,
    pub received_on: String,
    /// The stage it is at: only a closed case has a review date.
    pub stage: String,
    pub closed_on: Option<String>,
    pub ending: Option<Ending>,
    /// The rule that applies, described ("3 years from closure").
    pub rule: Option<String>,
    /// The day its personal data is due for review: the rule's, or a later one an officer set.
    pub review_on: Option<String>,
    /// Why it was kept longer, when an officer extended it.
    pub extended_because: Option<String>,
    /// The open legal hold's reason, if one blocks disposal.
    pub hold: Option<String>,
    /// Whether the review date has come.
    pub due: bool,
    /// Why the case cannot be disposed of now, if it cannot (open, on hold, no review date).
    pub blocked: Option<String>,
}

const SELECT: &str = "
    SELECT k.id, k.reference, k.received_on, c.term_end,
        (SELECT e.stage FROM stage_event e WHERE e.case_id = k.id ORDER BY e.id DESC LIMIT 1)
            AS stage,
        (SELECT e.on_date FROM stage_event e WHERE e.case_id = k.id AND e.stage = 'closed'
            ORDER BY e.id DESC LIMIT 1) AS closed_on,
        (SELECT e.outcome FROM stage_event e WHERE e.case_id = k.id AND e.stage = 'decision'
            ORDER BY e.id DESC LIMIT 1) AS decision,
        (SELECT e.on_date FROM stage_event e WHERE e.case_id = k.id AND e.stage = 'decision'
            ORDER BY e.id DESC LIMIT 1) AS decided_on,
        (SELECT e.outcome FROM stage_event e WHERE e.case_id = k.id AND e.stage = 'outcome'
            ORDER BY e.id DESC LIMIT 1) AS outcome,
        (SELECT e.on_date FROM stage_event e WHERE e.case_id = k.id AND e.stage = 'outcome'
            ORDER BY e.id DESC LIMIT 1) AS outcome_on,
        (SELECT x.review_on FROM retention_extension x WHERE x.case_id = k.id
            ORDER BY x.id DESC LIMIT 1) AS extended_to,
        (SELECT x.reason FROM retention_extension x WHERE x.case_id = k.id
            ORDER BY x.id DESC LIMIT 1) AS extended_because,
        (SELECT h.reason FROM legal_hold h WHERE h.case_id = k.id AND h.lifted_at IS NULL)
            AS hold
    FROM cases k JOIN councillor c ON c.id = k.councillor_id
    WHERE k.disposal_id IS NULL";

fn day(v: Option<String>) -> Option<NaiveDate> {
    v.and_then(|d| d.get(..10).and_then(|d| d.parse().ok()))
}

/// What a closed case's review date is worked out from: how it ended and when (the latest step
/// of each kind), the councillor's term end, and the latest extension an officer set.
#[derive(Debug, Default)]
struct Basis {
    closed_on: Option<String>,
    decision: Option<String>,
    decided_on: Option<String>,
    outcome: Option<String>,
    outcome_on: Option<String>,
    term_end: Option<String>,
    extended_to: Option<String>,
}

impl Basis {
    /// How the case ended, the schedule's line for that ending, and its review date: the rule's,
    /// or a later one an officer set. The one place a review date is worked out, for the review
    /// shown and for the one kept beside the case's progress.
    fn review<'s>(&self, schedule: &'s [Line]) -> (Ending, Option<&'s Line>, Option<NaiveDate>) {
        let ending = Ending::of(self.decision.as_deref(), self.outcome.as_deref());
        let rule = schedule.iter().find(|l| l.rule.ending == ending);
        let dates = Dates {
            closed_on: day(self.closed_on.clone()),
            determined_on: day(self.outcome_on.clone()).or(day(self.decided_on.clone())),
            left_office_on: day(self.term_end.clone()),
        };
        let by_rule = rule.and_then(|l| rules::review_on(&l.rule, &dates));
        let extended_to = day(self.extended_to.clone());
        let review_on = match (by_rule, extended_to) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        (ending, rule, review_on)
    }
}

/// The review date of closed case `case_id` whose steps, oldest first, are `stages` (for
/// [`crate::progress`], which keeps it so that the due reviews are counted through an index).
/// None once the case is disposed of: it has no review left (and [`review`] does not find it).
pub(crate) fn review_on_of(
    conn: &impl Sql,
    schedule: &[Line],
    case_id: i64,
    stages: &[StageEvent],
) -> Result<Option<NaiveDate>> {
    let latest = |stage: &str| stages.iter().rev().find(|e| e.stage == stage);
    let r = conn.row(
        "SELECT k.disposal_id IS NULL, c.term_end,
            (SELECT x.review_on FROM retention_extension x WHERE x.case_id = k.id
                ORDER BY x.id DESC LIMIT 1)
         FROM cases k JOIN councillor c ON c.id = k.councillor_id WHERE k.id = ?1",
        &sql_params![case_id],
    )?;
    let (kept, term_end, extended_to): (bool, Option<String>, Option<String>) =
        (r.get(0)?, r.get(1)?, r.get(2)?);
    if !kept {
        return Ok(None);
    }
    let basis = Basis {
        closed_on: latest("closed").map(|e| e.on.clone()),
        decision: latest("decision").and_then(|e| e.outcome.clone()),
        decided_on: latest("decision").map(|e| e.on.clone()),
        outcome: latest("outcome").and_then(|e| e.outcome.clone()),
        outcome_on: latest("outcome").map(|e| e.on.clone()),
        term_end,
        extended_to,
    };
    Ok(basis.review(schedule).2)
}

/// The number of closed cases not disposed of whose review date is on or before `until` (held
/// ones too), read from the index of the review dates kept beside each case's progress (a
/// disposed case keeps none).
pub fn due_count(conn: &impl Sql, until: NaiveDate) -> Result<usize> {
    let n: i64 = conn.value(
        "SELECT count(*) FROM case_progress WHERE review_on <= ?1",
        &sql_params![until.to_string()],
    )?;
    Ok(n as usize)
}

fn review_from_row(r: &Row, schedule: &[Line], today: NaiveDate) -> Result<Review> {
    let stage: String = r
        .get::<Option<String>>("stage")?
        .unwrap_or_else(|| "received".into());
    let closed = stage == "closed";
    let basis = Basis {
        closed_on: if closed { r.get("closed_on")? } else { None },
        decision: r.get("decision")?,
        decided_on: r.get("decided_on")?,
        outcome: r.get("outcome")?,
        outcome_on: r.get("outcome_on")?,
        term_end: r.get("term_end")?,
        extended_to: r.get("extended_to")?,
    };
    let (ending, rule, review_on) = basis.review(schedule);
    let (ending, rule, review_on) = if closed {
        (Some(ending), rule, review_on)
    } else {
        (None, None, None)
    };
    let hold: Option<String> = r.get("hold")?;
    let blocked = if !closed {
        Some(format!(
            "it is open (at {stage}): only a closed case can be disposed of"
        ))
    } else if let Some(h) = &hold {
        Some(format!("it is under a legal hold: {h}"))
    } else if review_on.is_none() {
        Some("it has no review date yet: the councillor is still in office".to_string())
    } else {
        None
    };
    Ok(Review {
        case_id: r.get("id")?,
        reference: r.get("reference")?,
        received_on: r.get("received_on")?,
        stage,
        closed_on: basis.closed_on,
        ending,
        rule: rule.map(|l| l.describe.clone()),
        review_on: review_on.map(|d| d.to_string()),
        extended_because: day(basis.extended_to).and(r.get::<Option<String>>("extended_because")?),
        hold,
        due: review_on.is_some_and(|d| d <= today),
        blocked,
    })
}

/// The review of case `case_id` (not disposed of).
pub fn review(conn: &impl Sql, case_id: i64, today: NaiveDate) -> Result<Review> {
    let schedule = schedule(conn)?;
    conn.row_opt(&format!("{SELECT} AND k.id = ?1"), &sql_params![case_id])?
        .map(|r| review_from_row(&r, &schedule, today))
        .transpose()?
        .ok_or_else(|| Error::not_found("case", case_id.to_string()))
}

/// Closed cases whose review date is on or before `until`, soonest first; held cases are listed
/// too, marked as blocked. Found through the review dates kept beside each case's progress.
pub fn due(conn: &impl Sql, today: NaiveDate, until: NaiveDate) -> Result<Vec<Review>> {
    let schedule = schedule(conn)?;
    let mut out: Vec<Review> = conn
        .rows(
            &format!(
                "{SELECT} AND k.id IN (SELECT case_id FROM case_progress WHERE review_on <= ?1)"
            ),
            &sql_params![until.to_string()],
        )?
        .iter()
        .map(|r| review_from_row(r, &schedule, today))
        .collect::<Result<Vec<_>>>()?;
    out.sort_by(|a, b| (&a.review_on, &a.reference).cmp(&(&b.review_on, &b.reference)));
    Ok(out)
}

/// Keeps closed case `case_id` until `review_on` (after its current review date), for `reason`.
pub fn extend(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    review_on: NaiveDate,
    reason: &str,
) -> Result<Review> {
    let reason = text::required("reason", reason, 1000)?;
    let today = stamp.at.date_naive();
    let current = review(tx, case_id, today)?;
    if current.stage != "closed" {
        return Err(Error::invalid(
            "reference",
            format!(
                "{} is open: only a closed case has a review date",
                current.reference
            ),
        ));
    }
    if let Some(now) = day(current.review_on.clone()).filter(|d| review_on <= *d) {
        return Err(Error::invalid(
            "review_on",
            format!("{review_on} is not after the current review date ({now})"),
        ));
    }
    if review_on <= today {
        return Err(Error::invalid(
            "review_on",
            format!("{review_on} is not in the future"),
        ));
    }
    let id = tx.insert(
        "INSERT INTO retention_extension (case_id, review_on, reason, decided_by, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &sql_params![
            case_id,
            review_on.to_string(),
            &reason,
            &stamp.actor,
            stamp.at_text()
        ],
    )?;
    audit::record(tx, stamp, "retention_extension", id, None, Some(&reason))?;
    review(tx, case_id, today)
}

/// Places a legal hold on case `case_id`: nothing of it can be disposed of until it is lifted.
pub fn hold(tx: &impl Sql, stamp: &Stamp, case_id: i64, reason: &str) -> Result<Review> {
    let reason = text::required("reason", reason, 1000)?;
    let today = stamp.at.date_naive();
    if let Some(h) = review(tx, case_id, today)?.hold {
        return Err(Error::conflict(
            "hold",
            format!("the case is already on hold: {h}"),
        ));
    }
    let id = tx.insert(
        "INSERT INTO legal_hold (case_id, reason, placed_by, placed_at) VALUES (?1, ?2, ?3, ?4)",
        &sql_params![case_id, &reason, &stamp.actor, stamp.at_text()],
    )?;
    audit::record(tx, stamp, "legal_hold", id, None, Some(&reason))?;
    review(tx, case_id, today)
}

/// Lifts the open legal hold on case `case_id`.
pub fn lift(tx: &impl Sql, stamp: &Stamp, case_id: i64, reason: &str) -> Result<Review> {
    let reason = text::required("reason", reason, 1000)?;
    let id: i64 = tx
        .value_opt(
            "SELECT id FROM legal_hold WHERE case_id = ?1 AND lifted_at IS NULL",
            &sql_params![case_id],
        )?
        .ok_or_else(|| Error::invalid("hold", "the case is not on hold"))?;
    let before = audit::snapshot(tx, "legal_hold", id)?;
    tx.run(
        "UPDATE legal_hold SET lifted_by = ?2, lifted_at = ?3, lift_reason = ?4 WHERE id = ?1",
        &sql_params![id, &stamp.actor, stamp.at_text(), &reason],
    )?;
    audit::record(tx, stamp, "legal_hold", id, before, Some(&reason))?;
    review(tx, case_id, stamp.at.date_naive())
}
