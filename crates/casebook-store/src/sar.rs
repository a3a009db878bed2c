//! Subject access requests (UK GDPR Art 15): the request and its deadline, everything Casebook
//! holds about the person (as complainant, as the councillor complained about, named in a
//! summary, the post text, notes, the audit trail and the access log), each hit confirmed by the
//! officer, and the other people's names to redact from what is sent.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;

use casebook_domain::retention::{sar_deadline, sar_extended_deadline};

use crate::sql::{Dialect, Param, Row, Sql};
use crate::{audit, calendar, sql_params, text, Error, Result, Stamp};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Sar {
    pub id: i64,
    pub name: String,
    pub contact: Option<String>,
    pub received_on: String,
    /// One calendar month from receipt, moved to the next working day.
    pub due_on: String,
    /// The extended deadline (two further months), once extended.
    pub extended_to: Option<String>,
    pub extension_reason: Option<String>,
    pub sent_on: Option<String>,
    /// received / extended / sent
    pub status: String,
    /// The deadline in force.
    pub deadline: String,
    /// Other names the person is known by, searched for too.
    pub aliases: Vec<String>,
    /// Names the officer added to redact.
    pub redact: Vec<String>,
    /// Suggested names the officer chose to leave in.
    pub keep: Vec<String>,
    pub logged_by: String,
    pub logged_at: String,
}

/// One thing found about the requester.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "SarHit")]
pub struct Hit {
    pub id: i64,
    /// complainant / councillor / named in case / evidence / note / audit / access
    pub kind: String,
    pub reference: Option<String>,
    /// The evidence item, note, audit entry or access-log entry number.
    pub item_id: Option<i64>,
    pub label: String,
    pub snippet: String,
    pub confirmed: bool,
}

/// A case matching a name: id, reference, received, summary, councillor, and whether the name
/// is the complainant's, the councillor's, or appears in the text.
type CaseMatch = (i64, String, String, String, String, bool, bool, bool);

/// The most a request's free text may hold.
const MAX_NAMES: usize = 2000;

fn lines(v: &str) -> Vec<String> {
    v.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn from_row(r: &Row) -> Result<Sar> {
    let due_on: String = r.get("due_on")?;
    let extended_to: Option<String> = r.get("extended_to")?;
    let sent_on: Option<String> = r.get("sent_on")?;
    let status = if sent_on.is_some() {
        "sent"
    } else if extended_to.is_some() {
        "extended"
    } else {
        "received"
    };
    Ok(Sar {
        id: r.get("id")?,
        name: r.get("name")?,
        contact: r.get("contact")?,
        received_on: r.get("received_on")?,
        deadline: extended_to.clone().unwrap_or_else(|| due_on.clone()),
        due_on,
        extended_to,
        extension_reason: r.get("extension_reason")?,
        sent_on,
        status: status.into(),
        aliases: lines(&r.get::<String>("aliases")?),
        redact: lines(&r.get::<String>("redact")?),
        keep: lines(&r.get::<String>("keep")?),
        logged_by: r.get("logged_by")?,
        logged_at: r.get("logged_at")?,
    })
}

pub fn get(conn: &impl Sql, id: i64) -> Result<Sar> {
    conn.row_opt("SELECT * FROM sar WHERE id = ?1", &[Param::Int(id)])?
        .as_ref()
        .map(from_row)
        .transpose()?
        .ok_or_else(|| Error::not_found("subject access request", id.to_string()))
}

/// Every request, those still to answer first (soonest deadline first), then those sent.
pub fn list(conn: &impl Sql) -> Result<Vec<Sar>> {
    conn.rows(
        "SELECT * FROM sar ORDER BY sent_on IS NOT NULL, coalesce(extended_to, due_on), id",
        &[],
    )?
    .iter()
    .map(from_row)
    .collect()
}

/// Logs a request from `name`, received on `received_on` (not in the future), and finds what is
/// held about them.
pub fn new(
    tx: &impl Sql,
    stamp: &Stamp,
    name: &str,
    received_on: &str,
    contact: Option<&str>,
) -> Result<Sar> {
    let name = text::required("name", name, 200)?;
    if name.chars().count() < 3 {
        return Err(Error::invalid(
            "name",
            "give the person's full name (at least 3 letters)",
        ));
    }
    let received = text::date("received_on", received_on)?;
    if received > stamp.at.date_naive() {
        return Err(Error::invalid(
            "received_on",
            format!("{received} is in the future"),
        ));
    }
    let contact = text::optional("contact", contact, 500)?;
    let due = sar_deadline(received, &calendar::load(tx)?);
    let id = tx.insert(
        "INSERT INTO sar (name, contact, received_on, due_on, logged_by, logged_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &sql_params![
            name,
            contact,
            received.to_string(),
            due.to_string(),
            &stamp.actor,
            stamp.at_text()
        ],
    )?;
    audit::record(tx, stamp, "sar", id, None, None)?;
    find(tx, id)?;
    get(tx, id)
}

/// Extends request `id` by two further months, for `reason` (complex or numerous requests).
pub fn extend(tx: &impl Sql, stamp: &Stamp, id: i64, reason: &str) -> Result<Sar> {
    let reason = text::required("reason", reason, 1000)?;
    let s = get(tx, id)?;
    if s.sent_on.is_some() {
        return Err(Error::invalid(
            "id",
            format!("request {id} has been answered already"),
        ));
    }
    if s.extended_to.is_some() {
        return Err(Error::invalid(
            "id",
            format!("request {id} has been extended already"),
        ));
    }
    let received = text::date("received_on", &s.received_on)?;
    let to = sar_extended_deadline(received, &calendar::load(tx)?);
    change(
        tx,
        stamp,
        id,
        "UPDATE sar SET extended_to = ?2, extension_reason = ?3 WHERE id = ?1",
        &sql_params![id, to.to_string(), &reason],
        Some(&reason),
    )
}

/// Records that the response to request `id` was sent on `on`.
pub fn mark_sent(tx: &impl Sql, stamp: &Stamp, id: i64, on: &str) -> Result<Sar> {
    let on = text::date("sent_on", on)?;
    let s = get(tx, id)?;
    if on < text::date("received_on", &s.received_on)? {
        return Err(Error::invalid(
            "sent_on",
            format!("{on} is before the request was received"),
        ));
    }
    if on > stamp.at.date_naive() {
        return Err(Error::invalid("sent_on", format!("{on} is in the future")));
    }
    change(
        tx,
        stamp,
        id,
        "UPDATE sar SET sent_on = ?2 WHERE id = ?1",
        &sql_params![id, on.to_string()],
        None,
    )
}

/// Sets the other names searched for (`aliases`), the names to redact and the suggested names to
/// leave in, one per line; then searches again.
pub fn set_names(
    tx: &impl Sql,
    stamp: &Stamp,
    id: i64,
    aliases: &str,
    redact: &str,
    keep: &str,
) -> Result<Sar> {
    let tidy = |field: &str, v: &str| -> Result<String> {
        if v.chars().count() > MAX_NAMES {
            return Err(Error::invalid(
                field,
                format!("is longer than {MAX_NAMES} characters"),
            ));
        }
        Ok(lines(v).join("\n"))
    };
    let (aliases, redact, keep) = (
        tidy("aliases", aliases)?,
        tidy("redact", redact)?,
        tidy("keep", keep)?,
    );
    let s = change(
        tx,
        stamp,
        id,
        "UPDATE sar SET aliases = ?2, redact = ?3, keep = ?4 WHERE id = ?1",
        &sql_params![id, aliases, redact, keep],
        None,
    )?;
    find(tx, id)?;
    Ok(s)
}

fn change(
    tx: &impl Sql,
    stamp: &Stamp,
    id: i64,
    sql: &str,
    values: &[Param<'_>],
    reason: Option<&str>,
) -> Result<Sar> {
    let before = audit::snapshot(tx, "sar", id)?;
    if before.is_none() {
        return Err(Error::not_found("subject access request", id.to_string()));
    }
    tx.run(sql, values)?;
    audit::record(tx, stamp, "sar", id, before, reason)?;
    get(tx, id)
}

/// The hits of request `id`, in the order found.
pub fn hits(conn: &impl Sql, id: i64) -> Result<Vec<Hit>> {
    let rows = conn.rows(
        "SELECT h.id, h.kind, k.reference, h.item_id, h.label, h.snippet, h.confirmed
         FROM sar_hit h LEFT JOIN cases k ON k.id = h.case_id WHERE h.sar_id = ?1 ORDER BY h.id",
        &[Param::Int(id)],
    )?;
    rows.iter()
        .map(|r| {
            Ok(Hit {
                id: r.get(0)?,
                kind: r.get(1)?,
                reference: r.get(2)?,
                item_id: r.get(3)?,
                label: r.get(4)?,
                snippet: r.get(5)?,
                confirmed: r.get(6)?,
            })
        })
        .collect()
}

/// Confirms (or clears) hit `hit` of request `id` as being about the requester.
pub fn confirm(tx: &impl Sql, id: i64, hit: i64, confirmed: bool) -> Result<Vec<Hit>> {
    if tx.run(
        "UPDATE sar_hit SET confirmed = ?3 WHERE id = ?2 AND sar_id = ?1",
        &sql_params![id, hit, confirmed],
    )? != 1
    {
        return Err(Error::not_found("hit", format!("{hit} of request {id}")));
    }
    hits(tx, id)
}

/// The rows `sql` (whose `?1` is the name searched for) finds for `term`, each read by `read`.
fn matching<T>(
    tx: &impl Sql,
    sql: &str,
    term: &str,
    read: impl Fn(&Row) -> Result<T>,
) -> Result<Vec<T>> {
    tx.rows(sql, &[Param::from(term)])?
        .iter()
        .map(read)
        .collect()
}

/// SQL for "`haystack` holds `needle`, ignoring case" (a plain substring: `%` and `_` in a name
/// are letters here, not patterns).
fn holds(d: Dialect, haystack: &str, needle: &str) -> String {
    match d {
        Dialect::Sqlite => format!("instr(lower({haystack}), lower({needle})) > 0"),
        Dialect::Postgres => format!("strpos(lower({haystack}), lower({needle})) > 0"),
    }
}

/// Up to 160 characters of `text` around the first place `term` appears.
fn snippet(text: &str, term: &str) -> String {
    let lower = text.to_lowercase();
    let at = lower.find(&term.to_lowercase()).unwrap_or(0);
    let chars: Vec<char> = text.chars().collect();
    let at = text[..at.min(text.len())].chars().count();
    let start = at.saturating_sub(60);
    let end = (at + 100).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if start > 0 {
        s.insert(0, '…');
    }
    if end < chars.len() {
        s.push('…');
    }
    s
}

/// Searches everything held for the request's name and aliases, replacing its unconfirmed hits
/// (a hit already confirmed stays confirmed).
pub fn find(tx: &impl Sql, id: i64) -> Result<Vec<Hit>> {
    let s = get(tx, id)?;
    let terms: Vec<String> = std::iter::once(s.name.clone())
        .chain(s.aliases.clone())
        .collect();
    let d = tx.dialect();
    let confirmed: BTreeSet<(String, Option<i64>, Option<i64>)> = tx
        .rows(
            "SELECT kind, case_id, item_id FROM sar_hit WHERE sar_id = ?1 AND confirmed = ?2",
            &sql_params![id, true],
        )?
        .iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .collect::<Result<_>>()?;
    tx.run("DELETE FROM sar_hit WHERE sar_id = ?1", &[Param::Int(id)])?;
    let insert = d.insert_or_skip(
        "INTO sar_hit (sar_id, kind, case_id, item_id, label, snippet, confirmed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    );
    let add = |kind: &str, case: Option<i64>, item: Option<i64>, label: String, snippet: String| {
        let was = confirmed.contains(&(kind.to_string(), case, item));
        tx.run(
            &insert,
            &sql_params![id, kind, case, item, label, snippet, was],
        )
    };
    let nocase = |column: &str| d.nocase_eq(column, "?1");
    let in_case = [
        "k.summary",
        "coalesce(k.capacity_reasons, '')",
        "coalesce(k.confidentiality_reason, '')",
    ]
    .map(|h| holds(d, h, "?1"))
    .join(" OR ");
    // Only post text is read as text (a screenshot's bytes are not UTF-8, which PostgreSQL
    // refuses to convert): hence the CASEs, which both engines evaluate in order.
    let post_text = match d {
        Dialect::Sqlite => "CAST(b.bytes AS TEXT)",
        Dialect::Postgres => "convert_from(b.bytes, 'UTF8')",
    };
    let cases_sql = format!(
        "SELECT k.id, k.reference, k.received_on, k.summary, c.name,
                {complainant} AS as_complainant, {councillor} AS as_councillor,
                ({in_case}) AS named
         FROM cases k JOIN councillor c ON c.id = k.councillor_id
         WHERE k.disposal_id IS NULL AND ({complainant} OR {councillor} OR {in_case})
         ORDER BY k.received_on, k.id",
        complainant = nocase("k.complainant_name"),
        councillor = nocase("c.name"),
    );
    let evidence_sql = format!(
        "SELECT e.id, e.case_id, k.reference, e.kind,
                CASE WHEN e.kind = 'post_text' THEN {post_text} END AS text,
                coalesce(e.description, '') AS description
         FROM evidence e JOIN cases k ON k.id = e.case_id JOIN blob b ON b.sha256 = e.sha256
         WHERE k.disposal_id IS NULL
           AND (CASE WHEN e.kind = 'post_text' THEN {in_post} ELSE 1 = 0 END
                OR {in_description})",
        in_post = holds(d, post_text, "?1"),
        in_description = holds(d, "coalesce(e.description, '')", "?1"),
    );
    let notes_sql = format!(
        "SELECT n.id, n.case_id, k.reference, n.body FROM case_note n
         JOIN cases k ON k.id = n.case_id WHERE k.disposal_id IS NULL AND {}",
        holds(d, "n.body", "?1")
    );
    let audit_sql = format!(
        "SELECT seq, at, action, entity, entity_id, changes || ' ' || coalesce(reason, '')
         FROM audit WHERE disposal_id IS NULL AND ({} OR {}) AND NOT (entity = 'sar')",
        holds(d, "changes", "?1"),
        holds(d, "coalesce(reason, '')", "?1")
    );
    let access_sql = format!(
        "SELECT seq, at, action, coalesce(reference, ''), detail FROM access_log WHERE {}",
        holds(d, "detail", "?1")
    );
    for term in &terms {
        // As complainant, and as the councillor complained about.
        let rows: Vec<CaseMatch> = matching(tx, &cases_sql, term, |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?;
        for (case, reference, received, summary, councillor, complainant, subject, named) in rows {
            if complainant {
                add(
                    "complainant",
                    Some(case),
                    None,
                    format!("{reference}: complaint received {received}, made by {term}"),
                    snippet(&summary, ""),
                )?;
            }
            if subject {
                add(
                    "councillor",
                    Some(case),
                    None,
                    format!("{reference}: complaint about Cllr {councillor}, received {received}"),
                    snippet(&summary, ""),
                )?;
            }
            if named && !complainant {
                add(
                    "named in case",
                    Some(case),
                    None,
                    format!("{reference}: named in the case record"),
                    snippet(&summary, term),
                )?;
            }
        }
        // Post text and evidence descriptions.
        let rows: Vec<(i64, i64, String, String, Option<String>, String)> =
            matching(tx, &evidence_sql, term, |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?;
        for (item, case, reference, kind, body, description) in rows {
            let text = if kind == "post_text" {
                body.unwrap_or_default()
            } else {
                description
            };
            let what = if kind == "post_text" {
                "post text"
            } else {
                "evidence description"
            };
            add(
                "evidence",
                Some(case),
                Some(item),
                format!("{reference}: {what} (evidence {item})"),
                snippet(&text, term),
            )?;
        }
        // Officers' notes.
        let rows: Vec<(i64, i64, String, String)> = matching(tx, &notes_sql, term, |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        for (item, case, reference, body) in rows {
            add(
                "note",
                Some(case),
                Some(item),
                format!("{reference}: officer's note {item}"),
                snippet(&body, term),
            )?;
        }
        // The audit trail and the access log.
        let rows: Vec<(i64, String, String, String, i64, String)> =
            matching(tx, &audit_sql, term, |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?;
        for (seq, at, action, entity, entity_id, body) in rows {
            add(
                "audit",
                None,
                Some(seq),
                format!("audit entry {seq}: {action} {entity} {entity_id}, {at}"),
                snippet(&body, term),
            )?;
        }
        let rows: Vec<(i64, String, String, String, String)> =
            matching(tx, &access_sql, term, |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
        for (seq, at, action, reference, detail) in rows {
            add(
                "access",
                None,
                Some(seq),
                format!("access log entry {seq}: {action} {reference} {at}"),
                snippet(&detail, term),
            )?;
        }
    }
    hits(tx, id)
}

/// A request whose deadline is on or before `until` and that is not answered yet.
pub fn open_due_by(conn: &impl Sql, until: NaiveDate) -> Result<Vec<Sar>> {
    Ok(list(conn)?
        .into_iter()
        .filter(|s| s.sent_on.is_none() && s.deadline.as_str() <= until.to_string().as_str())
        .collect())
}

/// The names of other people in the database that may appear in what is sent: every other
/// complainant and every councillor (not the requester, nor their aliases), as (name, role).
pub fn other_people(conn: &impl Sql, s: &Sar) -> Result<Vec<(String, &'static str)>> {
    let own: BTreeSet<String> = std::iter::once(&s.name)
        .chain(&s.aliases)
        .map(|n| n.to_lowercase())
        .collect();
    let mut out = Vec::new();
    let rows = conn.rows(
        "SELECT DISTINCT complainant_name, 'complainant' FROM cases WHERE complainant_name <> ''
         UNION SELECT name, 'councillor' FROM councillor
               WHERE id NOT IN (SELECT pseudonym_id FROM councillor_pseudonym)
         ORDER BY 1, 2",
        &[],
    )?;
    for row in rows {
        let (name, role): (String, String) = (row.get(0)?, row.get(1)?);
        if !own.contains(&name.to_lowercase()) {
            out.push((
                name,
                if role == "complainant" {
                    "complainant"
                } else {
                    "councillor"
                },
            ));
        }
    }
    Ok(out)
}
