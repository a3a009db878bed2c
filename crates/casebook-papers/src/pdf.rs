//! PDF for publication, laid out by genpdf on A4: headings, paragraphs, lists, tables with a
//! bold header row (split between rows across pages), charts as pictures, and a running header
//! with the title and page number. The text is in a system sans-serif font (DejaVu Sans or
//! Liberation Sans; Debian's fonts-dejavu-core), embedded so the file reads the same anywhere.

use std::io::Cursor;

use genpdf::elements::{Break, FrameCellDecorator, Image, LinearLayout, Paragraph, TableLayout};
use genpdf::fonts::{FontCache, FontData, FontFamily};
use genpdf::style::{Color, Style};
use genpdf::{Alignment, Element, SimplePageDecorator};
use resvg::usvg::fontdb;

use crate::chart;
use crate::document::{Align, Block, Span, Table};
use casebook::{Error, Result};

/// The chart picture's resolution: its 1280 pixels fill about 16 cm.
const CHART_DPI: f64 = 200.0;
/// The left and right page margins, in mm.
const SIDE_MARGIN: f64 = 20.0;
/// The width of the text on an A4 page (210 mm wide), in mm.
const TEXT_WIDTH: f64 = 210.0 - 2.0 * SIDE_MARGIN;
/// What a table cell takes beyond its text: 1 mm of padding each side and the frame.
const CELL_PADDING: f64 = 2.6;
/// The body text size, in points.
const BODY_SIZE: u8 = 10;

/// Text measured in `style` by the embedded font.
struct Measure<'a>(&'a FontCache);

impl Measure<'_> {
    fn width(&self, text: &str, style: Style) -> f64 {
        f64::from(style.str_width(self.0, text))
    }

    /// `text` with every word too wide for `width` mm broken into pieces that fit. genpdf silently
    /// drops a word wider than its line: a case reference in a narrow column, or a long web
    /// address in a case summary, must not vanish from the published paper.
    fn fit(&self, text: &str, style: Style, width: f64) -> String {
        // genpdf measures a word with the space after it.
        let width = width - self.width(" ", style);
        if self.width(text, style) <= width {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 8);
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if self.width(word, style) <= width {
                out.push_str(word);
                continue;
            }
            // Character by character, in one pass; kerning is left out, and the room held back
            // for the space covers it.
            let mut piece = 0.0;
            for c in word.chars() {
                let w = f64::from(style.char_width(self.0, c));
                if piece + w > width && piece > 0.0 {
                    out.push(' ');
                    piece = 0.0;
                }
                out.push(c);
                piece += w;
            }
        }
        out
    }
}

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

fn paragraph(spans: &[Span], base: Style, width: f64, m: &Measure) -> Paragraph {
    let mut p = Paragraph::new("");
    push_spans(&mut p, spans, base, width, m);
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

/// Pushes `spans` onto `p`, each word fitted to a line `width` mm wide.
fn push_spans(p: &mut Paragraph, spans: &[Span], base: Style, width: f64, m: &Measure) {
    for s in spans {
        let mut style = base;
        if s.bold {
            style = style.bold();
        }
        if s.italic {
            style = style.italic();
        }
        p.push_styled(m.fit(&s.text.replace('\n', " "), style, width), style);
    }
}

fn table(t: &Table, m: &Measure) -> Result<TableLayout> {
    let style = |head: bool| {
        let style = Style::new().with_font_size(9);
        if head {
            style.bold()
        } else {
            style
        }
    };
    // Each column has room for its longest word, the space genpdf measures after it, and a
    // little to spare for rounding.
    let widths = t.column_widths(TEXT_WIDTH, CELL_PADDING + 1.2, |text, head| {
        m.width(text, style(head))
    });
    // genpdf shares the width out by whole-number weights: hundredths of a millimetre.
    let weights: Vec<usize> = widths.iter().map(|w| (w * 100.0) as usize).collect();
    let mut layout = TableLayout::new(weights);
    layout.set_cell_decorator(FrameCellDecorator::new(true, true, true));
    let cell = |i: usize, text: &str, head: bool| {
        let style = style(head);
        let room = widths.get(i).map_or(TEXT_WIDTH, |w| w - CELL_PADDING);
        let mut p = Paragraph::new("");
        p.push_styled(m.fit(text, style, room), style);
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
    let title = crate::document::title(blocks);
    let mut doc = genpdf::Document::new(family()?);
    doc.set_title(title.clone());
    doc.set_font_size(BODY_SIZE);
    doc.set_line_spacing(1.25);
    doc.set_paper_size(genpdf::PaperSize::A4);
    let mut decorator = SimplePageDecorator::new();
    decorator.set_margins(genpdf::Margins::trbl(12.0, SIDE_MARGIN, 16.0, SIDE_MARGIN));
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
    let body = Style::new().with_font_size(BODY_SIZE);
    // Laid out in a column of its own first: fitting words needs the document's fonts.
    let m = Measure(doc.font_cache());
    let mut page = LinearLayout::vertical();
    for block in blocks {
        match block {
            Block::Heading(level, spans) => {
                let size = match level {
                    1 => 18,
                    2 => 14,
                    _ => 11,
                };
                page.push(Break::new(if *level == 1 { 0.0 } else { 0.8 }));
                let style = Style::new()
                    .bold()
                    .with_font_size(size)
                    .with_line_spacing(1.1)
                    .with_color(heading_colour);
                page.push(paragraph(spans, style, TEXT_WIDTH, &m));
                page.push(Break::new(0.3));
            }
            Block::Paragraph(spans) => {
                for line in lines(spans) {
                    page.push(paragraph(&line, body, TEXT_WIDTH, &m));
                }
                page.push(Break::new(0.5));
            }
            Block::Quote(spans) => {
                let quote = paragraph(spans, body.italic(), TEXT_WIDTH - 8.0, &m);
                page.push(quote.padded(genpdf::Margins::trbl(0, 0, 0, 8)));
                page.push(Break::new(0.5));
            }
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let marker = if *ordered {
                        format!("{}. ", i + 1)
                    } else {
                        "• ".to_string()
                    };
                    let mut p = Paragraph::new(marker);
                    push_spans(&mut p, item, body, TEXT_WIDTH - 5.0, &m);
                    page.push(p.padded(genpdf::Margins::trbl(0, 0, 1, 5)));
                }
                page.push(Break::new(0.5));
            }
            Block::Table(t) => {
                page.push(table(t, &m)?);
                page.push(Break::new(0.8));
            }
            Block::Chart(c) => {
                let png = c.png()?;
                let image = Image::from_reader(Cursor::new(png))
                    .map_err(|e| Error::invalid("pdf", format!("chart \"{}\": {e}", c.title)))?
                    .with_dpi(CHART_DPI);
                page.push(image);
                page.push(Break::new(0.8));
            }
            Block::Code(code) => {
                for line in code.lines() {
                    page.push(Paragraph::new(m.fit(line, body, TEXT_WIDTH)));
                }
            }
            Block::Rule => page.push(Break::new(1.0)),
        }
    }
    doc.push(page);
    let mut out = Vec::new();
    doc.render(&mut out)
        .map_err(|e| Error::invalid("pdf", format!("could not be written: {e}")))?;
    Ok(out)
}
