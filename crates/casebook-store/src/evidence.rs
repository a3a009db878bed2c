//! Evidence: screenshots, PDFs and the post's text, kept byte-for-byte as received (ACPO principle 1).
//! On intake each file is hashed (SHA-256), its type sniffed from the bytes, images are decoded once
//! to refuse corrupt files and to make a thumbnail, and identical bytes are stored once.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use casebook_domain::evidence::*;
pub use casebook_domain::video;

use crate::sql::{Row, Sql};
use crate::{audit, case, sql_params, text, Error, Result, Stamp};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Evidence {
    pub id: i64,
    pub case_id: i64,
    /// `file` or `post_text`.
    pub kind: String,
    pub sha256: String,
    pub size: i64,
    pub media_type: String,
    /// The name the file had when it was added: data only, never used as a path.
    pub original_name: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub captured_by: String,
    pub captured_at: String,
    pub source_url: Option<String>,
    /// The original this item was made from (a redacted copy, say).
    pub derived_from: Option<i64>,
    pub description: Option<String>,
    pub added_at: String,
    pub has_thumbnail: bool,
    /// Whether this is text OCR read from a screenshot ([`is_reading`]), not typed or pasted.
    pub reading: bool,
}

/// Who captured the evidence, when and where; defaults to the person adding it, now.
#[derive(Debug, Clone, Default)]
pub struct Capture {
    pub captured_by: Option<String>,
    pub captured_at: Option<DateTime<Utc>>,
    pub source_url: Option<String>,
    pub description: Option<String>,
    pub derived_from: Option<i64>,
}

/// Reads a file for intake, refusing it before reading when it is over [`MAX_FILE_BYTES`].
/// Only a regular file is read (see [`crate::files`]).
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    crate::files::read(path, MAX_FILE_BYTES, "evidence file")
}

/// A file offered as evidence, opened: a video to be streamed in, or anything else read whole.
pub enum Offered {
    Whole(Vec<u8>),
    Video { file: std::fs::File, len: u64 },
}

/// Opens a file for intake: a video (sniffed from its first bytes) is left open to be streamed
/// in by [`add_offered`], up to [`MAX_VIDEO_BYTES`]; anything else is read whole, up to
/// [`MAX_FILE_BYTES`], refused before reading when it is over.
pub fn open_file(path: &Path) -> Result<Offered> {
    use std::io::Read;
    let what = "evidence file";
    let (file, len) = crate::files::open(path, what)?;
    let mut head = Vec::with_capacity(video::HEAD_BYTES);
    (&file)
        .take(video::HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    if video::sniff(&head).is_some() {
        if len > MAX_VIDEO_BYTES {
            return Err(crate::files::too_big(path, len, MAX_VIDEO_BYTES, what));
        }
        // Left at its start, to be read from there.
        std::io::Seek::rewind(&mut (&file)).map_err(|e| Error::io(path, e))?;
        return Ok(Offered::Video { file, len });
    }
    drop(file);
    read_file(path).map(Offered::Whole)
}

/// The SHA-256 of `file` from its start, read a part at a time.
pub fn hash_file(file: &mut std::fs::File, path: &Path) -> Result<String> {
    use sha2::{Digest, Sha256};
    use std::io::{Seek, SeekFrom};
    let mut hasher = Sha256::new();
    file.seek(SeekFrom::Start(0))
        .and_then(|_| std::io::copy(file, &mut hasher))
        .map_err(|e| Error::io(path, e))?;
    Ok(hex::encode(hasher.finalize()))
}

/// Adds a file opened by [`open_file`] to case `case_id`, as [`add_file`] or [`add_video`].
pub fn add_offered(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    offered: &mut Offered,
    original_name: Option<&str>,
    capture: &Capture,
    progress: &mut dyn FnMut(u64),
) -> Result<Evidence> {
    match offered {
        Offered::Whole(bytes) => add_file(tx, stamp, case_id, bytes, original_name, capture),
        Offered::Video { file, len } => add_video(
            tx,
            stamp,
            case_id,
            file,
            *len,
            original_name,
            capture,
            progress,
        ),
    }
}

/// Adds a file to case `case_id`. `original_name` is kept as data; only its last component is kept.
pub fn add_file(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    bytes: &[u8],
    original_name: Option<&str>,
    capture: &Capture,
) -> Result<Evidence> {
    let name = file_name(original_name)?;
    let examined = examine(bytes, name.as_deref())?;
    let id = store(
        tx,
        stamp,
        case_id,
        "file",
        Body::Whole(bytes),
        examined.media_type,
        name.as_deref(),
        examined.size,
        capture,
    )?;
    if let Some(thumb) = examined.thumbnail {
        tx.run(
            "INSERT INTO thumbnail (sha256, media_type, bytes) VALUES (?1, 'image/jpeg', ?2)
             ON CONFLICT DO NOTHING",
            &sql_params![audit::sha256_hex(bytes), thumb],
        )?;
    }
    get(tx, id)
}

/// Adds the text of the post to case `case_id` (exactly as given, UTF-8).
pub fn add_text(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    post_text: &str,
    capture: &Capture,
) -> Result<Evidence> {
    if post_text.trim().is_empty() {
        return Err(Error::invalid("post_text", "is empty"));
    }
    if post_text.len() > MAX_TEXT_BYTES {
        return Err(Error::invalid(
            "post_text",
            format!(
                "is {} bytes; post text is limited to {} bytes",
                post_text.len(),
                MAX_TEXT_BYTES
            ),
        ));
    }
    let id = store(
        tx,
        stamp,
        case_id,
        "post_text",
        Body::Whole(post_text.as_bytes()),
        TEXT_MEDIA_TYPE,
        None,
        None,
        capture,
    )?;
    get(tx, id)
}

/// Adds a video to case `case_id` from `file` (of `len` bytes), streamed into the database a
/// part at a time and hashed on the way, never held whole: its type is sniffed from its first
/// bytes and must be a video (anything else goes through [`add_file`]), its structure is checked
/// to run to its end, and it may be up to [`MAX_VIDEO_BYTES`]. `progress` is told the bytes
/// kept so far.
#[allow(clippy::too_many_arguments)]
pub fn add_video(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    file: &mut (impl std::io::Read + std::io::Seek + Send),
    len: u64,
    original_name: Option<&str>,
    capture: &Capture,
    progress: &mut dyn FnMut(u64),
) -> Result<Evidence> {
    use std::io::Read;
    let name = file_name(original_name)?;
    let media_type = video_type(file, len, name.as_deref())?;
    file.rewind().map_err(unreadable)?;
    let streamed = crate::blob::put_stream(tx, &mut file.take(len), MAX_VIDEO_BYTES, progress)?;
    if streamed.size != len {
        return Err(Error::invalid(
            "file",
            format!(
                "changed while it was read ({len} bytes at the start, {} read); add it again once \
                 it is no longer being written",
                streamed.size
            ),
        ));
    }
    keep_video(tx, stamp, case_id, &streamed, media_type, name, capture)
}

/// Adds a video already in parts (sent to a team server a part at a time: see
/// [`crate::upload`]) to case `case_id`, with the checks [`add_video`] makes, read where the parts
/// are kept.
pub fn add_streamed(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    streamed: &crate::blob::Streamed,
    original_name: Option<&str>,
    capture: &Capture,
) -> Result<Evidence> {
    let name = file_name(original_name)?;
    let mut file = crate::blob::StreamReader::new(tx, streamed.stream, streamed.size);
    let media_type = video_type(&mut file, streamed.size, name.as_deref())?;
    keep_video(tx, stamp, case_id, streamed, media_type, name, capture)
}

fn unreadable(e: std::io::Error) -> Error {
    Error::invalid("file", format!("could not be read: {e}"))
}

/// The type of the video `file` (of `len` bytes, named `name`): sniffed from its first bytes, a
/// video its name does not contradict, within [`MAX_VIDEO_BYTES`], running to its end. Intake's
/// own checks of a video, for a front end to make when one is offered.
pub fn video_type(
    file: &mut (impl std::io::Read + std::io::Seek),
    len: u64,
    name: Option<&str>,
) -> Result<&'static str> {
    use std::io::Read;
    if len > MAX_VIDEO_BYTES {
        return Err(too_big(len));
    }
    file.rewind().map_err(unreadable)?;
    let mut head = Vec::with_capacity(video::HEAD_BYTES);
    file.by_ref()
        .take(video::HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(unreadable)?;
    let media_type = media_type(sniff(&head), name)?;
    if !video::is_video(media_type) {
        return Err(Error::invalid(
            "file",
            format!("is a {media_type} file, not a video; it is added whole"),
        ));
    }
    video::check(file, len, media_type)?;
    Ok(media_type)
}

/// Keeps a video streamed into parts as evidence item of case `case_id`.
fn keep_video(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    streamed: &crate::blob::Streamed,
    media_type: &str,
    name: Option<String>,
    capture: &Capture,
) -> Result<Evidence> {
    let body = Body::Streamed(streamed);
    let id = store(
        tx,
        stamp,
        case_id,
        "file",
        body,
        media_type,
        name.as_deref(),
        None,
        capture,
    )?;
    get(tx, id)
}

/// The last component of a file's name as given (data only, never a path), if it has one.
fn file_name(original_name: Option<&str>) -> Result<Option<String>> {
    let name = original_name
        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string())
        .filter(|n| !n.trim().is_empty());
    text::optional("original_name", name.as_deref(), 255)
}

/// An item's bytes as they come to be stored: whole, or already streamed into parts.
enum Body<'a> {
    Whole(&'a [u8]),
    Streamed(&'a crate::blob::Streamed),
}

#[allow(clippy::too_many_arguments)]
fn store(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    kind: &str,
    body: Body<'_>,
    media_type: &str,
    original_name: Option<&str>,
    size: Option<(u32, u32)>,
    capture: &Capture,
) -> Result<i64> {
    // Every field, by name: one added to Capture must be checked and stored here too.
    let Capture {
        captured_by,
        captured_at,
        source_url,
        description,
        derived_from,
    } = capture;
    let case = case::get(tx, case_id)?;
    let (sha, length) = match &body {
        Body::Whole(bytes) => (audit::sha256_hex(bytes), bytes.len() as u64),
        Body::Streamed(s) => (s.sha256.clone(), s.size),
    };
    let field = if kind == "file" { "file" } else { "post_text" };
    let existing: Option<i64> = tx
        .row_opt(
            "SELECT id FROM evidence WHERE case_id = ?1 AND sha256 = ?2",
            &sql_params![case_id, &sha],
        )?
        .map(|r| r.get(0))
        .transpose()?;
    if let Some(id) = existing {
        return Err(Error::conflict(
            field,
            format!(
                "identical bytes are already evidence item {id} on {} (SHA-256 {})",
                case.reference,
                &sha[..12]
            ),
        ));
    }
    if let Some(original) = *derived_from {
        let of: Option<i64> = tx
            .row_opt(
                "SELECT case_id FROM evidence WHERE id = ?1",
                &sql_params![original],
            )?
            .map(|r| r.get(0))
            .transpose()?;
        if of != Some(case_id) {
            return Err(Error::invalid(
                "derived_from",
                format!("evidence item {original} is not on {}", case.reference),
            ));
        }
    }
    let captured_by = match captured_by {
        Some(by) => text::required("captured_by", by, 200)?,
        None => stamp.actor.clone(),
    };
    let captured_at = captured_at.unwrap_or(stamp.at);
    if captured_at > stamp.at {
        return Err(Error::invalid(
            "captured_at",
            format!("{} is in the future", audit::timestamp(captured_at)),
        ));
    }
    let source_url = text::optional_url("source_url", source_url.as_deref())?;
    let description = text::optional("description", description.as_deref(), text::MAX_TEXT)?;
    match body {
        Body::Whole(bytes) => {
            crate::blob::put(tx, bytes)?;
        }
        Body::Streamed(s) => crate::blob::keep(tx, s)?,
    }
    let id = tx.insert(
        "INSERT INTO evidence (case_id, kind, sha256, size, media_type, original_name, width,
             height, captured_by, captured_at, source_url, derived_from, description, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        &sql_params![
            case_id,
            kind,
            sha,
            length as i64,
            media_type,
            original_name,
            size.map(|s| i64::from(s.0)),
            size.map(|s| i64::from(s.1)),
            captured_by,
            audit::timestamp(captured_at),
            source_url,
            *derived_from,
            description,
            stamp.at_text()
        ],
    )?;
    audit::record(tx, stamp, "evidence", id, None, None)?;
    Ok(id)
}

/// An evidence item and whether it has a thumbnail, each column named as [`from_row`] reads it.
const SELECT: &str = "SELECT e.id, e.case_id, e.kind, e.sha256, e.size, e.media_type,
        e.original_name, e.width, e.height, e.captured_by, e.captured_at, e.source_url,
        e.derived_from, e.description, e.added_at,
        EXISTS (SELECT 1 FROM thumbnail t WHERE t.sha256 = e.sha256) AS has_thumbnail
     FROM evidence e";

fn from_row(r: &Row) -> Result<Evidence> {
    let (kind, description): (String, Option<String>) = (r.get("kind")?, r.get("description")?);
    Ok(Evidence {
        reading: is_reading(&kind, description.as_deref()),
        id: r.get("id")?,
        case_id: r.get("case_id")?,
        kind,
        sha256: r.get("sha256")?,
        size: r.get("size")?,
        media_type: r.get("media_type")?,
        original_name: r.get("original_name")?,
        width: r.get("width")?,
        height: r.get("height")?,
        captured_by: r.get("captured_by")?,
        captured_at: r.get("captured_at")?,
        source_url: r.get("source_url")?,
        derived_from: r.get("derived_from")?,
        description,
        added_at: r.get("added_at")?,
        has_thumbnail: r.get("has_thumbnail")?,
    })
}

pub fn get(conn: &impl Sql, id: i64) -> Result<Evidence> {
    conn.row_opt(&format!("{SELECT} WHERE e.id = ?1"), &sql_params![id])?
        .map(|r| from_row(&r))
        .transpose()?
        .ok_or_else(|| Error::not_found("evidence item", id.to_string()))
}

pub fn list(conn: &impl Sql, case_id: i64) -> Result<Vec<Evidence>> {
    conn.rows(
        &format!("{SELECT} WHERE e.case_id = ?1 ORDER BY e.id"),
        &sql_params![case_id],
    )?
    .iter()
    .map(from_row)
    .collect()
}

/// Screenshots, photos and PDFs with no text read from them yet: not a redacted copy of an image
/// or a PDF (reading one would give back what was blacked out; an email's attached screenshot is
/// read), with no post text derived from them, oldest first.
pub fn unread(conn: &impl Sql) -> Result<Vec<Evidence>> {
    let readable =
        |e: &str| format!("({e}.media_type LIKE 'image/%' OR {e}.media_type = 'application/pdf')");
    conn.rows(
        &format!(
            "{SELECT} WHERE e.kind = 'file' AND {} \
             AND NOT EXISTS (SELECT 1 FROM evidence o WHERE o.id = e.derived_from AND {}) \
             AND NOT EXISTS (SELECT 1 FROM evidence t \
             WHERE t.derived_from = e.id AND t.kind = 'post_text') ORDER BY e.id",
            readable("e"),
            readable("o")
        ),
        &[],
    )?
    .iter()
    .map(from_row)
    .collect()
}

/// The hash an evidence item's bytes are kept under.
fn sha_of(conn: &impl Sql, evidence_id: i64) -> Result<String> {
    conn.value_opt(
        "SELECT sha256 FROM evidence WHERE id = ?1",
        &sql_params![evidence_id],
    )?
    .ok_or_else(|| Error::not_found("evidence item", evidence_id.to_string()))
}

/// The original bytes of an evidence item, whole in memory (a video too: see [`copy`] and
/// [`range`] to read one without holding it).
pub fn bytes(conn: &impl Sql, evidence_id: i64) -> Result<Vec<u8>> {
    crate::blob::bytes(conn, &sha_of(conn, evidence_id)?)?
        .ok_or_else(|| Error::not_found("evidence item", evidence_id.to_string()))
}

/// Writes the original bytes of an evidence item to `out`, a part at a time; the SHA-256 and
/// length of what was written, hashed as it went.
pub fn copy(
    conn: &impl Sql,
    evidence_id: i64,
    out: &mut dyn std::io::Write,
) -> Result<(String, u64)> {
    let sha = sha_of(conn, evidence_id)?;
    crate::blob::digest(|hash| {
        crate::blob::read(conn, &sha, &mut |b| {
            out.write_all(b)
                .map_err(|e| Error::invalid("file", format!("could not be written: {e}")))?;
            hash(b)
        })
    })
}

/// Bytes `start..start + len` of an evidence item (fewer at its end): what a video player asks
/// for as it plays.
pub fn range(conn: &impl Sql, evidence_id: i64, start: u64, len: u64) -> Result<Vec<u8>> {
    crate::blob::range(conn, &sha_of(conn, evidence_id)?, start, len)
}

/// The JPEG thumbnail of an image evidence item, if it has one.
pub fn thumbnail(conn: &impl Sql, evidence_id: i64) -> Result<Option<Vec<u8>>> {
    conn.row_opt(
        "SELECT t.bytes FROM evidence e JOIN thumbnail t ON t.sha256 = e.sha256 WHERE e.id = ?1",
        &sql_params![evidence_id],
    )?
    .map(|r| r.get(0))
    .transpose()
}

/// All post text on a case, oldest first, for search and display.
pub fn post_texts(conn: &impl Sql, case_id: i64) -> Result<Vec<String>> {
    conn.rows(
        "SELECT b.bytes FROM evidence e JOIN blob b ON b.sha256 = e.sha256
         WHERE e.case_id = ?1 AND e.kind = 'post_text' ORDER BY e.id",
        &sql_params![case_id],
    )?
    .iter()
    .map(|r| {
        let b: Vec<u8> = r.get(0)?;
        Ok(String::from_utf8_lossy(&b).into_owned())
    })
    .collect()
}
