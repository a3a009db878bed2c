//! Integrity checking for `casebook verify`: SQLite's own checks, the audit hash chain, every
//! evidence blob re-hashed, and every audited record compared with the state the audit trail says
//! it should be in. Each problem is reported with where it is and what is wrong.

mod records;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::audit::{self, GENESIS};
use crate::disposal::Erasures;
use crate::sql::{Dialect, Param, Sql};
use crate::{access, blob, disposal, Result};

/// Checks each entry's content against the disposals: content erased only under a disposal that
/// lists the entry, content kept intact otherwise. Counts the entries rightly erased.
struct Erased<'a> {
    disposals: &'a [Erasures],
    count: usize,
    used: BTreeSet<i64>,
}

impl<'a> Erased<'a> {
    fn new(disposals: &'a [Erasures]) -> Erased<'a> {
        Erased {
            disposals,
            count: 0,
            used: BTreeSet::new(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn check(
        &mut self,
        seq: i64,
        disposal_id: Option<i64>,
        holds_content: bool,
        intact: bool,
        location: String,
        problems: &mut Vec<Problem>,
        listed: impl Fn(&Erasures) -> &BTreeSet<i64>,
    ) {
        let area = "retention";
        let detail = match disposal_id {
            None if intact => return,
            None => "its content has been changed or erased, and no disposal authorised it".into(),
            Some(d) => match self.disposals.iter().find(|x| x.id == d) {
                None => format!("says disposal {d} erased its content, but there is no such disposal"),
                Some(x) if !listed(x).contains(&seq) => format!(
                    "its content was erased, but disposal {} does not list it: an erasure no disposal authorised",
                    x.certificate
                ),
                Some(x) if holds_content => format!(
                    "is marked as erased under disposal {} but holds content",
                    x.certificate
                ),
                Some(_) => {
                    self.count += 1;
                    self.used.insert(d);
                    return;
                }
            },
        };
        problems.push(Problem {
            area,
            location,
            detail,
        });
    }

    fn certificates(&self) -> Vec<String> {
        self.disposals
            .iter()
            .filter(|d| self.used.contains(&d.id))
            .map(|d| d.certificate.clone())
            .collect()
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct Problem {
    /// database / audit_chain / evidence / record
    pub area: &'static str,
    /// Where: an audit entry number, an evidence item, a record.
    pub location: String,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "VerifyReport")]
pub struct Report {
    pub audit_entries: usize,
    pub evidence_items: usize,
    /// Case documents (letters, final reports), each checked against its bytes.
    pub documents: usize,
    pub blobs_rehashed: usize,
    pub records_checked: usize,
    /// Cases whose kept stage, next action, due dates, timeliness and retention review date were
    /// worked out afresh from their steps and compared with what the case list, the due list, the
    /// report and the dashboard read.
    pub cases_progress_checked: usize,
    /// Entries of the access log, whose chain is walked too.
    pub access_entries: usize,
    /// Audit and access-log entries whose content was erased under a disposal that lists them.
    pub disposed_entries: usize,
    /// The certificates of those disposals.
    pub disposal_certificates: Vec<String>,
    pub problems: Vec<Problem>,
    /// The trail's newest entry: record it (it is also on every backup) to anchor later checks.
    pub head: Option<audit::Head>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

pub fn verify(conn: &impl Sql) -> Result<Report> {
    let mut problems = Vec::new();
    check_sqlite(conn, &mut problems)?;
    let entries = audit::all(conn)?;
    let disposals = disposal::erasures(conn)?;
    check_chain(&entries, &mut problems);
    let mut erased = Erased::new(&disposals);
    for e in &entries {
        let location = format!("audit entry {}", e.seq);
        let held = e.changes != audit::ERASED || e.reason.is_some();
        erased.check(
            e.seq,
            e.disposal_id,
            held,
            e.content_intact(),
            location,
            &mut problems,
            |d| &d.audit,
        );
    }
    let (evidence_items, blobs_rehashed) = check_evidence(conn, &mut problems)?;
    let documents = check_documents(conn, &mut problems)?;
    let records_checked = records::check_records(conn, &entries, &mut problems)?;
    let access_entries = check_access_log(conn, &mut erased, &mut problems)?;
    let cases_progress_checked = check_progress(conn, &mut problems)?;
    if crate::search::needs_rebuild(conn)? {
        problems.push(Problem {
            area: "search index",
            location: "case_search".into(),
            detail: "does not hold exactly one entry per case: a search may miss cases".into(),
        });
    }
    Ok(Report {
        cases_progress_checked,
        disposed_entries: erased.count,
        disposal_certificates: erased.certificates(),
        access_entries,
        audit_entries: entries.len(),
        evidence_items,
        documents,
        blobs_rehashed,
        records_checked,
        problems,
        head: audit::head(conn)?,
    })
}

/// Compares what is kept of each case (see [`crate::progress`]) with a fresh recomputation.
/// Returns how many cases were checked.
fn check_progress(conn: &impl Sql, problems: &mut Vec<Problem>) -> Result<usize> {
    let (cases, found) = crate::progress::mismatches(conn)?;
    for (_, reference, detail) in found {
        problems.push(Problem {
            area: "kept progress",
            location: format!("case {reference}"),
            detail: format!("{detail}: the kept values no longer match its recorded steps"),
        });
    }
    Ok(cases)
}

/// Checks that the trail still extends the head anchored as `hash` at entry `seq`: that entry is
/// there and is the same. A trail rewritten at or before it (even with every later hash
/// recomputed, so the chain itself checks out) fails this.
pub fn check_anchor(conn: &impl Sql, seq: i64, hash: &str) -> Result<Option<Problem>> {
    let found: Option<(String, Option<String>)> = conn
        .row_opt(
            "SELECT hash, legacy_hash FROM audit WHERE seq = ?1",
            &[Param::Int(seq)],
        )?
        .map(|r| Ok::<_, crate::Error>((r.get(0)?, r.get(1)?)))
        .transpose()?;
    let short = |h: &str| h.chars().take(12).collect::<String>();
    // An anchor taken before the trail was resealed names the entry's hash as it was then.
    let found = found.map(|(h, legacy)| match legacy {
        Some(l) if l.eq_ignore_ascii_case(hash) => l,
        _ => h,
    });
    Ok(match found {
        Some(h) if h.eq_ignore_ascii_case(hash) => None,
        Some(h) => Some(Problem {
            area: "anchor",
            location: format!("audit entry {seq}"),
            detail: format!(
                "is not the entry anchored (anchored {}…, now {}…): the trail has been \
                 rewritten since the anchor was taken",
                short(hash),
                short(&h)
            ),
        }),
        None => Some(Problem {
            area: "anchor",
            location: format!("audit entry {seq}"),
            detail: "is missing: the trail has been cut back since the anchor was taken".into(),
        }),
    })
}

/// Walks the access log's chain: every entry's hash recomputed and linked to the one before.
/// Returns how many entries there are.
fn check_access_log(
    conn: &impl Sql,
    erased: &mut Erased<'_>,
    problems: &mut Vec<Problem>,
) -> Result<usize> {
    let entries = access::list(conn, &access::Filter::default())?;
    let total: i64 = conn.value("SELECT count(*) FROM access_log", &[])?;
    let problem = |location: String, detail: String| Problem {
        area: "access_log",
        location,
        detail,
    };
    if total as usize != entries.len() {
        problems.push(problem(
            "access log".into(),
            format!(
                "{} entries name no registered officer",
                total as usize - entries.len()
            ),
        ));
    }
    let mut prev = GENESIS.to_string();
    for (i, e) in entries.iter().enumerate() {
        let location = format!("access log entry {}", e.seq);
        let held = !e.detail.is_empty();
        erased.check(
            e.seq,
            e.disposal_id,
            held,
            e.content_intact(),
            location.clone(),
            problems,
            |d| &d.access,
        );
        if e.seq != i as i64 + 1 {
            problems.push(problem(
                location.clone(),
                format!("expected entry {}: entries are missing", i + 1),
            ));
        }
        if e.prev_hash != prev {
            problems.push(problem(
                location.clone(),
                "does not link to the entry before it".into(),
            ));
        }
        if e.compute_hash() != e.hash {
            problems.push(problem(
                location,
                "its contents do not match its hash: it was changed after it was written".into(),
            ));
        }
        prev = e.hash.clone();
    }
    Ok(entries.len())
}

/// SQLite's own checks of its file and of foreign keys (which SQLite enforces only when asked).
/// PostgreSQL checks its pages itself and enforces foreign keys always: nothing to ask there.
fn check_sqlite(conn: &impl Sql, problems: &mut Vec<Problem>) -> Result<()> {
    if conn.dialect() == Dialect::Postgres {
        return Ok(());
    }
    for r in conn.rows("PRAGMA integrity_check", &[])? {
        let line: String = r.get(0)?;
        if line != "ok" {
            problems.push(Problem {
                area: "database",
                location: "integrity_check".into(),
                detail: line,
            });
        }
    }
    for r in conn.rows("PRAGMA foreign_key_check", &[])? {
        let (table, rowid, parent): (String, Option<i64>, String) =
            (r.get("table")?, r.get("rowid")?, r.get("parent")?);
        problems.push(Problem {
            area: "database",
            location: format!("{table} row {}", rowid.unwrap_or_default()),
            detail: format!("refers to a missing {parent} row"),
        });
    }
    Ok(())
}

fn check_chain(entries: &[audit::Entry], problems: &mut Vec<Problem>) {
    let mut prev_hash = GENESIS.to_string();
    let mut prev_seq = 0;
    for e in entries {
        let location = format!("audit entry {}", e.seq);
        if e.seq != prev_seq + 1 {
            problems.push(Problem {
                area: "audit_chain",
                location: location.clone(),
                detail: format!(
                    "entries {}..{} are missing: the trail has been cut",
                    prev_seq + 1,
                    e.seq - 1
                ),
            });
        }
        if e.prev_hash != prev_hash {
            problems.push(Problem {
                area: "audit_chain",
                location: location.clone(),
                detail: "does not link to the entry before it (previous hash differs)".into(),
            });
        }
        if e.compute_hash() != e.hash {
            problems.push(Problem {
                area: "audit_chain",
                location,
                detail: format!(
                    "has been altered: its contents do not match its hash ({} {} {} by {} at {})",
                    e.action, e.entity, e.entity_id, e.actor, e.at
                ),
            });
        }
        prev_hash = e.hash.clone();
        prev_seq = e.seq;
    }
}

fn check_evidence(conn: &impl Sql, problems: &mut Vec<Problem>) -> Result<(usize, usize)> {
    let mut blobs = 0;
    // Each stored file is read and hashed in turn (never all of them in memory at once); the
    // evidence that uses a bad one is looked up after.
    let mut bad: Vec<(String, Vec<String>)> = Vec::new();
    let mut judge = |sha: String, size: i64, actual: String, len: u64| {
        let mut details = Vec::new();
        if actual != sha {
            details.push(format!(
                "bytes have changed since intake: they now hash to {actual}"
            ));
        }
        if len as i64 != size {
            details.push(format!("size is {len} bytes, recorded as {size}"));
        }
        if !details.is_empty() {
            bad.push((sha, details));
        }
    };
    conn.each(
        "SELECT sha256, size, bytes FROM blob WHERE parts IS NULL",
        &[],
        &mut |r| {
            blobs += 1;
            let bytes: Option<Vec<u8>> = r.get("bytes")?;
            let bytes = bytes.unwrap_or_default();
            judge(
                r.get("sha256")?,
                r.get("size")?,
                audit::sha256_hex(&bytes),
                bytes.len() as u64,
            );
            Ok(())
        },
    )?;
    // A video's parts, read back in order a part at a time.
    for (sha, size) in blob::streamed(conn)? {
        blobs += 1;
        let (actual, len) = blob::rehash(conn, &sha)?;
        judge(sha, size, actual, len);
    }
    for (sha, details) in bad {
        let location = blob_location(conn, &sha)?;
        for detail in details {
            problems.push(Problem {
                area: "evidence",
                location: location.clone(),
                detail,
            });
        }
    }
    let rows = conn.rows(
        "SELECT e.id, k.reference, e.sha256, e.size, b.size AS blob_size FROM evidence e
         JOIN cases k ON k.id = e.case_id LEFT JOIN blob b ON b.sha256 = e.sha256",
        &[],
    )?;
    let mut items = 0;
    for r in rows {
        items += 1;
        let (id, reference): (i64, String) = (r.get("id")?, r.get("reference")?);
        let (size, blob_size): (i64, Option<i64>) = (r.get("size")?, r.get("blob_size")?);
        let location = format!("evidence item {id} on {reference}");
        match blob_size {
            None => problems.push(Problem {
                area: "evidence",
                location,
                detail: format!(
                    "its bytes (SHA-256 {}) are missing",
                    r.get::<String>("sha256")?
                ),
            }),
            Some(b) if b != size => problems.push(Problem {
                area: "evidence",
                location,
                detail: format!("recorded size {size} differs from the stored bytes ({b})"),
            }),
            Some(_) => {}
        }
    }
    Ok((items, blobs))
}

/// Each case document's bytes are there, of the size recorded (the blobs' hashes are checked
/// with the evidence's).
fn check_documents(conn: &impl Sql, problems: &mut Vec<Problem>) -> Result<usize> {
    let rows = conn.rows(
        "SELECT d.id, d.title, k.reference, d.sha256, d.size, b.size AS blob_size
         FROM case_document d JOIN cases k ON k.id = d.case_id
         LEFT JOIN blob b ON b.sha256 = d.sha256",
        &[],
    )?;
    let mut n = 0;
    for r in rows {
        n += 1;
        let (id, title, reference): (i64, String, String) =
            (r.get("id")?, r.get("title")?, r.get("reference")?);
        let (size, blob_size): (i64, Option<i64>) = (r.get("size")?, r.get("blob_size")?);
        let location = format!("case document {id} on {reference} ({title})");
        let detail = match blob_size {
            None => format!(
                "its bytes (SHA-256 {}) are missing",
                r.get::<String>("sha256")?
            ),
            Some(b) if b != size => {
                format!("recorded size {size} differs from the stored bytes ({b})")
            }
            Some(_) => continue,
        };
        problems.push(Problem {
            area: "evidence",
            location,
            detail,
        });
    }
    Ok(n)
}

/// `blob HASH (evidence item 3 on SC-2026-001, …)`: which evidence uses the stored file.
fn blob_location(conn: &impl Sql, sha: &str) -> Result<String> {
    let users: Vec<String> = conn
        .rows(
            "SELECT 'evidence item ' || e.id || ' on ' || k.reference FROM evidence e
             JOIN cases k ON k.id = e.case_id WHERE e.sha256 = ?1
             UNION ALL
             SELECT 'case document ' || d.id || ' on ' || k.reference || ' (' || d.title || ')'
             FROM case_document d JOIN cases k ON k.id = d.case_id WHERE d.sha256 = ?1",
            &[Param::from(sha)],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
    Ok(if users.is_empty() {
        format!("blob {sha}")
    } else {
        format!("blob {sha} ({})", users.join(", "))
    })
}
