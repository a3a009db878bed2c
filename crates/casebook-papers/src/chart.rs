//! Bar charts. A template writes one as a fenced code block:
//!
//! ````text
//! ```chart
//! Complaints by platform
//! X (Twitter) | 12
//! Facebook | 9
//! ```
//! ````
//!
//! The first line is the title, each other line a label and a number. The chart is drawn as SVG
//! (inline in HTML, and in the PDF) and, from the same SVG, as a PNG for DOCX, in the fonts built
//! into Casebook. A label too long for its column wraps onto more lines; none is cut. Its alt
//! text lists every bar, so the figures reach people who cannot see the picture.

use image::ImageEncoder;
use resvg::{tiny_skia, usvg};

use crate::fonts;
use crate::template::{number, unescape};
use casebook::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub bars: Vec<(String, f64)>,
}

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 250.0;
/// A bar's height, and the room between bars.
const BAR_HEIGHT: f64 = 16.0;
const GAP: f64 = 8.0;
/// The height of a label's line, and of the title's.
const LINE: f64 = 14.0;
const TITLE_LINE: f64 = 18.0;
const SIZE: f64 = 12.0;
const TITLE_SIZE: f64 = 14.0;
const BAR: &str = "#1d4f91";
const INK: &str = "#1a1a1a";
const FONT: &str = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif";
/// Pixels per SVG unit in the PNG.
const PNG_SCALE: f32 = 2.0;

impl Chart {
    pub fn parse(text: &str) -> Result<Chart> {
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let title = unescape(lines.next().unwrap_or("Chart"));
        let mut bars = Vec::new();
        for line in lines {
            let parsed = line
                .rsplit_once('|')
                .and_then(|(label, n)| Some((label, n.trim().parse::<f64>().ok()?)));
            let Some((label, n)) = parsed else {
                return Err(Error::invalid(
                    "template",
                    format!(
                        "chart \"{title}\": the line \"{}\" is not \"label | number\"",
                        casebook::text::shorten(line)
                    ),
                ));
            };
            bars.push((unescape(label.trim()), n));
        }
        Ok(Chart { title, bars })
    }

    /// "Bar chart: Complaints by platform. X (Twitter): 12; Facebook: 9."
    pub fn alt_text(&self) -> String {
        if self.bars.is_empty() {
            return format!("Bar chart: {}. No data.", self.title);
        }
        let bars: Vec<String> = self
            .bars
            .iter()
            .map(|(l, n)| format!("{l}: {}", number(*n)))
            .collect();
        format!("Bar chart: {}. {}.", self.title, bars.join("; "))
    }

    /// The title's lines.
    fn title_lines(&self) -> Vec<String> {
        fonts::metrics(true).wrap(&self.title, TITLE_SIZE, WIDTH)
    }

    /// Each bar's label, in lines that fit the label column.
    fn label_lines(&self) -> Vec<Vec<String>> {
        let m = fonts::metrics(false);
        self.bars
            .iter()
            .map(|(label, _)| m.wrap(label, SIZE, LABEL_WIDTH - 12.0))
            .collect()
    }

    /// Where the bars start: below the title.
    fn top(&self) -> f64 {
        TITLE_LINE * self.title_lines().len() as f64 + 12.0
    }

    /// A bar's row: as tall as its label.
    fn row_height(lines: usize) -> f64 {
        (LINE * lines as f64 - LINE + BAR_HEIGHT).max(BAR_HEIGHT) + GAP
    }

    pub fn height(&self) -> f64 {
        let rows: f64 = self
            .label_lines()
            .iter()
            .map(|l| Self::row_height(l.len()))
            .sum();
        self.top() + rows.max(BAR_HEIGHT + GAP) + 8.0
    }

    pub fn width(&self) -> f64 {
        WIDTH
    }

    /// The chart in parts no taller than `most` (in SVG units, a little over the chart's own
    /// width of 640 makes about 2:1 on A4), so that none is taller than a page: the first keeps
    /// the title, the others are "(continued)". Each part has at least one bar.
    pub fn parts(&self, most: f64) -> Vec<Chart> {
        if self.height() <= most {
            return vec![self.clone()];
        }
        let rows: Vec<f64> = self
            .label_lines()
            .iter()
            .map(|l| Self::row_height(l.len()))
            .collect();
        let mut parts: Vec<Chart> = Vec::new();
        let mut part = Chart {
            title: self.title.clone(),
            bars: Vec::new(),
        };
        let mut height = part.top() + 8.0;
        for (bar, row) in self.bars.iter().zip(rows) {
            if !part.bars.is_empty() && height + row > most {
                let title = format!("{} (continued)", self.title);
                parts.push(std::mem::replace(
                    &mut part,
                    Chart {
                        title,
                        bars: Vec::new(),
                    },
                ));
                height = part.top() + 8.0;
            }
            part.bars.push(bar.clone());
            height += row;
        }
        parts.push(part);
        parts
    }

    /// The chart as a standalone SVG document; every label is XML-escaped.
    pub fn svg(&self) -> String {
        let height = self.height();
        let max = self.bars.iter().map(|b| b.1).fold(0.0, f64::max);
        let scale = if max > 0.0 {
            (WIDTH - LABEL_WIDTH - 50.0) / max
        } else {
            0.0
        };
        let mut s = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" \
             viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{alt}\" \
             font-family=\"{FONT}\" font-size=\"{SIZE}\">\
             <title>{alt}</title>\
             <rect width=\"{WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>",
            alt = xml(&self.alt_text()),
        );
        for (i, line) in self.title_lines().iter().enumerate() {
            s.push_str(&format!(
                "<text x=\"0\" y=\"{y}\" font-size=\"{TITLE_SIZE}\" font-weight=\"bold\" \
                 fill=\"{INK}\">{line}</text>",
                y = 16.0 + TITLE_LINE * i as f64,
                line = xml(line),
            ));
        }
        let mut y = self.top();
        if self.bars.is_empty() {
            s.push_str(&format!(
                "<text x=\"0\" y=\"{}\" fill=\"{INK}\">No complaints in this period.</text>",
                y + 13.0
            ));
        }
        for ((_, n), lines) in self.bars.iter().zip(self.label_lines()) {
            let w = (n * scale).max(if *n > 0.0 { 1.0 } else { 0.0 });
            // The bar sits beside the label's first line.
            for (j, line) in lines.iter().enumerate() {
                s.push_str(&format!(
                    "<text x=\"{lx}\" y=\"{ty:.1}\" text-anchor=\"end\" fill=\"{INK}\">{line}</text>",
                    lx = LABEL_WIDTH - 8.0,
                    ty = y + 12.5 + LINE * j as f64,
                    line = xml(line),
                ));
            }
            s.push_str(&format!(
                "<rect x=\"{LABEL_WIDTH}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR_HEIGHT}\" fill=\"{BAR}\"/>\
                 <text x=\"{vx:.1}\" y=\"{ty:.1}\" fill=\"{INK}\">{value}</text>",
                ty = y + 12.5,
                vx = LABEL_WIDTH + w + 6.0,
                value = number(*n),
            ));
            y += Self::row_height(lines.len());
        }
        s.push_str("</svg>");
        s
    }

    /// The chart as a PNG (RGB, no transparency), drawn from [`Chart::svg`] at twice its size.
    pub fn png(&self) -> Result<Vec<u8>> {
        let failed = |why: String| Error::invalid("chart", format!("\"{}\": {why}", self.title));
        let options = usvg::Options {
            fontdb: fonts::svg_fonts(),
            ..usvg::Options::default()
        };
        let tree =
            usvg::Tree::from_str(&self.svg(), &options).map_err(|e| failed(e.to_string()))?;
        let size = tree.size();
        let (w, h) = (
            (size.width() * PNG_SCALE).ceil() as u32,
            (size.height() * PNG_SCALE).ceil() as u32,
        );
        let mut pixmap =
            tiny_skia::Pixmap::new(w, h).ok_or_else(|| failed("it is too large".into()))?;
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(PNG_SCALE, PNG_SCALE),
            &mut pixmap.as_mut(),
        );
        // The background is opaque white, so dropping alpha loses nothing; PDF pictures need RGB.
        let rgb: Vec<u8> = pixmap
            .data()
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
        let mut png = Vec::new();
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(&rgb, w, h, image::ExtendedColorType::Rgb8)
            .map_err(|e| failed(e.to_string()))?;
        Ok(png)
    }
}

/// Escapes text for XML (and HTML) and drops characters XML cannot hold.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
