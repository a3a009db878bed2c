//! Evidence: screenshots, PDFs and the post's text, kept byte-for-byte as received (ACPO principle 1).
//! On intake each file is hashed (SHA-256), its type sniffed from the bytes, images are decoded once
//! to refuse corrupt files and to make a thumbnail, and identical bytes are stored once.

use std::io::{Cursor, Read};
use std::path::Path;

use chrono::{DateTime, Utc};
use image::{ImageFormat, ImageReader, Limits};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::{audit, case, search, text, Error, Result, Stamp};

/// Largest evidence file accepted: 32 MiB. Phone and desktop screenshots are well under 10 MiB;
/// a larger file is refused with a message naming the limit.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
/// Largest post text accepted: 1 MiB of UTF-8.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// Largest image decoded, in pixels per side (a guard against decompression bombs).
pub const MAX_IMAGE_SIDE: u32 = 20_000;
/// Longest side of a thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 360;

/// The types accepted as evidence files, as (media type, name, file name extensions).
const ACCEPTED: &[(&str, &str, &[&str])] = &[
    ("image/png", "PNG", &["png"]),
    ("image/jpeg", "JPEG", &["jpg", "jpeg", "jpe", "jfif"]),
    ("image/webp", "WebP", &["webp"]),
    ("image/gif", "GIF", &["gif"]),
    ("application/pdf", "PDF", &["pdf"]),
];
pub const TEXT_MEDIA_TYPE: &str = "text/plain; charset=utf-8";

#[derive(Debug, Clone, Serialize)]
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
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if len > MAX_FILE_BYTES {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    Ok(bytes)
}

fn too_big(len: u64) -> Error {
    Error::invalid(
        "file",
        format!(
            "is {:.1} MiB; evidence files are limited to {} MiB",
            len as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ),
    )
}

/// What intake found a file to be, before it is stored.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    pub media_type: String,
    pub size: u64,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Checks a file exactly as [`add_file`] will (type from its bytes, name not contradicting it,
/// intact, within the limits), without storing anything: so a form can refuse a file the moment
/// it is offered.
pub fn check(bytes: &[u8], original_name: Option<&str>) -> Result<Checked> {
    let e = examine(bytes, original_name)?;
    Ok(Checked {
        media_type: e.media_type.to_string(),
        size: bytes.len() as u64,
        width: e.size.map(|s| s.0),
        height: e.size.map(|s| s.1),
    })
}

/// The media type of `bytes`, from their content alone.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    match image::guess_format(bytes).ok()? {
        ImageFormat::Png => Some("image/png"),
        ImageFormat::Jpeg => Some("image/jpeg"),
        ImageFormat::WebP => Some("image/webp"),
        ImageFormat::Gif => Some("image/gif"),
        _ => None,
    }
}

fn type_name(media_type: &str) -> &'static str {
    ACCEPTED
        .iter()
        .find(|(m, _, _)| *m == media_type)
        .map(|(_, n, _)| *n)
        .unwrap_or("unknown")
}

/// Checks the bytes are an accepted, intact file whose name does not contradict its contents.
/// Returns the media type, image size and a JPEG thumbnail for images.
fn examine(bytes: &[u8], original_name: Option<&str>) -> Result<Examined> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(Error::invalid("file", "is empty"));
    }
    let accepted = ACCEPTED
        .iter()
        .map(|(_, n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ");
    let sniffed = sniff(bytes);
    let ext = original_name
        .and_then(|n| Path::new(n).extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let named_as = ext
        .as_deref()
        .and_then(|e| ACCEPTED.iter().find(|(_, _, exts)| exts.contains(&e)));
    let media_type = match (sniffed, named_as) {
        (None, Some((_, name, _))) => {
            return Err(Error::invalid(
                "file",
                format!("is named .{} but its contents are not a {name} file (nor any accepted type: {accepted})",
                    ext.unwrap_or_default()),
            ))
        }
        (None, None) => {
            return Err(Error::invalid(
                "file",
                format!("is not an accepted evidence type; accepted: {accepted}"),
            ))
        }
        (Some(m), Some((named, name, _))) if m != *named => {
            return Err(Error::invalid(
                "file",
                format!(
                    "is named .{} ({name}) but its contents are {}; rename it to match or export it again",
                    ext.unwrap_or_default(),
                    type_name(m)
                ),
            ))
        }
        (Some(m), _) => m,
    };
    if media_type == "application/pdf" {
        let tail = &bytes[bytes.len().saturating_sub(2048)..];
        if !tail.windows(5).any(|w| w == b"%%EOF") {
            return Err(Error::invalid(
                "file",
                "is a PDF with no end-of-file marker: it is truncated or corrupt",
            ));
        }
        return Ok(Examined {
            media_type,
            size: None,
            thumbnail: None,
        });
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Error::invalid("file", format!("could not be read: {e}")))?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(1024 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| {
        Error::invalid(
            "file",
            format!(
                "is a damaged or unreadable {} image: {e}",
                type_name(media_type)
            ),
        )
    })?;
    let thumb = img.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE).to_rgb8();
    let mut out = Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&thumb)
        .map_err(|e| Error::invalid("file", format!("thumbnail could not be made: {e}")))?;
    Ok(Examined {
        media_type,
        size: Some((img.width(), img.height())),
        thumbnail: Some(out.into_inner()),
    })
}

struct Examined {
    media_type: &'static str,
    size: Option<(u32, u32)>,
    thumbnail: Option<Vec<u8>>,
}

/// Adds a file to case `case_id`. `original_name` is kept as data; only its last component is kept.
pub fn add_file(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    case_id: i64,
    bytes: &[u8],
    original_name: Option<&str>,
    capture: &Capture,
) -> Result<Evidence> {
    let name = original_name
        .map(|n| n.rsplit(['/', '\\']).next().unwrap_or(n).to_string())
        .filter(|n| !n.trim().is_empty());
    let name = text::optional("original_name", name.as_deref(), 255)?;
    let examined = examine(bytes, name.as_deref())?;
    let id = store(
        tx,
        stamp,
        case_id,
        "file",
        bytes,
        examined.media_type,
        name.as_deref(),
        examined.size,
        capture,
    )?;
    if let Some(thumb) = examined.thumbnail {
        tx.execute(
            "INSERT INTO thumbnail (sha256, media_type, bytes) VALUES (?1, 'image/jpeg', ?2)
             ON CONFLICT DO NOTHING",
            params![audit::sha256_hex(bytes), thumb],
        )?;
    }
    get(tx, id)
}

/// Adds the text of the post to case `case_id` (exactly as given, UTF-8).
pub fn add_text(
    tx: &Transaction<'_>,
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
        post_text.as_bytes(),
        TEXT_MEDIA_TYPE,
        None,
        None,
        capture,
    )?;
    search::reindex_case(tx, case_id)?;
    get(tx, id)
}

#[allow(clippy::too_many_arguments)]
fn store(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    case_id: i64,
    kind: &str,
    bytes: &[u8],
    media_type: &str,
    original_name: Option<&str>,
    size: Option<(u32, u32)>,
    capture: &Capture,
) -> Result<i64> {
    let case = case::get(tx, case_id)?;
    let sha = audit::sha256_hex(bytes);
    let field = if kind == "file" { "file" } else { "post_text" };
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM evidence WHERE case_id = ?1 AND sha256 = ?2",
            params![case_id, sha],
            |r| r.get(0),
        )
        .optional()?;
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
    if let Some(original) = capture.derived_from {
        let of: Option<i64> = tx
            .query_row(
                "SELECT case_id FROM evidence WHERE id = ?1",
                [original],
                |r| r.get(0),
            )
            .optional()?;
        if of != Some(case_id) {
            return Err(Error::invalid(
                "derived_from",
                format!("evidence item {original} is not on {}", case.reference),
            ));
        }
    }
    let captured_by = match &capture.captured_by {
        Some(by) => text::required("captured_by", by, 200)?,
        None => stamp.actor.clone(),
    };
    let captured_at = capture.captured_at.unwrap_or(stamp.at);
    if captured_at > stamp.at {
        return Err(Error::invalid(
            "captured_at",
            format!("{} is in the future", audit::timestamp(captured_at)),
        ));
    }
    let source_url = text::optional_url("source_url", capture.source_url.as_deref())?;
    let description = text::optional(
        "description",
        capture.description.as_deref(),
        text::MAX_TEXT,
    )?;
    tx.execute(
        "INSERT INTO blob (sha256, size, bytes) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        params![sha, bytes.len() as i64, bytes],
    )?;
    tx.execute(
        "INSERT INTO evidence (case_id, kind, sha256, size, media_type, original_name, width, height,
             captured_by, captured_at, source_url, derived_from, description, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            case_id,
            kind,
            sha,
            bytes.len() as i64,
            media_type,
            original_name,
            size.map(|s| s.0),
            size.map(|s| s.1),
            captured_by,
            audit::timestamp(captured_at),
            source_url,
            capture.derived_from,
            description,
            stamp.at_text(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, stamp, "evidence", id, None, None)?;
    Ok(id)
}

const SELECT: &str = "SELECT e.id, e.case_id, e.kind, e.sha256, e.size, e.media_type,
        e.original_name, e.width, e.height, e.captured_by, e.captured_at, e.source_url,
        e.derived_from, e.description, e.added_at,
        EXISTS (SELECT 1 FROM thumbnail t WHERE t.sha256 = e.sha256)
     FROM evidence e";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        case_id: r.get(1)?,
        kind: r.get(2)?,
        sha256: r.get(3)?,
        size: r.get(4)?,
        media_type: r.get(5)?,
        original_name: r.get(6)?,
        width: r.get(7)?,
        height: r.get(8)?,
        captured_by: r.get(9)?,
        captured_at: r.get(10)?,
        source_url: r.get(11)?,
        derived_from: r.get(12)?,
        description: r.get(13)?,
        added_at: r.get(14)?,
        has_thumbnail: r.get(15)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Evidence> {
    conn.query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("evidence item", id.to_string()))
}

pub fn list(conn: &Connection, case_id: i64) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE e.case_id = ?1 ORDER BY e.id"))?;
    let rows = stmt.query_map([case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The original bytes of an evidence item.
pub fn bytes(conn: &Connection, evidence_id: i64) -> Result<Vec<u8>> {
    conn.query_row(
        "SELECT b.bytes FROM evidence e JOIN blob b ON b.sha256 = e.sha256 WHERE e.id = ?1",
        [evidence_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::not_found("evidence item", evidence_id.to_string()))
}

/// The JPEG thumbnail of an image evidence item, if it has one.
pub fn thumbnail(conn: &Connection, evidence_id: i64) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .query_row(
            "SELECT t.bytes FROM evidence e JOIN thumbnail t ON t.sha256 = e.sha256 WHERE e.id = ?1",
            [evidence_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// All post text on a case, oldest first, for search and display.
pub fn post_texts(conn: &Connection, case_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.bytes FROM evidence e JOIN blob b ON b.sha256 = e.sha256
         WHERE e.case_id = ?1 AND e.kind = 'post_text' ORDER BY e.id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        let b: Vec<u8> = r.get(0)?;
        Ok(String::from_utf8_lossy(&b).into_owned())
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
