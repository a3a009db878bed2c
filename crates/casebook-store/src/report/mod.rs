//! The figures behind the annual Standards Committee report, for any period: complaints by
//! complainant type, council, platform, month and guidance tag; capacity determinations;
//! decisions and outcomes; timeliness against the council's targets; repeat subjects (counted,
//! never named); related complaints counted once as incidents. `casebook report stats --json`
//! prints them; the report documents are built from them.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

mod parties;
pub use parties::{InvestigationCost, Investigations, Reviews};

use crate::procedure;
use crate::sql::Sql;
use crate::{assessment, case, catalogue, sql_params, text, Error, Result};

/// A reporting period: received dates from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period> {
        if to < from {
            return Err(Error::invalid(
                "to",
                format!("{to} is before the start of the period ({from})"),
            ));
        }
        Ok(Period { from, to })
    }

    /// The period typed as `from` and `to` (blank counts as not given): both, or neither for
    /// the last municipal year before `today`.
    pub fn from_input(from: Option<&str>, to: Option<&str>, today: NaiveDate) -> Result<Period> {
        fn given(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        match (given(from), given(to)) {
            (Some(f), Some(t)) => Period::new(text::date("from", f)?, text::date("to", t)?),
            (None, None) => Ok(Period::last_municipal_year(today)),
            (None, Some(_)) => Err(Error::invalid("from", "give the first day of the period")),
            (Some(_), None) => Err(Error::invalid("to", "give the last day of the period")),
        }
    }

    /// The last complete municipal year before `today` (1 May to 30 April), the report's default.
    pub fn last_municipal_year(today: NaiveDate) -> Period {
        let end_year = if today.month() >= 5 {
            today.year()
        } else {
            today.year() - 1
        };
        Period {
            from: NaiveDate::from_ymd_opt(end_year - 1, 5, 1).unwrap_or(today),
            to: NaiveDate::from_ymd_opt(end_year, 4, 30).unwrap_or(today),
        }
    }

    /// The period's first and last days, as SQL parameters.
    fn bounds(&self) -> [crate::sql::Param<'static>; 2] {
        sql_params![self.from.to_string(), self.to.to_string()]
    }

    /// The period of the same length just before this one, for comparison.
    pub fn previous(&self) -> Period {
        let days = (self.to - self.from).num_days();
        let to = self.from - Duration::days(1);
        Period {
            from: to - Duration::days(days),
            to,
        }
    }
}

/// One line of a breakdown.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Count {
    pub key: String,
    pub label: String,
    pub count: i64,
}

/// How the period's complaints did against one target.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Timeliness {
    pub target_working_days: u32,
    /// Complaints where the step has been taken.
    pub done: i64,
    /// Of those, taken within the target.
    pub within_target: i64,
    /// `within_target` as a percentage of `done` (one decimal place), if any were done.
    pub percent_within_target: Option<f64>,
    /// Median working days from receipt to the step, of those done.
    pub median_working_days: Option<f64>,
    /// Complaints where the step is still to be taken.
    pub outstanding: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub period: Period,
    pub previous_period: Period,
    pub total: i64,
    pub previous_total: i64,
    /// Complaints counted once per incident: linked complaints (same post or incident) are one.
    pub incidents: i64,
    pub by_complainant_type: Vec<Count>,
    pub by_council: Vec<Count>,
    pub by_platform: Vec<Count>,
    /// Every month of the period, as 2026-03.
    pub by_month: Vec<Count>,
    pub by_responsibility: Vec<Count>,
    pub by_legal_issue: Vec<Count>,
    pub by_code_obligation: Vec<Count>,
    pub by_nolan_principle: Vec<Count>,
    pub capacity_determinations: Vec<Count>,
    /// Decisions on the initial assessment, and "no decision yet".
    pub decisions: Vec<Count>,
    pub final_outcomes: Vec<Count>,
    pub acknowledged: Timeliness,
    pub decided: Timeliness,
    /// Decision letters to the complainant and the councillor, from the decision (or outcome).
    pub letters: Timeliness,
    pub reviews: Reviews,
    pub investigations: Investigations,
    /// Councillors complained about more than once in the period (a count; never named).
    pub councillors_with_more_than_one_complaint: i64,
}

/// Counts of `keys` (all listed, in order, zeros included) plus any other key met, by count.
fn tally<'a>(fixed: &[(&str, &str)], found: impl Iterator<Item = &'a str>) -> Vec<Count> {
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for k in found {
        *counts.entry(k).or_default() += 1;
    }
    tally_counts(
        fixed,
        counts
            .into_iter()
            .map(|(k, n)| (k.to_string(), n))
            .collect(),
    )
}

/// As [`tally`], from counts already made (`(key, count)`, each key once).
fn tally_counts(fixed: &[(&str, &str)], found: Vec<(String, i64)>) -> Vec<Count> {
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for (k, n) in found {
        *counts.entry(k).or_default() += n;
    }
    let mut out: Vec<Count> = fixed
        .iter()
        .map(|(key, label)| Count {
            key: key.to_string(),
            label: label.to_string(),
            count: counts.remove(*key).unwrap_or(0),
        })
        .collect();
    let mut rest: Vec<Count> = counts
        .into_iter()
        .map(|(k, n)| Count {
            label: k.clone(),
            key: k,
            count: n,
        })
        .collect();
    rest.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    out.extend(rest);
    out
}

fn median(mut xs: Vec<i64>) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_unstable();
    let n = xs.len();
    Some(if n % 2 == 1 {
        xs[n / 2] as f64
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) as f64 / 2.0
    })
}

fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

/// Linked complaints within the period, counted once: the number of groups of complaints
/// joined by links (a complaint with no link is a group of its own).
fn incidents(conn: &impl Sql, ids: &[i64]) -> Result<i64> {
    let index: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for link in conn.rows("SELECT case_id, other_case_id FROM case_link", &[])? {
        let (a, b): (i64, i64) = (link.get(0)?, link.get(1)?);
        if let (Some(&i), Some(&j)) = (index.get(&a), index.get(&b)) {
            let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
            parent[ri] = rj;
        }
    }
    Ok((0..ids.len())
        .filter(|&i| root(&mut parent, i) == i)
        .count() as i64)
}

/// `SELECT <key>, count(*)` over the period's cases (`k`, councillor `c`, kept progress `p`),
/// grouped by the key.
fn grouped(conn: &impl Sql, period: Period, key: &str) -> Result<Vec<(String, i64)>> {
    let sql = format!(
        "SELECT {key} AS key, count(*) FROM cases k JOIN councillor c ON c.id = k.councillor_id
         JOIN case_progress p ON p.case_id = k.id
         WHERE k.received_on BETWEEN ?1 AND ?2 AND {key} IS NOT NULL GROUP BY 1"
    );
    conn.rows(&sql, &period.bounds())?
        .into_iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?)))
        .collect()
}

/// The kept timeliness of `what` (acknowledge, decide or letters) over the period's cases: the
/// working days each one done took, how many within target, how many outstanding.
fn kept_timeliness(conn: &impl Sql, period: Period, what: &str, target: u32) -> Result<Timeliness> {
    let rows: Vec<(Option<i64>, bool, bool)> = conn
        .rows(
            &format!(
                "SELECT p.{what}_days, p.{what}_met, p.{what}_outstanding
                 FROM cases k JOIN case_progress p ON p.case_id = k.id
                 WHERE k.received_on BETWEEN ?1 AND ?2"
            ),
            &period.bounds(),
        )?
        .into_iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .collect::<Result<_>>()?;
    let days: Vec<i64> = rows.iter().filter_map(|r| r.0).collect();
    let within = rows.iter().filter(|r| r.0.is_some() && r.1).count() as i64;
    let outstanding = rows.iter().filter(|r| r.2).count() as i64;
    Ok(Timeliness {
        target_working_days: target,
        done: days.len() as i64,
        within_target: within,
        percent_within_target: percent(within, days.len() as i64),
        median_working_days: median(days),
        outstanding,
    })
}

/// The period's figures. Counted in SQL from the cases and what is kept of each (stage, decision,
/// outcome, timeliness: see [`crate::progress`]); only the cases with a request for review or an
/// investigation are worked through step by step, for those figures.
pub fn stats(conn: &impl Sql, period: Period, today: NaiveDate) -> Result<Stats> {
    let previous = period.previous();
    let count = |p: Period| -> Result<i64> {
        conn.value(
            "SELECT count(*) FROM cases WHERE received_on BETWEEN ?1 AND ?2",
            &p.bounds(),
        )
    };
    let ids: Vec<i64> = conn
        .rows(
            "SELECT id FROM cases WHERE received_on BETWEEN ?1 AND ?2 ORDER BY id",
            &period.bounds(),
        )?
        .into_iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;

    let fixed = |words: &[&'static str]| -> Vec<(&'static str, &'static str)> {
        words.iter().map(|w| (*w, *w)).collect()
    };
    let mut months = Vec::new();
    let mut m =
        NaiveDate::from_ymd_opt(period.from.year(), period.from.month(), 1).unwrap_or(period.from);
    while m <= period.to {
        months.push(m.format("%Y-%m").to_string());
        m = if m.month() == 12 {
            NaiveDate::from_ymd_opt(m.year() + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(m.year(), m.month() + 1, 1)
        }
        .unwrap_or(period.to + Duration::days(1));
    }
    let month_keys: Vec<(&str, &str)> = months.iter().map(|m| (m.as_str(), m.as_str())).collect();

    // Tags, by kind, labelled from the current catalogue (codes from older versions are counted
    // under their own code).
    let current = catalogue::items(conn, catalogue::current(conn)?.id)?;
    let tag_counts: Vec<(String, String, i64)> = conn
        .rows(
            "SELECT i.kind, i.code, count(*) FROM case_tag t
             JOIN catalogue_item i ON i.id = t.item_id
             JOIN cases k ON k.id = t.case_id WHERE k.received_on BETWEEN ?1 AND ?2
             GROUP BY i.kind, i.code",
            &period.bounds(),
        )?
        .into_iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .collect::<Result<_>>()?;
    let by_kind = |kind: catalogue::ItemKind| {
        let fixed: Vec<(&str, &str)> = current
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| (i.code.as_str(), i.title.as_str()))
            .collect();
        tally_counts(
            &fixed,
            tag_counts
                .iter()
                .filter(|(k, _, _)| k == kind.as_str())
                .map(|(_, code, n)| (code.clone(), *n))
                .collect(),
        )
    };

    let clock = procedure::clock(conn, today)?;
    let t = clock.targets;
    // Reviews and investigations: few cases have them; each is worked through in full.
    let mut parties = parties::Tally::default();
    let involved: Vec<(i64, String)> = conn
        .rows(
            "SELECT k.id, k.reference FROM cases k WHERE k.received_on BETWEEN ?1 AND ?2
               AND (EXISTS (SELECT 1 FROM review_request r WHERE r.case_id = k.id)
                    OR EXISTS (SELECT 1 FROM investigation i WHERE i.case_id = k.id))
             ORDER BY k.received_on, k.id",
            &period.bounds(),
        )?
        .into_iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?)))
        .collect::<Result<_>>()?;
    for (id, reference) in &involved {
        let p = procedure::status_with(conn, &clock, *id)?;
        parties.add(&clock, reference, &p);
    }
    let letters = kept_timeliness(conn, period, "letters", t.letters_working_days)?;
    let (reviews, investigations) = parties.finish(&clock);

    let mut decision_keys = fixed(procedure::DECISIONS);
    decision_keys.push(("no decision yet", "no decision yet"));
    let repeat: i64 = conn.value(
        "SELECT count(*) FROM (SELECT councillor_id FROM cases
         WHERE received_on BETWEEN ?1 AND ?2 GROUP BY councillor_id HAVING count(*) > 1) AS repeats",
        &period.bounds(),
    )?;
    let councils = grouped(conn, period, "c.council")?;
    let mut council_names: Vec<&str> = councils.iter().map(|(c, _)| c.as_str()).collect();
    council_names.sort_unstable();
    let council_keys: Vec<(&str, &str)> = council_names.iter().map(|c| (*c, *c)).collect();

    Ok(Stats {
        period,
        previous_period: previous,
        total: ids.len() as i64,
        previous_total: count(previous)?,
        incidents: incidents(conn, &ids)?,
        by_complainant_type: tally_counts(
            &fixed(case::COMPLAINANT_TYPES),
            grouped(conn, period, "k.complainant_type")?,
        ),
        by_council: tally_counts(&council_keys, councils.clone()),
        by_platform: tally_counts(
            &fixed(case::PLATFORMS),
            grouped(conn, period, "k.platform")?,
        ),
        by_month: tally_counts(
            &month_keys,
            grouped(conn, period, "substr(k.received_on, 1, 7)")?,
        ),
        by_responsibility: by_kind(catalogue::ItemKind::Responsibility),
        by_legal_issue: by_kind(catalogue::ItemKind::LegalIssue),
        by_code_obligation: by_kind(catalogue::ItemKind::CodeObligation),
        by_nolan_principle: by_kind(catalogue::ItemKind::NolanPrinciple),
        capacity_determinations: tally_counts(
            &fixed(assessment::DETERMINATIONS),
            grouped(conn, period, "k.capacity_determination")?,
        ),
        decisions: tally_counts(
            &decision_keys,
            grouped(conn, period, "coalesce(p.decision, 'no decision yet')")?,
        ),
        final_outcomes: tally_counts(
            &fixed(procedure::FINAL_OUTCOMES),
            grouped(conn, period, "p.outcome")?,
        ),
        acknowledged: kept_timeliness(conn, period, "acknowledge", t.acknowledge_working_days)?,
        decided: kept_timeliness(conn, period, "decide", t.decision_working_days)?,
        letters,
        reviews,
        investigations,
        councillors_with_more_than_one_complaint: repeat,
    })
}

/// One case received in a period, as the annual report's annex and naming rules need it.
#[derive(Debug, Clone)]
pub struct CaseRow {
    pub id: i64,
    pub reference: String,
    pub received_on: String,
    pub platform: String,
    pub councillor_id: i64,
    pub councillor: String,
    pub council: String,
    pub decision: Option<String>,
    pub outcome: Option<String>,
    pub publication: crate::publication::Publication,
}

pub fn case_rows(conn: &impl Sql, p: Period) -> Result<Vec<CaseRow>> {
    let rows = conn.rows(
        "SELECT k.id, k.reference, k.received_on, k.platform, c.id AS councillor_id,
            c.name AS councillor, c.council,
            (SELECT outcome FROM stage_event e WHERE e.case_id = k.id AND e.stage = 'decision'
             ORDER BY e.id DESC LIMIT 1) AS decision,
            (SELECT outcome FROM stage_event e WHERE e.case_id = k.id AND e.stage = 'outcome'
             ORDER BY e.id DESC LIMIT 1) AS outcome,
            p.summary AS publication_summary, COALESCE(p.illustrative, 0) AS illustrative,
            p.notice_published_on
         FROM cases k JOIN councillor c ON c.id = k.councillor_id
         LEFT JOIN case_publication p ON p.case_id = k.id
         WHERE k.received_on BETWEEN ?1 AND ?2 ORDER BY k.received_on, k.id",
        &p.bounds(),
    )?;
    rows.into_iter()
        .map(|r| {
            Ok(CaseRow {
                id: r.get("id")?,
                reference: r.get("reference")?,
                received_on: r.get("received_on")?,
                platform: r.get("platform")?,
                councillor_id: r.get("councillor_id")?,
                councillor: r.get("councillor")?,
                council: r.get("council")?,
                decision: r.get("decision")?,
                outcome: r.get("outcome")?,
                publication: crate::publication::Publication {
                    summary: r.get("publication_summary")?,
                    illustrative: r.get::<i64>("illustrative")? == 1,
                    notice_published_on: r.get("notice_published_on")?,
                },
            })
        })
        .collect()
}

/// Tag codes of each case received in the period, in catalogue order.
pub fn case_tags(conn: &impl Sql, p: Period) -> Result<HashMap<i64, Vec<(String, String)>>> {
    let rows = conn.rows(
        "SELECT t.case_id, i.kind, i.code FROM case_tag t
         JOIN catalogue_item i ON i.id = t.item_id JOIN cases k ON k.id = t.case_id
         WHERE k.received_on BETWEEN ?1 AND ?2 ORDER BY t.case_id, i.position",
        &p.bounds(),
    )?;
    let mut out: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for r in rows {
        let case_id: i64 = r.get("case_id")?;
        out.entry(case_id)
            .or_default()
            .push((r.get("kind")?, r.get("code")?));
    }
    Ok(out)
}

/// Every complainant's name, and every councillor's (with their id).
#[derive(Debug, Clone)]
pub struct People {
    pub complainants: Vec<String>,
    pub councillors: Vec<(i64, String)>,
}

pub fn people(conn: &impl Sql) -> Result<People> {
    let complainants = conn
        .rows(
            "SELECT DISTINCT complainant_name FROM cases WHERE complainant_name <> ''
             ORDER BY complainant_name",
            &[],
        )?
        .into_iter()
        .map(|r| r.get(0))
        .collect::<Result<Vec<String>>>()?;
    let councillors = conn
        .rows(
            "SELECT id, name FROM councillor
             WHERE id NOT IN (SELECT pseudonym_id FROM councillor_pseudonym) ORDER BY id",
            &[],
        )?
        .into_iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?)))
        .collect::<Result<Vec<(i64, String)>>>()?;
    Ok(People {
        complainants,
        councillors,
    })
}
