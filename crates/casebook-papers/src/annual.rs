//! The annual Standards Committee report: the period's figures against the previous period's,
//! the guidance-review evidence for each responsibility and legal issue, the decisions the
//! council's publication rule lets it name, and an anonymised annex of every complaint.
//! Complainants are never named; free text is passed through [`Redactor`] first.

use std::collections::{BTreeMap, HashMap, HashSet};

use casebook::sql::Sql;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::anonymise::{Redactor, Role};
use crate::template::{self, long_date, month_name, Templates};
use crate::Paper;
use casebook::catalogue::{self, ItemKind};
use casebook::report::{self, case_rows, case_tags, people, CaseRow, People, Period, Stats};
use casebook::{publication, settings, Result};

#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    pub from: String,
    pub to: String,
    /// "1 May 2025 to 30 April 2026"
    pub label: String,
}

impl From<Period> for PeriodView {
    fn from(p: Period) -> PeriodView {
        PeriodView {
            from: p.from.to_string(),
            to: p.to.to_string(),
            label: format!(
                "{} to {}",
                long_date(&p.from.to_string()),
                long_date(&p.to.to_string())
            ),
        }
    }
}

/// One responsibility or legal issue under review.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewItem {
    pub code: String,
    pub title: String,
    pub this_period: i64,
    pub last_period: i64,
    pub illustrations: Vec<CaseText>,
    pub gaps: Vec<CaseText>,
}

/// Anonymised text about one case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseText {
    pub reference: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub version: String,
    pub title: String,
    pub responsibilities: Vec<ReviewItem>,
    pub legal_issues: Vec<ReviewItem>,
    /// Gap flags not about any one item.
    pub general_gaps: Vec<CaseText>,
    /// The officer's recommendations (Markdown, names taken out), if written.
    pub recommendations: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnexRow {
    pub reference: String,
    pub month: String,
    pub platform: String,
    pub tags: String,
    pub outcome: String,
}

/// A decision the publication rule lets the report name the councillor in.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub reference: String,
    pub councillor: String,
    pub council: String,
    pub outcome: String,
    pub notice_published_on: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub difference: i64,
    /// "up 4 (25.0%) on the previous period", "the same as the previous period", …
    pub words: String,
}

/// Everything the annual template can use.
#[derive(Debug, Clone, Serialize)]
pub struct Annual {
    pub council: String,
    pub officer: Option<String>,
    pub made_on: String,
    pub period: PeriodView,
    pub previous_period: PeriodView,
    pub stats: Stats,
    pub previous: Stats,
    pub change: Change,
    pub publication_rule: String,
    pub named: Vec<Named>,
    pub review: Review,
    pub annex: Vec<AnnexRow>,
}

/// Redactors: one that takes out everyone, and one per councillor who may be named that keeps
/// that councillor's name (for text about their own named case).
struct Redactors {
    everyone: Redactor,
    keeping: HashMap<i64, Redactor>,
}

impl Redactors {
    fn new(conn: &impl Sql, nameable: &HashSet<i64>) -> Result<Redactors> {
        let People {
            complainants,
            councillors,
        } = people(conn)?;
        let names = |keep: Option<i64>| -> Vec<(String, Role)> {
            complainants
                .iter()
                .map(|n| (n.clone(), Role::Complainant))
                .chain(
                    councillors
                        .iter()
                        .filter(|(id, _)| Some(*id) != keep)
                        .map(|(_, n)| (n.clone(), Role::Councillor)),
                )
                .collect()
        };
        Ok(Redactors {
            everyone: Redactor::new(&names(None)),
            keeping: nameable
                .iter()
                .map(|id| (*id, Redactor::new(&names(Some(*id)))))
                .collect(),
        })
    }

    fn for_case(&self, row: &CaseRow, named: bool) -> &Redactor {
        if named {
            self.keeping
                .get(&row.councillor_id)
                .unwrap_or(&self.everyone)
        } else {
            &self.everyone
        }
    }
}

fn change(now: i64, before: i64) -> Change {
    let difference = now - before;
    let words = match difference {
        0 => "the same as the previous period".to_string(),
        d if before == 0 => format!("up {d} on the previous period, which had none"),
        d => {
            let pct = (d.abs() as f64 * 1000.0 / before as f64).round() / 10.0;
            let dir = if d > 0 { "up" } else { "down" };
            format!("{dir} {} ({pct:.1}%) on the previous period", d.abs())
        }
    };
    Change { difference, words }
}

fn review_items(
    items: &[catalogue::Item],
    kind: ItemKind,
    now: &[report::Count],
    before: &[report::Count],
    illustrations: &BTreeMap<String, Vec<CaseText>>,
    gaps: &BTreeMap<String, Vec<CaseText>>,
) -> Vec<ReviewItem> {
    let count = |list: &[report::Count], code: &str| {
        list.iter()
            .find(|c| c.key == code)
            .map(|c| c.count)
            .unwrap_or(0)
    };
    items
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| ReviewItem {
            code: i.code.clone(),
            title: i.title.clone(),
            this_period: count(now, &i.code),
            last_period: count(before, &i.code),
            illustrations: illustrations.get(&i.code).cloned().unwrap_or_default(),
            gaps: gaps.get(&i.code).cloned().unwrap_or_default(),
        })
        .collect()
}

/// The annual report's figures and texts for `period`, as at `today`.
pub fn context(conn: &impl Sql, period: Period, today: NaiveDate) -> Result<Annual> {
    let stats = report::stats(conn, period, today)?;
    let previous = report::stats(conn, period.previous(), today)?;
    let rule = publication::rule(conn)?;
    let rows = case_rows(conn, period)?;
    let tags = case_tags(conn, period)?;
    let named_ids: HashSet<i64> = rows
        .iter()
        .filter(|r| {
            publication::may_name(
                rule,
                r.outcome.as_deref(),
                r.publication.notice_published_on.is_some(),
            )
        })
        .map(|r| r.id)
        .collect();
    let nameable: HashSet<i64> = rows
        .iter()
        .filter(|r| named_ids.contains(&r.id))
        .map(|r| r.councillor_id)
        .collect();
    let redactors = Redactors::new(conn, &nameable)?;

    let mut illustrations: BTreeMap<String, Vec<CaseText>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.publication.illustrative) {
        let Some(summary) = &r.publication.summary else {
            continue;
        };
        let text = redactors
            .for_case(r, named_ids.contains(&r.id))
            .redact(summary);
        for (_, code) in tags.get(&r.id).into_iter().flatten() {
            illustrations
                .entry(code.clone())
                .or_default()
                .push(CaseText {
                    reference: r.reference.clone(),
                    text: text.clone(),
                });
        }
    }
    let by_id: HashMap<i64, &CaseRow> = rows.iter().map(|r| (r.id, r)).collect();
    let mut gaps: BTreeMap<String, Vec<CaseText>> = BTreeMap::new();
    let mut general_gaps = Vec::new();
    for g in publication::gaps_between(conn, period.from, period.to)? {
        let redactor = match by_id.get(&g.case_id) {
            Some(r) => redactors.for_case(r, named_ids.contains(&r.id)),
            None => &redactors.everyone,
        };
        let text = CaseText {
            reference: g.reference.clone(),
            text: redactor.redact(&g.note),
        };
        match g.item_code {
            Some(code) => gaps.entry(code).or_default().push(text),
            None => general_gaps.push(text),
        }
    }

    let version = catalogue::current(conn)?;
    let items = catalogue::items(conn, version.id)?;
    let review = Review {
        version: version.label.clone(),
        title: version.title.clone(),
        responsibilities: review_items(
            &items,
            ItemKind::Responsibility,
            &stats.by_responsibility,
            &previous.by_responsibility,
            &illustrations,
            &gaps,
        ),
        legal_issues: review_items(
            &items,
            ItemKind::LegalIssue,
            &stats.by_legal_issue,
            &previous.by_legal_issue,
            &illustrations,
            &gaps,
        ),
        general_gaps,
        recommendations: settings::text_value(conn, settings::REVIEW_RECOMMENDATIONS)?
            .map(|text| redactors.everyone.redact(&text)),
    };

    let named = rows
        .iter()
        .filter(|r| named_ids.contains(&r.id))
        .map(|r| Named {
            reference: r.reference.clone(),
            councillor: r.councillor.clone(),
            council: r.council.clone(),
            outcome: r.outcome.clone().unwrap_or_default(),
            notice_published_on: r.publication.notice_published_on.clone(),
        })
        .collect();
    let annex = rows
        .iter()
        .map(|r| AnnexRow {
            reference: r.reference.clone(),
            month: month_name(r.received_on.get(..7).unwrap_or(&r.received_on)),
            platform: r.platform.clone(),
            tags: tags
                .get(&r.id)
                .map(|t| {
                    t.iter()
                        .map(|(_, code)| code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default(),
            outcome: r
                .outcome
                .clone()
                .or_else(|| r.decision.clone())
                .unwrap_or_else(|| "open: no decision yet".to_string()),
        })
        .collect();

    Ok(Annual {
        council: settings::text_value(conn, settings::COUNCIL_NAME)?
            .unwrap_or_else(|| "The Council".to_string()),
        officer: settings::text_value(conn, settings::OFFICER_NAME)?,
        made_on: today.to_string(),
        period: period.into(),
        previous_period: period.previous().into(),
        change: change(stats.total, previous.total),
        publication_rule: publication::RULES
            .iter()
            .find(|(k, _)| *k == rule)
            .map(|(_, label)| label.to_string())
            .unwrap_or_default(),
        named,
        review,
        annex,
        stats,
        previous,
    })
}

/// The annual report for `period`, from the officer's template in `templates` if there is one.
pub fn paper(
    conn: &impl Sql,
    period: Period,
    today: NaiveDate,
    templates: Templates<'_>,
    made_at: &str,
) -> Result<Paper> {
    let source = template::load(templates, template::ANNUAL)?;
    paper_from(conn, period, today, &source, made_at)
}

/// The annual report made with the template text `source` (the app's live preview uses this
/// while the officer edits a template).
pub fn paper_from(
    conn: &impl Sql,
    period: Period,
    today: NaiveDate,
    source: &template::Source,
    made_at: &str,
) -> Result<Paper> {
    let context = context(conn, period, today)?;
    let markdown = crate::anchored(conn, template::render(source, &context)?)?;
    let years = if period.from.year() == period.to.year() {
        period.from.format("%Y").to_string()
    } else {
        format!("{}-{}", period.from.format("%Y"), period.to.format("%y"))
    };
    Paper::new(
        markdown,
        format!("standards-annual-report-{years}"),
        made_at,
    )
}
