//! Full-text search over each case's reference, councillor, summary, post text and the officers'
//! notes: SQLite's FTS5 in a desktop file, a weighted `tsvector` with English stemming on the team
//! server. The index row for a case is rewritten whenever anything it holds changes.

use serde::Serialize;

use crate::sql::{Dialect, Sql};
use crate::{evidence, sql_params, Result};

/// Rewrites the index rows of every case touched in this transaction (listed by
/// `audit::record` in `temp.touched_case`), once each ([`Db::write`]
/// calls it before committing).
///
/// [`Db::write`]: crate::Db::write
pub(crate) fn reindex_touched(tx: &impl Sql) -> Result<()> {
    let ids: Vec<i64> = tx
        .rows("SELECT id FROM touched_case", &[])?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
    for id in ids {
        index_case(tx, id)?;
    }
    tx.run("DELETE FROM touched_case", &[])?;
    Ok(())
}

fn index_case(conn: &impl Sql, case_id: i64) -> Result<()> {
    let row = conn.row_opt(
        "SELECT k.reference, c.name || ' ' || c.council AS councillor, k.summary,
                k.capacity_reasons
         FROM cases k JOIN councillor c ON c.id = k.councillor_id WHERE k.id = ?1",
        &sql_params![case_id],
    )?;
    conn.run(
        "DELETE FROM case_search WHERE rowid = ?1",
        &sql_params![case_id],
    )?;
    let Some(row) = row else {
        return Ok(());
    };
    let post_text = evidence::post_texts(conn, case_id)?.join("\n");
    let mut notes: Vec<String> = conn
        .rows(
            "SELECT note FROM case_tag WHERE case_id = ?1 AND note IS NOT NULL
             UNION ALL SELECT note FROM capacity_answer WHERE case_id = ?1 AND note IS NOT NULL
             UNION ALL SELECT description FROM evidence WHERE case_id = ?1 AND description IS NOT NULL
             UNION ALL SELECT reason FROM stage_event WHERE case_id = ?1 AND reason IS NOT NULL
             UNION ALL SELECT views FROM ip_consultation WHERE case_id = ?1
             UNION ALL SELECT body FROM case_note WHERE case_id = ?1",
            &sql_params![case_id],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
    notes.extend(row.get::<Option<String>>("capacity_reasons")?);
    conn.run(
        "INSERT INTO case_search (rowid, reference, councillor, summary, post_text, notes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &sql_params![
            case_id,
            row.get::<String>("reference")?,
            row.get::<String>("councillor")?,
            row.get::<String>("summary")?,
            post_text,
            notes.join("\n")
        ],
    )?;
    Ok(())
}

/// True when the index does not hold exactly one row per case (e.g. after the migration that
/// created it ran on a database that already had cases). Asked on the open after a migration and
/// by `verify` (every other open asks [`newest_missing`]), so it counts FTS5's
/// own table of one row per indexed case (`case_search_docsize`, a plain table SQLite counts from
/// its b-tree) rather than `count(*)` on the index itself, which reads every indexed row.
pub fn needs_rebuild(conn: &impl Sql) -> Result<bool> {
    let indexed = match conn.dialect() {
        Dialect::Sqlite => "case_search_docsize",
        Dialect::Postgres => "case_search",
    };
    let r = conn.row(
        &format!("SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM {indexed})"),
        &[],
    )?;
    Ok(r.get::<i64>(0)? != r.get::<i64>(1)?)
}

/// A quick look, asked on every open: whether the newest case is missing from the index (as after
/// a migration created it on a database that already had cases). Two b-tree lookups, where
/// [`needs_rebuild`] counts every row; `verify` and the open after a migration count.
pub fn newest_missing(conn: &impl Sql) -> Result<bool> {
    conn.value(
        match conn.dialect() {
            Dialect::Sqlite => {
                "SELECT (SELECT max(id) FROM cases) IS NOT (SELECT max(id) FROM case_search_docsize)"
            }
            Dialect::Postgres => {
                "SELECT (SELECT max(id) FROM cases) IS DISTINCT FROM (SELECT max(rowid) FROM case_search)"
            }
        },
        &[],
    )
}

pub fn rebuild_all(tx: &impl Sql) -> Result<()> {
    tx.run("DELETE FROM case_search", &[])?;
    let ids: Vec<i64> = tx
        .rows("SELECT id FROM cases", &[])?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
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

pub use casebook_domain::text::{fts_query, ts_query};

/// Cases matching `input`, best first.
pub fn search(conn: &impl Sql, input: &str, limit: usize) -> Result<Vec<Hit>> {
    let (sql, q) = match conn.dialect() {
        // Ranked through FTS5's `rank` column (the weights given by `rank MATCH`), so FTS5 hands
        // over the matches best first and stops at the limit: ordering by a bm25() call instead
        // sorts every match and makes a snippet for each.
        Dialect::Sqlite => (
            "SELECT k.reference, k.received_on, c.name AS councillor, k.summary,
                    snippet(case_search, -1, '[', ']', '…', 12) AS snippet
             FROM case_search s JOIN cases k ON k.id = s.rowid
             JOIN councillor c ON c.id = k.councillor_id
             WHERE case_search MATCH ?1 AND s.rank MATCH 'bm25(10.0, 5.0, 2.0, 2.0, 1.0)'
             ORDER BY s.rank LIMIT ?2",
            fts_query(input),
        ),
        // The weights A-D the index gives each field; a snippet of about 12 words around them.
        Dialect::Postgres => (
            "SELECT k.reference, k.received_on, c.name AS councillor, k.summary,
                    ts_headline('english',
                        concat_ws(' ', s.reference, s.councillor, s.summary, s.post_text, s.notes),
                        q, 'StartSel=[, StopSel=], MaxWords=12, MinWords=4, MaxFragments=1,
                            FragmentDelimiter=…') AS snippet
             FROM case_search s JOIN cases k ON k.id = s.rowid
             JOIN councillor c ON c.id = k.councillor_id,
             to_tsquery('english', ?1) q
             WHERE s.words @@ q
             ORDER BY ts_rank(s.words, q) DESC, k.id LIMIT ?2",
            ts_query(input),
        ),
    };
    let Some(q) = q else {
        return Ok(Vec::new());
    };
    conn.rows(sql, &sql_params![q, limit as i64])?
        .iter()
        .map(|r| {
            Ok(Hit {
                reference: r.get("reference")?,
                received_on: r.get("received_on")?,
                councillor: r.get("councillor")?,
                summary: r.get("summary")?,
                snippet: r.get("snippet")?,
            })
        })
        .collect()
}
