//! The procedure's records on a case as the forms send them ([`CaseRecord`]): an Independent
//! Person's views, the clock paused and restarted, the confidentiality decision, the last step
//! taken back, the investigator appointed, time and cost, a report's milestones without a file,
//! a review requested and decided, a kept letter marked sent, and the case's marks for the
//! committee papers (publication, gaps in the guidance), and a closed case's legal hold and
//! retention review. Each is made here, in the caller's transaction, on either
//! store: a file's session and the team server make them the same way.

use casebook_store::sql::Sql;

use crate::json::CaseRecord;
use crate::procedure::{self, parse_cost, parse_hours, NewConsultation, Report};
use crate::{letters, parties, publication, retention, text, Error, Result, Stamp};

/// `draft sent`, `draft comments` or `final`.
pub fn report_kind(which: &str) -> Result<Report> {
    match text::one_of("which", which, &["draft sent", "draft comments", "final"])? {
        "draft sent" => Ok(Report::DraftSent),
        "draft comments" => Ok(Report::DraftComments),
        _ => Ok(Report::Final),
    }
}

/// What making `record` is, for a refusal ("… may not do this").
pub fn action(record: &CaseRecord) -> &'static str {
    match record {
        CaseRecord::Consultation(_) => "record an Independent Person's views",
        CaseRecord::Pause { .. } => "pause a case's clock",
        CaseRecord::Resume { .. } => "restart a case's clock",
        CaseRecord::Confidentiality(_) => "decide on confidentiality",
        CaseRecord::Undo { .. } => "take back a case's last step",
        CaseRecord::Investigator(_) => "appoint an investigator",
        CaseRecord::Cost(_) => "record an investigation's time and cost",
        CaseRecord::Report(_) => "record an investigation's report",
        CaseRecord::ReviewRequest(_) => "record a request for review",
        CaseRecord::ReviewDecision(_) => "record a review's decision",
        CaseRecord::LetterSent { .. } => "mark a letter sent",
        CaseRecord::Publication(_) => "mark a case for the committee papers",
        CaseRecord::Gap { .. } | CaseRecord::RemoveGap { .. } => "flag a gap in the guidance",
        CaseRecord::Hold { .. } | CaseRecord::Lift { .. } => "place or lift a legal hold",
        CaseRecord::Extend { .. } => "extend a case's retention",
    }
}

/// Makes `record` on case `case_id` in `tx` (dates as typed: 2026-03-14 or 14/03/2026).
pub fn apply(tx: &impl Sql, s: &Stamp, case_id: i64, record: &CaseRecord) -> Result<()> {
    match record {
        CaseRecord::Consultation(c) => {
            let c = NewConsultation {
                ip_id: c.ip_id,
                person: c.person.clone(),
                consulted_on: text::date("consulted_on", &c.on)?,
                stage: c.stage.clone(),
                views: c.views.clone(),
            };
            procedure::add_consultation(tx, s, case_id, &c).map(drop)
        }
        CaseRecord::Pause { on, reason, note } => {
            let on = text::date("on", on)?;
            procedure::pause(tx, s, case_id, on, reason, note.as_deref()).map(drop)
        }
        CaseRecord::Resume { on, note } => {
            let on = text::date("on", on)?;
            procedure::resume(tx, s, case_id, on, note.as_deref()).map(drop)
        }
        CaseRecord::Confidentiality(d) => {
            let on = text::date("decided_on", &d.on)?;
            let (decision, by) = (&d.decision, &d.decided_by);
            procedure::decide_confidentiality(tx, s, case_id, decision, by, on, &d.grounds)
                .map(drop)
        }
        CaseRecord::Undo { reason } => procedure::undo_last(tx, s, case_id, reason).map(drop),
        CaseRecord::Investigator(i) => {
            let on = text::date("on", &i.on)?;
            parties::appoint(tx, s, case_id, &i.investigator, &i.kind, on).map(drop)
        }
        CaseRecord::Cost(c) => {
            let on = text::date("on", &c.on)?;
            let hours = parse_hours("hours", &c.hours)?;
            let pence = match c.cost.trim() {
                "" => 0,
                typed => parse_cost("cost", typed)?,
            };
            parties::add_cost(tx, s, case_id, (on, hours, pence), c.note.as_deref()).map(drop)
        }
        CaseRecord::Report(r) => {
            if r.file.is_some() {
                return Err(Error::invalid(
                    "file",
                    "a report's file is added with the report from the session that offered it",
                ));
            }
            let which = report_kind(&r.which)?;
            let on = text::date("on", &r.on)?;
            parties::report(tx, s, case_id, which, on, None).map(drop)
        }
        CaseRecord::ReviewRequest(r) => {
            let on = text::date("on", &r.on)?;
            parties::request_review(tx, s, case_id, on, &r.requested_by, &r.grounds).map(drop)
        }
        CaseRecord::ReviewDecision(r) => {
            let on = text::date("on", &r.on)?;
            let decided = (r.reviewer.as_str(), r.decision.as_str(), on);
            parties::decide_review(tx, s, case_id, decided, &r.reasons).map(drop)
        }
        CaseRecord::LetterSent { id, on, by } => {
            let on = text::date("on", on)?;
            letters::mark_sent(tx, s, case_id, *id, on, by).map(drop)
        }
        CaseRecord::Publication(p) => {
            let (summary, on) = (p.summary.as_deref(), p.notice_published_on.as_deref());
            publication::set(tx, s, case_id, summary, p.illustrative, on).map(drop)
        }
        CaseRecord::Gap { item, note } => {
            publication::flag_gap(tx, s, case_id, item.as_deref(), note).map(drop)
        }
        CaseRecord::RemoveGap { id, reason } => {
            if !publication::gaps(tx, case_id)?.iter().any(|g| g.id == *id) {
                return Err(Error::not_found("guidance gap", id.to_string()));
            }
            publication::remove_gap(tx, s, *id, reason)
        }
        CaseRecord::Hold { reason } => retention::hold(tx, s, case_id, reason).map(drop),
        CaseRecord::Lift { reason } => retention::lift(tx, s, case_id, reason).map(drop),
        CaseRecord::Extend { to, reason } => {
            let to = text::date("to", to)?;
            retention::extend(tx, s, case_id, to, reason).map(drop)
        }
    }
}
