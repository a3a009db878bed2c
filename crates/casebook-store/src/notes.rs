//! The officer's notes on a case, written in Markdown. The text is kept exactly as written; it is
//! shown as HTML rendered with pulldown-cmark and cleaned by ammonia (no scripts, no event
//! handlers, no `javascript:` links, no images or other remote content).

use rusqlite::{named_params, params, Connection, OptionalExtension};
use serde::Serialize;

pub use casebook_domain::notes::{render, MAX_NESTING, MAX_NOTE};

use crate::{audit, case, text, Error, Result, Stamp, Transaction};

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

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
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

pub fn list(conn: &Connection, case_id: i64) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE case_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get(conn: &Connection, id: i64) -> Result<Note> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("note", id.to_string()))
}

/// Adds a note to case `case_id`.
pub fn add(tx: &Transaction<'_>, stamp: &Stamp, case_id: i64, body: &str) -> Result<Note> {
    case::get(tx, case_id)?;
    let body = text::required("note", body, MAX_NOTE)?;
    tx.prepare_cached(
        "INSERT INTO case_note (case_id, body, author, written_at)
         VALUES (:case_id, :body, :author, :written_at)",
    )?
    .execute(named_params! {
        ":case_id": case_id,
        ":body": body,
        ":author": stamp.actor,
        ":written_at": stamp.at_text(),
    })?;
    let id = tx.last_insert_rowid();
    audit::record(tx, stamp, "case_note", id, None, None)?;
    get(tx, id)
}

/// Rewrites note `id`; the audit trail keeps what it said before.
pub fn edit(tx: &Transaction<'_>, stamp: &Stamp, id: i64, body: &str) -> Result<Note> {
    get(tx, id)?;
    let body = text::required("note", body, MAX_NOTE)?;
    let before = audit::snapshot(tx, "case_note", id)?;
    tx.prepare_cached("UPDATE case_note SET body = ?2 WHERE id = ?1")?
        .execute(params![id, body])?;
    audit::record(tx, stamp, "case_note", id, before, None)?;
    get(tx, id)
}
