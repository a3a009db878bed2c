//! The decision notice for one case: the councillor and council, the complaint in summary, the
//! guidance and Code provisions considered, the acting-in-capacity indicators and reasons, the
//! Independent Person's views, the decision and its reasons, any sanctions, and the right of
//! review; and the screenshots, each as its redacted copy where the officer made one. The
//! complainant is named only if they did not ask for confidentiality; if they did, their name is
//! also taken out of every piece of free text in the notice.

use casebook::sql::Sql;
use chrono::NaiveDate;
use serde::Serialize;

use crate::anonymise::{Redactor, Role};
use crate::template::{self, Templates};
use crate::{Figure, Paper};
use casebook::catalogue::ItemKind;
use casebook::{publication, settings, Error, Result};

#[derive(Debug, Clone, Serialize)]
pub struct Provision {
    pub code: String,
    pub title: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    pub title: String,
    pub answer: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Views {
    pub person: String,
    pub consulted_on: String,
    pub stage: String,
    pub views: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub result: String,
    pub on: String,
    pub reasons: Option<String>,
    /// Measures of an informal resolution, or sanctions after a breach.
    pub actions: Vec<String>,
}

/// A screenshot the notice shows: the evidence item (a redacted copy where one was made) and
/// what it is, with no file name (a name can carry a person's).
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    pub id: i64,
    pub caption: String,
}

/// Everything the decision-notice template can use.
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    pub council: String,
    pub officer: Option<String>,
    pub made_on: String,
    pub reference: String,
    pub received_on: String,
    pub councillor: String,
    pub councillor_council: String,
    /// The complainant's name, or `None` when they asked for confidentiality.
    pub complainant: Option<String>,
    pub complainant_type: String,
    pub platform: String,
    pub posted_at: Option<String>,
    pub summary: String,
    pub responsibilities: Vec<Provision>,
    pub legal_issues: Vec<Provision>,
    pub code_obligations: Vec<Provision>,
    pub nolan_principles: Vec<Provision>,
    pub indicators: Vec<IndicatorView>,
    pub capacity_determination: String,
    pub capacity_reasons: Option<String>,
    pub independent_person: Vec<Views>,
    pub decision: Option<Step>,
    pub outcome: Option<Step>,
    pub stage: String,
    pub notice_published_on: Option<String>,
    /// The screenshots, each placed with an `evidence` block.
    pub evidence: Vec<Shown>,
}

/// The case's pictures to show: each original screenshot or photo once, as its latest redacted
/// copy where one was made.
fn shown(items: &[casebook::evidence::Evidence]) -> Vec<Shown> {
    items
        .iter()
        .filter(|e| e.derived_from.is_none() && e.media_type.starts_with("image/"))
        .map(|original| {
            let copy = items
                .iter()
                .rfind(|c| c.derived_from == Some(original.id) && c.media_type.starts_with("image/"));
            let captured = original.captured_at.get(..10).unwrap_or(&original.captured_at);
            match copy {
                Some(c) => Shown {
                    id: c.id,
                    caption: format!(
                        "Evidence item {}: a redacted copy of the screenshot captured on {} (item {})",
                        c.id,
                        template::long_date(captured),
                        original.id
                    ),
                },
                None => Shown {
                    id: original.id,
                    caption: format!(
                        "Evidence item {}: the screenshot captured on {}",
                        original.id,
                        template::long_date(captured)
                    ),
                },
            }
        })
        .collect()
}

/// The pictures of `shown`, each decoded (within intake's limits) and written again as a PNG of
/// its pixels alone ([`casebook::redaction::pixels_only`]).
fn figures(conn: &impl Sql, shown: &[Shown]) -> Result<Vec<Figure>> {
    shown
        .iter()
        .map(|s| {
            let bytes = casebook::evidence::bytes(conn, s.id)?;
            let (png, width, height) = casebook::redaction::pixels_only(&bytes)
                .map_err(|e| Error::invalid("evidence", format!("item {}: {e}", s.id)))?;
            Ok(Figure {
                id: s.id,
                png,
                width,
                height,
                alt: s.caption.clone(),
            })
        })
        .collect()
}

/// The notice's figures and texts for case `reference`.
pub fn context(conn: &impl Sql, reference: &str, today: NaiveDate) -> Result<Notice> {
    let d = casebook::views::case_detail(conn, reference, today)?;
    let confidential = d.case.complainant.confidentiality_requested;
    let redactor = Redactor::new(&if confidential {
        vec![(d.case.complainant.name.clone(), Role::Complainant)]
    } else {
        Vec::new()
    });
    let clean = |t: &str| redactor.redact(t);
    let clean_opt = |t: &Option<String>| t.as_deref().map(clean);
    let provisions = |kind: ItemKind| -> Vec<Provision> {
        d.tags
            .iter()
            .filter(|t| t.kind == kind)
            .map(|t| Provision {
                code: t.code.clone(),
                title: t.title.clone(),
                note: clean_opt(&t.note),
            })
            .collect()
    };
    let step = |stage: &str, result: Option<&String>| -> Option<Step> {
        let event = d.procedure.stages.iter().rev().find(|e| e.stage == stage)?;
        Some(Step {
            result: result.cloned().or_else(|| event.outcome.clone())?,
            on: event.on.clone(),
            reasons: clean_opt(&event.reason),
            actions: event.actions.clone(),
        })
    };
    Ok(Notice {
        council: settings::text_value(conn, settings::COUNCIL_NAME)?
            .unwrap_or_else(|| "The Council".to_string()),
        officer: settings::text_value(conn, settings::OFFICER_NAME)?,
        made_on: today.to_string(),
        reference: d.case.reference.clone(),
        received_on: d.case.received_on.clone(),
        councillor: d.case.councillor.name.clone(),
        councillor_council: d.case.councillor.council.clone(),
        complainant: (!confidential).then(|| d.case.complainant.name.clone()),
        complainant_type: d.case.complainant.kind.clone(),
        platform: d.case.platform.clone(),
        posted_at: d.case.posted_at.clone(),
        summary: clean(&d.case.summary),
        responsibilities: provisions(ItemKind::Responsibility),
        legal_issues: provisions(ItemKind::LegalIssue),
        code_obligations: provisions(ItemKind::CodeObligation),
        nolan_principles: provisions(ItemKind::NolanPrinciple),
        indicators: d
            .capacity
            .indicators
            .iter()
            .filter_map(|i| {
                Some(IndicatorView {
                    title: i.title.clone(),
                    answer: i.answer.clone()?,
                    note: clean_opt(&i.note),
                })
            })
            .collect(),
        capacity_determination: d.capacity.determination.clone(),
        capacity_reasons: clean_opt(&d.capacity.reasons),
        independent_person: d
            .procedure
            .ip_consultations
            .iter()
            .map(|c| Views {
                person: c.person.clone(),
                consulted_on: c.consulted_on.clone(),
                stage: c.stage.clone(),
                views: clean(&c.views),
            })
            .collect(),
        decision: step("decision", d.procedure.decision.as_ref()),
        outcome: step("outcome", d.procedure.outcome.as_ref()),
        stage: d.procedure.stage.clone(),
        notice_published_on: publication::get(conn, d.case.id)?.notice_published_on,
        evidence: shown(&d.evidence),
    })
}

/// The decision notice for case `reference`.
pub fn paper(
    conn: &impl Sql,
    reference: &str,
    today: NaiveDate,
    templates: Templates<'_>,
    made_at: &str,
) -> Result<Paper> {
    let source = template::load(templates, template::DECISION)?;
    let context = context(conn, reference, today)?;
    let markdown = crate::anchored(conn, template::render(&source, &context)?)?;
    let figures = figures(conn, &context.evidence)?;
    Ok(Paper::new(
        markdown,
        format!("decision-notice-{}", context.reference),
        made_at,
    )?
    .with_figures(figures))
}
