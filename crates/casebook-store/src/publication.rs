//! What the officer marks on a case for the committee papers: a summary written for publication,
//! whether it illustrates the annual guidance review, when the decision notice was published, and
//! "guidance gap" flags (the case revealed a gap or an ambiguity in the guidance). Also the
//! council's publication rule: when a councillor may be named in published papers.

use chrono::NaiveDate;
use serde::Serialize;

pub use casebook_domain::vocabulary::{may_name, BREACH, BREACH_AND_NOTICE, NEVER, RULES};

use crate::catalogue::ItemKind;
use crate::sql::{Row, Spelled, Sql};
use crate::{audit, case, settings, sql_params, text, Error, Result, Stamp};

/// Longest summary for publication or gap note (characters).
pub const MAX_SUMMARY: usize = 4_000;

/// The council's publication rule (the default is [`BREACH_AND_NOTICE`]).
pub fn rule(conn: &impl Sql) -> Result<&'static str> {
    let stored = settings::text_value(conn, settings::PUBLICATION_RULE)?;
    Ok(stored
        .and_then(|v| RULES.iter().find(|(k, _)| *k == v).map(|(k, _)| *k))
        .unwrap_or(BREACH_AND_NOTICE))
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct Publication {
    /// The officer's summary for publication; names in it are anonymised on output.
    pub summary: Option<String>,
    /// Use this case to illustrate the annual guidance review.
    pub illustrative: bool,
    pub notice_published_on: Option<String>,
}

pub fn get(conn: &impl Sql, case_id: i64) -> Result<Publication> {
    Ok(conn
        .row_opt(
            "SELECT summary, illustrative, notice_published_on FROM case_publication
             WHERE case_id = ?1",
            &sql_params![case_id],
        )?
        .map(|r| {
            Ok::<_, Error>(Publication {
                summary: r.get("summary")?,
                illustrative: r.get::<i64>("illustrative")? == 1,
                notice_published_on: r.get("notice_published_on")?,
            })
        })
        .transpose()?
        .unwrap_or_default())
}

/// Sets what is marked for publication on case `case_id`. An illustration needs a summary; a
/// notice cannot be published before the case was received, nor after `stamp`'s day.
pub fn set(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    summary: Option<&str>,
    illustrative: bool,
    notice_published_on: Option<&str>,
) -> Result<Publication> {
    let case = case::get(tx, case_id)?;
    let summary = text::optional("publication summary", summary, MAX_SUMMARY)?;
    if illustrative && summary.is_none() {
        return Err(Error::invalid(
            "publication summary",
            "write the anonymised summary before choosing the case to illustrate the guidance review",
        ));
    }
    let published = text::optional_date("notice published on", notice_published_on)?;
    if let Some(day) = published {
        check_published_on(day, &case.received_on, stamp)?;
    }
    let existing: Option<i64> = tx.value_opt(
        "SELECT id FROM case_publication WHERE case_id = ?1",
        &sql_params![case_id],
    )?;
    let values = sql_params![
        case_id,
        summary,
        i64::from(illustrative),
        published.map(|d| d.to_string())
    ];
    match existing {
        Some(id) => {
            let before = audit::snapshot(tx, "case_publication", id)?;
            tx.run(
                "UPDATE case_publication SET summary = ?2, illustrative = ?3,
                 notice_published_on = ?4 WHERE case_id = ?1",
                &values,
            )?;
            audit::record(tx, stamp, "case_publication", id, before, None)?;
        }
        None => {
            let id = tx.insert(
                "INSERT INTO case_publication (case_id, summary, illustrative, notice_published_on)
                 VALUES (?1, ?2, ?3, ?4)",
                &values,
            )?;
            audit::record(tx, stamp, "case_publication", id, None, None)?;
        }
    }
    get(tx, case_id)
}

fn check_published_on(day: NaiveDate, received_on: &str, stamp: &Stamp) -> Result<()> {
    if day > stamp.at.date_naive() {
        return Err(Error::invalid(
            "notice published on",
            format!("{day} is in the future"),
        ));
    }
    if received_on > day.to_string().as_str() {
        return Err(Error::invalid(
            "notice published on",
            format!("{day} is before the complaint was received ({received_on})"),
        ));
    }
    Ok(())
}

/// A case flagged as revealing a gap or an ambiguity in the guidance.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct Gap {
    pub id: i64,
    pub case_id: i64,
    pub reference: String,
    /// The responsibility or legal issue the gap concerns, if one.
    pub item_code: Option<String>,
    pub item_title: Option<String>,
    pub note: String,
    pub flagged_by: String,
    pub flagged_at: String,
}

/// A gap flag with its case and catalogue item, each column named as [`gap_row`] reads it.
const GAP_SELECT: &str = "SELECT g.id, g.case_id, k.reference, i.code AS item_code,
        i.title AS item_title, g.note, g.flagged_by, g.flagged_at
    FROM guidance_gap g JOIN cases k ON k.id = g.case_id
    LEFT JOIN catalogue_item i ON i.id = g.item_id";

fn gap_row(r: &Row) -> Result<Gap> {
    Ok(Gap {
        id: r.get("id")?,
        case_id: r.get("case_id")?,
        reference: r.get("reference")?,
        item_code: r.get("item_code")?,
        item_title: r.get("item_title")?,
        note: r.get("note")?,
        flagged_by: r.get("flagged_by")?,
        flagged_at: r.get("flagged_at")?,
    })
}

/// The gap flags on case `case_id`, oldest first.
pub fn gaps(conn: &impl Sql, case_id: i64) -> Result<Vec<Gap>> {
    conn.rows(
        &format!("{GAP_SELECT} WHERE g.case_id = ?1 ORDER BY g.id"),
        &sql_params![case_id],
    )?
    .iter()
    .map(gap_row)
    .collect()
}

/// Every gap flag on a case received between `from` and `to`, by case then flag.
pub fn gaps_between(conn: &impl Sql, from: NaiveDate, to: NaiveDate) -> Result<Vec<Gap>> {
    conn.rows(
        &format!(
            "{GAP_SELECT} WHERE k.received_on BETWEEN ?1 AND ?2
             ORDER BY k.received_on, k.id, g.id"
        ),
        &sql_params![from.to_string(), to.to_string()],
    )?
    .iter()
    .map(gap_row)
    .collect()
}

/// Flags case `case_id` as revealing a gap or an ambiguity in the guidance. `item_code`, if
/// given, must be a responsibility or legal issue of the catalogue version the case uses.
pub fn flag_gap(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    item_code: Option<&str>,
    note: &str,
) -> Result<Gap> {
    let case = case::get(tx, case_id)?;
    let note = text::required("gap note", note, MAX_SUMMARY)?;
    let item_id = match item_code.map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(code) => Some(gap_item(tx, case.catalogue_version_id, code)?),
    };
    let id = tx.insert(
        "INSERT INTO guidance_gap (case_id, item_id, note, flagged_by, flagged_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        &sql_params![case_id, item_id, note, &stamp.actor, stamp.at_text()],
    )?;
    audit::record(tx, stamp, "guidance_gap", id, None, None)?;
    gap_row(&tx.row(&format!("{GAP_SELECT} WHERE g.id = ?1"), &sql_params![id])?)
}

fn gap_item(conn: &impl Sql, version_id: i64, code: &str) -> Result<i64> {
    static ITEM_BY_CODE: Spelled = Spelled::new(|d| {
        format!(
            "SELECT id, kind FROM catalogue_item WHERE version_id = ?1 AND {}",
            d.nocase_eq("code", "?2")
        )
    });
    let found: Option<(i64, String)> = conn
        .row_opt(
            ITEM_BY_CODE.sql(conn.dialect()),
            &sql_params![version_id, code],
        )?
        .map(|r| Ok::<_, Error>((r.get(0)?, r.get(1)?)))
        .transpose()?;
    match found {
        Some((id, kind))
            if kind == ItemKind::Responsibility.as_str()
                || kind == ItemKind::LegalIssue.as_str() =>
        {
            Ok(id)
        }
        Some(_) => Err(Error::invalid(
            "guidance item",
            format!(
                "{} is not a responsibility or legal issue of the guidance",
                text::shorten(code)
            ),
        )),
        None => Err(Error::invalid(
            "guidance item",
            format!(
                "{} is not in the guidance version this case is assessed against",
                text::shorten(code)
            ),
        )),
    }
}

/// Removes gap flag `id` (the audit trail keeps it and the reason).
pub fn remove_gap(tx: &impl Sql, stamp: &Stamp, id: i64, reason: &str) -> Result<()> {
    let reason = text::required("reason", reason, text::MAX_LINE)?;
    let before = audit::snapshot(tx, "guidance_gap", id)?
        .ok_or_else(|| Error::not_found("guidance gap", id.to_string()))?;
    tx.run("DELETE FROM guidance_gap WHERE id = ?1", &sql_params![id])?;
    audit::record(tx, stamp, "guidance_gap", id, Some(before), Some(&reason))?;
    Ok(())
}

/// A case as the officer weighs it for the committee papers: its platform and summary, final
/// outcome, the day it closed and the first guidance responsibility tagged on it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub case_id: i64,
    pub platform: String,
    pub summary: String,
    pub outcome: Option<String>,
    pub closed_on: Option<String>,
    pub first_responsibility: Option<String>,
}

/// Every case, in the order received, as a [`Candidate`] for the committee papers.
pub fn candidates(conn: &impl Sql) -> Result<Vec<Candidate>> {
    let rows = conn.rows(
        "SELECT k.id, k.platform, k.summary,
            (SELECT outcome FROM stage_event e WHERE e.case_id = k.id AND e.stage = 'outcome')
                AS outcome,
            (SELECT on_date FROM stage_event e WHERE e.case_id = k.id AND e.stage = 'closed')
                AS closed_on,
            (SELECT i.code FROM case_tag t JOIN catalogue_item i ON i.id = t.item_id
             WHERE t.case_id = k.id AND i.kind = 'responsibility' ORDER BY i.position LIMIT 1)
                AS first_responsibility
         FROM cases k ORDER BY k.received_on, k.id",
        &[],
    )?;
    rows.iter()
        .map(|r| {
            Ok(Candidate {
                case_id: r.get("id")?,
                platform: r.get("platform")?,
                summary: r.get("summary")?,
                outcome: r.get("outcome")?,
                closed_on: r.get("closed_on")?,
                first_responsibility: r.get("first_responsibility")?,
            })
        })
        .collect()
}
