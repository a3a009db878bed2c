//! The procedure's rows: loading a case's steps, consultations, pauses and confidentiality decision
//! (the rules that judge them are in `casebook_domain::procedure`), recording each step, and the
//! due list.

use chrono::NaiveDate;

pub use casebook_domain::procedure::*;

use crate::sql::Sql;
use crate::{audit, calendar, case, settings, sql_params, text, Error, Result, Stamp};

mod due;
pub use due::{due, Due};

/// How many open cases are at each stage (every stage but closed, in order, zeros included), from
/// the kept stages (see [`crate::progress`]).
pub fn open_by_stage(conn: &impl Sql) -> Result<Vec<(&'static str, i64)>> {
    let counts: Vec<(String, i64)> = conn
        .rows(
            "SELECT stage, count(*) FROM case_progress WHERE stage <> 'closed' GROUP BY stage",
            &[],
        )?
        .iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?)))
        .collect::<Result<_>>()?;
    Ok(STAGES
        .iter()
        .filter(|s| **s != "closed")
        .map(|s| {
            let n = counts.iter().find(|(k, _)| k == s).map_or(0, |(_, n)| *n);
            (*s, n)
        })
        .collect())
}

/// The calendar and targets as stored, and `today`: what the deadline arithmetic needs, loaded once.
pub fn clock(conn: &impl Sql, today: NaiveDate) -> Result<Clock> {
    Ok(Clock {
        calendar: calendar::load(conn)?,
        targets: settings::targets(conn)?,
        today,
    })
}

fn events(conn: &impl Sql, case_id: i64) -> Result<Vec<StageEvent>> {
    let rows = conn.rows(
        "SELECT id, stage, on_date, outcome, actions, reason, recorded_by, recorded_at
         FROM stage_event WHERE case_id = ?1 ORDER BY id",
        &sql_params![case_id],
    )?;
    // By position, as selected: every step recorded reads the case's steps so far.
    rows.iter()
        .map(|r| {
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
        })
        .collect()
}

pub fn consultations(conn: &impl Sql, case_id: i64) -> Result<Vec<Consultation>> {
    let rows = conn.rows(
        "SELECT id, ip_id, person, consulted_on, stage, views FROM ip_consultation
         WHERE case_id = ?1 ORDER BY consulted_on, id",
        &sql_params![case_id],
    )?;
    rows.iter()
        .map(|r| {
            Ok(Consultation {
                id: r.get("id")?,
                ip_id: r.get("ip_id")?,
                person: r.get("person")?,
                consulted_on: r.get("consulted_on")?,
                stage: r.get("stage")?,
                views: r.get("views")?,
            })
        })
        .collect()
}

fn pauses(conn: &impl Sql, case_id: i64) -> Result<Vec<Pause>> {
    let rows = conn.rows(
        "SELECT id, paused_on, resumed_on, reason, note FROM clock_pause
         WHERE case_id = ?1 ORDER BY paused_on, id",
        &sql_params![case_id],
    )?;
    rows.iter()
        .map(|r| {
            Ok(Pause {
                id: r.get("id")?,
                paused_on: r.get("paused_on")?,
                resumed_on: r.get("resumed_on")?,
                reason: r.get("reason")?,
                note: r.get("note")?,
            })
        })
        .collect()
}

fn confidentiality(conn: &impl Sql, case_id: i64) -> Result<Option<Confidentiality>> {
    conn.row_opt(
        "SELECT decision, decided_by, decided_on, grounds FROM confidentiality_decision
         WHERE case_id = ?1",
        &sql_params![case_id],
    )?
    .map(|r| {
        Ok(Confidentiality {
            decision: r.get("decision")?,
            decided_by: r.get("decided_by")?,
            decided_on: r.get("decided_on")?,
            grounds: r.get("grounds")?,
        })
    })
    .transpose()
}

/// The stage a case is at now.
pub fn stage_of(conn: &impl Sql, case_id: i64) -> Result<String> {
    Ok(conn
        .value_opt(
            "SELECT stage FROM stage_event WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
            &sql_params![case_id],
        )?
        .unwrap_or_else(|| "received".into()))
}

/// Where the case stands on `today`.
pub fn status(conn: &impl Sql, case_id: i64, today: NaiveDate) -> Result<Procedure> {
    let clock = clock(conn, today)?;
    status_with(conn, &clock, case_id)
}

/// A case's procedure rows.
pub fn rows(conn: &impl Sql, case_id: i64) -> Result<Rows> {
    Ok(Rows {
        stages: events(conn, case_id)?,
        ip: consultations(conn, case_id)?,
        pauses: pauses(conn, case_id)?,
        confidentiality: confidentiality(conn, case_id)?,
        notification: crate::party_rows::notification(conn, case_id)?,
        investigation: crate::party_rows::investigation(conn, case_id)?,
        reviews: crate::party_rows::reviews(conn, case_id)?,
        letters: crate::party_rows::letters(conn, case_id)?,
    })
}

/// As [`status`], with the calendar and targets already loaded (for many cases at once).
pub fn status_with(conn: &impl Sql, clock: &Clock, case_id: i64) -> Result<Procedure> {
    status_of(conn, clock, &case::get(conn, case_id)?)
}

/// As [`status_with`], for case `k` already loaded.
pub fn status_of(conn: &impl Sql, clock: &Clock, k: &case::Case) -> Result<Procedure> {
    Ok(casebook_domain::procedure::status(
        clock,
        &facts(k),
        rows(conn, k.id)?,
    ))
}

/// What the procedure's rules need to know of case `k`.
pub(crate) fn facts(k: &case::Case) -> Facts<'_> {
    Facts {
        reference: &k.reference,
        received_on: &k.received_on,
        confidentiality_requested: k.complainant.confidentiality_requested,
    }
}

/// Records the next step of a case, once [`check_move`] allows it. Closing a case ends a pause.
pub fn advance(tx: &impl Sql, stamp: &Stamp, case_id: i64, m: &Move) -> Result<StageEvent> {
    // Only what the rules need of the case: an import advances each case several times.
    let r = tx
        .row_opt(
            "SELECT reference, received_on, confidentiality_requested FROM cases WHERE id = ?1",
            &sql_params![case_id],
        )?
        .ok_or_else(|| Error::not_found("case", case_id.to_string()))?;
    let (reference, received_on, confidentiality_requested): (String, String, bool) =
        (r.get(0)?, r.get(1)?, r.get(2)?);
    let facts = Facts {
        reference: &reference,
        received_on: &received_on,
        confidentiality_requested,
    };
    let history = events(tx, case_id)?;
    let step = check_move(&facts, &history, m, stamp.at.date_naive())?;
    let actions_json = serde_json::to_string(&step.actions).unwrap_or_else(|_| "[]".into());
    let id = tx.insert(
        "INSERT INTO stage_event (case_id, stage, on_date, outcome, actions, reason, recorded_by,
                                  recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &sql_params![
            case_id,
            step.stage,
            step.on.to_string(),
            step.outcome,
            actions_json,
            step.reason.as_deref(),
            &stamp.actor,
            stamp.at_text()
        ],
    )?;
    audit::record(tx, stamp, "stage_event", id, None, step.reason.as_deref())?;
    if step.stage == "closed" {
        if let Some(open) = open_pause(tx, case_id)? {
            let before = audit::snapshot(tx, "clock_pause", open)?;
            // Resumed on the day it closed, or on the day it was paused if that is later.
            let paused_on: String = tx.value(
                "SELECT paused_on FROM clock_pause WHERE id = ?1",
                &sql_params![open],
            )?;
            let on = m.on.to_string().max(paused_on);
            tx.run(
                "UPDATE clock_pause SET resumed_on = ?2 WHERE id = ?1",
                &sql_params![open, on],
            )?;
            audit::record(tx, stamp, "clock_pause", open, before, Some("case closed"))?;
        }
    }
    Ok(StageEvent {
        id,
        stage: step.stage.to_string(),
        on: step.on.to_string(),
        outcome: step.outcome.map(String::from),
        actions: step.actions.iter().map(|a| a.to_string()).collect(),
        reason: step.reason,
        recorded_by: stamp.actor.clone(),
        recorded_at: stamp.at_text(),
    })
}

/// Takes back the last step recorded on a case (a mistake), with the reason. The audit trail
/// keeps the step and its removal.
pub fn undo_last(tx: &impl Sql, stamp: &Stamp, case_id: i64, reason: &str) -> Result<StageEvent> {
    let k = case::get(tx, case_id)?;
    let reason = text::required("reason", reason, text::MAX_TEXT)?;
    let Some(last) = events(tx, case_id)?.pop() else {
        return Err(Error::invalid(
            "stage",
            format!("{} is at received; there is no step to undo", k.reference),
        ));
    };
    let before = audit::snapshot(tx, "stage_event", last.id)?;
    tx.run(
        "DELETE FROM stage_event WHERE id = ?1",
        &sql_params![last.id],
    )?;
    audit::record(tx, stamp, "stage_event", last.id, before, Some(&reason))?;
    Ok(last)
}

/// A consultation of the Independent Person to record.
#[derive(Debug, Clone, Default)]
pub struct NewConsultation {
    /// The Independent Person from the register; their name is then the consultation's person.
    pub ip_id: Option<i64>,
    /// Who was consulted, when not from the register (consultations recorded before it).
    pub person: String,
    pub consulted_on: NaiveDate,
    /// The stage at which they were consulted (default: the case's stage now).
    pub stage: Option<String>,
    pub views: String,
}

pub fn add_consultation(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    c: &NewConsultation,
) -> Result<Consultation> {
    // Every field, by name: one added to NewConsultation must be checked and stored here too.
    let NewConsultation {
        ip_id,
        person,
        consulted_on,
        stage,
        views,
    } = c;
    let k = case::get(tx, case_id)?;
    let person = match ip_id {
        Some(id) => {
            let ip = crate::independent_person::get(tx, *id)?;
            if !ip.serving_on(*consulted_on) {
                return Err(Error::invalid(
                    "ip_id",
                    format!(
                        "{} was not serving as an Independent Person on {consulted_on} (term {} to {})",
                        ip.name,
                        ip.term_start,
                        ip.term_end.as_deref().unwrap_or("now")
                    ),
                ));
            }
            ip.name
        }
        None => text::required("person", person, 200)?,
    };
    let views = text::required("views", views, text::MAX_TEXT)?;
    let stage = match stage.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => text::one_of("stage", s, STAGES)?.to_string(),
        None => stage_of(tx, case_id)?,
    };
    let received = parse_day(&k.received_on).unwrap_or(*consulted_on);
    check_day(
        "consulted_on",
        *consulted_on,
        (received, "the day the complaint was received"),
        stamp.at.date_naive(),
    )?;
    let id = tx.insert(
        "INSERT INTO ip_consultation (case_id, ip_id, person, consulted_on, stage, views)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &sql_params![
            case_id,
            *ip_id,
            person,
            consulted_on.to_string(),
            stage,
            views
        ],
    )?;
    audit::record(tx, stamp, "ip_consultation", id, None, None)?;
    consultations(tx, case_id)?
        .into_iter()
        .find(|x| x.id == id)
        .ok_or_else(|| Error::not_found("consultation", id.to_string()))
}

/// Records (or changes) the decision on the complainant's request for confidentiality.
pub fn decide_confidentiality(
    tx: &impl Sql,
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
    let existing: Option<i64> = tx.value_opt(
        "SELECT id FROM confidentiality_decision WHERE case_id = ?1",
        &sql_params![case_id],
    )?;
    let values = sql_params![case_id, decision, decided_by, on.to_string(), grounds];
    match existing {
        Some(id) => {
            let before = audit::snapshot(tx, "confidentiality_decision", id)?;
            tx.run(
                "UPDATE confidentiality_decision SET decision = ?2, decided_by = ?3,
                     decided_on = ?4, grounds = ?5
                 WHERE case_id = ?1",
                &values,
            )?;
            audit::record(tx, stamp, "confidentiality_decision", id, before, None)?;
        }
        None => {
            let id = tx.insert(
                "INSERT INTO confidentiality_decision (case_id, decision, decided_by, decided_on,
                                                       grounds)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                &values,
            )?;
            audit::record(tx, stamp, "confidentiality_decision", id, None, None)?;
        }
    }
    confidentiality(tx, case_id)?
        .ok_or_else(|| Error::not_found("confidentiality decision", k.reference))
}

fn open_pause(conn: &impl Sql, case_id: i64) -> Result<Option<i64>> {
    conn.value_opt(
        "SELECT id FROM clock_pause WHERE case_id = ?1 AND resumed_on IS NULL",
        &sql_params![case_id],
    )
}

/// Stops the case's clock from `on` (that day does not count).
pub fn pause(
    tx: &impl Sql,
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
    let last_resumed: Option<String> = tx.value(
        "SELECT max(resumed_on) FROM clock_pause WHERE case_id = ?1",
        &sql_params![case_id],
    )?;
    let not_before = match last_resumed.as_deref().and_then(parse_day) {
        Some(d) if d > received => (d, "the end of the last pause"),
        _ => (received, "the day the complaint was received"),
    };
    check_day("on", on, not_before, stamp.at.date_naive())?;
    let id = tx.insert(
        "INSERT INTO clock_pause (case_id, paused_on, reason, note) VALUES (?1, ?2, ?3, ?4)",
        &sql_params![case_id, on.to_string(), reason, note],
    )?;
    audit::record(tx, stamp, "clock_pause", id, None, None)?;
    pauses(tx, case_id)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::not_found("pause", id.to_string()))
}

/// Restarts the case's clock on `on` (that day counts again).
pub fn resume(
    tx: &impl Sql,
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
    let (paused_on, kept): (String, Option<String>) = {
        let r = tx.row(
            "SELECT paused_on, note FROM clock_pause WHERE id = ?1",
            &sql_params![id],
        )?;
        (r.get(0)?, r.get(1)?)
    };
    let from = parse_day(&paused_on).unwrap_or(on);
    check_day(
        "on",
        on,
        (from, "the day it was paused"),
        stamp.at.date_naive(),
    )?;
    let before = audit::snapshot(tx, "clock_pause", id)?;
    // A note given on resuming is added below the pause's own, on a line of its own.
    let new_note = match (&note, kept) {
        (None, kept) => kept,
        (Some(n), None) => Some(format!("Resumed: {n}")),
        (Some(n), Some(k)) => Some(format!("{k}\nResumed: {n}")),
    };
    tx.run(
        "UPDATE clock_pause SET resumed_on = ?2, note = ?3 WHERE id = ?1",
        &sql_params![id, on.to_string(), new_note],
    )?;
    audit::record(tx, stamp, "clock_pause", id, before, note.as_deref())?;
    pauses(tx, case_id)?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::not_found("pause", id.to_string()))
}
