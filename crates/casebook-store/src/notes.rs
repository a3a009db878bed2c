//! The officer's notes on a case, written in Markdown. The text is kept exactly as written; it is
//! shown as HTML rendered with pulldown-cmark and cleaned by ammonia (no scripts, no event
//! handlers, no `javascript:` links, no images or other remote content).

use serde::Serialize;

pub use casebook_domain::notes::{render, MAX_NESTING, MAX_NOTE};

use crate::sql::{Row, Sql};
use crate::{audit, case, sql_params, text, Error, Result, Stamp};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Note {
    pub id: i64,
    pub case_id: i64,
    /// As written (Markdown).
    pub body: String,
    /// Safe HTML for display.
    pub html: String,
    pub author: String,
    pub written_at: String,
}

/// A note, each column named as [`from_row`] reads it.
const SELECT: &str = "SELECT id, case_id, body, author, written_at FROM case_note";

fn from_row(r: &Row) -> Result<Note> {
    let body: String = r.get("body")?;
    Ok(Note {
        id: r.get("id")?,
        case_id: r.get("case_id")?,
        html: render(&body),
        body,
        author: r.get("author")?,
        written_at: r.get("written_at")?,
    })
}

pub fn list(conn: &impl Sql, case_id: i64) -> Result<Vec<Note>> {
    conn.rows(
        &format!("{SELECT} WHERE case_id = ?1 ORDER BY id"),
        &sql_params![case_id],
    )?
    .iter()
    .map(from_row)
    .collect()
}

fn get(conn: &impl Sql, id: i64) -> Result<Note> {
    conn.row_opt(&format!("{SELECT} WHERE id = ?1"), &sql_params![id])?
        .map(|r| from_row(&r))
        .transpose()?
        .ok_or_else(|| Error::not_found("note", id.to_string()))
}

/// Adds a note to case `case_id`.
pub fn add(tx: &impl Sql, stamp: &Stamp, case_id: i64, body: &str) -> Result<Note> {
    case::get(tx, case_id)?;
    let body = text::required("note", body, MAX_NOTE)?;
    let id = tx.insert(
        "INSERT INTO case_note (case_id, body, author, written_at) VALUES (?1, ?2, ?3, ?4)",
        &sql_params![case_id, body, &stamp.actor, stamp.at_text()],
    )?;
    audit::record(tx, stamp, "case_note", id, None, None)?;
    get(tx, id)
}

/// Rewrites note `id`; the audit trail keeps what it said before.
pub fn edit(tx: &impl Sql, stamp: &Stamp, id: i64, body: &str) -> Result<Note> {
    get(tx, id)?;
    let body = text::required("note", body, MAX_NOTE)?;
    let before = audit::snapshot(tx, "case_note", id)?;
    tx.run(
        "UPDATE case_note SET body = ?2 WHERE id = ?1",
        &sql_params![id, body],
    )?;
    audit::record(tx, stamp, "case_note", id, before, None)?;
    get(tx, id)
}
