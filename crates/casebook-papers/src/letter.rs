//! Letters to the parties: acknowledgement, notification, request for comments, decision,
//! outcome and review outcome, each from its own editable template (Markdown + MiniJinja, like
//! the papers), with the council's name and address from Settings, the reference and the date.
//! The officer may edit the Markdown before the letter is kept; the file kept (DOCX, PDF, HTML or
//! Markdown) is a hashed case document.
//!
//! Where the complainant asked for confidentiality (and it was not refused), a letter to anyone
//! but the complainant never names them: the name is left out and taken out of every piece of
//! free text in the letter, as in the decision notice.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use casebook::letters::{self, NewLetter};
use casebook::procedure::{self, Letter, StageEvent};
use casebook::sql::Sql;
use casebook::{case, independent_person, settings, Error, Result};

use crate::anonymise::{Redactor, Role};
use crate::decision::Step;
pub use crate::template::letters::*;
use crate::template::{self, Builtin, Templates};
use crate::{Format, Paper};

/// The template of a letter kind.
pub fn template_for(kind: &str) -> Builtin {
    procedure::LETTER_KINDS
        .iter()
        .position(|k| *k == kind)
        .and_then(|i| TEMPLATES.get(i).copied())
        .unwrap_or(ACKNOWLEDGEMENT)
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    pub requested_on: String,
    pub requested_by: String,
    pub grounds: String,
    pub reviewer: Option<String>,
    pub decision: Option<String>,
    pub decided_on: Option<String>,
    pub reasons: Option<String>,
}

/// Everything a letter template can use.
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub council: String,
    pub council_address: Vec<String>,
    pub officer: Option<String>,
    pub dated: String,
    pub reference: String,
    pub kind: String,
    pub party: String,
    /// Whom it is addressed to, by name.
    pub recipient: String,
    pub recipient_address: Option<String>,
    pub councillor: String,
    pub councillor_council: String,
    /// The complainant's name, or `None` where the letter must not name them.
    pub complainant: Option<String>,
    /// The complainant asked for confidentiality (and it was not refused).
    pub confidential: bool,
    pub confidentiality_decided: bool,
    pub confidentiality_decision: Option<String>,
    pub received_on: String,
    pub platform: String,
    pub posted_at: Option<String>,
    pub summary: String,
    pub decide_within: u32,
    pub decide_by: Option<String>,
    pub comments_within: u32,
    pub comments_by: Option<String>,
    pub notified_on: Option<String>,
    pub draft_sent_on: Option<String>,
    pub investigator: Option<String>,
    pub review_within: u32,
    pub decision: Option<Step>,
    pub outcome: Option<Step>,
    pub review: Option<ReviewView>,
    /// The Independent Person last consulted.
    pub ip: Option<String>,
}

/// The letter's figures and words for case `reference`, dated `today`.
pub fn context(
    conn: &impl Sql,
    reference: &str,
    kind: &str,
    party: &str,
    today: NaiveDate,
) -> Result<Context> {
    let k = case::by_reference(conn, reference)?;
    let (kind, party) = letters::allowed(conn, k.id, kind, party)?;
    let rows = procedure::rows(conn, k.id)?;
    let clock = procedure::clock(conn, today)?;
    let t = clock.targets;
    let stopped = procedure::stopped(&rows.pauses);
    let decision = rows.confidentiality.as_ref().map(|c| c.decision.clone());
    let confidential =
        k.complainant.confidentiality_requested && decision.as_deref() != Some("refused");
    let hide = confidential && party != "complainant";
    let redactor = Redactor::new(&if hide {
        vec![(k.complainant.name.clone(), Role::Complainant)]
    } else {
        Vec::new()
    });
    let clean = |t: &str| redactor.redact(t);
    let clean_opt = |t: &Option<String>| t.as_deref().map(clean);
    let step = |e: Option<&StageEvent>| {
        e.and_then(|e| {
            Some(Step {
                result: e.outcome.clone()?,
                on: e.on.clone(),
                reasons: clean_opt(&e.reason),
                actions: e.actions.clone(),
            })
        })
    };
    let last = |stage: &str| rows.stages.iter().rev().find(|e| e.stage == stage);
    let ip = rows.ip.last();
    let ip_person = ip
        .and_then(|c| c.ip_id)
        .map(|id| independent_person::get(conn, id))
        .transpose()?;
    let (recipient, recipient_address) = match party {
        "complainant" => (k.complainant.name.clone(), k.complainant.contact.clone()),
        "councillor" => (format!("Councillor {}", k.councillor.name), None),
        "ip" => (
            ip.map(|c| c.person.clone()).unwrap_or_default(),
            ip_person.and_then(|p| p.contact),
        ),
        _ => (format!("The Clerk to {}", k.councillor.council), None),
    };
    let received = procedure::parse_day(&k.received_on).unwrap_or(today);
    let cal = &clock.calendar;
    let review = rows
        .reviews
        .iter()
        .rev()
        .find(|r| r.decided_on.is_some())
        .map(|r| ReviewView {
            requested_on: r.requested_on.clone(),
            requested_by: r.requested_by.clone(),
            grounds: clean(&r.grounds),
            reviewer: r.reviewer.clone(),
            decision: r.decision.clone(),
            decided_on: r.decided_on.clone(),
            reasons: clean_opt(&r.reasons),
        });
    Ok(Context {
        council: settings::text_value(conn, settings::COUNCIL_NAME)?
            .unwrap_or_else(|| "The Council".to_string()),
        council_address: settings::text_value(conn, settings::COUNCIL_ADDRESS)?
            .map(|a| {
                a.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default(),
        officer: settings::text_value(conn, settings::OFFICER_NAME)?,
        dated: today.to_string(),
        reference: k.reference.clone(),
        kind: kind.to_string(),
        party: party.to_string(),
        recipient,
        recipient_address,
        councillor: k.councillor.name.clone(),
        councillor_council: k.councillor.council.clone(),
        complainant: (!hide).then(|| k.complainant.name.clone()),
        confidential,
        confidentiality_decided: decision.is_some(),
        confidentiality_decision: decision,
        received_on: k.received_on.clone(),
        platform: k.platform.clone(),
        posted_at: k.posted_at.clone(),
        summary: clean(&k.summary),
        decide_within: t.decision_working_days,
        decide_by: cal
            .add_working_days(received, t.decision_working_days, &stopped)
            .map(|d| d.to_string()),
        comments_within: t.comments_working_days,
        comments_by: cal
            .add_working_days(today, t.comments_working_days, &[])
            .map(|d| d.to_string()),
        notified_on: rows.notification.as_ref().map(|n| n.notified_on.clone()),
        draft_sent_on: rows
            .investigation
            .as_ref()
            .and_then(|i| i.draft_sent_on.clone()),
        investigator: rows
            .investigation
            .as_ref()
            .map(|i| i.investigator.clone())
            .filter(|i| !i.is_empty()),
        review_within: t.review_working_days,
        decision: step(last("decision")),
        outcome: step(last("outcome")),
        review,
        ip: ip.map(|c| c.person.clone()),
    })
}

/// A letter's Markdown as its template makes it, ready for the officer to edit.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Draft {
    pub kind: String,
    pub party: String,
    pub title: String,
    pub markdown: String,
    /// A file name to offer, without extension.
    pub file_stem: String,
    pub dated: String,
    /// Whom it is addressed to.
    pub recipient: String,
}

/// The letter of `kind` to `party` on case `reference`, dated `dated` (today, but for the demo),
/// from the officer's template in `templates` if there is one.
pub fn draft(
    conn: &impl Sql,
    reference: &str,
    (kind, party): (&str, &str),
    dated: NaiveDate,
    templates: Templates<'_>,
) -> Result<Draft> {
    let c = context(conn, reference, kind, party, dated)?;
    let source = template::load(templates, template_for(&c.kind))?;
    let mut markdown = template::render(&source, &c)?;
    if !markdown.ends_with('\n') {
        markdown.push('\n');
    }
    let paper = Paper::new(markdown, String::new(), "")?;
    Ok(Draft {
        file_stem: format!(
            "{}-letter-{}-{}",
            c.kind,
            c.party,
            c.reference.replace(['/', '\\', ' '], "-")
        ),
        title: paper.title,
        markdown: paper.markdown,
        kind: c.kind,
        party: c.party,
        dated: c.dated,
        recipient: c.recipient,
    })
}

/// The formats a letter may be kept in.
pub const LETTER_FORMATS: &[Format] = &[Format::Pdf, Format::Docx, Format::Html, Format::Md];

/// The format of a letter's file, from its extension.
pub fn format_of(path: &Path) -> Result<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    LETTER_FORMATS
        .iter()
        .copied()
        .find(|f| f.extension() == ext)
        .ok_or_else(|| {
            Error::invalid(
                "out",
                format!(
                    "'{}' does not end in .pdf, .docx, .html or .md, so the letter's format is unknown",
                    path.display()
                ),
            )
        })
}

/// The letter `draft` (perhaps edited: `markdown`) rendered in `format`: its file name and bytes.
pub fn render(
    draft: &Draft,
    markdown: &str,
    format: Format,
    made_at: &str,
) -> Result<(String, Vec<u8>)> {
    if !LETTER_FORMATS.contains(&format) {
        return Err(Error::invalid(
            "format",
            "a letter is made as PDF, DOCX, HTML or Markdown",
        ));
    }
    let paper = Paper::new(markdown.to_string(), draft.file_stem.clone(), made_at)?;
    Ok((
        format!("{}.{}", draft.file_stem, format.extension()),
        paper.render(format)?,
    ))
}

/// The letter kept: the letter row and the file's bytes.
pub struct Kept {
    pub letter: Letter,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Renders the letter and keeps it on the case in one transaction (through `save`, which records
/// it as the officer): nothing is kept if rendering fails.
pub fn keep(
    draft: &Draft,
    markdown: &str,
    format: Format,
    made_at: &str,
    save: impl FnOnce(&NewLetter<'_>) -> Result<Letter>,
) -> Result<Kept> {
    let (file_name, bytes) = render(draft, markdown, format, made_at)?;
    let dated = procedure::parse_day(&draft.dated)
        .ok_or_else(|| Error::invalid("dated", format!("'{}' is not a date", draft.dated)))?;
    let letter = save(&NewLetter {
        kind: &draft.kind,
        party: &draft.party,
        recipient: Some(&draft.recipient)
            .filter(|r| !r.is_empty())
            .map(|r| r.as_str()),
        dated,
        bytes: &bytes,
        file_name: &file_name,
    })?;
    Ok(Kept {
        letter,
        file_name,
        bytes,
    })
}

/// The letters a case can have now: (kind, party) pairs the rules allow.
pub fn offered(conn: &impl Sql, case_id: i64) -> Result<Vec<(&'static str, &'static str)>> {
    let mut out = Vec::new();
    for kind in procedure::LETTER_KINDS {
        for party in procedure::parties_for(kind) {
            if letters::allowed(conn, case_id, kind, party).is_ok() {
                out.push((*kind, *party));
            }
        }
    }
    Ok(out)
}

/// The demo council's letters, made from the shipped templates (as Word files, which are quick
/// to make) on the day of each step and mostly sent soon after: acknowledgements, notifications,
/// the decision and outcome letters (to the Independent Person and the parish clerk too, where
/// they apply) and review outcomes. A few are sent late, and the newest decisions' letters are
/// left to send, so the dashboard shows them due. Run inside the demo's transaction.
pub fn demo(tx: &impl casebook::sql::Sql, stamp: &casebook::Stamp) -> Result<()> {
    let today = stamp.at.date_naive();
    let council = settings::text_value(tx, settings::COUNCIL_NAME)?.unwrap_or_default();
    // The list reads each case's kept stage: bring it up to date with the cases just made.
    casebook::progress::refresh_touched(tx)?;
    let cases = case::list(tx, &case::Filter::default())?;
    let cal = procedure::clock(tx, today)?.calendar;
    for (n, c) in cases.iter().rev().enumerate() {
        let rows = procedure::rows(tx, c.id)?;
        let mut wanted: Vec<(&str, &str, String)> = Vec::new();
        if let Some(e) = rows.stages.iter().find(|e| e.stage == "acknowledged") {
            wanted.push(("acknowledgement", "complainant", e.on.clone()));
        }
        if let Some(note) = &rows.notification {
            wanted.push(("notification", "councillor", note.notified_on.clone()));
        }
        for stage in ["decision", "outcome"] {
            let Some(e) = rows.stages.iter().rev().find(|e| e.stage == stage) else {
                continue;
            };
            let mut parties = vec!["complainant", "councillor"];
            if !rows.ip.is_empty() {
                parties.push("ip");
            }
            if c.council != council {
                parties.push("clerk");
            }
            for p in parties {
                wanted.push((stage, p, e.on.clone()));
            }
        }
        if let Some(r) = rows.reviews.iter().find(|r| r.decided_on.is_some()) {
            let on = r.decided_on.clone().unwrap_or_default();
            wanted.push(("review", "complainant", on.clone()));
            wanted.push(("review", "councillor", on));
        }
        for (kind, party, on) in wanted {
            let Some(dated) = procedure::parse_day(&on) else {
                continue;
            };
            let d = draft(tx, &c.reference, (kind, party), dated, Templates::Builtin)?;
            let kept = keep(&d, &d.markdown, Format::Docx, &stamp.at_text(), |new| {
                letters::save(tx, stamp, c.id, new)
            })?;
            // One case in seven has its decision letters sent late; decisions of the last week
            // are still to send.
            let late = matches!(kind, "decision" | "outcome") && n % 7 == 4;
            let after = if late {
                8
            } else {
                u32::from(party == "councillor")
            };
            let sent = cal.add_working_days(dated, after, &[]).unwrap_or(dated);
            let recent = (today - dated).num_days() < 7;
            if sent <= today && !(recent && kind != "acknowledgement") {
                let by = if n % 3 == 1 { "post" } else { "email" };
                letters::mark_sent(tx, stamp, c.id, kept.letter.id, sent, by)?;
            }
        }
    }
    Ok(())
}
