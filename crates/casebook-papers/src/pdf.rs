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
        head: Vec<Text>,
        rows: Vec<Vec<Text>>,
        /// Each row's height in points where it is known to be one line, else none (Typst
        /// measures it). Most rows are one line; a known height saves laying each cell out twice.
        heights: Vec<Option<f64>>,
    },
    Chart {
        svg: String,
        alt: String,
    },
    /// A picture (PNG inside an SVG, which Typst reads as it reads a chart), at `width` of the
    /// text's width.
    Figure {
        svg: String,
        alt: String,
        width: f64,
    },
    Code {
        lines: Vec<Text>,
    },
    Rule,
    PageBreak,
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

/// Text in pieces; most text is one plain piece, written as a bare string for the template to
/// take as it is.
#[derive(Serialize)]
#[serde(untagged)]
enum Text {
    Plain(String),
    Pieces(Vec<Piece>),
}

fn typeset(text: &str) -> Text {
    match <[Piece; 1]>::try_from(pieces(text)) {
        Ok([Piece::Plain(p)]) => Text::Plain(p),
        Ok(one) => Text::Pieces(one.into()),
        Err(none) if none.is_empty() => Text::Plain(String::new()),
        Err(many) => Text::Pieces(many),
    }
}

/// A run of text with its emphasis, in pieces.
#[derive(Serialize)]
struct Run {
    text: Text,
    bold: bool,
    italic: bool,
}

fn runs(spans: &[Span]) -> Vec<Run> {
    spans
        .iter()
        .map(|s| Run {
            text: typeset(&s.text),
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
                    text: typeset(part),
                    bold: s.bold,
                    italic: s.italic,
                });
            }
        }
    }
    out
}

/// A table's text is set at [`TABLE_SIZE`] with 5 pt of padding left and right, 4 pt above and
/// below; a line of text is its cap height tall (its bottom is the baseline), and each further
/// line of a cell adds the paragraph leading (0.6 em) and another line.
const CELL_INSET_Y: f64 = 4.0;
const CAP_HEIGHT: f64 = 0.688 * TABLE_SIZE;
const NEXT_LINE: f64 = 0.6 * TABLE_SIZE + CAP_HEIGHT;
/// The height given to a row of one line: a little over what it needs.
const ONE_LINE_ROW: f64 = 2.0 * CELL_INSET_Y + CAP_HEIGHT + 0.4;
/// The height between the page margins, in points (A4 less 24 mm above and 22 mm below).
const PAGE_HEIGHT: f64 = (297.0 - 24.0 - 22.0) / 25.4 * 72.0;
/// A table with more rows than this is laid out a page at a time (see [`tables`]).
const LONG_TABLE: usize = 60;

/// A table's column widths (points), and each row's height: given where it is one line (Typst
/// need not lay the row's cells out twice to measure it), estimated otherwise.
struct Layout {
    widths: Vec<f64>,
    /// (the height to give the row, if it is one line; the height it is estimated to take)
    rows: Vec<(Option<f64>, f64)>,
    head: f64,
}

/// How many lines each cell of `row` takes at most, with `slack` points more (or less) room
/// than the text has.
fn cell_lines(row: &[String], widths: &[f64], bold: bool, slack: f64) -> usize {
    let m = fonts::metrics(bold);
    let lines = |cell: &str, room: f64| -> usize {
        cell.split('\n')
            .map(|l| {
                // Most cells fit; only those that do not are wrapped word by word.
                if m.width(l, TABLE_SIZE) <= room {
                    1
                } else {
                    m.wrap(l, TABLE_SIZE, room).len()
                }
            })
            .sum()
    };
    row.iter()
        .zip(widths)
        .map(|(cell, w)| lines(cell, w - CELL_PADDING + slack))
        .max()
        .unwrap_or(1)
        .max(1)
}

/// A row's height to give (where it is surely one line: measured with half a point less room
/// than it has, and kerning left out, which only narrows text) and its estimated height (with
/// half a point more room, as Typst may fit it).
fn row_height(row: &[String], widths: &[f64], bold: bool) -> (Option<f64>, f64) {
    let given = (cell_lines(row, widths, bold, -0.5) == 1).then_some(ONE_LINE_ROW);
    let estimate = match given {
        Some(h) => h,
        None => {
            let n = cell_lines(row, widths, bold, 0.5);
            2.0 * CELL_INSET_Y + CAP_HEIGHT + (n - 1) as f64 * NEXT_LINE
        }
    };
    (given, estimate)
}

fn layout(t: &Table) -> Layout {
    let measure = |text: &str, head: bool| fonts::metrics(head).width(text, TABLE_SIZE);
    let widths = t.column_widths(TEXT_WIDTH, CELL_PADDING + 2.0, measure);
    let rows = t
        .rows
        .iter()
        .map(|r| row_height(r, &widths, false))
        .collect();
    let head = row_height(&t.head, &widths, true).1;
    Layout { widths, rows, head }
}

fn table_item(t: &Table, l: &Layout, rows: std::ops::Range<usize>) -> Item {
    let n = t.head.len().max(1);
    let total: f64 = l.widths.iter().sum::<f64>().max(1.0);
    let cells = |row: &[String]| -> Vec<Text> {
        (0..n)
            .map(|i| typeset(row.get(i).map(String::as_str).unwrap_or("")))
            .collect()
    };
    Item::Table {
        columns: l.widths.iter().map(|w| w / total).collect(),
        align: (0..n)
            .map(|i| match t.align.get(i) {
                Some(Align::Right) => "right",
                Some(Align::Centre) => "centre",
                _ => "left",
            })
            .collect(),
        head: cells(&t.head),
        rows: t.rows[rows.clone()].iter().map(|r| cells(r)).collect(),
        heights: l.rows[rows].iter().map(|(given, _)| *given).collect(),
    }
}

/// A table as the template sets it. A long one (the annex of a big report) is laid out a page
/// at a time: it starts on a new page, with the headings before it, and each page's rows are a
/// table of their own (with the header row) followed by a page break. Typst lays out the pages
/// between page breaks in parallel, so a report with thousands of complaints is made on every
/// core. Each page is filled to 95% of the rows' estimated height, so a row a little taller
/// than estimated still fits.
fn tables(t: &Table, headings: usize) -> Vec<Item> {
    let l = layout(t);
    if t.rows.len() <= LONG_TABLE {
        return vec![table_item(t, &l, 0..t.rows.len())];
    }
    let mut out = Vec::new();
    // The first page holds the headings before the table too (an H2 takes about 40 pt).
    let mut room = 0.95 * PAGE_HEIGHT - l.head - 12.0 - 42.0 * headings as f64;
    let (mut start, mut used) = (0, 0.0);
    for (i, (_, h)) in l.rows.iter().enumerate() {
        if used + h > room && i > start {
            out.push(table_item(t, &l, start..i));
            out.push(Item::PageBreak);
            (start, used) = (i, 0.0);
            room = 0.95 * PAGE_HEIGHT - l.head - 12.0;
        }
        used += h;
    }
    out.push(table_item(t, &l, start..t.rows.len()));
    out
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

/// A picture as the template draws it: its PNG wrapped in an SVG of its size, as wide as it is
/// at 96 pixels to the inch but at most the text's width, and no taller than most of a page.
fn figure(f: &crate::Figure) -> Item {
    use base64::Engine;
    let (w, h) = (f64::from(f.width.max(1)), f64::from(f.height.max(1)));
    let data = base64::engine::general_purpose::STANDARD.encode(&f.png);
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\"><image width=\"{w}\" height=\"{h}\" \
         xlink:href=\"data:image/png;base64,{data}\"/></svg>"
    );
    // A4 text is 170 mm wide (643 pixels at 96 to the inch); pictures are at most 160 mm tall.
    let width = (w / 643.0).min(160.0 / 170.0 * w / h).min(1.0);
    Item::Figure {
        svg,
        alt: f.alt.clone(),
        width,
    }
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
            Block::Table(t) => {
                // The headings just before the table, which start its page with it.
                let headings = out
                    .iter()
                    .rev()
                    .take_while(|i| matches!(i, Item::Heading { .. }))
                    .count();
                let items = tables(t, headings);
                if items.len() > 1 {
                    // A long table starts on a new page.
                    out.insert(out.len() - headings, Item::PageBreak);
                }
                out.extend(items);
            }
            Block::Chart(c) => out.extend(charts(c)),
            Block::Figure(f) => out.push(figure(f)),
            Block::Code(code) => out.push(Item::Code {
                lines: code.lines().map(typeset).collect(),
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
