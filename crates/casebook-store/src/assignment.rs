//! Who works on each case on the team server (feature `postgres`): its officer and investigator,
//! one of each at a time, and the Independent Persons consulted on it. An Investigator sees only
//! the cases assigned to them and an Independent Person only those they are consulted on; "My
//! cases" is the cases assigned to the officer signed in.

use serde::Serialize;

use casebook_domain::Result;

use crate::sql::{Param, Sql};
use crate::sql_params;

/// What an account does on a case.
pub const DUTIES: &[&str] = &["officer", "investigator", "independent_person"];

/// One account's duty on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Assignment {
    pub duty: String,
    pub account_id: i64,
    pub account: String,
    pub assigned_at: String,
}

/// Gives `account_id` the `duty` on case `case_id`: the case's officer and investigator replace
/// whoever had the duty before; Independent Persons are added.
pub fn assign(
    tx: &impl Sql,
    case_id: i64,
    duty: &str,
    account_id: i64,
    by: i64,
    at: &str,
) -> Result<()> {
    let duty = casebook_domain::text::one_of("duty", duty, DUTIES)?;
    if duty != "independent_person" {
        tx.run(
            "DELETE FROM case_assignment WHERE case_id = ?1 AND duty = ?2",
            &sql_params![case_id, duty],
        )?;
    }
    tx.run(
        "INSERT INTO case_assignment (case_id, duty, account_id, assigned_by, assigned_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
        &sql_params![case_id, duty, account_id, by, at],
    )?;
    Ok(())
}

/// Everyone assigned to case `case_id`.
pub fn of_case(conn: &impl Sql, case_id: i64) -> Result<Vec<Assignment>> {
    conn.rows(
        "SELECT a.duty, a.account_id, u.name, a.assigned_at FROM case_assignment a
         JOIN public.account u ON u.id = a.account_id WHERE a.case_id = ?1
         ORDER BY a.duty, u.name",
        &[Param::Int(case_id)],
    )?
    .into_iter()
    .map(|r| {
        let mut c = r.columns();
        Ok(Assignment {
            duty: c.take()?,
            account_id: c.take()?,
            account: c.take()?,
            assigned_at: c.take()?,
        })
    })
    .collect()
}

/// Whether `account_id` has any duty on case `case_id`.
pub fn holds(conn: &impl Sql, case_id: i64, account_id: i64) -> Result<bool> {
    conn.value(
        "SELECT EXISTS (SELECT 1 FROM case_assignment WHERE case_id = ?1 AND account_id = ?2)",
        &sql_params![case_id, account_id],
    )
}
