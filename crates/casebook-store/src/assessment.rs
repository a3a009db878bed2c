//! Assessment of a case against its guidance catalogue version: tags (each with a note on why it
//! applies) and the acting-in-capacity assessment. Casebook records the indicators and counts how
//! many point each way; the officer makes and records the determination. Casebook never decides it.

use serde::Serialize;

use crate::catalogue::{self, ItemKind};
use crate::sql::Sql;
use crate::{audit, case, sql_params, text, Error, Result, Stamp};

pub use casebook_domain::vocabulary::{ANSWERS, DETERMINATIONS};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Tag {
    pub code: String,
    pub kind: ItemKind,
    pub title: String,
    pub note: Option<String>,
}

/// Tags case `case_id` with catalogue item `code`, or changes the note of an existing tag.
pub fn tag(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    code: &str,
    note: Option<&str>,
) -> Result<Tag> {
    // Only the case's catalogue version: an import tags each case several times.
    let version_id = case::catalogue_version_of(tx, case_id)?;
    let item = catalogue::item_by_code(tx, version_id, code, "code")?;
    if item.kind == ItemKind::CapacityIndicator {
        return Err(Error::invalid(
            "code",
            format!(
                "{} is an acting-in-capacity indicator; answer it with `casebook capacity`",
                item.code
            ),
        ));
    }
    let note = text::optional("note", note, text::MAX_TEXT)?;
    let existing: Option<i64> = tx.value_opt(
        "SELECT id FROM case_tag WHERE case_id = ?1 AND item_id = ?2",
        &sql_params![case_id, item.id],
    )?;
    match existing {
        Some(id) => {
            let before = audit::snapshot(tx, "case_tag", id)?;
            tx.run(
                "UPDATE case_tag SET note = ?2 WHERE id = ?1",
                &sql_params![id, note.as_deref()],
            )?;
            audit::record(tx, stamp, "case_tag", id, before, None)?;
        }
        None => {
            let id = tx.insert(
                "INSERT INTO case_tag (case_id, item_id, note) VALUES (?1, ?2, ?3)",
                &sql_params![case_id, item.id, note.as_deref()],
            )?;
            audit::record(tx, stamp, "case_tag", id, None, None)?;
        }
    }
    Ok(Tag {
        code: item.code,
        kind: item.kind,
        title: item.title,
        note,
    })
}

pub fn untag(tx: &impl Sql, stamp: &Stamp, case_id: i64, code: &str) -> Result<()> {
    let case = case::get(tx, case_id)?;
    let item = catalogue::item_by_code(tx, case.catalogue_version_id, code, "code")?;
    let id: i64 = tx
        .value_opt(
            "SELECT id FROM case_tag WHERE case_id = ?1 AND item_id = ?2",
            &sql_params![case_id, item.id],
        )?
        .ok_or_else(|| {
            Error::invalid(
                "code",
                format!("{} is not tagged with {}", case.reference, item.code),
            )
        })?;
    let before = audit::snapshot(tx, "case_tag", id)?;
    tx.run("DELETE FROM case_tag WHERE id = ?1", &sql_params![id])?;
    audit::record(tx, stamp, "case_tag", id, before, None)?;
    Ok(())
}

pub fn tags(conn: &impl Sql, case_id: i64) -> Result<Vec<Tag>> {
    conn.rows(
        "SELECT i.code, i.kind, i.title, t.note FROM case_tag t
         JOIN catalogue_item i ON i.id = t.item_id
         WHERE t.case_id = ?1 ORDER BY i.position",
        &sql_params![case_id],
    )?
    .iter()
    .map(|r| {
        let kind: String = r.get("kind")?;
        Ok(Tag {
            code: r.get("code")?,
            kind: ItemKind::parse(&kind).unwrap_or(ItemKind::Responsibility),
            title: r.get("title")?,
            note: r.get("note")?,
        })
    })
    .collect()
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Indicator {
    pub code: String,
    pub title: String,
    /// The guidance's words for this indicator.
    pub text: String,
    /// yes / no / unknown, or None when not yet answered.
    pub answer: Option<String>,
    pub note: Option<String>,
}

/// How many indicators point each way. `yes` points towards acting in capacity, `no` away from it.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct Counts {
    pub towards_capacity: usize,
    pub against_capacity: usize,
    pub unknown: usize,
    pub unanswered: usize,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Capacity {
    pub indicators: Vec<Indicator>,
    pub counts: Counts,
    pub determination: String,
    pub reasons: Option<String>,
    pub determined_by: Option<String>,
    pub determined_at: Option<String>,
}

/// Answers one acting-in-capacity indicator for a case.
pub fn answer_indicator(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    code: &str,
    answer: &str,
    note: Option<&str>,
) -> Result<()> {
    let case = case::get(tx, case_id)?;
    let item = catalogue::item_by_code(tx, case.catalogue_version_id, code, "indicator")?;
    if item.kind != ItemKind::CapacityIndicator {
        return Err(Error::invalid(
            "indicator",
            format!(
                "{} is not an acting-in-capacity indicator (those are I1, I2, …)",
                item.code
            ),
        ));
    }
    let answer = text::one_of("answer", answer, ANSWERS)?;
    let note = text::optional("note", note, text::MAX_TEXT)?;
    let existing: Option<i64> = tx.value_opt(
        "SELECT id FROM capacity_answer WHERE case_id = ?1 AND item_id = ?2",
        &sql_params![case_id, item.id],
    )?;
    match existing {
        Some(id) => {
            let before = audit::snapshot(tx, "capacity_answer", id)?;
            tx.run(
                "UPDATE capacity_answer SET answer = ?2, note = ?3 WHERE id = ?1",
                &sql_params![id, answer, note],
            )?;
            audit::record(tx, stamp, "capacity_answer", id, before, None)?;
        }
        None => {
            let id = tx.insert(
                "INSERT INTO capacity_answer (case_id, item_id, answer, note)
                 VALUES (?1, ?2, ?3, ?4)",
                &sql_params![case_id, item.id, answer, note],
            )?;
            audit::record(tx, stamp, "capacity_answer", id, None, None)?;
        }
    }
    Ok(())
}

/// Records the officer's determination and reasons. Reasons are required unless undetermined.
pub fn determine(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    determination: &str,
    reasons: Option<&str>,
) -> Result<()> {
    let determination = text::one_of("determination", determination, DETERMINATIONS)?;
    let reasons = text::optional("reasons", reasons, text::MAX_TEXT)?;
    if determination != "undetermined" && reasons.is_none() {
        return Err(Error::invalid(
            "reasons",
            format!("are required to record '{determination}': say why, with reference to the indicators"),
        ));
    }
    let before = audit::snapshot(tx, "cases", case_id)?
        .ok_or_else(|| Error::not_found("case", case_id.to_string()))?;
    let (by, at) = if determination == "undetermined" && reasons.is_none() {
        (None, None)
    } else {
        (Some(stamp.actor.clone()), Some(stamp.at_text()))
    };
    tx.run(
        "UPDATE cases SET capacity_determination = ?2, capacity_reasons = ?3,
                capacity_determined_by = ?4, capacity_determined_at = ?5
         WHERE id = ?1",
        &sql_params![case_id, determination, reasons, by, at],
    )?;
    audit::record(tx, stamp, "cases", case_id, Some(before), None)?;
    Ok(())
}

pub fn capacity(conn: &impl Sql, case_id: i64) -> Result<Capacity> {
    let case = case::get(conn, case_id)?;
    let indicators = conn
        .rows(
            "SELECT i.code, i.title, i.text, a.answer, a.note FROM catalogue_item i
             LEFT JOIN capacity_answer a ON a.item_id = i.id AND a.case_id = ?1
             WHERE i.version_id = ?2 AND i.kind = 'capacity_indicator' ORDER BY i.position",
            &sql_params![case_id, case.catalogue_version_id],
        )?
        .iter()
        .map(|r| {
            Ok(Indicator {
                code: r.get("code")?,
                title: r.get("title")?,
                text: r.get("text")?,
                answer: r.get("answer")?,
                note: r.get("note")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let counts = count(&indicators);
    let r = conn.row(
        "SELECT capacity_reasons, capacity_determined_by, capacity_determined_at
         FROM cases WHERE id = ?1",
        &sql_params![case_id],
    )?;
    Ok(Capacity {
        indicators,
        counts,
        determination: case.capacity_determination,
        reasons: r.get("capacity_reasons")?,
        determined_by: r.get("capacity_determined_by")?,
        determined_at: r.get("capacity_determined_at")?,
    })
}

pub fn count(indicators: &[Indicator]) -> Counts {
    let mut c = Counts::default();
    for i in indicators {
        match i.answer.as_deref() {
            Some("yes") => c.towards_capacity += 1,
            Some("no") => c.against_capacity += 1,
            Some(_) => c.unknown += 1,
            None => c.unanswered += 1,
        }
    }
    c
}
