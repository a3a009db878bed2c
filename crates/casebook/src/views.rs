//! Views that gather from several records: the whole case on one screen.

use chrono::NaiveDate;
use serde::Serialize;

use crate::{assessment, audit, case, evidence, notes, procedure, publication, Connection, Result};

/// Everything about one case, as `casebook case show --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    #[serde(flatten)]
    pub case: case::Case,
    pub tags: Vec<assessment::Tag>,
    pub capacity: assessment::Capacity,
    pub evidence: Vec<evidence::Evidence>,
    pub related: Vec<case::Link>,
    /// The officer's notes, each with its Markdown rendered to safe HTML.
    pub notes: Vec<notes::Note>,
    /// What is marked for the committee papers, and the guidance gaps flagged on the case.
    pub publication: publication::Publication,
    pub gaps: Vec<publication::Gap>,
    /// Where the case stands in the procedure: stage, decision, outcome, the steps taken,
    /// Independent Person consultations, pauses and each deadline, as at `as_of`.
    #[serde(flatten)]
    pub procedure: procedure::Procedure,
    /// The audit trail of the case and everything hanging off it.
    pub history: Vec<audit::Entry>,
}

/// Everything about the case `reference`, with its deadlines worked out as at `today`.
pub fn case_detail(conn: &Connection, reference: &str, today: NaiveDate) -> Result<Detail> {
    let case = case::by_reference(conn, reference)?;
    Ok(Detail {
        procedure: procedure::status(conn, case.id, today)?,
        tags: assessment::tags(conn, case.id)?,
        capacity: assessment::capacity(conn, case.id)?,
        evidence: evidence::list(conn, case.id)?,
        related: case::links(conn, case.id)?,
        notes: notes::list(conn, case.id)?,
        publication: publication::get(conn, case.id)?,
        gaps: publication::gaps(conn, case.id)?,
        history: audit::for_case(conn, case.id)?,
        case,
    })
}
