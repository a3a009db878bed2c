//! `casebook evidence`: add screenshots, PDFs and post text to a case, list and export them, and
//! make a redacted copy of a screenshot.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use casebook::access::Look;
use casebook::evidence::Capture;
use casebook::redaction::Area;
use casebook::{case, evidence, intake, text, Db, Error, Stamp};

use crate::print::{out, print_evidence, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum EvidenceCmd {
    /// Add screenshot or PDF files to a case (PNG, JPEG, WebP, GIF, PDF; at most 32 MiB each).
    Add {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// Files to add; each is checked before any is stored.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        capture: CaptureArgs,
        /// This file is a redacted copy of evidence item ID on the same case.
        #[arg(long, value_name = "ID")]
        redacted_from: Option<i64>,
    },
    /// Add the text of the post to a case.
    Text {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// The post's text.
        #[arg(long, conflicts_with = "file", required_unless_present = "file")]
        text: Option<String>,
        /// Read the post's text from a UTF-8 file.
        #[arg(long)]
        file: Option<PathBuf>,
        #[command(flatten)]
        capture: CaptureArgs,
    },
    /// List a case's evidence with hashes and capture details.
    List {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Make a redacted copy of a screenshot or photo: each box filled solid black in a new PNG
    /// (no metadata, nothing of what was under a box) added to the case and linked to its
    /// original, which is kept unchanged.
    Redact {
        /// Evidence item number (from `evidence list`).
        id: i64,
        /// An area to cover, in the image's pixels: left, top, width, height. One --box per area.
        #[arg(long = "box", value_name = "X,Y,W,H", required = true)]
        boxes: Vec<String>,
        /// Why it is redacted (kept with the copy), e.g. "Third party's name and photo".
        #[arg(long)]
        reason: String,
    },
    /// Write an evidence item's original bytes to a file.
    Export {
        /// Evidence item number (from `evidence list`).
        id: i64,
        /// File to write.
        #[arg(long)]
        out: PathBuf,
    },
}

impl CaptureArgs {
    /// Whether no source address is given (over a team server, a file's source is the post's
    /// address on the case, as the app records it).
    pub(crate) fn has_no_source_url(&self) -> bool {
        self.source_url.is_none()
    }

    /// The description and who captured it and when, as the team server takes them.
    pub(crate) fn about(&self) -> Vec<(&'static str, String)> {
        [
            ("description", &self.description),
            ("captured_by", &self.captured_by),
            ("captured_at", &self.captured_at),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().map(|v| (k, v)))
        .collect()
    }
}

#[derive(Args)]
pub(crate) struct CaptureArgs {
    /// Who captured it (default: --actor).
    #[arg(long)]
    captured_by: Option<String>,
    /// When it was captured, UTC: 2026-03-14T09:30:00Z, 2026-03-14 09:30 or 2026-03-14 (default: now).
    #[arg(long)]
    captured_at: Option<String>,
    /// Where it was captured from.
    #[arg(long)]
    source_url: Option<String>,
    /// What it shows.
    #[arg(long)]
    description: Option<String>,
}

fn capture(a: &CaptureArgs, derived_from: Option<i64>) -> casebook::Result<Capture> {
    Ok(Capture {
        captured_by: a.captured_by.clone(),
        captured_at: a
            .captured_at
            .as_deref()
            .map(|v| text::instant("captured_at", v))
            .transpose()?,
        source_url: a.source_url.clone(),
        description: a.description.clone(),
        derived_from,
    })
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, cmd: EvidenceCmd) -> casebook::Result<()> {
    match cmd {
        EvidenceCmd::Add {
            reference,
            files,
            capture: c,
            redacted_from,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let cap = capture(&c, redacted_from)?;
            // Open (and read, but for a video, which streams in) every file first, then store
            // them all in one transaction.
            let mut loaded = Vec::new();
            for f in &files {
                loaded.push((f, evidence::open_file(f)?));
            }
            // A video is streamed in with the file's rollback journal (written once, not twice).
            let videos = loaded
                .iter()
                .any(|(_, o)| matches!(o, evidence::Offered::Video { .. }));
            let store = |tx: &casebook::Transaction<'_>| {
                loaded
                    .iter_mut()
                    .map(|(f, offered)| {
                        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
                        let quiet = &mut |_| {};
                        evidence::add_offered(
                            tx,
                            stamp,
                            k.id,
                            offered,
                            name.as_deref(),
                            &cap,
                            quiet,
                        )
                        .map_err(|e| match e {
                            Error::Invalid { field, reason } if field == "file" => {
                                Error::invalid(format!("file {}", f.display()), reason)
                            }
                            other => other,
                        })
                    })
                    .collect::<casebook::Result<Vec<_>>>()
            };
            let added = db.write_appending(videos, store)?;
            for e in &added {
                out!(
                    "Added evidence item {} to {}: {} {} bytes, sha256 {}",
                    e.id,
                    k.reference,
                    e.media_type,
                    e.size,
                    e.sha256
                );
            }
        }
        EvidenceCmd::Text {
            reference,
            text: t,
            file,
            capture: c,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let body = match (t, file) {
                (Some(t), _) => t,
                (None, Some(f)) => casebook::files::read_text(
                    &f,
                    evidence::MAX_TEXT_BYTES as u64,
                    "post text file",
                )?,
                (None, None) => return Err(Error::invalid("text", "give --text or --file")),
            };
            let cap = capture(&c, None)?;
            let e = db.write(|tx| evidence::add_text(tx, stamp, k.id, &body, &cap))?;
            out!(
                "Added post text to {} as evidence item {}: {} bytes, sha256 {}",
                k.reference,
                e.id,
                e.size,
                e.sha256
            );
        }
        EvidenceCmd::List { reference, json } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let items = evidence::list(db.conn(), k.id)?;
            if json.json {
                return print_json(&items);
            }
            if items.is_empty() {
                out!(
                    "No evidence on {}. Add some with `casebook evidence add {} FILE`.",
                    k.reference,
                    k.reference
                );
            }
            for e in &items {
                print_evidence(e);
            }
        }
        EvidenceCmd::Redact { id, boxes, reason } => {
            let areas = boxes
                .iter()
                .map(|b| Area::parse("box", b))
                .collect::<casebook::Result<Vec<_>>>()?;
            let item = evidence::get(db.conn(), id)?;
            let made = db.write(|tx| {
                intake::redact(tx, stamp, item.case_id, id, &areas, &reason)?;
                let all = evidence::list(tx, item.case_id)?;
                all.into_iter()
                    .rfind(|e| e.derived_from == Some(id))
                    .ok_or_else(|| Error::not_found("redacted copy", id.to_string()))
            })?;
            out!(
                "Added evidence item {}, a redacted copy of item {id} with {} area(s) covered: {} \
                 bytes, sha256 {}",
                made.id,
                areas.len(),
                made.size,
                made.sha256
            );
        }
        EvidenceCmd::Export { id, out } => {
            let item = evidence::get(db.conn(), id)?;
            // Copied out a part at a time (a video is never held whole), whole or not at all.
            let mut written = (String::new(), 0);
            casebook::files::write_whole_with(&out, &mut |w| {
                written = evidence::copy(db.conn(), id, w)?;
                Ok(())
            })?;
            let reference = casebook::case::get(db.conn(), item.case_id)?.reference;
            db.look(
                stamp,
                Look::ExportEvidence,
                Some(&reference),
                &format!("evidence {id} to {}", out.display()),
            )?;
            out!(
                "Wrote evidence item {id} ({} bytes, sha256 {}) to {}",
                written.1,
                written.0,
                out.display()
            );
        }
    }
    Ok(())
}
