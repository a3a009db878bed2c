//! The due list: each open case's next action and the other deadlines still open, read from the
//! kept due dates (see [`crate::progress`]).

use chrono::NaiveDate;
use serde::Serialize;

use casebook_domain::calendar::Stopped;

use super::{clock, parse_day, pauses, stopped, DEADLINE_KEYS};
use crate::sql::Sql;
use crate::{sql_params, Result};

/// A case with something due: its next action and that action's deadline.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
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

/// Cases with something overdue or due within `within` working days of `today`, most urgent
/// first: each open case's next action, and beside it the comments, letters and review deadlines
/// still open (a request for review on a closed case too). Deadlines whose clock is paused are
/// left out. Read from the kept due dates through their index (see [`crate::progress`]); only the
/// status and the working days left or over are worked out here.
pub fn due(conn: &impl Sql, today: NaiveDate, within: u32) -> Result<Vec<Due>> {
    let clock = clock(conn, today)?;
    let horizon = clock
        .calendar
        .add_working_days(today, within, &[])
        .unwrap_or(today);
    let lines = conn.rows(
        "SELECT d.case_id, k.reference, c.name AS councillor, c.council, p.stage, d.action,
                d.deadline, d.due_on
         FROM case_due d JOIN cases k ON k.id = d.case_id
         JOIN case_progress p ON p.case_id = d.case_id
         JOIN councillor c ON c.id = k.councillor_id
         WHERE d.due_on <= ?1 ORDER BY d.due_on, k.reference, d.position",
        &sql_params![horizon.to_string()],
    )?;
    let mut out = Vec::new();
    let mut stopped: Option<(i64, Vec<Stopped>)> = None;
    for r in &lines {
        let (case_id, reference, councillor, council, stage, action, key, due_on): (
            i64,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
        ) = (
            r.get("case_id")?,
            r.get("reference")?,
            r.get("councillor")?,
            r.get("council")?,
            r.get("stage")?,
            r.get("action")?,
            r.get("deadline")?,
            r.get("due_on")?,
        );
        let (Some(due), Some(deadline)) = (parse_day(&due_on), deadline_key(&key)) else {
            continue;
        };
        if stopped.as_ref().is_none_or(|(id, _)| *id != case_id) {
            stopped = Some((case_id, self::stopped(&pauses(conn, case_id)?)));
        }
        let cal = &clock.calendar;
        let gaps = stopped.as_ref().map_or(&[][..], |(_, s)| s.as_slice());
        let (status, left, over) = if today < due {
            (
                "due",
                Some(cal.working_days_between(today, due, gaps)),
                None,
            )
        } else if today == due {
            ("due today", Some(0), None)
        } else {
            (
                "overdue",
                None,
                Some(cal.working_days_between(due, today, gaps)),
            )
        };
        out.push(Due {
            case_id,
            reference,
            councillor,
            council,
            stage,
            action,
            deadline,
            due_on,
            status,
            working_days_left: left,
            working_days_overdue: over,
        });
    }
    Ok(out)
}

/// The deadline key `k` as the procedure names it.
fn deadline_key(k: &str) -> Option<&'static str> {
    DEADLINE_KEYS.iter().find(|d| **d == k).copied()
}
