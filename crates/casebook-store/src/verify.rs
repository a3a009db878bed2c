//! Integrity checking for `casebook verify`: SQLite's own checks, the audit hash chain, every
//! evidence blob re-hashed, and every audited record compared with the state the audit trail says
//! it should be in. Each problem is reported with where it is and what is wrong.

use crate::cached::Cached;
use std::collections::{BTreeSet, HashMap};

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use crate::audit::{self, Snapshot, GENESIS};
use crate::disposal::Erasures;
use crate::{access, disposal, Result};

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

pub fn verify(conn: &Connection) -> Result<Report> {
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
    let records_checked = check_records(conn, &entries, &mut problems)?;
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
fn check_progress(conn: &Connection, problems: &mut Vec<Problem>) -> Result<usize> {
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
pub fn check_anchor(conn: &Connection, seq: i64, hash: &str) -> Result<Option<Problem>> {
    let found: Option<(String, Option<String>)> = conn
        .row(
            "SELECT hash, legacy_hash FROM audit WHERE seq = ?1",
            [seq],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
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
    conn: &Connection,
    erased: &mut Erased<'_>,
    problems: &mut Vec<Problem>,
) -> Result<usize> {
    let entries = access::list(conn, &access::Filter::default())?;
    let total: i64 = conn.row("SELECT count(*) FROM access_log", [], |r| r.get(0))?;
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

fn check_sqlite(conn: &Connection, problems: &mut Vec<Problem>) -> Result<()> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let line = line?;
        if line != "ok" {
            problems.push(Problem {
                area: "database",
                location: "integrity_check".into(),
                detail: line,
            });
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>("table")?,
            r.get::<_, Option<i64>>("rowid")?,
            r.get::<_, String>("parent")?,
        ))
    })?;
    for row in rows {
        let (table, rowid, parent) = row?;
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

fn check_evidence(conn: &Connection, problems: &mut Vec<Problem>) -> Result<(usize, usize)> {
    let mut blobs = 0;
    let mut stmt = conn.prepare("SELECT sha256, size, bytes FROM blob")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        blobs += 1;
        let sha: String = r.get("sha256")?;
        let size: i64 = r.get("size")?;
        let bytes = r.get_ref("bytes")?.as_blob().unwrap_or_default();
        let actual = audit::sha256_hex(bytes);
        let mut details = Vec::new();
        if actual != sha {
            details.push(format!(
                "bytes have changed since intake: they now hash to {actual}"
            ));
        }
        if bytes.len() as i64 != size {
            details.push(format!("size is {} bytes, recorded as {size}", bytes.len()));
        }
        if !details.is_empty() {
            let location = blob_location(conn, &sha)?;
            for detail in details {
                problems.push(Problem {
                    area: "evidence",
                    location: location.clone(),
                    detail,
                });
            }
        }
    }
    let mut stmt = conn.prepare(
        "SELECT e.id, k.reference, e.sha256, e.size, b.size AS blob_size FROM evidence e
         JOIN cases k ON k.id = e.case_id LEFT JOIN blob b ON b.sha256 = e.sha256",
    )?;
    let mut items = 0;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
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
                    r.get::<_, String>("sha256")?
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
fn check_documents(conn: &Connection, problems: &mut Vec<Problem>) -> Result<usize> {
    let mut stmt = conn.prepare(
        "SELECT d.id, d.title, k.reference, d.sha256, d.size, b.size AS blob_size
         FROM case_document d JOIN cases k ON k.id = d.case_id
         LEFT JOIN blob b ON b.sha256 = d.sha256",
    )?;
    let mut n = 0;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        n += 1;
        let (id, title, reference): (i64, String, String) =
            (r.get("id")?, r.get("title")?, r.get("reference")?);
        let (size, blob_size): (i64, Option<i64>) = (r.get("size")?, r.get("blob_size")?);
        let location = format!("case document {id} on {reference} ({title})");
        let detail = match blob_size {
            None => format!(
                "its bytes (SHA-256 {}) are missing",
                r.get::<_, String>("sha256")?
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

fn check_records(
    conn: &Connection,
    entries: &[audit::Entry],
    problems: &mut Vec<Problem>,
) -> Result<usize> {
    // What the audit trail says each record should be now.
    let mut expected: HashMap<(String, i64), Expected> = HashMap::new();
    for e in entries {
        let changes: Value = serde_json::from_str(&e.changes).unwrap_or(Value::Null);
        let key = (e.entity.clone(), e.entity_id);
        let state = expected.remove(&key).and_then(|x| x.state);
        expected.insert(
            key,
            Expected {
                state: audit::replay(state, &e.action, &changes),
                state_hash: e.state_hash.clone(),
                seq: e.seq,
            },
        );
    }
    let mut checked = 0;
    for entity in audit::audited() {
        let ids: Vec<i64> = conn
            .prepare(&format!("SELECT id FROM {entity} ORDER BY id"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in &ids {
            checked += 1;
            let actual = audit::snapshot(conn, entity, *id)?;
            let detail = match (expected.get(&(entity.to_string(), *id)), actual) {
                (None, _) => {
                    Some("is not in the audit trail: it was added outside Casebook".to_string())
                }
                (
                    Some(Expected {
                        state: None, seq, ..
                    }),
                    _,
                ) => Some(format!(
                    "was deleted (audit entry {seq}) but is present again"
                )),
                (
                    Some(Expected {
                        state: Some(want),
                        state_hash,
                        seq,
                    }),
                    Some(have),
                ) if !hash_matches(state_hash.as_deref(), entity, &have) => Some(format!(
                    "has been changed outside Casebook since audit entry {seq}: {}",
                    describe_difference(want, &have)
                )),
                _ => None,
            };
            // Naming the case or councillor costs a query: only for records with a problem.
            if let Some(detail) = detail {
                problems.push(Problem {
                    area: "record",
                    location: record_location(conn, entity, *id)?,
                    detail,
                });
            }
        }
        let present: std::collections::HashSet<i64> = ids.into_iter().collect();
        for ((e, id), Expected { state, seq, .. }) in &expected {
            if e == entity && state.is_some() && !present.contains(id) {
                problems.push(Problem {
                    area: "record",
                    location: format!("{entity} {id}"),
                    detail: format!(
                        "is missing: the audit trail (entry {seq}) says it exists; it was deleted outside Casebook"
                    ),
                });
            }
        }
    }
    problems.sort_by(|a, b| (a.area, &a.location).cmp(&(b.area, &b.location)));
    Ok(checked)
}

/// `blob HASH (evidence item 3 on SC-2026-001, …)`: which evidence uses the stored file.
fn blob_location(conn: &Connection, sha: &str) -> Result<String> {
    let users: Vec<String> = conn
        .prepare_cached(
            "SELECT 'evidence item ' || e.id || ' on ' || k.reference FROM evidence e
             JOIN cases k ON k.id = e.case_id WHERE e.sha256 = ?1
             UNION ALL
             SELECT 'case document ' || d.id || ' on ' || k.reference || ' (' || d.title || ')'
             FROM case_document d JOIN cases k ON k.id = d.case_id WHERE d.sha256 = ?1",
        )?
        .query_map([sha], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if users.is_empty() {
        format!("blob {sha}")
    } else {
        format!("blob {sha} ({})", users.join(", "))
    })
}

/// `cases 7 (SC-2026-007)`; other records hanging off a case name it too.
fn record_location(conn: &Connection, entity: &str, id: i64) -> Result<String> {
    let part_sql;
    let sql = match entity {
        "cases" => "SELECT reference FROM cases WHERE id = ?1",
        "councillor" => "SELECT name FROM councillor WHERE id = ?1",
        _ if audit::CASE_PARTS.contains(&entity) => {
            // The table name comes from the fixed list of audited case parts.
            part_sql = format!(
                "SELECT k.reference FROM {entity} x JOIN cases k ON k.id = x.case_id WHERE x.id = ?1"
            );
            part_sql.as_str()
        }
        _ => return Ok(format!("{entity} {id}")),
    };
    let label: Option<String> = conn
        .prepare_cached(sql)?
        .query_row([id], |r| r.get(0))
        .optional()?;
    Ok(match label {
        Some(l) => format!("{entity} {id} ({l})"),
        None => format!("{entity} {id}"),
    })
}

/// Whether `recorded` is the hash of the record as it is: as [`audit::state_hash`] makes it, or
/// as a desktop app before it did ([`audit::column_order_state_hash`]).
fn hash_matches(recorded: Option<&str>, entity: &str, have: &Snapshot) -> bool {
    recorded.is_some_and(|r| {
        r == audit::state_hash(have) || r == audit::column_order_state_hash(entity, have)
    })
}

/// A record's state according to the audit trail: replayed fields, the recorded hash, and the
/// number of the last entry about it.
struct Expected {
    state: Option<Snapshot>,
    state_hash: Option<String>,
    seq: i64,
}

fn describe_difference(want: &Snapshot, have: &Snapshot) -> String {
    let fields: BTreeSet<&str> = want
        .keys()
        .chain(have.keys())
        .filter(|k| want.get(*k) != have.get(*k))
        .map(String::as_str)
        .collect();
    if fields.is_empty() {
        "its recorded hash does not match".into()
    } else {
        let names: Vec<&str> = fields.into_iter().collect();
        format!(
            "field(s) {} differ from the audited values",
            names.join(", ")
        )
    }
}
