//! Assessment of a case against its guidance catalogue version: tags (each with a note on why it
//! applies) and the acting-in-capacity assessment. Casebook records the indicators and counts how
//! many point each way; the officer makes and records the determination. Casebook never decides it.

use crate::cached::Cached;
use rusqlite::{named_params, params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::catalogue::{self, ItemKind};
use crate::{audit, case, text, Error, Result, Stamp};

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
    tx: &Transaction<'_>,
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
    let existing: Option<i64> = tx
        .row(
            "SELECT id FROM case_tag WHERE case_id = ?1 AND item_id = ?2",
            params![case_id, item.id],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(id) => {
            let before = audit::snapshot(tx, "case_tag", id)?;
            tx.prepare_cached("UPDATE case_tag SET note = ?2 WHERE id = ?1")?
                .execute(params![id, note])?;
            audit::record(tx, stamp, "case_tag", id, before, None)?;
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO case_tag (case_id, item_id, note) VALUES (:case_id, :item_id, :note)",
            )?
            .execute(named_params! {
                ":case_id": case_id,
                ":item_id": item.id,
                ":note": note,
            })?;
            audit::record(tx, stamp, "case_tag", tx.last_insert_rowid(), None, None)?;
        }
    }
    Ok(Tag {
        code: item.code,
        kind: item.kind,
        title: item.title,
        note,
    })
}

pub fn untag(tx: &Transaction<'_>, stamp: &Stamp, case_id: i64, code: &str) -> Result<()> {
    let case = case::get(tx, case_id)?;
    let item = catalogue::item_by_code(tx, case.catalogue_version_id, code, "code")?;
    let id: i64 = tx
        .row(
            "SELECT id FROM case_tag WHERE case_id = ?1 AND item_id = ?2",
            params![case_id, item.id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| {
            Error::invalid(
                "code",
                format!("{} is not tagged with {}", case.reference, item.code),
            )
        })?;
    let before = audit::snapshot(tx, "case_tag", id)?;
    tx.prepare_cached("DELETE FROM case_tag WHERE id = ?1")?
        .execute([id])?;
    audit::record(tx, stamp, "case_tag", id, before, None)?;
    Ok(())
}

pub fn tags(conn: &Connection, case_id: i64) -> Result<Vec<Tag>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.code, i.kind, i.title, t.note FROM case_tag t JOIN catalogue_item i ON i.id = t.item_id
         WHERE t.case_id = ?1 ORDER BY i.position",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        let kind: String = r.get("kind")?;
        Ok((r.get("code")?, kind, r.get("title")?, r.get("note")?))
    })?;
    rows.map(|row| {
        let (code, kind, title, note) = row?;
        Ok(Tag {
            code,
            kind: ItemKind::parse(&kind).unwrap_or(ItemKind::Responsibility),
            title,
            note,
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
    tx: &Transaction<'_>,
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
    let existing: Option<i64> = tx
        .row(
            "SELECT id FROM capacity_answer WHERE case_id = ?1 AND item_id = ?2",
            params![case_id, item.id],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(id) => {
            let before = audit::snapshot(tx, "capacity_answer", id)?;
            tx.prepare_cached(
                "UPDATE capacity_answer SET answer = :answer, note = :note WHERE id = :id",
            )?
            .execute(named_params! {
                ":id": id,
                ":answer": answer,
                ":note": note,
            })?;
            audit::record(tx, stamp, "capacity_answer", id, before, None)?;
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO capacity_answer (case_id, item_id, answer, note)
                 VALUES (:case_id, :item_id, :answer, :note)",
            )?
            .execute(named_params! {
                ":case_id": case_id,
                ":item_id": item.id,
                ":answer": answer,
                ":note": note,
            })?;
            audit::record(
                tx,
                stamp,
                "capacity_answer",
                tx.last_insert_rowid(),
                None,
                None,
            )?;
        }
    }
    Ok(())
}

/// Records the officer's determination and reasons. Reasons are required unless undetermined.
pub fn determine(
    tx: &Transaction<'_>,
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
    tx.prepare_cached(
        "UPDATE cases SET capacity_determination = :determination, capacity_reasons = :reasons,
                capacity_determined_by = :determined_by, capacity_determined_at = :determined_at
         WHERE id = :id",
    )?
    .execute(named_params! {
        ":id": case_id,
        ":determination": determination,
        ":reasons": reasons,
        ":determined_by": by,
        ":determined_at": at,
    })?;
    audit::record(tx, stamp, "cases", case_id, Some(before), None)?;
    Ok(())
}

pub fn capacity(conn: &Connection, case_id: i64) -> Result<Capacity> {
    let case = case::get(conn, case_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT i.code, i.title, i.text, a.answer, a.note FROM catalogue_item i
         LEFT JOIN capacity_answer a ON a.item_id = i.id AND a.case_id = ?1
         WHERE i.version_id = ?2 AND i.kind = 'capacity_indicator' ORDER BY i.position",
    )?;
    let indicators = stmt
        .query_map(params![case_id, case.catalogue_version_id], |r| {
            Ok(Indicator {
                code: r.get("code")?,
                title: r.get("title")?,
                text: r.get("text")?,
                answer: r.get("answer")?,
                note: r.get("note")?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let counts = count(&indicators);
    let (reasons, by, at): (Option<String>, Option<String>, Option<String>) = conn.prepare_cached("SELECT capacity_reasons, capacity_determined_by, capacity_determined_at FROM cases WHERE id = ?1")?.query_row([case_id],
        |r| {
            Ok((
                r.get("capacity_reasons")?,
                r.get("capacity_determined_by")?,
                r.get("capacity_determined_at")?,
            ))
        })?;
    Ok(Capacity {
        indicators,
        counts,
        determination: case.capacity_determination,
        reasons,
        determined_by: by,
        determined_at: at,
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
