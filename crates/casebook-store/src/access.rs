//! The access log: every look at personal data (a case opened, an evidence item viewed or
//! exported, a paper that names people, a search), who made it, when and from where. It is
//! append-only and hash-chained like the audit trail, in a chain of its own.

use chrono::NaiveDate;
use rusqlite::{named_params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

pub use casebook_domain::officer::Look;

use crate::audit::{chain_hash, timestamp, GENESIS};
use crate::{Result, Stamp};

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
    pub prev_hash: String,
    pub hash: String,
}

impl Access {
    /// The hash this entry must carry, given its fields and the previous entry's hash.
    pub fn compute_hash(&self) -> String {
        chain_hash(&[
            self.prev_hash.as_str(),
            &self.seq.to_string(),
            &self.at,
            &self.officer_id.to_string(),
            &self.via,
            &self.action,
            self.reference.as_deref().unwrap_or(""),
            &self.detail,
        ])
    }
}

/// Records that the officer of `stamp` made `look` (at case `reference`, if one; `detail` says
/// at what).
pub fn record(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    look: Look,
    reference: Option<&str>,
    detail: &str,
) -> Result<()> {
    let officer_id = stamp.officer_id()?;
    let last: Option<(i64, String)> = tx
        .prepare_cached("SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
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
        prev_hash,
        hash: String::new(),
    };
    e.hash = e.compute_hash();
    tx.prepare_cached(
        "INSERT INTO access_log (seq, at, officer_id, via, action, reference, detail, prev_hash,
                                 hash)
         VALUES (:seq, :at, :officer_id, :via, :action, :reference, :detail, :prev_hash, :hash)",
    )?
    .execute(named_params! {
        ":seq": e.seq, ":at": e.at, ":officer_id": e.officer_id, ":via": e.via,
        ":action": e.action, ":reference": e.reference, ":detail": e.detail,
        ":prev_hash": e.prev_hash, ":hash": e.hash,
    })?;
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
pub fn list(conn: &Connection, filter: &Filter) -> Result<Vec<Access>> {
    let from = filter.from.map(|d| format!("{d}T00:00:00Z"));
    let to = filter.to.map(|d| format!("{d}T23:59:59Z"));
    let mut stmt = conn.prepare_cached(
        "SELECT a.seq, a.at, a.officer_id, o.name AS officer, a.via, a.action, a.reference,
                a.detail, a.prev_hash, a.hash
         FROM access_log a JOIN officer o ON o.id = a.officer_id
         WHERE (:reference IS NULL OR a.reference = :reference)
           AND (:officer IS NULL OR a.officer_id = :officer)
           AND (:from IS NULL OR a.at >= :from) AND (:to IS NULL OR a.at <= :to)
         ORDER BY a.seq",
    )?;
    let rows = stmt.query_map(
        named_params! {
            ":reference": filter.reference, ":officer": filter.officer, ":from": from, ":to": to,
        },
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Access> {
    Ok(Access {
        seq: r.get("seq")?,
        at: r.get("at")?,
        officer_id: r.get("officer_id")?,
        officer: r.get("officer")?,
        via: r.get("via")?,
        action: r.get("action")?,
        reference: r.get("reference")?,
        detail: r.get("detail")?,
        prev_hash: r.get("prev_hash")?,
        hash: r.get("hash")?,
    })
}
