//! Case documents: the letters Casebook made and sent, and the investigator's final report. Kept
//! like evidence: content-addressed in `blob` by SHA-256, never changed, hashed again on the way
//! out (and by `verify`), and removed only by a disposal, which leaves a tombstone first.

use serde::Serialize;

use crate::evidence::{too_big, MAX_FILE_BYTES};
use crate::sql::{Row, Sql};
use crate::{audit, case, sql_params, text, Error, Result, Stamp};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "CaseDocument")]
pub struct Document {
    pub id: i64,
    pub case_id: i64,
    /// `letter` or `final report`.
    pub kind: String,
    pub title: String,
    pub sha256: String,
    pub size: i64,
    pub media_type: String,
    /// A name to offer when saving it: data only, never used as a path.
    pub file_name: String,
    pub added_by: String,
    pub added_at: String,
}

/// A document to keep.
pub struct NewDocument<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub bytes: &'a [u8],
    pub file_name: &'a str,
}

pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The media type of a document, from its bytes (the name only tells Markdown from HTML, which
/// are both text): PDF, Word (DOCX), Markdown or HTML.
pub fn media_type(bytes: &[u8], file_name: &str) -> Result<&'static str> {
    let lower = file_name.to_ascii_lowercase();
    if bytes.starts_with(b"%PDF-") {
        return Ok("application/pdf");
    }
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    if is_zip && bytes.windows(5).any(|w| w == b"word/") {
        return Ok(DOCX);
    }
    if !is_zip && std::str::from_utf8(bytes).is_ok() {
        if lower.ends_with(".html") || lower.ends_with(".htm") {
            return Ok("text/html; charset=utf-8");
        }
        if lower.ends_with(".md") || lower.ends_with(".txt") {
            return Ok("text/markdown; charset=utf-8");
        }
    }
    Err(Error::invalid(
        "file",
        format!(
            "'{}' is not a PDF, Word (DOCX), Markdown or HTML file (judged from its contents)",
            text::shorten(file_name)
        ),
    ))
}

/// Keeps a document on case `case_id`.
pub fn add(tx: &impl Sql, stamp: &Stamp, case_id: i64, d: NewDocument<'_>) -> Result<Document> {
    case::get(tx, case_id)?;
    if d.bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(d.bytes.len() as u64));
    }
    if d.bytes.is_empty() {
        return Err(Error::invalid("file", "is empty"));
    }
    let name = d
        .file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(d.file_name);
    let name = text::required("file_name", name, 255)?;
    let title = text::required("title", d.title, 300)?;
    let media_type = media_type(d.bytes, &name)?;
    let sha = audit::sha256_hex(d.bytes);
    tx.run(
        "INSERT INTO blob (sha256, size, bytes) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        &sql_params![&sha, d.bytes.len() as i64, d.bytes],
    )?;
    let id = tx.insert(
        "INSERT INTO case_document (case_id, kind, title, sha256, size, media_type, file_name,
                                    added_by, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        &sql_params![
            case_id,
            d.kind,
            title,
            sha,
            d.bytes.len() as i64,
            media_type,
            name,
            &stamp.actor,
            stamp.at_text()
        ],
    )?;
    audit::record(tx, stamp, "case_document", id, None, None)?;
    get(tx, id)
}

const SELECT: &str = "SELECT id, case_id, kind, title, sha256, size, media_type, file_name,
    added_by, added_at FROM case_document";

fn from_row(r: &Row) -> Result<Document> {
    Ok(Document {
        id: r.get("id")?,
        case_id: r.get("case_id")?,
        kind: r.get("kind")?,
        title: r.get("title")?,
        sha256: r.get("sha256")?,
        size: r.get("size")?,
        media_type: r.get("media_type")?,
        file_name: r.get("file_name")?,
        added_by: r.get("added_by")?,
        added_at: r.get("added_at")?,
    })
}

pub fn get(conn: &impl Sql, id: i64) -> Result<Document> {
    conn.row_opt(&format!("{SELECT} WHERE id = ?1"), &sql_params![id])?
        .map(|r| from_row(&r))
        .transpose()?
        .ok_or_else(|| Error::not_found("case document", id.to_string()))
}

/// A case's documents, oldest first.
pub fn list(conn: &impl Sql, case_id: i64) -> Result<Vec<Document>> {
    conn.rows(
        &format!("{SELECT} WHERE case_id = ?1 ORDER BY id"),
        &sql_params![case_id],
    )?
    .iter()
    .map(from_row)
    .collect()
}

/// A document's bytes, checked against the hash it was kept with.
pub fn bytes(conn: &impl Sql, id: i64) -> Result<(Document, Vec<u8>)> {
    let d = get(conn, id)?;
    let bytes: Vec<u8> = conn
        .value_opt(
            "SELECT bytes FROM blob WHERE sha256 = ?1",
            &sql_params![&d.sha256],
        )?
        .ok_or_else(|| Error::not_found("document bytes", d.sha256.clone()))?;
    let actual = audit::sha256_hex(&bytes);
    if actual != d.sha256 {
        return Err(Error::conflict(
            "document",
            format!(
                "document {id}'s bytes have changed since it was kept: they hash to {actual}, \
                 not {}",
                d.sha256
            ),
        ));
    }
    Ok((d, bytes))
}
