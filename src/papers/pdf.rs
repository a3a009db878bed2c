//! PDF for publication, laid out by genpdf on A4: headings, paragraphs, lists, tables with a
//! bold header row (split between rows across pages), charts as pictures, and a running header
//! with the title and page number. The text is in a system sans-serif font (DejaVu Sans or
//! Liberation Sans; Debian's fonts-dejavu-core), embedded so the file reads the same anywhere.

use std::io::Cursor;

use genpdf::elements::{Break, FrameCellDecorator, Image, Paragraph, TableLayout};
use genpdf::fonts::{FontData, FontFamily};
use genpdf::style::{Color, Style};
use genpdf::{Alignment, Element, SimplePageDecorator};
use resvg::usvg::fontdb;

use super::chart;
use super::document::{Align, Block, Span, Table};
use crate::{Error, Result};

/// The chart picture's resolution: its 1280 pixels fill about 16 cm.
const CHART_DPI: f64 = 200.0;

fn font(db: &fontdb::Database, weight: fontdb::Weight) -> Result<FontData> {
    let families = [
        fontdb::Family::Name("DejaVu Sans"),
        fontdb::Family::Name("Liberation Sans"),
        fontdb::Family::Name("Arial"),
        fontdb::Family::SansSerif,
    ];
    let missing = || {
        Error::invalid(
            "pdf",
            "no sans-serif TrueType font was found on this computer (install fonts-dejavu-core)",
        )
    };
    let id = db
        .query(&fontdb::Query {
            families: &families,
            weight,
            ..fontdb::Query::default()
        })
        .ok_or_else(missing)?;
    let data = db
        .with_face_data(id, |data, _| data.to_vec())
        .ok_or_else(missing)?;
    FontData::new(data, None).map_err(|e| Error::invalid("pdf", format!("font: {e}")))
}

fn family() -> Result<FontFamily<FontData>> {
    let db = chart::fonts();
    let regular = font(&db, fontdb::Weight::NORMAL)?;
    let bold = font(&db, fontdb::Weight::BOLD)?;
    Ok(FontFamily {
        italic: regular.clone(),
        bold_italic: bold.clone(),
        regular,
        bold,
    })
}

fn paragraph(spans: &[Span], base: Style) -> Paragraph {
    let mut p = Paragraph::new("");
    push_spans(&mut p, spans, base);
    p
}

/// Spans split at hard line breaks, one list per line.
fn lines(spans: &[Span]) -> Vec<Vec<Span>> {
    let mut out = vec![Vec::new()];
    for s in spans {
        for (i, part) in s.text.split('\n').enumerate() {
            if i > 0 {
                out.push(Vec::new());
            }
            if let Some(line) = out.last_mut() {
                line.push(Span {
                    text: part.to_string(),
                    ..s.clone()
                });
            }
        }
    }
    out
}

fn push_spans(p: &mut Paragraph, spans: &[Span], base: Style) {
    for s in spans {
        let mut style = base;
        if s.bold {
            style = style.bold();
        }
        if s.italic {
            style = style.italic();
        }
        p.push_styled(s.text.replace('\n', " "), style);
    }
}

fn table(t: &Table) -> Result<TableLayout> {
    let weights: Vec<usize> = (0..t.head.len().max(1))
        .map(|i| {
            std::iter::once(&t.head)
                .chain(t.rows.iter())
                .filter_map(|r| r.get(i))
                .map(|c| c.chars().count().clamp(4, 50))
                .max()
                .unwrap_or(4)
        })
        .collect();
    let mut layout = TableLayout::new(weights);
    layout.set_cell_decorator(FrameCellDecorator::new(true, true, true));
    let cell = |i: usize, text: &str, head: bool| {
        let mut style = Style::new().with_font_size(9);
        if head {
            style = style.bold();
        }
        let mut p = Paragraph::new("");
        p.push_styled(text.to_string(), style);
        if t.align.get(i) == Some(&Align::Right) {
            p.set_alignment(Alignment::Right);
        }
        p.padded(1)
    };
    let fail = |e: genpdf::error::Error| Error::invalid("pdf", format!("table: {e}"));
    let mut head = layout.row();
    for (i, h) in t.head.iter().enumerate() {
        head.push_element(cell(i, h, true));
    }
    head.push().map_err(fail)?;
    for r in &t.rows {
        let mut row = layout.row();
        for i in 0..t.head.len() {
            row.push_element(cell(i, r.get(i).map(String::as_str).unwrap_or(""), false));
        }
        row.push().map_err(fail)?;
    }
    Ok(layout)
}

/// The PDF file for `blocks`.
pub fn render(blocks: &[Block]) -> Result<Vec<u8>> {
    let title = super::document::title(blocks);
    let mut doc = genpdf::Document::new(family()?);
    doc.set_title(title.clone());
    doc.set_font_size(10);
    doc.set_line_spacing(1.25);
    doc.set_paper_size(genpdf::PaperSize::A4);
    let mut decorator = SimplePageDecorator::new();
    decorator.set_margins(genpdf::Margins::trbl(12, 20, 16, 20));
    decorator.set_header(move |page| {
        let mut p = Paragraph::new("");
        p.push_styled(
            format!("{title} — page {page}"),
            Style::new()
                .with_font_size(8)
                .with_color(Color::Rgb(80, 80, 80)),
        );
        p.set_alignment(Alignment::Right);
        p.padded(genpdf::Margins::trbl(0, 0, 4, 0))
    });
    doc.set_page_decorator(decorator);
    let heading_colour = Color::Rgb(18, 50, 94);
    for block in blocks {
        match block {
            Block::Heading(level, spans) => {
                let size = match level {
                    1 => 18,
                    2 => 14,
                    _ => 11,
                };
                doc.push(Break::new(if *level == 1 { 0.0 } else { 0.8 }));
                let style = Style::new()
                    .bold()
                    .with_font_size(size)
                    .with_line_spacing(1.1)
                    .with_color(heading_colour);
                doc.push(paragraph(spans, style));
                doc.push(Break::new(0.3));
            }
            Block::Paragraph(spans) => {
                for line in lines(spans) {
                    doc.push(paragraph(&line, Style::new()));
                }
                doc.push(Break::new(0.5));
            }
            Block::Quote(spans) => {
                doc.push(
                    paragraph(spans, Style::new().italic())
                        .padded(genpdf::Margins::trbl(0, 0, 0, 8)),
                );
                doc.push(Break::new(0.5));
            }
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}. ", i + 1)
                    } else {
                        "• ".to_string()
                    };
                    let mut p = Paragraph::new(marker);
                    push_spans(&mut p, item, Style::new());
                    doc.push(p.padded(genpdf::Margins::trbl(0, 0, 1, 5)));
                }
                doc.push(Break::new(0.5));
            }
            Block::Table(t) => {
                doc.push(table(t)?);
                doc.push(Break::new(0.8));
            }
            Block::Chart(c) => {
                let png = c.png()?;
                let image = Image::from_reader(Cursor::new(png))
                    .map_err(|e| Error::invalid("pdf", format!("chart \"{}\": {e}", c.title)))?
                    .with_dpi(CHART_DPI);
                doc.push(image);
                doc.push(Break::new(0.8));
            }
            Block::Code(code) => {
                for line in code.lines() {
                    doc.push(Paragraph::new(line.to_string()));
                }
            }
            Block::Rule => doc.push(Break::new(1.0)),
        }
    }
    let mut out = Vec::new();
    doc.render(&mut out)
        .map_err(|e| Error::invalid("pdf", format!("could not be written: {e}")))?;
    Ok(out)
}
