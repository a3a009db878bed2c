//! The rest of the arrangements around the stages: telling the councillor and hearing their side,
//! the investigator with their hours and cost and the draft and final reports, requests for a
//! review of a decision, and the words of the letters to the parties (their checks are in
//! `letters`, money in `money`). Each has its rows (as stored) and a check
//! of the next thing recorded against where the case stands, naming the field at fault.

use chrono::NaiveDate;
use serde::Serialize;

use super::{check_day, parse_day, Confidentiality, Facts, StageEvent};
use crate::{text, Error, Result};

words! {
    /// How the councillor was told of the complaint.
    NOTICE_METHODS, NoticeMethod {
        Email = "email",
        Post = "post",
        InPerson = "in person",
    }
}

words! {
    /// What the councillor was sent: the complaint itself, or a summary of it where the
    /// complainant's identity is kept confidential.
    NOTICE_CONTENTS, NoticeContent {
        Complaint = "the complaint",
        Summary = "a summary",
    }
}

words! {
    /// Who investigates: an officer of the council or someone appointed from outside.
    INVESTIGATOR_KINDS, InvestigatorKind {
        Internal = "internal",
        External = "external",
    }
}

words! {
    /// Who may ask for a decision to be reviewed.
    REQUESTERS, Requester {
        Complainant = "complainant",
        Councillor = "councillor",
    }
}

words! {
    /// The decision on a request for review.
    REVIEW_DECISIONS, ReviewDecision {
        Upheld = "decision upheld",
        Changed = "decision changed",
        NotAccepted = "request not accepted",
    }
}

words! {
    /// The letters Casebook writes, each from its own template.
    LETTER_KINDS, LetterKind {
        Acknowledgement = "acknowledgement",
        Notification = "notification",
        Comments = "comments",
        Decision = "decision",
        Outcome = "outcome",
        Review = "review",
    }
}

words! {
    /// Whom a letter is to.
    PARTIES, Party {
        Complainant = "complainant",
        Councillor = "councillor",
        Ip = "ip",
        Clerk = "clerk",
    }
}

words! {
    /// How a letter went.
    SEND_METHODS, SendMethod {
        Email = "email",
        Post = "post",
    }
}

/// The largest cost one entry may record: £1,000,000, in pence.
pub const MAX_COST_PENCE: i64 = 100_000_000;
/// The most hours one entry may record.
pub const MAX_HOURS: f64 = 1_000.0;

/// The councillor told of the complaint, and their comments on it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Notification {
    pub id: i64,
    pub notified_on: String,
    #[ts(as = "NoticeMethod")]
    pub method: String,
    #[ts(as = "NoticeContent")]
    pub sent: String,
    pub comments_received_on: Option<String>,
    pub comments: Option<String>,
    /// The evidence item holding the councillor's written comments, if they sent a file.
    pub comments_evidence_id: Option<i64>,
}

/// One entry of an investigator's time and cost.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Cost {
    pub id: i64,
    pub on: String,
    pub hours: f64,
    /// In pence.
    pub cost_pence: i64,
    pub note: Option<String>,
}

/// The investigation: who, since when, its time and cost so far, and its reports.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Investigation {
    pub id: i64,
    pub investigator: String,
    #[ts(as = "InvestigatorKind")]
    pub kind: String,
    pub appointed_on: String,
    pub draft_sent_on: Option<String>,
    pub draft_comments_received_on: Option<String>,
    pub final_report_on: Option<String>,
    /// The case document holding the final report.
    pub final_report_document_id: Option<i64>,
    pub costs: Vec<Cost>,
}

impl Investigation {
    pub fn hours(&self) -> f64 {
        self.costs.iter().map(|c| c.hours).sum()
    }

    pub fn cost_pence(&self) -> i64 {
        self.costs.iter().map(|c| c.cost_pence).sum()
    }
}

/// A request for a decision to be reviewed, and the review's decision once made.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Review {
    pub id: i64,
    pub requested_on: String,
    #[ts(as = "Requester")]
    pub requested_by: String,
    pub grounds: String,
    pub reviewer: Option<String>,
    #[ts(as = "Option<ReviewDecision>")]
    pub decision: Option<String>,
    pub decided_on: Option<String>,
    pub reasons: Option<String>,
}

/// A date that must fall on or after `after` (and not in the future), for the field named.
pub(super) fn on_or_after(
    field: &str,
    on: NaiveDate,
    after: &str,
    what: &str,
    today: NaiveDate,
) -> Result<()> {
    let from = parse_day(after).unwrap_or(on);
    check_day(field, on, (from, what), today)
}

fn received(field: &str, k: &Facts<'_>, on: NaiveDate, today: NaiveDate) -> Result<()> {
    on_or_after(
        field,
        on,
        k.received_on,
        "the day the complaint was received",
        today,
    )
}

/// The stage a case is at, from its steps.
fn stage_of(stages: &[StageEvent]) -> &str {
    stages.last().map_or("received", |e| e.stage.as_str())
}

/// The latest decision or final outcome recorded on a case: what a review or a decision letter
/// is about (`("decision" | "outcome", the step)`).
pub fn latest_decision(stages: &[StageEvent]) -> Option<&StageEvent> {
    stages
        .iter()
        .rev()
        .find(|e| matches!(e.stage.as_str(), "decision" | "outcome"))
}

/// Checks that the councillor may be told of the complaint now, in the way given.
pub fn check_notification(
    k: &Facts<'_>,
    stages: &[StageEvent],
    existing: Option<&Notification>,
    confidentiality: Option<&Confidentiality>,
    (on, method, sent): (NaiveDate, &str, &str),
    today: NaiveDate,
) -> Result<(&'static str, &'static str)> {
    if stage_of(stages) == "closed" {
        return Err(Error::conflict(
            "case",
            format!(
                "{} is closed; the councillor is told before the decision",
                k.reference
            ),
        ));
    }
    if let Some(n) = existing {
        return Err(Error::conflict(
            "notified_on",
            format!(
                "the councillor was already told of {} on {} ({})",
                k.reference, n.notified_on, n.method
            ),
        ));
    }
    let method = text::one_of("method", method, NOTICE_METHODS)?;
    let sent = text::one_of("sent", sent, NOTICE_CONTENTS)?;
    if k.confidentiality_requested {
        match confidentiality.map(|c| c.decision.as_str()) {
            None => {
                return Err(Error::invalid(
                    "sent",
                    "the complainant asked for confidentiality: record whether it is granted \
                     before the councillor is told of the complaint",
                ))
            }
            Some("granted") if sent == "the complaint" => {
                return Err(Error::invalid(
                    "sent",
                    "confidentiality was granted, so the councillor is sent a summary that does \
                     not identify the complainant, not the complaint itself",
                ))
            }
            _ => {}
        }
    }
    received("notified_on", k, on, today)?;
    Ok((method, sent))
}

/// Checks the councillor's comments: they were told, not already answered, and the comments are
/// given as text or a file (`has_file`).
pub fn check_comments(
    k: &Facts<'_>,
    notification: Option<&Notification>,
    on: NaiveDate,
    comments: Option<&str>,
    has_file: bool,
    today: NaiveDate,
) -> Result<Option<String>> {
    let Some(n) = notification else {
        return Err(Error::invalid(
            "comments_received_on",
            format!(
                "the councillor has not been told of {}; record that first",
                k.reference
            ),
        ));
    };
    if let Some(was) = &n.comments_received_on {
        return Err(Error::conflict(
            "comments_received_on",
            format!(
                "the councillor's comments on {} were received on {was}",
                k.reference
            ),
        ));
    }
    let comments = text::optional("comments", comments, text::MAX_TEXT)?;
    if comments.is_none() && !has_file {
        return Err(Error::invalid(
            "comments",
            "give the councillor's comments as text or as a file",
        ));
    }
    on_or_after(
        "comments_received_on",
        on,
        &n.notified_on,
        "the day the councillor was told",
        today,
    )?;
    Ok(comments)
}

/// Checks the appointment of an investigator: the case's decision is to investigate, no one is
/// appointed yet, and the date is on or after that decision.
pub fn check_appointment(
    k: &Facts<'_>,
    stages: &[StageEvent],
    existing: Option<&Investigation>,
    (investigator, kind, on): (&str, &str, NaiveDate),
    today: NaiveDate,
) -> Result<(String, &'static str)> {
    let decision = stages.iter().rev().find(|e| e.stage == "decision");
    let Some(decided) = decision.filter(|e| e.outcome.as_deref() == Some("investigation")) else {
        return Err(Error::invalid(
            "investigator",
            format!(
                "{} is not being investigated (decision: {}); an investigator is appointed after \
                 a decision to investigate",
                k.reference,
                decision
                    .and_then(|e| e.outcome.as_deref())
                    .unwrap_or("none yet")
            ),
        ));
    };
    if matches!(stage_of(stages), "outcome" | "closed") {
        return Err(Error::conflict(
            "investigator",
            format!("the investigation of {} has finished", k.reference),
        ));
    }
    if let Some(i) = existing {
        return Err(Error::conflict(
            "investigator",
            format!(
                "{} was appointed to investigate {} on {}",
                i.investigator, k.reference, i.appointed_on
            ),
        ));
    }
    let investigator = text::required("investigator", investigator, 200)?;
    let kind = text::one_of("kind", kind, INVESTIGATOR_KINDS)?;
    on_or_after(
        "appointed_on",
        on,
        &decided.on,
        "the decision to investigate",
        today,
    )?;
    Ok((investigator, kind))
}

fn appointed<'a>(
    k: &Facts<'_>,
    i: Option<&'a Investigation>,
    field: &str,
) -> Result<&'a Investigation> {
    i.ok_or_else(|| {
        Error::invalid(
            field,
            format!("no investigator has been appointed on {}", k.reference),
        )
    })
}

/// Checks an entry of the investigator's hours and cost (in pence).
pub fn check_cost(
    k: &Facts<'_>,
    investigation: Option<&Investigation>,
    (on, hours, cost_pence): (NaiveDate, f64, i64),
    note: Option<&str>,
    today: NaiveDate,
) -> Result<Option<String>> {
    let i = appointed(k, investigation, "hours")?;
    if !hours.is_finite() || !(0.0..=MAX_HOURS).contains(&hours) {
        return Err(Error::invalid(
            "hours",
            format!("{hours} is not a number of hours from 0 to {MAX_HOURS}"),
        ));
    }
    if !(0..=MAX_COST_PENCE).contains(&cost_pence) {
        return Err(Error::invalid(
            "cost",
            format!(
                "£{:.2} is outside £0–£{}",
                cost_pence as f64 / 100.0,
                MAX_COST_PENCE / 100
            ),
        ));
    }
    if hours == 0.0 && cost_pence == 0 {
        return Err(Error::invalid("hours", "give the hours, the cost or both"));
    }
    let note = text::optional("note", note, text::MAX_TEXT)?;
    on_or_after(
        "on",
        on,
        &i.appointed_on,
        "the investigator's appointment",
        today,
    )?;
    Ok(note)
}

/// The reports of an investigation, in the order they come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    /// The draft report sent to the parties for their comments.
    DraftSent,
    /// The parties' comments on the draft received.
    DraftComments,
    /// The final report, kept as a case document.
    Final,
}

/// Checks the next report date of an investigation.
pub fn check_report(
    k: &Facts<'_>,
    investigation: Option<&Investigation>,
    which: Report,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    let i = appointed(k, investigation, "on")?;
    let (done, after, what) = match which {
        Report::DraftSent => (
            &i.draft_sent_on,
            Some(&i.appointed_on),
            "the investigator's appointment",
        ),
        Report::DraftComments => (
            &i.draft_comments_received_on,
            i.draft_sent_on.as_ref(),
            "the day the draft report was sent",
        ),
        Report::Final => (
            &i.final_report_on,
            Some(i.draft_sent_on.as_ref().unwrap_or(&i.appointed_on)),
            "the draft report or the appointment",
        ),
    };
    let label = match which {
        Report::DraftSent => "the draft report was sent",
        Report::DraftComments => "the comments on the draft report were received",
        Report::Final => "the final report was received",
    };
    if let Some(was) = done {
        return Err(Error::conflict(
            "on",
            format!("on {}, {label} on {was}", k.reference),
        ));
    }
    let Some(after) = after else {
        return Err(Error::invalid(
            "on",
            format!("the draft report on {} has not been sent", k.reference),
        ));
    };
    on_or_after("on", on, after, what, today)
}

/// Checks a request for review: there is a decision to review, no other request is open, and the
/// request is dated on or after the decision.
pub fn check_review_request(
    k: &Facts<'_>,
    stages: &[StageEvent],
    reviews: &[Review],
    (on, by, grounds): (NaiveDate, &str, &str),
    today: NaiveDate,
) -> Result<(&'static str, String)> {
    let Some(decided) = latest_decision(stages) else {
        return Err(Error::invalid(
            "requested_on",
            format!(
                "no decision has been made on {}, so there is nothing to review",
                k.reference
            ),
        ));
    };
    if let Some(open) = reviews.iter().find(|r| r.decided_on.is_none()) {
        return Err(Error::conflict(
            "requested_on",
            format!(
                "the {}'s request of {} for a review of {} is still open; decide it first",
                open.requested_by, open.requested_on, k.reference
            ),
        ));
    }
    let by = text::one_of("requested_by", by, REQUESTERS)?;
    let grounds = text::required("grounds", grounds, text::MAX_TEXT)?;
    on_or_after(
        "requested_on",
        on,
        &decided.on,
        &format!("the {} under review", decided.stage),
        today,
    )?;
    Ok((by, grounds))
}

/// Checks the decision on the open request for review `review`.
pub fn check_review_decision(
    k: &Facts<'_>,
    review: Option<&Review>,
    (reviewer, decision, on, reasons): (&str, &str, NaiveDate, &str),
    today: NaiveDate,
) -> Result<(String, &'static str, String)> {
    let Some(r) = review else {
        return Err(Error::invalid(
            "decision",
            format!("there is no request for review on {}", k.reference),
        ));
    };
    if let Some(was) = &r.decided_on {
        return Err(Error::conflict(
            "decision",
            format!(
                "the review requested on {} was decided on {was} ({})",
                r.requested_on,
                r.decision.as_deref().unwrap_or("")
            ),
        ));
    }
    let reviewer = text::required("reviewer", reviewer, 200)?;
    let decision = text::one_of("decision", decision, REVIEW_DECISIONS)?;
    let reasons = text::required("reasons", reasons, text::MAX_TEXT)?;
    on_or_after(
        "decided_on",
        on,
        &r.requested_on,
        "the day the review was requested",
        today,
    )?;
    Ok((reviewer, decision, reasons))
}
