//! The fonts committee papers are set in, built into the binary so a paper looks the same on any
//! computer and needs no installed fonts: Liberation Sans (Arial's metrics; SIL Open Font
//! Licence) in its four styles, and DejaVu Sans (regular and bold; the Bitstream Vera licence)
//! for the Greek, Cyrillic and symbols Liberation lacks ([`casebook::fonts`], which holds them and
//! their licences). The PDF embeds only the glyphs it uses.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use resvg::usvg::fontdb;

/// Every face, as the PDF engine and the chart renderer load them.
pub use casebook::fonts::FACES;

/// The family text is set in.
pub const FAMILY: &str = "Liberation Sans";

/// The faces for drawing SVG (the charts), loaded once; the generic sans-serif is [`FAMILY`].
pub fn svg_fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for face in FACES {
                db.load_font_data(face.to_vec());
            }
            db.set_sans_serif_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// A face's glyph widths, for measuring text before it is laid out (chart labels, table
/// columns).
pub struct Metrics {
    main: ttf_parser::Face<'static>,
    fallback: ttf_parser::Face<'static>,
    /// The widths of the ASCII characters, looked up once: most text is ASCII.
    ascii: [f64; 128],
}

/// The regular or bold face's metrics.
pub fn metrics(bold: bool) -> &'static Metrics {
    static REGULAR: OnceLock<Metrics> = OnceLock::new();
    static BOLD: OnceLock<Metrics> = OnceLock::new();
    let (cell, main, fallback) = if bold {
        (&BOLD, FACES[1], FACES[5])
    } else {
        (&REGULAR, FACES[0], FACES[4])
    };
    // The faces are part of the binary, so they always parse (every PDF test uses them).
    let parse = |data| ttf_parser::Face::parse(data, 0).expect("a font built into Casebook");
    cell.get_or_init(|| {
        let mut m = Metrics {
            main: parse(main),
            fallback: parse(fallback),
            ascii: [0.0; 128],
        };
        for i in 0..128u8 {
            m.ascii[usize::from(i)] = m.lookup(char::from(i));
        }
        m
    })
}

impl Metrics {
    /// The width of `c` in ems.
    fn char_width(&self, c: char) -> f64 {
        match self.ascii.get(c as usize) {
            Some(w) => *w,
            None => self.lookup(c),
        }
    }

    /// The width of `c` in ems: from the main face, else the fallback, else half an em.
    fn lookup(&self, c: char) -> f64 {
        for face in [&self.main, &self.fallback] {
            if let Some(advance) = face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)) {
                return f64::from(advance) / f64::from(face.units_per_em());
            }
        }
        0.5
    }

    /// The width of `text` set at `size` (in the unit `size` is in); kerning is left out.
    pub fn width(&self, text: &str, size: f64) -> f64 {
        text.chars().map(|c| self.char_width(c)).sum::<f64>() * size
    }

    /// `text` broken into lines no wider than `width` at `size`: at spaces, and inside a word
    /// only where the word alone is too wide.
    pub fn wrap(&self, text: &str, size: f64, width: f64) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let joined = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if self.width(&joined, size) <= width {
                line = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for c in word.chars() {
                line.push(c);
                if self.width(&line, size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn covers(&self, c: char) -> bool {
        self.main.glyph_index(c).is_some() || self.fallback.glyph_index(c).is_some()
    }
}

/// Characters drawn as nothing, which no font needs a glyph for.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// `text` as the built-in fonts can print it: a character none of them has (an emoji, a
/// script they do not cover) becomes its code point, `[U+1F600]`, so it is still in the paper
/// and nothing is drawn as an empty box (which PDF/UA forbids); control characters other than
/// line breaks and tabs, and invisible joiners and selectors, are dropped.
pub fn printable(text: &str) -> Cow<'_, str> {
    let m = metrics(false);
    // Liberation Sans has every printable ASCII character.
    let fine = |c: char| {
        c == '\n' || (' '..='~').contains(&c) || (!c.is_control() && !invisible(c) && m.covers(c))
    };
    if text.chars().all(fine) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if fine(c) {
            out.push(c);
        } else if c == '\t' {
            out.push(' ');
        } else if !(c.is_control() || invisible(c)) {
            out.push_str(&format!("[U+{:04X}]", c as u32));
        }
    }
    Cow::Owned(out)
}
