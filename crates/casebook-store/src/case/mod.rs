//! Complaints ("cases"): gap-free yearly references, intake with validation, listing and filtering,
//! links between complaints about the same post or incident, and the full case view.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::sql::{Row, Spelled, Sql};
use crate::{audit, catalogue, councillor, sql_params, text, Error, Result, Stamp};

pub use casebook_domain::vocabulary::{
    platform, CHANNELS, COMPLAINANT_TYPES, LINK_KINDS, PLATFORMS,
};

/// A complaint to log. Deliberately without `Default`: a field added here must be given at every
/// place a complaint is made (the desktop form, the CLI, an import, the demo), or it does not
/// compile.
#[derive(Debug, Clone)]
pub struct NewCase {
    /// Only for imports of an existing log; otherwise the next reference for the year is allocated.
    pub reference: Option<String>,
    pub received_on: NaiveDate,
    pub channel: String,
    pub complainant_name: String,
    pub complainant_contact: Option<String>,
    pub complainant_type: String,
    pub confidentiality_requested: bool,
    pub confidentiality_reason: Option<String>,
    pub councillor_id: i64,
    pub platform: String,
    pub post_url: Option<String>,
    /// As typed; normalised by [`text::posted_at`].
    pub posted_at: Option<String>,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Complainant {
    pub name: String,
    pub contact: Option<String>,
    /// public / councillor / officer / other
    #[serde(rename = "type")]
    pub kind: String,
    pub confidentiality_requested: bool,
    pub confidentiality_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CouncillorRef {
    pub id: i64,
    pub name: String,
    pub council: String,
    pub ward: Option<String>,
    pub party: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Case {
    pub id: i64,
    pub reference: String,
    pub received_on: String,
    pub channel: String,
    pub complainant: Complainant,
    pub councillor: CouncillorRef,
    pub platform: String,
    pub post_url: Option<String>,
    pub posted_at: Option<String>,
    pub summary: String,
    /// Label of the guidance catalogue version the case is assessed against.
    pub catalogue_version: String,
    pub catalogue_version_id: i64,
    pub capacity_determination: String,
}

/// A reference `SC-YYYY-NNN`; the error names `field`.
pub fn parse_reference(field: &str, value: &str) -> Result<(i32, i64)> {
    let v = value.trim();
    let parts: Vec<&str> = v.split('-').collect();
    if let [prefix, year, seq] = parts.as_slice() {
        if prefix.eq_ignore_ascii_case("SC") && year.len() == 4 && seq.len() >= 3 {
            if let (Ok(y), Ok(n)) = (year.parse::<i32>(), seq.parse::<i64>()) {
                if n > 0 {
                    return Ok((y, n));
                }
            }
        }
    }
    Err(Error::invalid(
        field,
        format!("'{}' is not a reference like SC-2026-014", text::shorten(v)),
    ))
}

fn allocate_reference(tx: &impl Sql, year: i32) -> Result<String> {
    let last = last_reference(tx, year)?;
    let mut n = last.unwrap_or(0);
    loop {
        n += 1;
        let reference = format!("SC-{year}-{n:03}");
        // An imported log may already hold this number; skip past it rather than duplicate it.
        if id_by_reference(tx, &reference)?.is_none() {
            set_last_reference(tx, year, last, n)?;
            return Ok(reference);
        }
    }
}

/// The last reference number given out in `year`, if any.
fn last_reference(tx: &impl Sql, year: i32) -> Result<Option<i64>> {
    tx.row_opt(
        "SELECT last FROM reference_counter WHERE year = ?1",
        &sql_params![year],
    )?
    .map(|r| r.get(0))
    .transpose()
}

/// Records `n` as the last reference number given out in `year`, where `last` was (unless it is
/// later already). A plain INSERT or UPDATE, not an upsert: an upsert may change two rows, so
/// SQLite keeps a statement journal for it, which costs most inside an import's savepoint.
fn set_last_reference(tx: &impl Sql, year: i32, last: Option<i64>, n: i64) -> Result<()> {
    match last {
        None => {
            tx.run(
                "INSERT INTO reference_counter (year, last) VALUES (?1, ?2)",
                &sql_params![year, n],
            )?;
        }
        Some(last) if last < n => {
            tx.run(
                "UPDATE reference_counter SET last = ?2 WHERE year = ?1",
                &sql_params![year, n],
            )?;
        }
        Some(_) => {}
    }
    Ok(())
}

fn id_by_reference(conn: &impl Sql, reference: &str) -> Result<Option<i64>> {
    static BY_REFERENCE: Spelled = Spelled::new(|d| {
        format!(
            "SELECT id FROM cases WHERE {}",
            d.nocase_eq("reference", "?1")
        )
    });
    conn.value_opt(
        BY_REFERENCE.sql(conn.dialect()),
        &sql_params![reference.trim()],
    )
}

/// Checks and logs a new complaint in `tx`; returns the stored case.
pub fn create(tx: &impl Sql, stamp: &Stamp, new: &NewCase, reason: Option<&str>) -> Result<Case> {
    // Every field, by name: one added to NewCase must be checked and stored here too.
    let NewCase {
        reference,
        received_on,
        channel,
        complainant_name,
        complainant_contact,
        complainant_type,
        confidentiality_requested,
        confidentiality_reason,
        councillor_id,
        platform: platform_given,
        post_url,
        posted_at,
        summary,
    } = new;
    let today = stamp.at.date_naive();
    if *received_on > today {
        return Err(Error::invalid(
            "received_on",
            format!("{received_on} is in the future"),
        ));
    }
    if received_on.year() < 2000 {
        return Err(Error::invalid(
            "received_on",
            format!("{received_on} is before 2000; check the year"),
        ));
    }
    let channel = text::one_of("channel", channel, CHANNELS)?;
    let complainant_name = text::required("complainant_name", complainant_name, 200)?;
    let complainant_contact =
        text::optional("complainant_contact", complainant_contact.as_deref(), 300)?;
    let complainant_type = text::one_of("complainant_type", complainant_type, COMPLAINANT_TYPES)?;
    let confidentiality_reason = text::optional(
        "confidentiality_reason",
        confidentiality_reason.as_deref(),
        text::MAX_TEXT,
    )?;
    if *confidentiality_requested && confidentiality_reason.is_none() {
        return Err(Error::invalid(
            "confidentiality_reason",
            "is required when the complainant asks for confidentiality (the councillor is normally told who complained)",
        ));
    }
    councillor::get(tx, *councillor_id).map_err(|_| {
        Error::invalid(
            "councillor",
            format!("no councillor number {councillor_id}"),
        )
    })?;
    let platform = platform("platform", platform_given)?;
    let post_url = text::optional_url("post_url", post_url.as_deref())?;
    let posted_at = match posted_at.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(text::posted_at("posted_at", v)?),
    };
    if let Some(day) = posted_at.as_deref().and_then(text::posted_on) {
        if day > *received_on {
            return Err(Error::invalid(
                "posted_at",
                format!("{day} is after the complaint was received ({received_on})"),
            ));
        }
    }
    let summary = text::required("summary", summary, text::MAX_TEXT)?;

    let reference = match reference
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        Some(given) => {
            let (year, seq) = parse_reference("reference", given)?;
            let reference = format!("SC-{year}-{seq:03}");
            if id_by_reference(tx, &reference)?.is_some() {
                return Err(Error::conflict(
                    "reference",
                    format!("{reference} is already in use"),
                ));
            }
            set_last_reference(tx, year, last_reference(tx, year)?, seq)?;
            reference
        }
        None => allocate_reference(tx, received_on.year())?,
    };
    let version = catalogue::current(tx)?;
    let id = tx.insert(
        "INSERT INTO cases (reference, received_on, channel, complainant_name, complainant_contact,
             complainant_type, confidentiality_requested, confidentiality_reason, councillor_id,
             platform, post_url, posted_at, summary, catalogue_version_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        &sql_params![
            reference,
            received_on.to_string(),
            channel,
            complainant_name,
            complainant_contact,
            complainant_type,
            *confidentiality_requested,
            confidentiality_reason,
            *councillor_id,
            platform,
            post_url,
            posted_at,
            summary,
            version.id
        ],
    )?;
    audit::record(tx, stamp, "cases", id, None, reason)?;
    get(tx, id)
}

/// Changes a case's summary (the officer's own words about the complaint).
pub fn set_summary(tx: &impl Sql, stamp: &Stamp, case_id: i64, summary: &str) -> Result<Case> {
    let summary = text::required("summary", summary, text::MAX_TEXT)?;
    let before = audit::snapshot(tx, "cases", case_id)?
        .ok_or_else(|| Error::not_found("case", case_id.to_string()))?;
    tx.run(
        "UPDATE cases SET summary = ?2 WHERE id = ?1",
        &sql_params![case_id, summary],
    )?;
    audit::record(tx, stamp, "cases", case_id, Some(before), None)?;
    get(tx, case_id)
}

/// A case with its councillor and catalogue version, the columns in the order [`from_row`] reads them.
const SELECT: &str = "SELECT k.id, k.reference, k.received_on, k.channel, k.complainant_name,
        k.complainant_contact, k.complainant_type, k.confidentiality_requested,
        k.confidentiality_reason, c.id AS councillor_id, c.name AS councillor_name,
        c.council AS councillor_council, c.ward AS councillor_ward, c.party AS councillor_party,
        k.platform, k.post_url, k.posted_at, k.summary, v.label AS catalogue_version,
        v.id AS catalogue_version_id, k.capacity_determination
     FROM cases k JOIN councillor c ON c.id = k.councillor_id
     JOIN catalogue_version v ON v.id = k.catalogue_version_id";

fn from_row(r: Row) -> Result<Case> {
    // By position, in the order [`SELECT`] names the columns (the struct's fields are in that
    // order): a lookup by name compares every column's name, and every audited change to a case
    // reads it.
    let mut col = r.columns();
    Ok(Case {
        id: col.take()?,
        reference: col.take()?,
        received_on: col.take()?,
        channel: col.take()?,
        complainant: Complainant {
            name: col.take()?,
            contact: col.take()?,
            kind: col.take()?,
            confidentiality_requested: col.take()?,
            confidentiality_reason: col.take()?,
        },
        councillor: CouncillorRef {
            id: col.take()?,
            name: col.take()?,
            council: col.take()?,
            ward: col.take()?,
            party: col.take()?,
        },
        platform: col.take()?,
        post_url: col.take()?,
        posted_at: col.take()?,
        summary: col.take()?,
        catalogue_version: col.take()?,
        catalogue_version_id: col.take()?,
        capacity_determination: col.take()?,
    })
}

pub fn get(conn: &impl Sql, id: i64) -> Result<Case> {
    conn.row_opt(&format!("{SELECT} WHERE k.id = ?1"), &sql_params![id])?
        .map(from_row)
        .transpose()?
        .ok_or_else(|| Error::not_found("case", id.to_string()))
}

/// The catalogue version case `id` is assessed against (not found if there is no such case).
pub fn catalogue_version_of(conn: &impl Sql, id: i64) -> Result<i64> {
    conn.row_opt(
        "SELECT catalogue_version_id FROM cases WHERE id = ?1",
        &sql_params![id],
    )?
    .map(|r| r.get(0))
    .transpose()?
    .ok_or_else(|| Error::not_found("case", id.to_string()))
}

/// The case with this reference. A case disposed of under the retention schedule is not found:
/// only its anonymised statistical record is left, and the error names its certificate.
pub fn by_reference(conn: &impl Sql, reference: &str) -> Result<Case> {
    let id = id_by_reference(conn, reference)?
        .ok_or_else(|| Error::not_found("case", text::shorten(reference.trim())))?;
    if let Some(certificate) = conn
        .row_opt(
            "SELECT d.certificate FROM cases k JOIN disposal d ON d.id = k.disposal_id
             WHERE k.id = ?1",
            &sql_params![id],
        )?
        .map(|r| r.get::<String>(0))
        .transpose()?
    {
        return Err(Error::invalid(
            "reference",
            format!(
                "{} was disposed of under the retention schedule (certificate {certificate}); \
                 only its anonymised statistical record is kept",
                reference.trim().to_uppercase()
            ),
        ));
    }
    get(conn, id)
}

mod list;
pub use list::{list, page, Filter, Page, Sort, SortKey, Summary, MAX_PAGE};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "CaseLink")]
pub struct Link {
    pub reference: String,
    pub kind: String,
}

/// Records that two complaints concern the same post or the same incident.
pub fn link(tx: &impl Sql, stamp: &Stamp, a: i64, b: i64, kind: &str) -> Result<()> {
    let kind = text::one_of("kind", kind, LINK_KINDS)?;
    if a == b {
        return Err(Error::invalid("other", "a case cannot be linked to itself"));
    }
    let (lo, hi) = (a.min(b), a.max(b));
    get(tx, lo)?;
    get(tx, hi)?;
    let existing: Option<i64> = tx
        .row_opt(
            "SELECT id FROM case_link WHERE case_id = ?1 AND other_case_id = ?2",
            &sql_params![lo, hi],
        )?
        .map(|r| r.get(0))
        .transpose()?;
    match existing {
        Some(id) => {
            let before = audit::snapshot(tx, "case_link", id)?;
            tx.run(
                "UPDATE case_link SET kind = ?2 WHERE id = ?1",
                &sql_params![id, kind],
            )?;
            audit::record(tx, stamp, "case_link", id, before, None)?;
        }
        None => {
            let id = tx.insert(
                "INSERT INTO case_link (case_id, other_case_id, kind) VALUES (?1, ?2, ?3)",
                &sql_params![lo, hi, kind],
            )?;
            audit::record(tx, stamp, "case_link", id, None, None)?;
        }
    }
    Ok(())
}

pub fn links(conn: &impl Sql, case_id: i64) -> Result<Vec<Link>> {
    conn.rows(
        "SELECT k.reference, l.kind FROM case_link l
         JOIN cases k ON k.id = CASE WHEN l.case_id = ?1 THEN l.other_case_id ELSE l.case_id END
         WHERE l.case_id = ?1 OR l.other_case_id = ?1 ORDER BY k.reference",
        &sql_params![case_id],
    )?
    .iter()
    .map(|r| {
        Ok(Link {
            reference: r.get(0)?,
            kind: r.get(1)?,
        })
    })
    .collect()
}

/// Complaints received in each of the `months` calendar months up to and including `today`'s,
/// oldest first, as ("2026-03", count); months with none are included.
pub fn per_month(conn: &impl Sql, months: u32, today: NaiveDate) -> Result<Vec<(String, i64)>> {
    let mut keys = Vec::new();
    let (mut y, mut m) = (today.year(), today.month());
    for _ in 0..months {
        keys.push(format!("{y:04}-{m:02}"));
        if m == 1 {
            y -= 1;
            m = 12;
        } else {
            m -= 1;
        }
    }
    keys.reverse();
    // A range on the indexed day ("2026-03" sorts before every day of March, and the month after
    // today's after every day up to today's month), not a function of it, which read every case.
    let after = if today.month() == 12 {
        format!("{:04}-01", today.year() + 1)
    } else {
        format!("{:04}-{:02}", today.year(), today.month() + 1)
    };
    let counts: Vec<(String, i64)> = conn
        .rows(
            "SELECT substr(received_on, 1, 7), count(*) FROM cases
             WHERE received_on >= ?1 AND received_on < ?2 GROUP BY 1",
            &sql_params![keys.first().cloned().unwrap_or_default(), after],
        )?
        .iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?)))
        .collect::<Result<_>>()?;
    Ok(keys
        .into_iter()
        .map(|k| {
            let n = counts.iter().find(|(m, _)| *m == k).map_or(0, |(_, n)| *n);
            (k, n)
        })
        .collect())
}

/// The years in which complaints were received, newest first.
pub fn years(conn: &impl Sql) -> Result<Vec<i32>> {
    conn.rows(
        "SELECT DISTINCT CAST(substr(received_on, 1, 4) AS INTEGER) FROM cases ORDER BY 1 DESC",
        &[],
    )?
    .iter()
    .map(|r| r.get(0))
    .collect()
}

/// How many cases there are.
pub fn count(conn: &impl Sql) -> Result<i64> {
    conn.value("SELECT count(*) FROM cases", &[])
}

/// How many cases are held: every case but the statistical records of disposed ones.
pub fn held(conn: &impl Sql) -> Result<i64> {
    conn.value("SELECT count(*) FROM cases WHERE disposal_id IS NULL", &[])
}
