//! The letters to the parties: which kinds go to whom, what a case must have for each, and
//! recording one as sent.

use chrono::NaiveDate;
use serde::Serialize;

use super::parties::on_or_after;
use super::{
    Confidentiality, Facts, Investigation, LetterKind, Party, Review, SendMethod, StageEvent,
    LETTER_KINDS, PARTIES, SEND_METHODS,
};
use crate::{text, Error, Result};

/// A letter made for a case, and whether and how it was sent.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Letter {
    pub id: i64,
    #[ts(as = "LetterKind")]
    pub kind: String,
    #[ts(as = "Party")]
    pub party: String,
    /// Whom it is addressed to, by name.
    pub recipient: Option<String>,
    /// The date the letter bears.
    pub dated: String,
    /// The case document holding the letter as made.
    pub document_id: Option<i64>,
    pub sent_on: Option<String>,
    #[ts(as = "Option<SendMethod>")]
    pub sent_by: Option<String>,
}

/// The letters each kind may be sent to.
pub fn parties_for(kind: &str) -> &'static [&'static str] {
    match kind {
        "acknowledgement" => &["complainant"],
        "notification" => &["councillor"],
        "comments" => &["councillor", "complainant"],
        "review" => &["complainant", "councillor"],
        _ => PARTIES,
    }
}

/// What a case has to have for a letter: the rows a letter's words come from.
pub struct LetterFacts<'a> {
    pub facts: Facts<'a>,
    pub stages: &'a [StageEvent],
    pub confidentiality: Option<&'a Confidentiality>,
    pub investigation: Option<&'a Investigation>,
    pub reviews: &'a [Review],
    /// Whether an Independent Person has been consulted on the case.
    pub ip_consulted: bool,
}

/// Checks that a letter of `kind` to `party` can be written for the case now.
pub fn check_letter(
    f: &LetterFacts<'_>,
    kind: &str,
    party: &str,
) -> Result<(&'static str, &'static str)> {
    let reference = f.facts.reference;
    let kind = text::one_of("kind", kind, LETTER_KINDS)?;
    let party = text::one_of("to", party, PARTIES)?;
    let allowed = parties_for(kind);
    if !allowed.contains(&party) {
        return Err(Error::invalid(
            "to",
            format!(
                "the {kind} letter goes to the {}, not the {party}",
                allowed.join(" or the ")
            ),
        ));
    }
    let has = |stage: &str| f.stages.iter().any(|e| e.stage == stage);
    let missing = match kind {
        "notification" | "comments"
            if f.facts.confidentiality_requested && f.confidentiality.is_none() =>
        {
            Some("a decision on the complainant's request for confidentiality".to_string())
        }
        "comments" if party == "complainant" && f.investigation.and_then(|i| i.draft_sent_on.as_ref()).is_none() => {
            Some("a draft investigation report sent for comments (the complainant is asked to comment only on that)".to_string())
        }
        "decision" if !has("decision") => Some("a decision on the initial assessment".into()),
        "outcome" if !has("outcome") => Some("a final outcome".into()),
        "review" if !f.reviews.iter().any(|r| r.decided_on.is_some()) => {
            Some("a decided request for review".into())
        }
        _ => None,
    };
    if let Some(what) = missing {
        return Err(Error::invalid(
            "kind",
            format!("{reference} has no {what} yet, so there is no {kind} letter to write"),
        ));
    }
    if party == "ip" && !f.ip_consulted {
        return Err(Error::invalid(
            "to",
            format!("no Independent Person has been consulted on {reference}"),
        ));
    }
    Ok((kind, party))
}

/// Checks that `letter` can be recorded as sent on `on` by `by`.
pub fn check_sent(
    reference: &str,
    letter: &Letter,
    on: NaiveDate,
    by: &str,
    today: NaiveDate,
) -> Result<&'static str> {
    if let Some(was) = &letter.sent_on {
        return Err(Error::conflict(
            "on",
            format!(
                "letter {} on {reference} was sent on {was} by {}",
                letter.id,
                letter.sent_by.as_deref().unwrap_or("")
            ),
        ));
    }
    let by = text::one_of("by", by, SEND_METHODS)?;
    on_or_after("on", on, &letter.dated, "the date the letter bears", today)?;
    Ok(by)
}
