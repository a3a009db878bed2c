//! The words of a PDF offered as evidence: its own text where it has some (a letter saved as a
//! PDF, read by poppler's `pdftotext`), or, for a PDF of pictures only (a scanned letter,
//! screenshots printed to PDF), each page drawn by poppler's `pdftoppm` and read by Tesseract.
//! Both are programs (Debian's `poppler-utils`) given the PDF on their standard input, so no copy
//! of the evidence is written to disk.

use super::Reading;
use crate::{Error, Result};

/// Most pages read from one PDF (a complaint's evidence runs to a few; a longer one is read as
/// far as this).
pub const MAX_PAGES: u32 = 30;
/// The resolution pages are drawn at before reading: with the doubling every image gets (see
/// [`super::read`]) a page is read at 300 dots to the inch, as Tesseract is trained.
const DPI: &str = "150";
/// The engine named for a PDF's own text.
pub const OWN_TEXT: &str = "pdftotext (the PDF's own text)";
/// Fewer words than this in a PDF's own text, and it is taken to be pictures of text.
const OWN_WORDS: usize = 3;

fn unavailable(why: &str) -> Error {
    Error::Unavailable(format!(
        "reading PDFs is unavailable: {why}; install poppler (on Debian: apt install \
         poppler-utils)"
    ))
}

/// Runs `program` with `args`, the PDF on its standard input; what it wrote.
fn run(program: &str, args: &[&str], pdf: &[u8]) -> Result<Vec<u8>> {
    super::piped(
        program,
        args,
        pdf,
        unavailable,
        "is a PDF that could not be read",
    )
}

/// How many pages the PDF has.
fn pages(pdf: &[u8]) -> Result<u32> {
    let info = run("pdfinfo", &["-"], pdf)?;
    String::from_utf8_lossy(&info)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| Error::invalid("file", "is a PDF whose pages could not be counted"))
}

/// The words of `pdf`: its own text, or what Tesseract (`engine`) reads on each page drawn.
pub fn read(pdf: &[u8], engine: &str) -> Result<Reading> {
    let last = pages(pdf)?.min(MAX_PAGES);
    let limit = last.to_string();
    let own = run("pdftotext", &["-q", "-l", &limit, "-", "-"], pdf)?;
    let own = String::from_utf8_lossy(&own);
    if own.split_whitespace().count() >= OWN_WORDS {
        let text: Vec<&str> = own.lines().map(str::trim_end).collect();
        return Ok(Reading {
            text: text.join("\n").trim().replace('\u{c}', "\n\n"),
            confidence: 100.0,
            engine: OWN_TEXT.into(),
        });
    }
    let mut text = Vec::new();
    let (mut sum, mut counted) = (0.0, 0u32);
    for page in 1..=last {
        let n = page.to_string();
        let args = [
            "-q",
            "-r",
            DPI,
            "-gray",
            "-png",
            "-f",
            &n,
            "-l",
            &n,
            "-singlefile",
            "-",
        ];
        let drawn = run("pdftoppm", &args, pdf)?;
        let read = super::read(&drawn, engine)?;
        if !read.text.trim().is_empty() {
            text.push(read.text);
            sum += read.confidence;
            counted += 1;
        }
    }
    Ok(Reading {
        text: text.join("\n\n"),
        confidence: if counted > 0 {
            sum / f64::from(counted)
        } else {
            0.0
        },
        engine: format!("{engine} (pages drawn by pdftoppm)"),
    })
}
