//! Disposal under the retention schedule: a closed case's personal data removed in one
//! transaction, leaving its anonymised statistical record (reference, dates, council, platform,
//! complainant type, tags, capacity determination, decision and outcome, links) so earlier
//! annual figures can still be made, a tombstone per destroyed item with its SHA-256, and the
//! disposal record itself, audited, which the erased audit and access-log entries point at.
//!
//! What is destroyed: the complainant's name, contact details and confidentiality reason, the
//! summary, the post's link and time, capacity reasons, every evidence record and its bytes and
//! thumbnail (bytes shared with a case not disposed of stay), notes, tag notes, stage reasons,
//! pause notes, Independent Person consultations, the confidentiality decision, publication and
//! guidance-gap notes, capacity answers, holds and extensions, and the content of the audit and
//! access-log entries about the case. The councillor is replaced on the record by a stand-in
//! numbered per councillor (see `councillor_pseudonym`), so the figures by council and of repeat
//! subjects add up as before.

use std::collections::BTreeSet;

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::audit::{self, sha256_hex};
use crate::sql::{Dialect, Param, Sql};
pub use crate::tombstone::{tombstones, Tombstone};
use crate::{access, blob, case, retention, search, sql_params, text, Error, Result, Stamp};

/// One case a disposal covered, as its record lists it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export, rename = "DisposedCase")]
pub struct DisposedCase {
    pub reference: String,
    pub closed_on: Option<String>,
    pub ending: Option<String>,
    pub rule: Option<String>,
    pub review_on: Option<String>,
    /// Disposed of before its review date (an accepted erasure request, say).
    pub early: bool,
}

/// A disposal, as its certificate shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "Disposal")]
pub struct Certificate {
    pub id: i64,
    /// DC-2026-001
    pub certificate: String,
    pub disposed_at: String,
    pub authorised_by: String,
    pub reason: String,
    pub early: bool,
    pub cases: Vec<DisposedCase>,
    pub tombstones: Vec<Tombstone>,
    /// How many audit and access-log entries had their content erased.
    pub audit_entries: usize,
    pub access_entries: usize,
}

/// Disposes of the personal data of the closed cases `references`, for `reason`, as the officer
/// of `stamp` (the Monitoring Officer or a Deputy). A case before its review date needs `early`.
/// All or nothing: any case refused refuses the lot, and nothing is changed.
pub fn dispose(
    tx: &impl Sql,
    stamp: &Stamp,
    references: &[String],
    reason: &str,
    early: bool,
) -> Result<Certificate> {
    let officer_id = stamp.officer_id()?;
    if !stamp.role.is_some_and(|r| r.may_manage_officers()) {
        return Err(Error::invalid(
            "actor",
            format!(
                "{} may not authorise a disposal: only the Monitoring Officer or a Deputy may",
                stamp.actor
            ),
        ));
    }
    let reason = text::required("reason", reason, 1000)?;
    if references.is_empty() {
        return Err(Error::invalid(
            "reference",
            "name at least one case to dispose of",
        ));
    }
    let today = stamp.at.date_naive();
    let mut chosen = Vec::new();
    let mut seen = BTreeSet::new();
    for r in references {
        let k = case::by_reference(tx, r)?;
        if !seen.insert(k.id) {
            continue;
        }
        let review = retention::review(tx, k.id, today)?;
        if let Some(why) = &review.blocked {
            return Err(Error::invalid(
                "reference",
                format!("{} cannot be disposed of: {why}", review.reference),
            ));
        }
        if !review.due && !early {
            return Err(Error::invalid(
                "early",
                format!(
                    "{} is not due for review until {}: disposing of it before then needs \
                     --early and a reason (an accepted erasure request, say)",
                    review.reference,
                    review.review_on.as_deref().unwrap_or("its review date")
                ),
            ));
        }
        chosen.push((k, review));
    }

    let mut audit_seqs = BTreeSet::new();
    let mut access_seqs = BTreeSet::new();
    for (k, _) in &chosen {
        audit_seqs.extend(audit::for_case(tx, k.id)?.into_iter().map(|e| e.seq));
        access_seqs.extend(access::entries_at(tx, &k.reference)?);
    }
    let cases: Vec<DisposedCase> = chosen
        .iter()
        .map(|(_, r)| DisposedCase {
            reference: r.reference.clone(),
            closed_on: r.closed_on.clone(),
            ending: r.ending.map(|e| e.word().to_string()),
            rule: r.rule.clone(),
            review_on: r.review_on.clone(),
            early: !r.due,
        })
        .collect();
    let any_early = cases.iter().any(|c| c.early);
    let year = today.year();
    let n: i64 = tx.value(
        "SELECT count(*) FROM disposal WHERE certificate LIKE ?1",
        &sql_params![format!("DC-{year}-%")],
    )?;
    let certificate = format!("DC-{year}-{:03}", n + 1);
    let disposal_id = tx.insert(
        "INSERT INTO disposal (certificate, disposed_at, officer_id, authorised_by, reason, early,
                               cases, audit_entries, access_entries)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        &sql_params![
            &certificate,
            stamp.at_text(),
            officer_id,
            &stamp.actor,
            &reason,
            any_early,
            json(&cases),
            json(&audit_seqs),
            json(&access_seqs),
        ],
    )?;
    let mut scrub = Scrub {
        tx,
        stamp,
        disposal_id,
        certificate: &certificate,
    };
    for (k, _) in &chosen {
        scrub.case(k.id, &k.reference)?;
    }
    audit::record(tx, stamp, "disposal", disposal_id, None, Some(&reason))?;
    audit::erase(tx, &audit_seqs.into_iter().collect::<Vec<_>>(), disposal_id)?;
    access::erase(
        tx,
        &access_seqs.into_iter().collect::<Vec<_>>(),
        disposal_id,
    )?;
    // The index's old terms go too: reindex now, then merge its segments so no page keeps them.
    crate::progress::refresh_touched(tx)?;
    search::reindex_touched(tx)?;
    if tx.dialect() == Dialect::Sqlite {
        tx.run(
            "INSERT INTO case_search (case_search) VALUES ('optimize')",
            &[],
        )?;
    }
    get(tx, &certificate)
}

/// One of the disposal's lists, as its JSON column holds it.
fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// The destruction of one case's personal data, within a disposal.
struct Scrub<'a, S: Sql> {
    tx: &'a S,
    stamp: &'a Stamp,
    disposal_id: i64,
    certificate: &'a str,
}

/// Parts of a case deleted whole on disposal, with how a tombstone names each.
const DELETED_PARTS: &[(&str, &str)] = &[
    ("case_note", "note"),
    ("ip_consultation", "Independent Person consultation"),
    ("confidentiality_decision", "confidentiality decision"),
    ("case_publication", "publication summary"),
    ("guidance_gap", "guidance gap note"),
    ("capacity_answer", "capacity answer"),
    ("retention_extension", "retention extension"),
    ("legal_hold", "lifted legal hold"),
];

/// Free-text columns of parts kept (as part of the statistical record) but emptied.
const EMPTIED: &[(&str, &str, &str)] = &[
    ("case_tag", "note", "tag note"),
    ("stage_event", "reason", "procedure step reason"),
    ("clock_pause", "note", "clock pause note"),
    (
        "councillor_notification",
        "comments",
        "councillor's comments",
    ),
    ("investigation", "investigator", "investigator's name"),
    ("investigation_cost", "note", "investigation cost note"),
    ("review_request", "grounds", "grounds for review"),
    ("review_request", "reviewer", "reviewer's name"),
    ("review_request", "reasons", "review decision's reasons"),
    ("letter", "recipient", "letter's recipient"),
];

/// Links from parts kept to evidence and documents destroyed: emptied first (and audited), so
/// nothing kept points at what is gone.
const UNLINKED: &[(&str, &str)] = &[
    ("councillor_notification", "comments_evidence_id"),
    ("investigation", "final_report_document_id"),
    ("letter", "document_id"),
];

impl<S: Sql> Scrub<'_, S> {
    fn tombstone(
        &self,
        reference: &str,
        item: &str,
        evidence: Option<i64>,
        bytes: &[u8],
    ) -> Result<()> {
        let held = (sha256_hex(bytes), bytes.len() as u64);
        self.stone(reference, item, (evidence, None), held)
    }

    /// A tombstone for an evidence item or a case document (`of`), or neither.
    fn stone(
        &self,
        reference: &str,
        item: &str,
        of: (Option<i64>, Option<i64>),
        (sha256, size): (String, u64),
    ) -> Result<()> {
        self.tx.run(
            "INSERT INTO tombstone (disposal_id, reference, item, evidence_id, document_id,
                                    sha256, size)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            &sql_params![
                self.disposal_id,
                reference,
                item,
                of.0,
                of.1,
                sha256,
                size as i64
            ],
        )?;
        Ok(())
    }

    /// The hash and length of the bytes kept as `sha`, read again as they are destroyed (a
    /// video a part at a time); of no bytes if none are kept.
    fn held(&self, sha: &str) -> Result<(String, u64)> {
        match blob::rehash(self.tx, sha) {
            Err(Error::NotFound { .. }) => Ok((sha256_hex(b""), 0)),
            held => held,
        }
    }

    fn unlink(&self, case_id: i64) -> Result<()> {
        for (table, column) in UNLINKED {
            // Table and column names come from the fixed list above.
            let ids = self.column(
                &format!("SELECT id FROM {table} WHERE case_id = ?1 AND {column} IS NOT NULL"),
                case_id,
            )?;
            for id in ids {
                self.tx.run(
                    &format!("UPDATE {table} SET {column} = NULL WHERE id = ?1"),
                    &[Param::Int(id)],
                )?;
                self.recorded(table, id)?;
            }
        }
        Ok(())
    }

    /// The case's documents (letters, reports): each tombstoned, then deleted; their hashes.
    fn documents(&self, case_id: i64, reference: &str) -> Result<Vec<String>> {
        let docs: Vec<(i64, String, String, String)> = self
            .tx
            .rows(
                "SELECT id, title, sha256, file_name FROM case_document WHERE case_id = ?1
                 ORDER BY id DESC",
                &[Param::Int(case_id)],
            )?
            .iter()
            .map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .collect::<Result<_>>()?;
        let mut hashes = Vec::new();
        for (id, title, sha, file_name) in docs {
            let held = self.held(&sha)?;
            // The file's type from its extension (its name could name someone; it is not kept).
            let kind = std::path::Path::new(&file_name)
                .extension()
                .map(|e| e.to_string_lossy().to_uppercase())
                .unwrap_or_else(|| "file".into());
            self.stone(
                reference,
                &format!("case document {id} ({title}, {kind})"),
                (None, Some(id)),
                held,
            )?;
            self.tx
                .run("DELETE FROM case_document WHERE id = ?1", &[Param::Int(id)])?;
            self.recorded("case_document", id)?;
            hashes.push(sha);
        }
        Ok(hashes)
    }

    fn recorded(&self, entity: &str, id: i64) -> Result<()> {
        audit::record_disposal(self.tx, self.stamp, entity, id, self.certificate)
    }

    fn ids(&self, table: &str, case_id: i64) -> Result<Vec<i64>> {
        // Table names come from the fixed lists above.
        self.column(
            &format!("SELECT id FROM {table} WHERE case_id = ?1 ORDER BY id DESC"),
            case_id,
        )
    }

    /// The ids `sql` (whose `?1` is the case) finds.
    fn column(&self, sql: &str, case_id: i64) -> Result<Vec<i64>> {
        self.tx
            .rows(sql, &[Param::Int(case_id)])?
            .iter()
            .map(|r| r.get(0))
            .collect()
    }

    fn case(&mut self, case_id: i64, reference: &str) -> Result<()> {
        let tx = self.tx;
        self.unlink(case_id)?;
        // Evidence, newest first (a redacted copy before its original).
        let items: Vec<(i64, String, String, String)> = tx
            .rows(
                "SELECT id, kind, sha256, media_type FROM evidence WHERE case_id = ?1
                 ORDER BY id DESC",
                &[Param::Int(case_id)],
            )?
            .iter()
            .map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .collect::<Result<_>>()?;
        let mut hashes = BTreeSet::new();
        for (id, kind, sha, media_type) in &items {
            let held = self.held(sha)?;
            let what = if kind == "post_text" {
                "post text"
            } else {
                "evidence file"
            };
            self.stone(
                reference,
                &format!("{what} (evidence {id}, {media_type})"),
                (Some(*id), None),
                held,
            )?;
            tx.run("DELETE FROM evidence WHERE id = ?1", &[Param::Int(*id)])?;
            self.recorded("evidence", *id)?;
            hashes.insert(sha.clone());
        }
        hashes.extend(self.documents(case_id, reference)?);
        for sha in hashes {
            let still_used: bool = tx.value(
                "SELECT EXISTS (SELECT 1 FROM evidence WHERE sha256 = ?1)
                     OR EXISTS (SELECT 1 FROM case_document WHERE sha256 = ?1)",
                &[Param::from(&sha)],
            )?;
            if !still_used {
                tx.run(
                    "DELETE FROM thumbnail WHERE sha256 = ?1",
                    &[Param::from(&sha)],
                )?;
                blob::delete(tx, &sha)?;
            }
        }
        for (table, label) in DELETED_PARTS {
            for id in self.ids(table, case_id)? {
                let before = audit::snapshot(tx, table, id)?.unwrap_or_default();
                let held = serde_json::Value::Object(before).to_string();
                self.tombstone(reference, &format!("{label} {id}"), None, held.as_bytes())?;
                tx.run(
                    &format!("DELETE FROM {table} WHERE id = ?1"),
                    &[Param::Int(id)],
                )?;
                self.recorded(table, id)?;
            }
        }
        for (table, column, label) in EMPTIED {
            let rows: Vec<(i64, String)> = tx
                .rows(
                    &format!(
                        "SELECT id, {column} FROM {table}
                         WHERE case_id = ?1 AND {column} IS NOT NULL"
                    ),
                    &[Param::Int(case_id)],
                )?
                .iter()
                .map(|r| Ok((r.get(0)?, r.get(1)?)))
                .collect::<Result<_>>()?;
            for (id, value) in rows {
                self.tombstone(
                    reference,
                    &format!("{label} ({table} {id})"),
                    None,
                    value.as_bytes(),
                )?;
                tx.run(
                    &format!("UPDATE {table} SET {column} = NULL WHERE id = ?1"),
                    &[Param::Int(id)],
                )?;
                self.recorded(table, id)?;
            }
        }
        tx.run(
            "DELETE FROM sar_hit WHERE case_id = ?1",
            &[Param::Int(case_id)],
        )?;

        let k = audit::snapshot(tx, "cases", case_id)?.unwrap_or_default();
        let field = |name: &str| k.get(name).cloned().unwrap_or(serde_json::Value::Null);
        let details = json!({
            "complainant_name": field("complainant_name"),
            "complainant_contact": field("complainant_contact"),
            "confidentiality_reason": field("confidentiality_reason"),
        });
        self.tombstone(
            reference,
            "complainant's details",
            None,
            details.to_string().as_bytes(),
        )?;
        let about = json!({
            "summary": field("summary"), "post_url": field("post_url"), "posted_at": field("posted_at"),
            "capacity_reasons": field("capacity_reasons"),
            "capacity_determined_by": field("capacity_determined_by"),
        });
        self.tombstone(
            reference,
            "summary, post link and capacity reasons",
            None,
            about.to_string().as_bytes(),
        )?;
        let councillor_id = field("councillor_id").as_i64().unwrap_or_default();
        let stand_in = self.stand_in(councillor_id)?;
        tx.run(
            "UPDATE cases SET complainant_name = '', complainant_contact = NULL,
                 confidentiality_reason = NULL, councillor_id = ?2, post_url = NULL,
                 posted_at = NULL, summary = '', capacity_reasons = NULL,
                 capacity_determined_by = NULL, capacity_determined_at = NULL, disposal_id = ?3
             WHERE id = ?1",
            &sql_params![case_id, stand_in, self.disposal_id],
        )?;
        self.recorded("cases", case_id)
    }

    /// The councillor's stand-in on statistical records: one per councillor, numbered, in the
    /// same council.
    fn stand_in(&self, councillor_id: i64) -> Result<i64> {
        let tx = self.tx;
        if let Some(id) = tx.value_opt(
            "SELECT pseudonym_id FROM councillor_pseudonym WHERE councillor_id = ?1",
            &[Param::Int(councillor_id)],
        )? {
            return Ok(id);
        }
        let n: i64 = tx.value("SELECT count(*) + 1 FROM councillor_pseudonym", &[])?;
        let id = tx.insert(
            "INSERT INTO councillor (name, council, membership)
             SELECT ?2, council, membership FROM councillor WHERE id = ?1",
            &sql_params![councillor_id, format!("Disposed record {n}")],
        )?;
        audit::record(
            tx,
            self.stamp,
            "councillor",
            id,
            None,
            Some("stand-in on disposed records"),
        )?;
        tx.run(
            "INSERT INTO councillor_pseudonym (councillor_id, pseudonym_id) VALUES (?1, ?2)",
            &sql_params![councillor_id, id],
        )?;
        Ok(id)
    }
}

/// The disposal with this certificate number (or record number).
pub fn get(conn: &impl Sql, certificate: &str) -> Result<Certificate> {
    let key = certificate.trim();
    let sql = format!(
        "SELECT id, certificate, disposed_at, authorised_by, reason, early, cases,
                audit_entries, access_entries
         FROM disposal WHERE {} OR CAST(id AS TEXT) = ?1",
        conn.dialect().nocase_eq("certificate", "?1")
    );
    let mut row = conn
        .row_opt(&sql, &[Param::from(key)])?
        .ok_or_else(|| Error::not_found("disposal", text::shorten(key)))?
        .columns();
    let (id, certificate, disposed_at, authorised_by, reason): (
        i64,
        String,
        String,
        String,
        String,
    ) = (
        row.take()?,
        row.take()?,
        row.take()?,
        row.take()?,
        row.take()?,
    );
    let (early, cases, audit, access): (bool, String, String, String) =
        (row.take()?, row.take()?, row.take()?, row.take()?);
    let count = |list: &str| {
        serde_json::from_str::<Vec<i64>>(list)
            .map(|v| v.len())
            .unwrap_or(0)
    };
    Ok(Certificate {
        id,
        certificate,
        disposed_at,
        authorised_by,
        reason,
        early,
        cases: serde_json::from_str(&cases).unwrap_or_default(),
        tombstones: tombstones(conn, id)?,
        audit_entries: count(&audit),
        access_entries: count(&access),
    })
}

/// Every disposal, newest first.
pub fn list(conn: &impl Sql) -> Result<Vec<Certificate>> {
    let ids: Vec<String> = conn
        .rows("SELECT certificate FROM disposal ORDER BY id DESC", &[])?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
    ids.iter().map(|c| get(conn, c)).collect()
}

/// What `verify` checks entries against: each disposal's certificate and the audit and
/// access-log entries it lists.
pub struct Erasures {
    pub id: i64,
    pub certificate: String,
    pub audit: BTreeSet<i64>,
    pub access: BTreeSet<i64>,
}

pub fn erasures(conn: &impl Sql) -> Result<Vec<Erasures>> {
    conn.rows(
        "SELECT id, certificate, audit_entries, access_entries FROM disposal ORDER BY id",
        &[],
    )?
    .iter()
    .map(|r| {
        let list = |i: usize| -> Result<BTreeSet<i64>> {
            Ok(serde_json::from_str(&r.get::<String>(i)?).unwrap_or_default())
        };
        Ok(Erasures {
            id: r.get(0)?,
            certificate: r.get(1)?,
            audit: list(2)?,
            access: list(3)?,
        })
    })
    .collect()
}
