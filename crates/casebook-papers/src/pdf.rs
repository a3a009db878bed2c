//! PDF for publication: tagged PDF/UA-1 (PDF 1.7), laid out on A4 by the Typst compiler used as
//! a library. The paper goes in as data: the document's blocks become `paper.json`, which one
//! template built into the binary (`templates/paper.typ`) reads and lays out, so case text is
//! never read as Typst markup. Headings become H1…H6 and bookmarks, tables get header rows that
//! repeat on every page, charts are SVG figures whose alt text lists every bar, and the running
//! header and footer ("Page X of Y") are artifacts. The fonts are the ones built into Casebook
//! ([`crate::fonts`]), embedded and subset; no system font, file or network is used.

use std::sync::OnceLock;

use serde::Serialize;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::chart::Chart;
use crate::document::{self, Align, Block, Span, Table};
use crate::fonts;
use casebook::{Error, Result};

/// The template every PDF is laid out by.
const TEMPLATE: &str = include_str!("templates/paper.typ");
/// The width of the text on the page, in points (A4 less 20 mm margins each side).
const TEXT_WIDTH: f64 = (210.0 - 40.0) / 25.4 * 72.0;
/// What a table cell takes beyond its text, in points: 5 pt of padding each side.
const CELL_PADDING: f64 = 10.0;
/// The size of table text, in points.
const TABLE_SIZE: f64 = 10.0;
/// The tallest a chart figure may be, in the chart's SVG units: it is drawn 640 units wide across
/// the 170 mm of text, so 850 are 226 mm of the 251 mm between the margins. A taller chart is
/// split into parts.
const CHART_HEIGHT: f64 = 850.0;

/// The paper as the template reads it.
#[derive(Serialize)]
struct Paper {
    title: String,
    author: String,
    keywords: Vec<String>,
    footer: String,
    blocks: Vec<Item>,
}

#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Item {
    Heading {
        level: u8,
        spans: Vec<Run>,
    },
    Paragraph {
        lines: Vec<Vec<Run>>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Run>>,
    },
    Quote {
        spans: Vec<Run>,
    },
    Table {
        /// Each column's share of the width.
        columns: Vec<f64>,
        align: Vec<&'static str>,
        head: Vec<Vec<Piece>>,
        rows: Vec<Vec<Vec<Piece>>>,
    },
    Chart {
        svg: String,
        alt: String,
    },
    Code {
        lines: Vec<Vec<Piece>>,
    },
    Rule,
}

/// What to put in the PDF's document properties and footer.
pub struct Properties<'a> {
    pub title: &'a str,
    /// When the paper was made (RFC 3339).
    pub made_at: &'a str,
    /// The audit trail head the paper anchors (`HASH@SEQ`), kept in the PDF's keywords too, where
    /// `casebook verify --anchor paper.pdf` finds it without reading the compressed pages.
    pub anchor: Option<String>,
}

/// A word longer than this may break inside (see [`pieces`]).
const LONG_WORD: usize = 20;

/// A piece of text: plain text, which breaks between words, or one long word in pieces, which
/// the template sets side by side in boxes so the line may break between them.
#[derive(Serialize)]
#[serde(untagged)]
enum Piece {
    Plain(String),
    Word(Vec<String>),
}

/// `text` as the template sets it. Typst breaks lines only between words (and after a URL's
/// slashes), so a web address or a run of letters wider than its column would run off the page.
/// A word longer than [`LONG_WORD`] characters may break after its punctuation and every ten
/// letters; nothing is added to the text, so it still copies and reads as written.
fn pieces(text: &str) -> Vec<Piece> {
    let text = fonts::printable(text);
    let mut out = Vec::new();
    let mut plain = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            plain.push(' ');
        }
        if word.chars().count() <= LONG_WORD {
            plain.push_str(word);
            continue;
        }
        if !plain.is_empty() {
            out.push(Piece::Plain(std::mem::take(&mut plain)));
        }
        let mut parts = vec![String::new()];
        let mut run = 0;
        for c in word.chars() {
            if let Some(last) = parts.last_mut() {
                last.push(c);
            }
            run += 1;
            if matches!(c, '/' | '.' | '-' | '_' | '?' | '&' | '=' | '#' | ',' | ';') || run == 10 {
                parts.push(String::new());
                run = 0;
            }
        }
        parts.retain(|p| !p.is_empty());
        out.push(Piece::Word(parts));
    }
    if !plain.is_empty() {
        out.push(Piece::Plain(plain));
    }
    out
}

/// A run of text with its emphasis, in pieces.
#[derive(Serialize)]
struct Run {
    text: Vec<Piece>,
    bold: bool,
    italic: bool,
}

fn runs(spans: &[Span]) -> Vec<Run> {
    spans
        .iter()
        .map(|s| Run {
            text: pieces(&s.text),
            bold: s.bold,
            italic: s.italic,
        })
        .collect()
}

fn text(s: &str) -> String {
    fonts::printable(s).into_owned()
}

/// Spans split at hard line breaks, one list per line.
fn lines(spans: &[Span]) -> Vec<Vec<Run>> {
    let mut out = vec![Vec::new()];
    for s in spans {
        for (i, part) in s.text.split('\n').enumerate() {
            if i > 0 {
                out.push(Vec::new());
            }
            if let Some(line) = out.last_mut() {
                line.push(Run {
                    text: pieces(part),
                    bold: s.bold,
                    italic: s.italic,
                });
            }
        }
    }
    out
}

fn table(t: &Table) -> Item {
    let n = t.head.len().max(1);
    let measure = |text: &str, head: bool| fonts::metrics(head).width(text, TABLE_SIZE);
    let widths = t.column_widths(TEXT_WIDTH, CELL_PADDING + 2.0, measure);
    let total: f64 = widths.iter().sum::<f64>().max(1.0);
    let cells = |row: &[String]| -> Vec<Vec<Piece>> {
        (0..n)
            .map(|i| pieces(row.get(i).map(String::as_str).unwrap_or("")))
            .collect()
    };
    Item::Table {
        columns: widths.iter().map(|w| w / total).collect(),
        align: (0..n)
            .map(|i| match t.align.get(i) {
                Some(Align::Right) => "right",
                Some(Align::Centre) => "centre",
                _ => "left",
            })
            .collect(),
        head: cells(&t.head),
        rows: t.rows.iter().map(|r| cells(r)).collect(),
    }
}

fn charts(c: &Chart) -> Vec<Item> {
    let c = Chart {
        title: text(&c.title),
        bars: c.bars.iter().map(|(l, n)| (text(l), *n)).collect(),
    };
    c.parts(CHART_HEIGHT)
        .into_iter()
        .map(|part| Item::Chart {
            svg: part.svg(),
            alt: part.alt_text(),
        })
        .collect()
}

fn items(blocks: &[Block]) -> Vec<Item> {
    let mut out = Vec::with_capacity(blocks.len());
    // PDF/UA has no gaps in the heading levels: a heading is at most one level below the last.
    let mut last_level = 0;
    for block in blocks {
        match block {
            Block::Heading(_, spans) if document::plain(spans).trim().is_empty() => {}
            Block::Heading(level, spans) => {
                let level = (*level).clamp(1, last_level + 1);
                last_level = level;
                out.push(Item::Heading {
                    level,
                    spans: runs(spans),
                });
            }
            Block::Paragraph(spans) => out.push(Item::Paragraph {
                lines: lines(spans),
            }),
            Block::Quote(spans) => out.push(Item::Quote { spans: runs(spans) }),
            Block::List { ordered, items } => out.push(Item::List {
                ordered: *ordered,
                items: items.iter().map(|i| runs(i)).collect(),
            }),
            Block::Table(t) => out.push(table(t)),
            Block::Chart(c) => out.extend(charts(c)),
            Block::Code(code) => out.push(Item::Code {
                lines: code.lines().map(pieces).collect(),
            }),
            Block::Rule => out.push(Item::Rule),
        }
    }
    out
}

/// The fonts built into Casebook, as Typst loads them; read once.
fn typst_fonts() -> &'static (LazyHash<FontBook>, Vec<Font>) {
    static FONTS: OnceLock<(LazyHash<FontBook>, Vec<Font>)> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = fonts::FACES
            .iter()
            .flat_map(|face| Font::iter(Bytes::new(*face)))
            .collect();
        (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
    })
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build()))
}

/// The one template and its data: a world with no files, packages or clock of its own.
struct PaperWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
}

fn file_id(path: &str) -> Result<FileId> {
    let vpath = VirtualPath::new(path)
        .map_err(|e| Error::invalid("pdf", format!("template path {path}: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl World for PaperWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &typst_fonts().0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        typst_fonts().1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn diagnostics(what: &str, errors: &[SourceDiagnostic]) -> Error {
    let reasons: Vec<String> = errors
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let mut m = d.message.to_string();
            for hint in &d.hints {
                m.push_str(&format!(" ({})", hint.v));
            }
            m
        })
        .collect();
    Error::invalid("pdf", format!("{what}: {}", reasons.join("; ")))
}

/// "1 December 2026" and the PDF's timestamp, from an RFC 3339 time.
fn made(made_at: &str) -> (String, Option<Timestamp>) {
    let Ok(t) = chrono::DateTime::parse_from_rfc3339(made_at) else {
        return (String::new(), None);
    };
    let utc = t.naive_utc();
    use chrono::{Datelike, Timelike};
    let datetime = Datetime::from_ymd_hms(
        utc.year(),
        utc.month() as u8,
        utc.day() as u8,
        utc.hour() as u8,
        utc.minute() as u8,
        utc.second() as u8,
    );
    (
        t.format("%-d %B %Y").to_string(),
        datetime.map(Timestamp::new_utc),
    )
}

/// The PDF file for `blocks`.
pub fn render(blocks: &[Block], properties: &Properties) -> Result<Vec<u8>> {
    let (made_on, timestamp) = made(properties.made_at);
    let mut keywords = vec!["Casebook".to_string(), "Standards Committee".to_string()];
    if let Some(anchor) = &properties.anchor {
        keywords.push(format!("audit trail head {anchor}"));
    }
    let paper = Paper {
        title: text(properties.title),
        author: "Casebook".into(),
        keywords,
        footer: if made_on.is_empty() {
            String::new()
        } else {
            format!("Made on {made_on}")
        },
        blocks: items(blocks),
    };
    let data = serde_json::to_vec(&paper)
        .map_err(|e| Error::invalid("pdf", format!("the paper's data: {e}")))?;
    let world = PaperWorld {
        main: Source::new(file_id("/paper.typ")?, TEMPLATE.to_string()),
        data_id: file_id("/paper.json")?,
        data: Bytes::new(data),
    };
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled
        .output
        .map_err(|errors| diagnostics("could not be laid out", &errors))?;
    let standards = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| Error::invalid("pdf", format!("PDF/UA-1: {}", e.message())))?;
    let options = PdfOptions {
        standards,
        timestamp,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options)
        .map_err(|errors| diagnostics("could not be written as PDF/UA-1", &errors));
    // Typst keeps what it laid out for the next run; drop what this paper left behind.
    typst::comemo::evict(2);
    pdf
}
