//! Full-text search (SQLite FTS5) over each case's reference, councillor, summary, post text and
//! the officers' notes. The index row for a case is rewritten whenever anything it holds changes.

use crate::cached::Cached;
use rusqlite::{named_params, params, Connection, Transaction};
use serde::Serialize;

use crate::{evidence, Result};

/// Rewrites the index rows of every case touched in this transaction (listed by
/// `audit::record` in `temp.touched_case`), once each ([`Db::write`]
/// calls it before committing).
///
/// [`Db::write`]: crate::Db::write
pub(crate) fn reindex_touched(tx: &Transaction<'_>) -> Result<()> {
    let ids: Vec<i64> = tx
        .prepare_cached("SELECT id FROM temp.touched_case")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        index_case(tx, id)?;
    }
    tx.prepare_cached("DELETE FROM temp.touched_case")?
        .execute([])?;
    Ok(())
}

fn index_case(conn: &Connection, case_id: i64) -> Result<()> {
    let row: Option<(String, String, String, Option<String>)> = conn
        .row(
            "SELECT k.reference, c.name || ' ' || c.council AS councillor, k.summary,
                    k.capacity_reasons
             FROM cases k JOIN councillor c ON c.id = k.councillor_id WHERE k.id = ?1",
            [case_id],
            |r| {
                Ok((
                    r.get("reference")?,
                    r.get("councillor")?,
                    r.get("summary")?,
                    r.get("capacity_reasons")?,
                ))
            },
        )
        .ok();
    conn.prepare_cached("DELETE FROM case_search WHERE rowid = ?1")?
        .execute([case_id])?;
    let Some((reference, councillor, summary, reasons)) = row else {
        return Ok(());
    };
    let post_text = evidence::post_texts(conn, case_id)?.join("\n");
    let mut notes: Vec<String> = conn
        .prepare_cached(
            "SELECT note FROM case_tag WHERE case_id = ?1 AND note IS NOT NULL
             UNION ALL SELECT note FROM capacity_answer WHERE case_id = ?1 AND note IS NOT NULL
             UNION ALL SELECT description FROM evidence WHERE case_id = ?1 AND description IS NOT NULL
             UNION ALL SELECT reason FROM stage_event WHERE case_id = ?1 AND reason IS NOT NULL
             UNION ALL SELECT views FROM ip_consultation WHERE case_id = ?1
             UNION ALL SELECT body FROM case_note WHERE case_id = ?1",
        )?
        .query_map([case_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    notes.extend(reasons);
    conn.prepare_cached(
        "INSERT INTO case_search (rowid, reference, councillor, summary, post_text, notes)
         VALUES (:rowid, :reference, :councillor, :summary, :post_text, :notes)",
    )?
    .execute(named_params! {
        ":rowid": case_id,
        ":reference": reference,
        ":councillor": councillor,
        ":summary": summary,
        ":post_text": post_text,
        ":notes": notes.join("\n"),
    })?;
    Ok(())
}

/// True when the index does not hold exactly one row per case (e.g. after the migration that
/// created it ran on a database that already had cases). Asked on the open after a migration and
/// by `verify` (every other open asks [`newest_missing`]), so it counts FTS5's
/// own table of one row per indexed case (`case_search_docsize`, a plain table SQLite counts from
/// its b-tree) rather than `count(*)` on the index itself, which reads every indexed row.
pub fn needs_rebuild(conn: &Connection) -> Result<bool> {
    let (cases, indexed): (i64, i64) = conn.row(
        "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM case_search_docsize)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(cases != indexed)
}

/// A quick look, asked on every open: whether the newest case is missing from the index (as after
/// a migration created it on a database that already had cases). Two b-tree lookups, where
/// [`needs_rebuild`] counts every row; `verify` and the open after a migration count.
pub fn newest_missing(conn: &Connection) -> Result<bool> {
    Ok(conn.row(
        "SELECT (SELECT max(id) FROM cases) IS NOT (SELECT max(id) FROM case_search_docsize)",
        [],
        |r| r.get(0),
    )?)
}

pub fn rebuild_all(tx: &Transaction<'_>) -> Result<()> {
    tx.prepare_cached("DELETE FROM case_search")?.execute([])?;
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM cases")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        index_case(tx, id)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub reference: String,
    pub received_on: String,
    pub councillor: String,
    pub summary: String,
    /// Where the words matched, with each match between `[` and `]`.
    pub snippet: String,
}

pub use casebook_domain::text::fts_query;

/// Cases matching `input`, best first.
pub fn search(conn: &Connection, input: &str, limit: usize) -> Result<Vec<Hit>> {
    let Some(q) = fts_query(input) else {
        return Ok(Vec::new());
    };
    // Ranked through FTS5's `rank` column (the weights given by `rank MATCH`), so FTS5 hands over
    // the matches best first and stops at the limit: ordering by a bm25() call instead sorts every
    // match and makes a snippet for each.
    let mut stmt = conn.prepare_cached(
        "SELECT k.reference, k.received_on, c.name AS councillor, k.summary,
                snippet(case_search, -1, '[', ']', '…', 12) AS snippet
         FROM case_search s JOIN cases k ON k.id = s.rowid JOIN councillor c ON c.id = k.councillor_id
         WHERE case_search MATCH ?1 AND s.rank MATCH 'bm25(10.0, 5.0, 2.0, 2.0, 1.0)'
         ORDER BY s.rank LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![q, limit as i64], |r| {
        Ok(Hit {
            reference: r.get("reference")?,
            received_on: r.get("received_on")?,
            councillor: r.get("councillor")?,
            summary: r.get("summary")?,
            snippet: r.get("snippet")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
