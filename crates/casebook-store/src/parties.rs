//! The councillor's side, the investigation and requests for review, as stored: loading each
//! case's rows and recording each step once `casebook_domain::procedure` allows it. Every write is
//! in the audit trail.

use chrono::NaiveDate;

pub use crate::party_rows::{costs, investigation, notification, reviews};
use crate::procedure::{
    check_appointment, check_comments, check_cost, check_notification, check_report,
    check_review_decision, check_review_request, facts, Investigation, Notification, Report,
    Review,
};
use crate::sql::Sql;
use crate::{audit, case, document, evidence, procedure, sql_params, Error, Result, Stamp};

/// Records that the councillor was told of the complaint on `on`, how, and what they were sent.
pub fn notify(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    on: NaiveDate,
    method: &str,
    sent: &str,
) -> Result<Notification> {
    let k = case::get(tx, case_id)?;
    let rows = procedure::rows(tx, case_id)?;
    let (method, sent) = check_notification(
        &facts(&k),
        &rows.stages,
        rows.notification.as_ref(),
        rows.confidentiality.as_ref(),
        (on, method, sent),
        stamp.at.date_naive(),
    )?;
    let id = tx.insert(
        "INSERT INTO councillor_notification (case_id, notified_on, method, sent, recorded_by,
                                              recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &sql_params![
            case_id,
            on.to_string(),
            method,
            sent,
            &stamp.actor,
            stamp.at_text()
        ],
    )?;
    audit::record(tx, stamp, "councillor_notification", id, None, None)?;
    notification(tx, case_id)?.ok_or_else(|| Error::not_found("notification", k.reference))
}

/// A file of the councillor's comments: its bytes and the name it came with.
pub struct File<'a> {
    pub bytes: &'a [u8],
    pub name: Option<&'a str>,
}

/// Records the councillor's comments, received on `on`: their text, a file of them (kept as
/// evidence on the case), or both.
pub fn comments_received(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    on: NaiveDate,
    comments: Option<&str>,
    file: Option<File<'_>>,
) -> Result<Notification> {
    let k = case::get(tx, case_id)?;
    let existing = notification(tx, case_id)?;
    let comments = check_comments(
        &facts(&k),
        existing.as_ref(),
        on,
        comments,
        file.is_some(),
        stamp.at.date_naive(),
    )?;
    let Some(n) = existing else {
        return Err(Error::not_found("notification", k.reference));
    };
    let evidence_id = match file {
        Some(f) => Some(
            evidence::add_file(
                tx,
                stamp,
                case_id,
                f.bytes,
                f.name,
                &evidence::Capture {
                    description: Some(format!("The councillor's comments, received {on}")),
                    ..Default::default()
                },
            )?
            .id,
        ),
        None => None,
    };
    let before = audit::snapshot(tx, "councillor_notification", n.id)?;
    tx.run(
        "UPDATE councillor_notification SET comments_received_on = ?2, comments = ?3,
             comments_evidence_id = ?4 WHERE id = ?1",
        &sql_params![n.id, on.to_string(), comments, evidence_id],
    )?;
    audit::record(tx, stamp, "councillor_notification", n.id, before, None)?;
    notification(tx, case_id)?.ok_or_else(|| Error::not_found("notification", k.reference))
}

fn investigation_of(conn: &impl Sql, k: &case::Case) -> Result<Investigation> {
    investigation(conn, k.id)?.ok_or_else(|| Error::not_found("investigation", k.reference.clone()))
}

/// Appoints the investigator (`kind`: internal or external) on `on`.
pub fn appoint(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    investigator: &str,
    kind: &str,
    on: NaiveDate,
) -> Result<Investigation> {
    let k = case::get(tx, case_id)?;
    let rows = procedure::rows(tx, case_id)?;
    let (investigator, kind) = check_appointment(
        &facts(&k),
        &rows.stages,
        rows.investigation.as_ref(),
        (investigator, kind, on),
        stamp.at.date_naive(),
    )?;
    let id = tx.insert(
        "INSERT INTO investigation (case_id, investigator, kind, appointed_on)
         VALUES (?1, ?2, ?3, ?4)",
        &sql_params![case_id, investigator, kind, on.to_string()],
    )?;
    audit::record(tx, stamp, "investigation", id, None, None)?;
    investigation_of(tx, &k)
}

/// Records time and cost (in pence) the investigation accrued on `on`.
pub fn add_cost(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    (on, hours, cost_pence): (NaiveDate, f64, i64),
    note: Option<&str>,
) -> Result<Investigation> {
    let k = case::get(tx, case_id)?;
    let current = investigation(tx, case_id)?;
    let note = check_cost(
        &facts(&k),
        current.as_ref(),
        (on, hours, cost_pence),
        note,
        stamp.at.date_naive(),
    )?;
    let id = tx.insert(
        "INSERT INTO investigation_cost (case_id, on_date, hours, cost_pence, note, recorded_by,
                                         recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &sql_params![
            case_id,
            on.to_string(),
            hours,
            cost_pence,
            note,
            &stamp.actor,
            stamp.at_text()
        ],
    )?;
    audit::record(tx, stamp, "investigation_cost", id, None, None)?;
    investigation_of(tx, &k)
}

/// Records the next report date: the draft sent to the parties, their comments on it, or the
/// final report (whose file is kept as a case document, and must be given).
pub fn report(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    which: Report,
    on: NaiveDate,
    file: Option<File<'_>>,
) -> Result<Investigation> {
    let k = case::get(tx, case_id)?;
    let current = investigation(tx, case_id)?;
    check_report(
        &facts(&k),
        current.as_ref(),
        which,
        on,
        stamp.at.date_naive(),
    )?;
    let Some(i) = current else {
        return Err(Error::not_found("investigation", k.reference));
    };
    let before = audit::snapshot(tx, "investigation", i.id)?;
    let on = on.to_string();
    match which {
        Report::DraftSent => tx.run(
            "UPDATE investigation SET draft_sent_on = ?2 WHERE id = ?1",
            &sql_params![i.id, &on],
        )?,
        Report::DraftComments => tx.run(
            "UPDATE investigation SET draft_comments_received_on = ?2 WHERE id = ?1",
            &sql_params![i.id, &on],
        )?,
        Report::Final => {
            let Some(f) = file else {
                return Err(Error::invalid(
                    "file",
                    "the final report is kept as a case document: give its file (PDF or DOCX)",
                ));
            };
            let doc = document::add(
                tx,
                stamp,
                case_id,
                document::NewDocument {
                    kind: "final report",
                    title: &format!("Final investigation report, {on}"),
                    bytes: f.bytes,
                    file_name: f.name.unwrap_or("final-report"),
                },
            )?;
            tx.run(
                "UPDATE investigation SET final_report_on = ?2, final_report_document_id = ?3
                 WHERE id = ?1",
                &sql_params![i.id, &on, doc.id],
            )?
        }
    };
    audit::record(tx, stamp, "investigation", i.id, before, None)?;
    investigation_of(tx, &k)
}

/// Records a request, received on `on` from the complainant or the councillor, for the case's
/// latest decision to be reviewed.
pub fn request_review(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    on: NaiveDate,
    by: &str,
    grounds: &str,
) -> Result<Review> {
    let k = case::get(tx, case_id)?;
    let rows = procedure::rows(tx, case_id)?;
    let (by, grounds) = check_review_request(
        &facts(&k),
        &rows.stages,
        &rows.reviews,
        (on, by, grounds),
        stamp.at.date_naive(),
    )?;
    let id = tx.insert(
        "INSERT INTO review_request (case_id, requested_on, requested_by, grounds, recorded_by,
                                     recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &sql_params![
            case_id,
            on.to_string(),
            by,
            grounds,
            &stamp.actor,
            stamp.at_text()
        ],
    )?;
    audit::record(tx, stamp, "review_request", id, None, None)?;
    review(tx, case_id, id)
}

fn review(conn: &impl Sql, case_id: i64, id: i64) -> Result<Review> {
    reviews(conn, case_id)?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| Error::not_found("review request", id.to_string()))
}

/// Records the decision on the case's open request for review.
pub fn decide_review(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    (reviewer, decision, on): (&str, &str, NaiveDate),
    reasons: &str,
) -> Result<Review> {
    let k = case::get(tx, case_id)?;
    let all = reviews(tx, case_id)?;
    let open = all.iter().find(|r| r.decided_on.is_none()).or(all.last());
    let (reviewer, decision, reasons) = check_review_decision(
        &facts(&k),
        open,
        (reviewer, decision, on, reasons),
        stamp.at.date_naive(),
    )?;
    let Some(r) = open else {
        return Err(Error::not_found("review request", k.reference));
    };
    let before = audit::snapshot(tx, "review_request", r.id)?;
    tx.run(
        "UPDATE review_request SET reviewer = ?2, decision = ?3, decided_on = ?4, reasons = ?5
         WHERE id = ?1",
        &sql_params![r.id, reviewer, decision, on.to_string(), reasons],
    )?;
    audit::record(tx, stamp, "review_request", r.id, before, None)?;
    review(tx, case_id, r.id)
}
