//! The access log: every look at personal data (a case opened, an evidence item viewed or
//! exported, a paper that names people, a search), who made it, when and from where. It is
//! append-only and hash-chained like the audit trail, in a chain of its own.

use chrono::NaiveDate;
use serde::Serialize;

pub use casebook_domain::officer::Look;

use crate::audit::{chain_hash, needs_reseal_of, reseal_chain, timestamp, Link, GENESIS};
use crate::sql::{Param, Row, Sql};
use crate::{sql_params, Error, Result, Stamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Access {
    pub seq: i64,
    pub at: String,
    pub officer_id: i64,
    /// The officer's name as the register has it.
    pub officer: String,
    /// `app` or `cli`.
    pub via: String,
    pub action: String,
    /// The case looked at, if the look was at one case.
    pub reference: Option<String>,
    /// What was looked at: the evidence item, the paper, the search words.
    pub detail: String,
    /// The hash of `detail` (the part that may hold personal data, erased under a disposal).
    pub content_hash: Option<String>,
    /// The hash a resealed entry carried before.
    pub legacy_hash: Option<String>,
    /// The disposal under which `detail` was erased.
    pub disposal_id: Option<i64>,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an entry's detail.
fn detail_hash(detail: &str) -> String {
    chain_hash(&[detail])
}

impl Access {
    /// The hash this entry must carry, given its fields and the previous entry's hash: over the
    /// hash of its detail, or (an entry never resealed) over the detail itself.
    pub fn compute_hash(&self) -> String {
        let seq = self.seq.to_string();
        let officer = self.officer_id.to_string();
        let mut parts = vec![
            self.prev_hash.as_str(),
            &seq,
            &self.at,
            &officer,
            &self.via,
            &self.action,
            self.reference.as_deref().unwrap_or(""),
        ];
        parts.push(self.content_hash.as_deref().unwrap_or(&self.detail));
        chain_hash(&parts)
    }

    /// Whether the detail is still there and is what the entry's content hash says.
    pub fn content_intact(&self) -> bool {
        self.content_hash
            .as_deref()
            .is_none_or(|h| h == detail_hash(&self.detail))
    }
}

/// Records that the officer of `stamp` made `look` (at case `reference`, if one; `detail` says
/// at what).
pub fn record(
    tx: &impl Sql,
    stamp: &Stamp,
    look: Look,
    reference: Option<&str>,
    detail: &str,
) -> Result<()> {
    let officer_id = stamp.officer_id()?;
    let last: Option<(i64, String)> = tx
        .row_opt(
            "SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1",
            &[],
        )?
        .map(|r| Ok::<_, Error>((r.get(0)?, r.get(1)?)))
        .transpose()?;
    let (prev_seq, prev_hash) = last.unwrap_or((0, GENESIS.to_string()));
    let mut e = Access {
        seq: prev_seq + 1,
        at: timestamp(stamp.at),
        officer_id,
        officer: stamp.actor.clone(),
        via: stamp.via.word().into(),
        action: look.word().into(),
        reference: reference.map(String::from),
        detail: detail.chars().take(500).collect(),
        content_hash: None,
        legacy_hash: None,
        disposal_id: None,
        prev_hash,
        hash: String::new(),
    };
    e.content_hash = Some(detail_hash(&e.detail));
    e.hash = e.compute_hash();
    tx.run(
        "INSERT INTO access_log (seq, at, officer_id, via, action, reference, detail,
                                 content_hash, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        &sql_params![
            e.seq,
            e.at,
            e.officer_id,
            e.via,
            e.action,
            e.reference,
            e.detail,
            e.content_hash,
            e.prev_hash,
            e.hash
        ],
    )?;
    Ok(())
}

/// Reseals a log written before content hashes (see [`crate::audit::reseal`]): each entry's
/// detail hashed and the chain rebuilt over those hashes, once the old chain checks out.
pub fn reseal(tx: &impl Sql) -> Result<usize> {
    reseal_chain(tx, "access_log", &list(tx, &Filter::default())?)
}

/// Whether some entries were written before content hashes.
pub fn needs_reseal(conn: &impl Sql) -> Result<bool> {
    needs_reseal_of(conn, "access_log")
}

impl Link for Access {
    fn seq(&self) -> i64 {
        self.seq
    }
    fn prev_hash(&self) -> &str {
        &self.prev_hash
    }
    fn hash(&self) -> &str {
        &self.hash
    }
    fn has_content_hash(&self) -> bool {
        self.content_hash.is_some()
    }
    fn first_design_hash(&self) -> String {
        // With no content hash, the hash is over the detail itself, as first designed.
        self.compute_hash()
    }
    fn sealed_after(&self, prev: &str) -> (String, String) {
        let mut sealed = self.clone();
        let content = detail_hash(&self.detail);
        sealed.content_hash = Some(content.clone());
        sealed.prev_hash = prev.to_string();
        (content, sealed.compute_hash())
    }
}

/// The numbers of the entries at case `reference`.
pub(crate) fn entries_at(conn: &impl Sql, reference: &str) -> Result<Vec<i64>> {
    conn.rows(
        "SELECT seq FROM access_log WHERE reference = ?1",
        &sql_params![reference],
    )?
    .iter()
    .map(|r| r.get(0))
    .collect()
}

/// Erases the detail of entries `seqs` under disposal `disposal_id` (which must list them).
pub(crate) fn erase(tx: &impl Sql, seqs: &[i64], disposal_id: i64) -> Result<()> {
    for seq in seqs {
        let erased = tx.run(
            "UPDATE access_log SET detail = '', disposal_id = ?2
             WHERE seq = ?1 AND disposal_id IS NULL AND content_hash IS NOT NULL",
            &sql_params![*seq, disposal_id],
        )?;
        if erased != 1 {
            return Err(Error::conflict(
                "access",
                format!("access log entry {seq} cannot be erased: it predates content hashes"),
            ));
        }
    }
    Ok(())
}

/// Which looks to list: all of them, or those at one case, by one officer, or between two days.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub reference: Option<String>,
    pub officer: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The looks `filter` selects, oldest first.
pub fn list(conn: &impl Sql, filter: &Filter) -> Result<Vec<Access>> {
    // Only the filters given are in the statement (PostgreSQL cannot tell the type of a
    // parameter that is only ever compared with NULL).
    let mut sql = String::from(
        "SELECT a.seq, a.at, a.officer_id, o.name AS officer, a.via, a.action, a.reference,
                a.detail, a.content_hash, a.legacy_hash, a.disposal_id, a.prev_hash, a.hash
         FROM access_log a JOIN officer o ON o.id = a.officer_id WHERE 1 = 1",
    );
    let mut params: Vec<Param<'_>> = Vec::new();
    let mut and = |clause: &str, p: Param<'static>| {
        params.push(p);
        sql.push_str(&format!(" AND {clause} ?{}", params.len()));
    };
    if let Some(r) = &filter.reference {
        and("a.reference =", Param::from(r.clone()));
    }
    if let Some(o) = filter.officer {
        and("a.officer_id =", Param::Int(o));
    }
    if let Some(d) = filter.from {
        and("a.at >=", Param::from(format!("{d}T00:00:00Z")));
    }
    if let Some(d) = filter.to {
        and("a.at <=", Param::from(format!("{d}T23:59:59Z")));
    }
    sql.push_str(" ORDER BY a.seq");
    conn.rows(&sql, &params)?.iter().map(from_row).collect()
}

fn from_row(r: &Row) -> Result<Access> {
    Ok(Access {
        seq: r.get("seq")?,
        at: r.get("at")?,
        officer_id: r.get("officer_id")?,
        officer: r.get("officer")?,
        via: r.get("via")?,
        action: r.get("action")?,
        reference: r.get("reference")?,
        detail: r.get("detail")?,
        content_hash: r.get("content_hash")?,
        legacy_hash: r.get("legacy_hash")?,
        disposal_id: r.get("disposal_id")?,
        prev_hash: r.get("prev_hash")?,
        hash: r.get("hash")?,
    })
}
