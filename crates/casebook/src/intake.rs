//! Logging a complaint in one step, as the desktop form does: the councillor (from the register or
//! added there and then), the case, the post's text and the screenshots, all in one transaction,
//! so a refusal anywhere stores nothing.

use crate::case::{Case, NewCase};
use crate::councillor::NewCouncillor;
use crate::evidence::Capture;
use crate::sql::Sql;
use crate::{case, councillor, evidence, Error, Result, Stamp};
use casebook_domain::email;
use casebook_domain::redaction::{self, Area};

/// A file offered with the complaint: its bytes, or a video left on the disk to be streamed in.
#[derive(Debug, Clone, Default)]
pub struct File {
    pub name: Option<String>,
    /// The file's bytes; empty for a video on disk.
    pub bytes: Vec<u8>,
    pub on_disk: Option<OnDisk>,
}

/// A video offered from the disk: read as it is stored, never held whole.
#[derive(Debug, Clone)]
pub struct OnDisk {
    pub path: std::path::PathBuf,
    /// Its SHA-256 when it was offered: the bytes stored must be those.
    pub sha256: String,
}

impl File {
    /// A file offered as its bytes.
    pub fn bytes(name: Option<String>, bytes: Vec<u8>) -> File {
        File {
            name,
            bytes,
            on_disk: None,
        }
    }
}

/// Whether storing `files` streams a video in from the disk (best stored with
/// [`casebook_store::Db::write_appending`]).
pub fn streams(files: &[File]) -> bool {
    files.iter().any(|f| f.on_disk.is_some())
}

/// A video at `path` offered for intake: its type sniffed and its structure checked (as
/// [`evidence::add_video`] will), then hashed a part at a time; held as a [`File`] to stream in
/// later, with what intake found.
pub fn offer_video(path: &std::path::Path) -> Result<(File, evidence::Checked)> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let evidence::Offered::Video { mut file, len } = evidence::open_file(path)? else {
        return Err(Error::invalid(
            "file",
            format!(
                "{} is not an MP4, WebM or QuickTime video",
                name.as_deref().unwrap_or("the file")
            ),
        ));
    };
    let media_type = evidence::video_type(&mut file, len, name.as_deref())?;
    let sha256 = evidence::hash_file(&mut file, path)?;
    let checked = evidence::Checked {
        media_type: media_type.to_string(),
        size: len,
        width: None,
        height: None,
    };
    let on_disk = OnDisk {
        path: path.to_path_buf(),
        sha256,
    };
    Ok((
        File {
            name,
            bytes: Vec::new(),
            on_disk: Some(on_disk),
        },
        checked,
    ))
}

#[derive(Debug, Clone)]
pub struct Intake {
    /// The complaint; its `councillor_id` is ignored when `new_councillor` is given.
    pub case: NewCase,
    /// A councillor to add to the register and log the complaint against.
    pub new_councillor: Option<NewCouncillor>,
    pub post_text: Option<String>,
    pub files: Vec<File>,
    /// How the evidence was captured (who, when, from where); defaults to the officer, now.
    pub capture: Capture,
}

/// Logs the complaint in `tx`; returns the new case. Errors name their field (a new councillor's
/// fields as `new_councillor_name` and so on; a file's as `files`, naming the file).
pub fn log(tx: &impl Sql, stamp: &Stamp, intake: &Intake) -> Result<Case> {
    let mut new = intake.case.clone();
    if let Some(c) = &intake.new_councillor {
        let added = councillor::add(tx, stamp, c).map_err(|e| prefixed(e, "new_councillor_"))?;
        new.councillor_id = added.id;
    }
    let created = case::create(tx, stamp, &new, None)?;
    let capture = Capture {
        source_url: intake.capture.source_url.clone().or(new.post_url.clone()),
        ..intake.capture.clone()
    };
    attach(
        tx,
        stamp,
        created.id,
        intake.post_text.as_deref(),
        &intake.files,
        &capture,
    )?;
    case::get(tx, created.id)
}

/// Adds the post's text (if any) and files to case `case_id`, in `tx`. A refused file is named in
/// the error (field `files`), and nothing of this call is kept when `tx` rolls back.
pub fn attach(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    post_text: Option<&str>,
    files: &[File],
    capture: &Capture,
) -> Result<()> {
    if let Some(text) = post_text.filter(|t| !t.trim().is_empty()) {
        evidence::add_text(tx, stamp, case_id, text, capture)?;
    }
    for f in files {
        let label = f.name.clone().unwrap_or_else(|| "the pasted image".into());
        let named = |e: Error| match e {
            Error::Invalid { reason, .. } | Error::Conflict { reason, .. } => {
                Error::invalid("files", format!("{label} {reason}"))
            }
            other => other,
        };
        let added = match &f.on_disk {
            None => evidence::add_file(tx, stamp, case_id, &f.bytes, f.name.as_deref(), capture),
            Some(video) => stream_in(tx, stamp, case_id, f.name.as_deref(), video, capture),
        }
        .map_err(named)?;
        if added.media_type == email::MEDIA_TYPE {
            attachments(tx, stamp, case_id, &added, &f.bytes, &label)?;
        }
    }
    Ok(())
}

/// Streams in a video offered from the disk; refused if its bytes are not those offered.
fn stream_in(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    name: Option<&str>,
    video: &OnDisk,
    capture: &Capture,
) -> Result<evidence::Evidence> {
    let mut offered = evidence::open_file(&video.path)?;
    let added =
        evidence::add_offered(tx, stamp, case_id, &mut offered, name, capture, &mut |_| {})?;
    if added.sha256 != video.sha256 {
        return Err(Error::invalid(
            "file",
            "has changed on the disk since it was offered; offer it again",
        ));
    }
    Ok(added)
}

/// Adds each file attached to the email `message` (just added as item `added`) as an evidence
/// item of its own, linked to the email, through the same checks as any file; one that is
/// refused refuses the whole (named as the email's attachment).
fn attachments(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    added: &evidence::Evidence,
    message: &[u8],
    label: &str,
) -> Result<()> {
    let (read, attached) = email::split(message)?;
    for a in attached {
        let name = a
            .name
            .clone()
            .unwrap_or_else(|| "an unnamed attachment".into());
        let capture = Capture {
            derived_from: Some(added.id),
            description: Some(format!(
                "Attached to the email from {} of {}, \"{}\"",
                read.from,
                read.date
                    .as_deref()
                    .map_or("no date", |d| d.get(..10).unwrap_or(d)),
                read.subject
            )),
            ..Capture::default()
        };
        evidence::add_file(tx, stamp, case_id, &a.bytes, a.name.as_deref(), &capture).map_err(
            |e| match e {
                Error::Invalid { reason, .. } | Error::Conflict { reason, .. } => {
                    Error::invalid("files", format!("{label}: its attachment {name} {reason}"))
                }
                other => other,
            },
        )?;
    }
    Ok(())
}

/// Makes a redacted copy of evidence item `original` of case `case_id` with each of `areas`
/// covered (see [`casebook_domain::redaction`]) and adds it to the case as a new PNG linked to its
/// original, described with the original's SHA-256 and the officer's `reason`; who made it and
/// when are its capture and the audit trail's. The original is left as it was.
pub fn redact(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    original: i64,
    areas: &[Area],
    reason: &str,
) -> Result<()> {
    let reason = crate::text::required("reason", reason, 500)?;
    let item = evidence::get(tx, original)?;
    if item.case_id != case_id {
        return Err(Error::not_found("evidence item", original.to_string()));
    }
    if !item.media_type.starts_with("image/") {
        return Err(Error::invalid(
            "original",
            format!(
                "evidence item {original} is {}: only a screenshot or photo can be redacted here",
                item.media_type
            ),
        ));
    }
    let bytes = evidence::bytes(tx, original)?;
    let file = File::bytes(
        Some(redacted_name(item.original_name.as_deref())),
        redaction::redact(&bytes, areas)?,
    );
    let capture = Capture {
        derived_from: Some(original),
        description: Some(redacted_description(original, &item.sha256, &reason)),
        ..Capture::default()
    };
    attach(tx, stamp, case_id, None, &[file], &capture)
}

/// A redacted copy's file name: the original's with `-redacted.png` for its extension.
pub fn redacted_name(original_name: Option<&str>) -> String {
    let stem = original_name
        .map(|n| n.rsplit_once('.').map_or(n, |(stem, _)| stem))
        .filter(|s| !s.trim().is_empty())
        .unwrap_or("evidence");
    format!("{stem}-redacted.png")
}

/// What a redacted copy says it is: the original's item number and SHA-256, and why.
pub fn redacted_description(original: i64, sha256: &str, reason: &str) -> String {
    format!("Redacted copy of evidence item {original} (SHA-256 {sha256}): {reason}")
}

fn prefixed(e: Error, prefix: &str) -> Error {
    match e {
        Error::Invalid { field, reason } => Error::invalid(format!("{prefix}{field}"), reason),
        Error::Conflict { field, reason } => Error::conflict(format!("{prefix}{field}"), reason),
        other => other,
    }
}
