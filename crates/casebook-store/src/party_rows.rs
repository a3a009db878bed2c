//! The rows of a case's procedure kept beside the steps — the councillor's notification, the
//! investigation and its costs, requests for review, and letters — loaded for
//! `procedure::rows` and the modules that record them. Loading only: nothing here depends on
//! the modules that write these rows, so they all depend on this one.

use crate::sql::{Row, Sql};
use crate::{sql_params, Result};
use casebook_domain::procedure::{Cost, Investigation, Letter, Notification, Review};

pub fn notification(conn: &impl Sql, case_id: i64) -> Result<Option<Notification>> {
    conn.row_opt(
        "SELECT id, notified_on, method, sent, comments_received_on, comments,
                comments_evidence_id
         FROM councillor_notification WHERE case_id = ?1",
        &sql_params![case_id],
    )?
    .map(|r| {
        Ok(Notification {
            id: r.get("id")?,
            notified_on: r.get("notified_on")?,
            method: r.get("method")?,
            sent: r.get("sent")?,
            comments_received_on: r.get("comments_received_on")?,
            comments: r.get("comments")?,
            comments_evidence_id: r.get("comments_evidence_id")?,
        })
    })
    .transpose()
}

pub fn costs(conn: &impl Sql, case_id: i64) -> Result<Vec<Cost>> {
    let rows = conn.rows(
        "SELECT id, on_date, hours, cost_pence, note FROM investigation_cost
         WHERE case_id = ?1 ORDER BY on_date, id",
        &sql_params![case_id],
    )?;
    rows.iter()
        .map(|r| {
            Ok(Cost {
                id: r.get("id")?,
                on: r.get("on_date")?,
                hours: r.get("hours")?,
                cost_pence: r.get("cost_pence")?,
                note: r.get("note")?,
            })
        })
        .collect()
}

pub fn investigation(conn: &impl Sql, case_id: i64) -> Result<Option<Investigation>> {
    let found = conn
        .row_opt(
            "SELECT id, investigator, kind, appointed_on, draft_sent_on,
                    draft_comments_received_on, final_report_on, final_report_document_id
             FROM investigation WHERE case_id = ?1",
            &sql_params![case_id],
        )?
        .map(|r| {
            Ok::<_, crate::Error>(Investigation {
                id: r.get("id")?,
                investigator: r.get::<Option<String>>("investigator")?.unwrap_or_default(),
                kind: r.get("kind")?,
                appointed_on: r.get("appointed_on")?,
                draft_sent_on: r.get("draft_sent_on")?,
                draft_comments_received_on: r.get("draft_comments_received_on")?,
                final_report_on: r.get("final_report_on")?,
                final_report_document_id: r.get("final_report_document_id")?,
                costs: Vec::new(),
            })
        })
        .transpose()?;
    match found {
        Some(mut i) => {
            i.costs = costs(conn, case_id)?;
            Ok(Some(i))
        }
        None => Ok(None),
    }
}

pub fn reviews(conn: &impl Sql, case_id: i64) -> Result<Vec<Review>> {
    let rows = conn.rows(
        "SELECT id, requested_on, requested_by, grounds, reviewer, decision, decided_on, reasons
         FROM review_request WHERE case_id = ?1 ORDER BY requested_on, id",
        &sql_params![case_id],
    )?;
    rows.iter()
        .map(|r| {
            Ok(Review {
                id: r.get("id")?,
                requested_on: r.get("requested_on")?,
                requested_by: r.get("requested_by")?,
                grounds: r.get::<Option<String>>("grounds")?.unwrap_or_default(),
                reviewer: r.get("reviewer")?,
                decision: r.get("decision")?,
                decided_on: r.get("decided_on")?,
                reasons: r.get("reasons")?,
            })
        })
        .collect()
}

pub(crate) fn from_row(r: &Row) -> Result<Letter> {
    Ok(Letter {
        id: r.get("id")?,
        kind: r.get("kind")?,
        party: r.get("party")?,
        recipient: r.get("recipient")?,
        dated: r.get("dated")?,
        document_id: r.get("document_id")?,
        sent_on: r.get("sent_on")?,
        sent_by: r.get("sent_by")?,
    })
}

pub(crate) const SELECT: &str =
    "SELECT id, kind, party, recipient, dated, document_id, sent_on, sent_by FROM letter";

/// A case's letters, oldest first.
pub fn letters(conn: &impl Sql, case_id: i64) -> Result<Vec<Letter>> {
    conn.rows(
        &format!("{SELECT} WHERE case_id = ?1 ORDER BY dated, id"),
        &sql_params![case_id],
    )?
    .iter()
    .map(from_row)
    .collect()
}
