//! The forms of the councillor's side, the investigation, reviews, the Independent Persons
//! register and the correspondence view.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use casebook_domain::procedure::{
    InvestigatorKind, NoticeContent, NoticeMethod, Party, Requester, ReviewDecision,
};

/// Telling the councillor of the complaint, as the form sends it.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct NotificationInput {
    pub on: String,
    #[ts(as = "NoticeMethod")]
    pub method: String,
    #[ts(as = "NoticeContent")]
    pub sent: String,
}

/// The councillor's comments: text, a file offered with `stage_file` (its token), or both.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct CommentsInput {
    pub on: String,
    pub comments: Option<String>,
    pub file: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct InvestigatorInput {
    pub investigator: String,
    #[ts(as = "InvestigatorKind")]
    pub kind: String,
    pub on: String,
}

/// Time and cost, as typed: hours ("7.5") and pounds ("£1,250.50").
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct CostInput {
    pub on: String,
    pub hours: String,
    pub cost: String,
    pub note: Option<String>,
}

/// The next report of an investigation: `draft sent`, `draft comments` or `final` (with the
/// report's file, offered with `Session::stage_document`).
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct ReportInput {
    #[ts(type = "\"draft sent\" | \"draft comments\" | \"final\"")]
    pub which: String,
    pub on: String,
    pub file: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct ReviewRequestInput {
    pub on: String,
    #[ts(as = "Requester")]
    pub requested_by: String,
    pub grounds: String,
}

#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct ReviewDecisionInput {
    pub reviewer: String,
    #[ts(as = "ReviewDecision")]
    pub decision: String,
    pub on: String,
    pub reasons: String,
}

#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct IndependentPersonInput {
    pub name: String,
    pub term_start: String,
    pub term_end: Option<String>,
    pub contact: Option<String>,
}

/// The Independent Persons register, and the warning when too few are serving.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct IpRegister {
    pub people: Vec<crate::independent_person::IndependentPerson>,
    /// Those serving today, by id.
    pub serving: Vec<i64>,
    pub warning: Option<String>,
}

/// One item of a case's correspondence: a letter made or sent, the councillor told, comments
/// or a request for review received, a review's decision.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Correspondence {
    pub on: String,
    /// `out` (from the council) or `in` (to it).
    #[ts(type = "\"in\" | \"out\"")]
    pub direction: &'static str,
    #[ts(as = "Option<Party>")]
    pub party: Option<String>,
    pub what: String,
    /// The letter, for letters.
    pub letter_id: Option<i64>,
    /// The kept file: a case document …
    pub document_id: Option<i64>,
    /// … or an evidence item (the councillor's comments as a file).
    pub evidence_id: Option<i64>,
}

/// A document offered for a case and held until it is recorded.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct StagedDocument {
    pub token: String,
    pub name: String,
    pub media_type: &'static str,
}
