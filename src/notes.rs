//! The officer's notes on a case, written in Markdown. The text is kept exactly as written; it is
//! shown as HTML rendered with pulldown-cmark and cleaned by ammonia (no scripts, no event
//! handlers, no `javascript:` links, no images or other remote content).

use std::collections::HashSet;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::{audit, case, search, text, Error, Result, Stamp, Transaction};

/// Longest note accepted (characters of Markdown).
pub const MAX_NOTE: usize = 100_000;

#[derive(Debug, Clone, Serialize)]
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

/// Markdown → HTML that is safe to put in a page: only text formatting, lists, quotes, tables,
/// code and links to http(s) or mailto addresses survive.
pub fn render(markdown: &str) -> String {
    let parser = pulldown_cmark::Parser::new_ext(
        markdown,
        pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH,
    );
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    let tags: HashSet<&str> = [
        "p",
        "br",
        "strong",
        "em",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "a",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ]
    .into_iter()
    .collect();
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&html)
        .to_string()
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    let body: String = r.get(2)?;
    Ok(Note {
        id: r.get(0)?,
        case_id: r.get(1)?,
        html: render(&body),
        body,
        author: r.get(3)?,
        written_at: r.get(4)?,
    })
}

const SELECT: &str = "SELECT id, case_id, body, author, written_at FROM case_note";

pub fn list(conn: &Connection, case_id: i64) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE case_id = ?1 ORDER BY id"))?;
    let rows = stmt.query_map([case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get(conn: &Connection, id: i64) -> Result<Note> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("note", id.to_string()))
}

/// Adds a note to case `case_id`.
pub fn add(tx: &Transaction<'_>, stamp: &Stamp, case_id: i64, body: &str) -> Result<Note> {
    case::get(tx, case_id)?;
    let body = text::required("note", body, MAX_NOTE)?;
    tx.execute(
        "INSERT INTO case_note (case_id, body, author, written_at) VALUES (?1, ?2, ?3, ?4)",
        params![case_id, body, stamp.actor, stamp.at_text()],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, stamp, "case_note", id, None, None)?;
    search::reindex_case(tx, case_id)?;
    get(tx, id)
}

/// Rewrites note `id`; the audit trail keeps what it said before.
pub fn edit(tx: &Transaction<'_>, stamp: &Stamp, id: i64, body: &str) -> Result<Note> {
    let note = get(tx, id)?;
    let body = text::required("note", body, MAX_NOTE)?;
    let before = audit::snapshot(tx, "case_note", id)?;
    tx.execute(
        "UPDATE case_note SET body = ?2 WHERE id = ?1",
        params![id, body],
    )?;
    audit::record(tx, stamp, "case_note", id, before, None)?;
    search::reindex_case(tx, note.case_id)?;
    get(tx, id)
}
