//! Reading the words in screenshots with Tesseract (Debian's `tesseract-ocr` and
//! `tesseract-ocr-eng`, run as a program: the image goes in on its standard input, the words and
//! their confidence come back as TSV), so that a complaint is found by a word that is only in its
//! screenshot. What is read is kept as the post's text, derived from the screenshot and saying
//! which engine read it and how sure it was; the screenshot itself is never changed. Without
//! Tesseract, intake works as before and this says OCR is unavailable.

pub mod pdf;

use std::io::Write;
use std::process::{Command, Stdio};

use crate::evidence::{self, Capture, Evidence, READ_FROM};
use crate::sql::Sql;
use crate::{Error, Result, Stamp};

/// What Tesseract read in an image.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The words, a line of the image to a line of text, a blank line between blocks.
    pub text: String,
    /// The mean of the words' confidence, 0 to 100.
    pub confidence: f64,
    /// The engine and its version, e.g. "Tesseract 5.3.0".
    pub engine: String,
}

fn unavailable(why: &str) -> Error {
    Error::Unavailable(format!(
        "OCR is unavailable: {why}; install Tesseract (on Debian: apt install tesseract-ocr \
         tesseract-ocr-eng) to read screenshots"
    ))
}

/// The engine and its version, if Tesseract is installed.
pub fn engine() -> Result<String> {
    let out = Command::new("tesseract")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .map_err(|_| unavailable("tesseract is not installed"))?;
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let version = said
        .lines()
        .find_map(|l| l.strip_prefix("tesseract "))
        .map(str::trim)
        .ok_or_else(|| unavailable("tesseract did not say its version"))?;
    Ok(format!("Tesseract {version}"))
}

/// The image as Tesseract reads screen text best: grey, and twice the size (a screenshot's text is
/// far smaller than the 300 dots to the inch of a scanned page it is trained on).
fn prepared(image: &[u8]) -> Result<Vec<u8>> {
    let grey = image::DynamicImage::ImageRgba8(crate::redaction::decode(image)?).to_luma8();
    let larger = image::imageops::resize(
        &grey,
        grey.width() * 2,
        grey.height() * 2,
        image::imageops::FilterType::CatmullRom,
    );
    let mut out = std::io::Cursor::new(Vec::new());
    larger
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| Error::invalid("file", format!("could not be read by OCR: {e}")))?;
    Ok(out.into_inner())
}

/// Reads the words in an evidence file of `media_type`: an image, or a PDF ([`pdf::read`]).
pub fn read_item(media_type: &str, bytes: &[u8], engine: &str) -> Result<Reading> {
    if media_type == "application/pdf" {
        pdf::read(bytes, engine)
    } else {
        read(bytes, engine)
    }
}

/// Reads the words in an image (PNG, JPEG, WebP or GIF) in English.
pub fn read(image: &[u8], engine: &str) -> Result<Reading> {
    let image = prepared(image)?;
    let args = ["stdin", "stdout", "-l", "eng", "tsv"];
    let tsv = piped(
        "tesseract",
        &args,
        &image,
        unavailable,
        "could not be read by OCR",
    )?;
    Ok(from_tsv(&String::from_utf8_lossy(&tsv), engine))
}

/// Runs `program` with `args` and `input` on its standard input; what it wrote. When it cannot
/// be run, `missing` says why; when it fails, the file is refused as `failed`, with the last line
/// the program wrote about it.
pub(crate) fn piped(
    program: &str,
    args: &[&str],
    input: &[u8],
    missing: fn(&str) -> Error,
    failed: &str,
) -> Result<Vec<u8>> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|_| missing(&format!("{program} is not installed")))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A program that stops reading early (a damaged file) is judged by its exit status.
        let _ = stdin.write_all(input);
    }
    let out = child
        .wait_with_output()
        .map_err(|e| missing(&format!("{program} failed ({e})")))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        let why = said.lines().last().unwrap_or("it is damaged").trim();
        return Err(Error::invalid("file", format!("{failed}: {why}")));
    }
    Ok(out.stdout)
}

/// The text and mean confidence of Tesseract's TSV: level 5 rows are words, each with its block,
/// paragraph and line.
fn from_tsv(tsv: &str, engine: &str) -> Reading {
    let mut text = String::new();
    let mut last: Option<(&str, &str, &str)> = None;
    let (mut sum, mut words) = (0.0, 0usize);
    for row in tsv.lines().skip(1) {
        let cells: Vec<&str> = row.split('\t').collect();
        let [level, _, block, par, line, _, _, _, _, _, conf, word] = cells[..] else {
            continue;
        };
        if level != "5" || word.trim().is_empty() {
            continue;
        }
        let here = (block, par, line);
        match last {
            Some(prev) if prev == here => text.push(' '),
            Some((b, p, _)) if (b, p) == (block, par) => text.push('\n'),
            Some(_) => text.push_str("\n\n"),
            None => {}
        }
        text.push_str(word.trim());
        last = Some(here);
        if let Ok(c) = conf.parse::<f64>() {
            if c >= 0.0 {
                sum += c;
                words += 1;
            }
        }
    }
    Reading {
        text,
        confidence: if words > 0 { sum / words as f64 } else { 0.0 },
        engine: engine.to_string(),
    }
}

/// Keeps what was read in screenshot `item` as the post's text, derived from it and saying which
/// engine read it and how sure it was; `None` when no word was found (nothing is kept).
pub fn keep(
    tx: &impl Sql,
    stamp: &Stamp,
    item: &Evidence,
    reading: &Reading,
) -> Result<Option<Evidence>> {
    if reading.text.trim().is_empty() {
        return Ok(None);
    }
    let capture = Capture {
        derived_from: Some(item.id),
        description: Some(if reading.engine == pdf::OWN_TEXT {
            format!("{READ_FROM}{} by {}", item.id, reading.engine)
        } else {
            format!(
                "{READ_FROM}{} by {} (mean word confidence {:.0}%)",
                item.id, reading.engine, reading.confidence
            )
        }),
        ..Capture::default()
    };
    evidence::add_text(tx, stamp, item.case_id, &reading.text, &capture).map(Some)
}

/// The words in a file sent as evidence, read before it is stored (on a team server, where the
/// reading is kept in the same step as the file, outside the lock that orders the council's
/// changes): the image itself, or each image attached to an email; each reading under the
/// SHA-256 of the image it was read from. Nothing when Tesseract is not installed or the file has
/// no image; an image that cannot be read is skipped (intake's own checks say why).
pub fn read_sent(bytes: &[u8], name: Option<&str>) -> Vec<(String, Reading)> {
    let attached = if crate::email::is_email(bytes, name) {
        crate::email::split(bytes)
            .map(|(_, attached)| attached)
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let files: Vec<&[u8]> = if attached.is_empty() {
        vec![bytes]
    } else {
        attached.iter().map(|a| a.bytes.as_slice()).collect()
    };
    let readable: Vec<(&[u8], &str)> = files
        .into_iter()
        .filter_map(|b| Some((b, evidence::sniff(b).filter(|t| readable(t))?)))
        .collect();
    // Tesseract is asked its version only when there is something to read.
    if readable.is_empty() {
        return Vec::new();
    }
    let Ok(engine) = engine() else {
        return Vec::new();
    };
    readable
        .into_iter()
        .filter_map(|(b, kind)| {
            let reading = read_item(kind, b, &engine).ok()?;
            Some((crate::audit::sha256_hex(b), reading))
        })
        .collect()
}

/// Whether OCR reads files of `media_type`: images and PDFs.
fn readable(media_type: &str) -> bool {
    media_type.starts_with("image/") || media_type == "application/pdf"
}

/// Keeps readings made by [`read_sent`] for the unread images of case `case_id` they were read
/// from; how many were kept.
pub fn keep_sent(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    readings: &[(String, Reading)],
) -> Result<usize> {
    let mut kept = 0;
    for item in unread(tx)?.iter().filter(|e| e.case_id == case_id) {
        if let Some((_, reading)) = readings.iter().find(|(sha, _)| *sha == item.sha256) {
            kept += usize::from(keep(tx, stamp, item, reading)?.is_some());
        }
    }
    Ok(kept)
}

/// Whether post-text item `e` is what OCR read in a screenshot.
pub fn is_reading(e: &Evidence) -> bool {
    e.reading
}

/// Keeps the officer's correction of reading `reading` (of case `case_id`) as post text of its
/// own, derived from the reading, which is kept as the engine read it.
pub fn correct(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    reading: i64,
    text: &str,
) -> Result<Evidence> {
    let read = evidence::get(tx, reading)?;
    if read.case_id != case_id {
        return Err(Error::not_found("evidence item", reading.to_string()));
    }
    if !is_reading(&read) {
        return Err(Error::invalid(
            "reading",
            format!("evidence item {reading} is not text read from a screenshot"),
        ));
    }
    let capture = Capture {
        derived_from: Some(reading),
        description: Some(format!(
            "The officer's correction of the text read in item {reading} (which is kept as read)"
        )),
        ..Capture::default()
    };
    evidence::add_text(tx, stamp, case_id, text, &capture).map_err(|e| match e {
        Error::Invalid { reason, .. } => Error::invalid("text", reason),
        other => other,
    })
}

/// The screenshots and photos not read yet: not redacted copies (an email's attachment is read),
/// with no text derived from them.
pub fn unread(conn: &impl Sql) -> Result<Vec<Evidence>> {
    evidence::unread(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_put_back_into_lines_and_blocks_with_their_mean_confidence() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tFacebook\n\
                   5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t80\tAnother\n\
                   5\t1\t2\t1\t1\t2\t0\t0\t1\t1\t100\tevening\n\
                   5\t1\t2\t1\t2\t1\t0\t0\t1\t1\t90\twasted\n\
                   4\t1\t2\t1\t2\t0\t0\t0\t1\t1\t-1\t\n";
        let r = from_tsv(tsv, "Tesseract 5.3.0");
        assert_eq!(r.text, "Facebook\n\nAnother evening\nwasted");
        assert!((r.confidence - 90.0).abs() < 1e-9, "{}", r.confidence);
    }
}
