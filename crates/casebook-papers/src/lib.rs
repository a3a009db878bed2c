//! Committee papers: the annual Standards Committee report (with the guidance-review evidence)
//! and the decision notice for one case. Each is one Markdown document, made from a template
//! (see [`template`]) and the figures, then rendered to HTML, DOCX or PDF, or reduced to the
//! tables behind it as CSV or XLSX.

pub mod annual;
pub mod anonymise;
pub mod certificate;
pub mod chart;
pub mod decision;
pub mod document;
mod docx;
pub mod fonts;
pub mod html;
pub mod letter;
pub mod letter_screen;
mod pdf;
pub mod retention_screen;
pub mod sar;
pub mod screen;
pub mod tables;
pub mod template;

use serde::Serialize;

use casebook::{text, Result};

/// `markdown` with the audit trail's head at its end: a published paper anchors the record it was
/// made from, and `casebook verify --anchor` with the paper shows whether the trail still extends
/// it. Added after the template, so an officer's own template carries it too.
pub fn anchored(conn: &impl casebook::sql::Sql, mut markdown: String) -> Result<String> {
    if let Some(h) = casebook::audit::head(conn)? {
        markdown.push_str(&format!(
            "\n\nAudit trail head when this paper was made: {} (entry {}, {}).\n",
            h.anchor(),
            h.seq,
            h.at
        ));
    }
    Ok(markdown)
}

pub use casebook::files::write_whole;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Md,
    Html,
    Docx,
    Pdf,
    Csv,
    Xlsx,
}

pub const FORMATS: &[Format] = &[
    Format::Md,
    Format::Html,
    Format::Docx,
    Format::Pdf,
    Format::Csv,
    Format::Xlsx,
];

impl Format {
    pub fn parse(field: &str, value: &str) -> Result<Format> {
        let names: Vec<&'static str> = FORMATS.iter().map(|f| f.extension()).collect();
        let name = text::one_of(field, value, &names)?;
        Ok(FORMATS
            .iter()
            .copied()
            .find(|f| f.extension() == name)
            .unwrap_or(Format::Md))
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// The format's media type, as an answer carrying a paper names it.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Md => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Docx => casebook::document::DOCX,
            Format::Pdf => "application/pdf",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::Md => "Markdown",
            Format::Html => "Web page (HTML)",
            Format::Docx => "Word (DOCX)",
            Format::Pdf => "PDF",
            Format::Csv => "Tables (CSV)",
            Format::Xlsx => "Tables (Excel XLSX)",
        }
    }
}

/// A picture a paper shows: an evidence item (a redacted copy where one was made), as PNG.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The evidence item shown; the template places it with an `evidence` fenced block holding
    /// this number.
    pub id: i64,
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// What it is, for readers who cannot see it.
    pub alt: String,
}

/// A paper made from its template, ready to render in any format.
#[derive(Debug, Clone, Serialize)]
pub struct Paper {
    pub title: String,
    /// A file name to offer, without extension (`standards-annual-report-2025-26`).
    pub file_stem: String,
    pub markdown: String,
    /// When it was made (RFC 3339), for the document properties.
    pub made_at: String,
    /// The pictures it shows.
    #[serde(skip)]
    pub figures: Vec<Figure>,
}

impl Paper {
    /// A paper from its rendered Markdown; the title is its first heading.
    pub fn new(markdown: String, file_stem: String, made_at: &str) -> Result<Paper> {
        Ok(Paper {
            title: document::title(&document::read(&markdown)?),
            file_stem,
            markdown,
            made_at: made_at.to_string(),
            figures: Vec::new(),
        })
    }

    /// The paper showing `figures` where its Markdown places them.
    pub fn with_figures(self, figures: Vec<Figure>) -> Paper {
        Paper { figures, ..self }
    }

    /// The paper in `format`.
    pub fn render(&self, format: Format) -> Result<Vec<u8>> {
        if format == Format::Md {
            return Ok(self.markdown.clone().into_bytes());
        }
        if format == Format::Html {
            return Ok(html::render(&self.markdown, &self.title, &self.figures)?.into_bytes());
        }
        let blocks = document::read_with(&self.markdown, &self.figures)?;
        match format {
            Format::Docx => docx::render(&blocks, &self.made_at),
            Format::Pdf => pdf::render(
                &blocks,
                &pdf::Properties {
                    title: &self.title,
                    made_at: &self.made_at,
                    anchor: casebook::audit::find_anchor(&self.markdown)
                        .map(|(seq, hash)| format!("{hash}@{seq}")),
                },
            ),
            Format::Csv => tables::csv(&document::tables(&blocks)),
            _ => tables::xlsx(&document::tables(&blocks)),
        }
    }
}
