//! Where each case stands, kept: its stage, next action, open deadlines and the timeliness figures
//! the annual report counts, in `case_progress` and `case_due`. Worked out by the procedure's rules
//! (the same [`procedure::status_with`] the case view uses), once per write for every case the
//! write touched, so the case list, the dashboard, the due list and the report read indexes instead
//! of replaying every case. None of the kept values depends on the day it is read: statuses such as
//! "overdue" are worked out from the kept due dates when read.

use chrono::NaiveDate;

use crate::procedure::{self, latest_decision, parse_day, Clock, Procedure, STAGES};
use crate::sql::{Spelled, Sql};
use crate::{case, retention, sql_params, Error, Result};

/// The deadlines that sit beside a case's next action in the due list: the councillor's or the
/// parties' comments, the decision letters and a request for review.
const ALSO_DUE: &[&str] = &["comments", "draft comments", "letters", "review"];

/// One kept timeliness figure: working days taken (once done), within target, still outstanding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Timely {
    pub days: Option<i64>,
    pub met: bool,
    pub outstanding: bool,
}

/// What is kept of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub stage: String,
    pub next_action: Option<String>,
    pub decision: Option<String>,
    pub outcome: Option<String>,
    pub acknowledge: Timely,
    pub decide: Timely,
    pub letters: Timely,
    /// (action, deadline key, due date) for each line the due list may show, in its order.
    pub due: Vec<(String, String, String)>,
    /// A closed case's retention review date (see [`retention::review`]), if it has one.
    pub review_on: Option<String>,
}

/// What every case's kept values are worked out with: the procedure's clock (calendar and
/// targets) and the retention schedule, read once for a batch of cases.
pub struct Rules {
    clock: Clock,
    schedule: Vec<retention::Line>,
}

impl Rules {
    pub fn read(conn: &impl Sql) -> Result<Rules> {
        Ok(Rules {
            clock: procedure::clock(conn, NaiveDate::MIN)?,
            schedule: retention::schedule(conn)?,
        })
    }
}

/// The stage's place in the procedure, for sorting (unknown stages last).
pub fn stage_rank(stage: &str) -> i64 {
    STAGES
        .iter()
        .position(|s| *s == stage)
        .unwrap_or(STAGES.len()) as i64
}

/// Works out what is kept of case `case_id`. The clock's day is moved to the case's receipt so
/// that nothing kept depends on the day (and the deadline arithmetic stays short).
pub fn compute(conn: &impl Sql, rules: &mut Rules, case_id: i64) -> Result<Kept> {
    let k = case::get(conn, case_id)?;
    let received = parse_day(&k.received_on);
    let clock = &mut rules.clock;
    if let Some(day) = received {
        clock.today = day;
    }
    let p = procedure::status_of(conn, clock, &k)?;
    let mut kept = kept_of(clock, &p, received);
    // As the retention review reads it: closed when the latest step recorded closes it.
    if p.stages.last().is_some_and(|e| e.stage == "closed") {
        kept.review_on = retention::review_on_of(conn, &rules.schedule, case_id, &p.stages)?
            .map(|d| d.to_string());
    }
    Ok(kept)
}

fn kept_of(clock: &Clock, p: &Procedure, received: Option<NaiveDate>) -> Kept {
    let stopped = procedure::stopped(&p.pauses);
    let cal = &clock.calendar;
    // As the annual report counts them: done (with the working days taken), or outstanding
    // unless no longer needed.
    let timely = |key: &str, from: Option<NaiveDate>| -> Timely {
        let Some(d) = p.deadlines.iter().find(|d| d.key == key) else {
            return Timely::default();
        };
        match (from, d.done_on.as_deref().and_then(parse_day)) {
            (Some(from), Some(done)) => Timely {
                days: Some(cal.working_days_between(from, done, &stopped)),
                met: d.status == "met",
                outstanding: false,
            },
            _ => Timely {
                outstanding: d.status != "not needed",
                ..Timely::default()
            },
        }
    };
    let decided_from = latest_decision(&p.stages).and_then(|e| parse_day(&e.on));
    let open = p.stage != "closed" || p.reviews.iter().any(|r| r.decided_on.is_none());
    let mut due: Vec<(String, String, String)> = Vec::new();
    if open {
        let next = p.next_action.as_ref();
        if let Some(d) = next.and_then(|n| n.deadline).and_then(|k| {
            p.deadlines
                .iter()
                .find(|d| d.key == k && d.done_on.is_none())
        }) {
            if let Some(on) = &d.due_on {
                let action = next.map(|n| n.action.clone()).unwrap_or_default();
                due.push((action, d.key.to_string(), on.clone()));
            }
        }
        for d in p.deadlines.iter().filter(|d| ALSO_DUE.contains(&d.key)) {
            let Some(on) = &d.due_on else { continue };
            if d.done_on.is_none() && !due.iter().any(|(_, k, _)| k == d.key) {
                due.push((d.label.to_string(), d.key.to_string(), on.clone()));
            }
        }
        // A deadline that is no longer needed is shown nowhere.
        due.retain(|(_, k, _)| {
            p.deadlines
                .iter()
                .any(|d| d.key == k && d.status != "not needed")
        });
    }
    Kept {
        stage: p.stage.clone(),
        next_action: p.next_action.as_ref().map(|n| n.action.clone()),
        decision: p.decision.clone(),
        outcome: p.outcome.clone(),
        acknowledge: timely("acknowledge", received),
        decide: timely("decide", received),
        letters: timely("letters", decided_from),
        due,
        review_on: None,
    }
}

/// The columns of a case's kept progress, its key first.
const PROGRESS_COLUMNS: &[&str] = &[
    "case_id",
    "stage",
    "stage_rank",
    "next_action",
    "decision",
    "outcome",
    "acknowledge_days",
    "acknowledge_met",
    "acknowledge_outstanding",
    "decide_days",
    "decide_met",
    "decide_outstanding",
    "letters_days",
    "letters_met",
    "letters_outstanding",
    "review_on",
];

/// The statement that keeps a case's progress.
static REPLACE: Spelled = Spelled::new(|d| d.replace_into("case_progress", PROGRESS_COLUMNS));

fn store(tx: &impl Sql, case_id: i64, k: &Kept) -> Result<()> {
    tx.run(
        REPLACE.sql(tx.dialect()),
        &sql_params![
            case_id,
            &k.stage,
            stage_rank(&k.stage),
            k.next_action.as_deref(),
            k.decision.as_deref(),
            k.outcome.as_deref(),
            k.acknowledge.days,
            k.acknowledge.met,
            k.acknowledge.outstanding,
            k.decide.days,
            k.decide.met,
            k.decide.outstanding,
            k.letters.days,
            k.letters.met,
            k.letters.outstanding,
            k.review_on.as_deref(),
        ],
    )?;
    tx.run(
        "DELETE FROM case_due WHERE case_id = ?1",
        &sql_params![case_id],
    )?;
    for (i, (action, deadline, due_on)) in k.due.iter().enumerate() {
        tx.run(
            "INSERT INTO case_due (case_id, position, action, deadline, due_on)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            &sql_params![case_id, i as i64, action, deadline, due_on],
        )?;
    }
    Ok(())
}

/// What is kept of case `case_id` now, as stored (None if nothing is).
pub fn stored(conn: &impl Sql, case_id: i64) -> Result<Option<Kept>> {
    let row = conn
        .row_opt(
            "SELECT stage, next_action, decision, outcome, acknowledge_days, acknowledge_met,
                acknowledge_outstanding, decide_days, decide_met, decide_outstanding,
                letters_days, letters_met, letters_outstanding, review_on
             FROM case_progress WHERE case_id = ?1",
            &sql_params![case_id],
        )?
        .map(|r| {
            let t = |i: usize| -> Result<Timely> {
                Ok(Timely {
                    days: r.get(i)?,
                    met: r.get(i + 1)?,
                    outstanding: r.get(i + 2)?,
                })
            };
            Ok::<_, Error>(Kept {
                stage: r.get(0)?,
                next_action: r.get(1)?,
                decision: r.get(2)?,
                outcome: r.get(3)?,
                acknowledge: t(4)?,
                decide: t(7)?,
                letters: t(10)?,
                due: Vec::new(),
                review_on: r.get(13)?,
            })
        })
        .transpose()?;
    let Some(mut kept) = row else {
        return Ok(None);
    };
    kept.due = conn
        .rows(
            "SELECT action, deadline, due_on FROM case_due WHERE case_id = ?1 ORDER BY position",
            &sql_params![case_id],
        )?
        .iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .collect::<Result<_>>()?;
    Ok(Some(kept))
}

/// Recomputes and stores what is kept of each case in `ids`.
pub fn refresh(tx: &impl Sql, ids: &[i64]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut rules = Rules::read(tx)?;
    for &id in ids {
        let kept = compute(tx, &mut rules, id)?;
        store(tx, id, &kept)?;
    }
    Ok(())
}

/// Recomputes every case touched in the open transaction (see `audit::record`), and every case
/// a change to the holidays, the targets or the retention schedule can affect: for a holiday, the
/// cases received on or before it; for the targets or the schedule, all. Leaves the list of
/// touched cases for the search index.
///
/// [`crate::Db::write`] runs this before it commits. Code that reads kept values (the case
/// list, the due list, the report's figures) inside a write, after changing cases in it, calls
/// it first.
pub fn refresh_touched(tx: &impl Sql) -> Result<()> {
    let ids: Vec<i64> = tx
        .rows(
            "SELECT id FROM touched_case
             UNION SELECT k.id FROM cases k, touched_clock t
                   WHERE t.day IS NULL OR k.received_on <= t.day
             ORDER BY 1",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
    tx.run("DELETE FROM touched_clock", &[])?;
    refresh(tx, &ids)
}

/// Whether some case has nothing kept (a database from before this was kept, or one filled
/// outside Casebook): then [`rebuild_all`] runs on open. Asked on the open after a migration
/// (every other open asks [`newest_missing`]), so it compares
/// counts: each kept row is keyed by, and deleted with, an existing case, so equal counts mean
/// every case has one (a count is read from the b-tree, not a lookup per case).
pub fn needs_rebuild(conn: &impl Sql) -> Result<bool> {
    conn.value(
        "SELECT (SELECT count(*) FROM cases) <> (SELECT count(*) FROM case_progress)",
        &[],
    )
}

/// A quick look, asked on every open: whether the newest case has nothing kept. Two b-tree
/// lookups, where [`needs_rebuild`] counts every row; `verify` compares every case.
pub fn newest_missing(conn: &impl Sql) -> Result<bool> {
    conn.value(
        "SELECT (SELECT max(id) FROM cases) IS DISTINCT FROM (SELECT max(case_id) FROM case_progress)",
        &[],
    )
}

/// Recomputes what is kept of every case.
pub fn rebuild_all(tx: &impl Sql) -> Result<()> {
    let ids: Vec<i64> = tx
        .rows("SELECT id FROM cases ORDER BY id", &[])?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
    refresh(tx, &ids)
}

/// A case whose kept values differ: its id, its reference and what differs.
pub type Mismatch = (i64, String, String);

/// How many cases were checked, and every case whose kept values differ from a fresh
/// recomputation, with what differs (for `verify`).
pub fn mismatches(conn: &impl Sql) -> Result<(usize, Vec<Mismatch>)> {
    let ids: Vec<(i64, String)> = conn
        .rows("SELECT id, reference FROM cases ORDER BY id", &[])?
        .iter()
        .map(|r| Ok::<_, Error>((r.get(0)?, r.get(1)?)))
        .collect::<Result<_>>()?;
    let mut rules = Rules::read(conn)?;
    let mut out = Vec::new();
    for (id, reference) in &ids {
        let fresh = compute(conn, &mut rules, *id)?;
        match stored(conn, *id)? {
            None => out.push((
                *id,
                reference.clone(),
                "has no kept stage or deadlines".into(),
            )),
            Some(kept) if kept != fresh => {
                out.push((*id, reference.clone(), describe(&kept, &fresh)))
            }
            Some(_) => {}
        }
    }
    Ok((ids.len(), out))
}

fn describe(kept: &Kept, fresh: &Kept) -> String {
    let mut parts = Vec::new();
    if kept.stage != fresh.stage {
        parts.push(format!(
            "stage kept as '{}' but is '{}'",
            kept.stage, fresh.stage
        ));
    }
    if kept.due != fresh.due {
        let dates = |k: &Kept| {
            k.due
                .iter()
                .map(|(_, d, on)| format!("{d} {on}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        parts.push(format!(
            "due dates kept as [{}] but are [{}]",
            dates(kept),
            dates(fresh)
        ));
    }
    if kept.review_on != fresh.review_on {
        let or_none = |d: &Option<String>| d.clone().unwrap_or_else(|| "none".into());
        parts.push(format!(
            "retention review date kept as {} but is {}",
            or_none(&kept.review_on),
            or_none(&fresh.review_on)
        ));
    }
    if parts.is_empty() {
        parts.push("its kept next action or timeliness differs from the steps recorded".into());
    }
    parts.join("; ")
}
