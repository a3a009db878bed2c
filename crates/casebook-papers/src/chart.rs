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
//! (inline in HTML) and, from the same SVG, as a PNG for DOCX and PDF. Its alt text lists every
//! bar, so the figures reach people who cannot see the picture.

use std::sync::{Arc, OnceLock};

use image::ImageEncoder;
use resvg::{tiny_skia, usvg};

use crate::template::{number, unescape};
use casebook::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub bars: Vec<(String, f64)>,
}

const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 250.0;
const ROW: f64 = 24.0;
const TOP: f64 = 34.0;
const BAR: &str = "#1d4f91";
const INK: &str = "#1a1a1a";
const FONT: &str = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
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

    pub fn height(&self) -> f64 {
        TOP + ROW * self.bars.len().max(1) as f64 + 8.0
    }

    pub fn width(&self) -> f64 {
        WIDTH
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
             font-family=\"{FONT}\" font-size=\"12\">\
             <title>{alt}</title>\
             <rect width=\"{WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>\
             <text x=\"0\" y=\"18\" font-size=\"14\" font-weight=\"bold\" fill=\"{INK}\">{title}</text>",
            alt = xml(&self.alt_text()),
            title = xml(&self.title),
        );
        if self.bars.is_empty() {
            s.push_str(&format!(
                "<text x=\"0\" y=\"{}\" fill=\"{INK}\">No complaints in this period.</text>",
                TOP + 14.0
            ));
        }
        for (i, (label, n)) in self.bars.iter().enumerate() {
            let y = TOP + ROW * i as f64;
            let w = (n * scale).max(if *n > 0.0 { 1.0 } else { 0.0 });
            s.push_str(&format!(
                "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" fill=\"{INK}\">{label}</text>\
                 <rect x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{w:.1}\" height=\"{bh}\" fill=\"{BAR}\"/>\
                 <text x=\"{vx:.1}\" y=\"{ty}\" fill=\"{INK}\">{value}</text>",
                lx = LABEL_WIDTH - 8.0,
                ty = y + 13.0,
                label = xml(&clip(label, 32)),
                bh = ROW - 8.0,
                vx = LABEL_WIDTH + w + 6.0,
                value = number(*n),
            ));
        }
        s.push_str("</svg>");
        s
    }

    /// The chart as a PNG (RGB, no transparency), drawn from [`Chart::svg`] at twice its size.
    pub fn png(&self) -> Result<Vec<u8>> {
        let failed = |why: String| Error::invalid("chart", format!("\"{}\": {why}", self.title));
        let options = usvg::Options {
            fontdb: fonts(),
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

/// The system's fonts, loaded once.
pub fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(max - 1).collect();
        c.push('…');
        c
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
