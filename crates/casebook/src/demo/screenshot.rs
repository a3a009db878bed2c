//! Draws a plausible screenshot of a social media post (header bar, avatar, name, handle, wrapped
//! text, time, reactions) for the demo data, its text set in DejaVu Sans (built in:
//! [`crate::fonts`]) and anti-aliased as a phone or browser draws it, so that it reads (to a
//! person, and to OCR) as a real screenshot does.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use image::{ImageFormat, Rgb, RgbImage};

use crate::{Error, Result};

pub struct Post<'a> {
    pub platform: &'a str,
    pub display_name: &'a str,
    pub handle: &'a str,
    pub text: &'a str,
    pub when: &'a str,
    pub reactions: u32,
}

const WIDTH: u32 = 640;
const MARGIN: u32 = 24;
/// The post's text size and line height, in pixels.
const TEXT_PX: f32 = 22.0;
const LINE: u32 = 30;

/// The two faces the screenshots use.
struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn faces() -> Result<Faces> {
    let load = |data: &'static [u8]| {
        FontRef::try_from_slice(data).map_err(|e| Error::invalid("screenshot", e.to_string()))
    };
    Ok(Faces {
        regular: load(crate::fonts::DEJAVU)?,
        bold: load(crate::fonts::DEJAVU_BOLD)?,
    })
}

/// How wide `text` is set in `font` at `px`.
fn measure(font: &FontRef<'_>, px: f32, text: &str) -> f32 {
    let f = font.as_scaled(PxScale::from(px));
    let mut width = 0.0;
    let mut last = None;
    for c in text.chars() {
        let id = f.glyph_id(c);
        if let Some(prev) = last {
            width += f.kern(prev, id);
        }
        width += f.h_advance(id);
        last = Some(id);
    }
    width
}

fn brand(platform: &str) -> Rgb<u8> {
    match platform {
        "Facebook" => Rgb([24, 119, 242]),
        "X" => Rgb([15, 20, 25]),
        "Instagram" => Rgb([193, 53, 132]),
        "TikTok" => Rgb([37, 244, 238]),
        "LinkedIn" => Rgb([10, 102, 194]),
        "Nextdoor" => Rgb([0, 130, 60]),
        _ => Rgb([90, 90, 110]),
    }
}

/// The text's lines, each no wider than `width` when set in `font` at `px`.
fn wrap(font: &FontRef<'_>, px: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let longer = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && measure(font, px, &longer) > width {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = longer;
            }
        }
        lines.push(line);
    }
    lines
}

/// Sets `text` in `font` at `px` with its top at `y`, blending each glyph's coverage over what is
/// there.
fn draw_text(
    img: &mut RgbImage,
    font: &FontRef<'_>,
    px: f32,
    (x, y): (u32, u32),
    text: &str,
    color: Rgb<u8>,
) {
    let f = font.as_scaled(PxScale::from(px));
    let mut caret = x as f32;
    let baseline = y as f32 + f.ascent();
    let mut last = None;
    for c in text.chars() {
        let id = f.glyph_id(c);
        if let Some(prev) = last {
            caret += f.kern(prev, id);
        }
        let glyph = id.with_scale_and_position(PxScale::from(px), ab_glyph::point(caret, baseline));
        caret += f.h_advance(id);
        last = Some(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        outline.draw(|gx, gy, coverage| {
            let (px_x, px_y) = (
                bounds.min.x as i64 + gx as i64,
                bounds.min.y as i64 + gy as i64,
            );
            if px_x < 0 || px_y < 0 || px_x >= img.width() as i64 || px_y >= img.height() as i64 {
                return;
            }
            let under = img.get_pixel_mut(px_x as u32, px_y as u32);
            for i in 0..3 {
                let (a, b) = (f32::from(under.0[i]), f32::from(color.0[i]));
                under.0[i] = (a + (b - a) * coverage.clamp(0.0, 1.0)).round() as u8;
            }
        });
    }
}

fn fill(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, color: Rgb<u8>) {
    for py in y..(y + h).min(img.height()) {
        for px in x..(x + w).min(img.width()) {
            img.put_pixel(px, py, color);
        }
    }
}

fn disc(img: &mut RgbImage, cx: i64, cy: i64, r: i64, color: Rgb<u8>) {
    for py in cy - r..=cy + r {
        for px in cx - r..=cx + r {
            if (px - cx).pow(2) + (py - cy).pow(2) <= r * r && px >= 0 && py >= 0 {
                let (px, py) = (px as u32, py as u32);
                if px < img.width() && py < img.height() {
                    img.put_pixel(px, py, color);
                }
            }
        }
    }
}

/// Renders `post` and encodes it as PNG or JPEG.
pub fn render(post: &Post<'_>, format: ImageFormat) -> Result<Vec<u8>> {
    let faces = faces()?;
    let lines = wrap(
        &faces.regular,
        TEXT_PX,
        post.text,
        (WIDTH - 2 * MARGIN) as f32,
    );
    let height = 150 + lines.len() as u32 * LINE + 80;
    let mut img = RgbImage::from_pixel(WIDTH, height, Rgb([255, 255, 255]));
    let ink = Rgb([20, 24, 31]);
    let grey = Rgb([83, 91, 102]);
    let accent = brand(post.platform);

    fill(&mut img, 0, 0, WIDTH, 44, accent);
    let header_ink = if post.platform == "TikTok" {
        ink
    } else {
        Rgb([255, 255, 255])
    };
    draw_text(
        &mut img,
        &faces.bold,
        20.0,
        (MARGIN, 10),
        post.platform,
        header_ink,
    );

    disc(&mut img, MARGIN as i64 + 26, 92, 26, Rgb([200, 208, 220]));
    let initials: String = post
        .display_name
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("cllr"))
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    let initials_x = MARGIN as f32 + 26.0 - measure(&faces.bold, 20.0, &initials) / 2.0;
    draw_text(
        &mut img,
        &faces.bold,
        20.0,
        (initials_x.max(0.0) as u32, 79),
        &initials,
        ink,
    );
    draw_text(
        &mut img,
        &faces.bold,
        21.0,
        (MARGIN + 66, 66),
        post.display_name,
        ink,
    );
    draw_text(
        &mut img,
        &faces.regular,
        18.0,
        (MARGIN + 66, 94),
        post.handle,
        grey,
    );

    let mut y = 138;
    for line in &lines {
        draw_text(&mut img, &faces.regular, TEXT_PX, (MARGIN, y), line, ink);
        y += LINE;
    }
    y += 12;
    fill(
        &mut img,
        MARGIN,
        y,
        WIDTH - 2 * MARGIN,
        1,
        Rgb([220, 224, 230]),
    );
    draw_text(
        &mut img,
        &faces.regular,
        16.0,
        (MARGIN, y + 12),
        post.when,
        grey,
    );
    let reactions = format!(
        "{} reactions   {} shares",
        post.reactions,
        post.reactions / 3
    );
    draw_text(
        &mut img,
        &faces.regular,
        16.0,
        (MARGIN, y + 38),
        &reactions,
        grey,
    );

    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, format)
        .map_err(|e| Error::invalid("screenshot", e.to_string()))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_is_set_smoothly_and_wraps_inside_the_margins() -> Result<()> {
        let post = Post {
            platform: "X",
            display_name: "Cllr Gwen Tallis",
            handle: "@gwen",
            text: "Another evening wasted listening to the usual NIMBY cranks from Fenside Road. \
                   Mr and Mrs Daley of number 14 again. Some of us have a city to run.",
            when: "2026-02-08 21:52",
            reactions: 4,
        };
        let png = render(&post, ImageFormat::Png)?;
        let img = image::load_from_memory(&png)
            .map_err(|e| Error::invalid("png", e.to_string()))?
            .to_rgb8();
        assert_eq!(img.width(), WIDTH);
        // Anti-aliased: the post's text has many shades between ink and paper, not two.
        let shades: std::collections::BTreeSet<u8> = img
            .pixels()
            .skip(WIDTH as usize * 140)
            .map(|p| p.0[0])
            .collect();
        assert!(shades.len() > 40, "{} shades", shades.len());
        // Wrapped within the right margin: no ink there below the header.
        for y in 44..img.height() {
            for x in WIDTH - MARGIN + 2..WIDTH {
                assert_eq!(img.get_pixel(x, y).0, [255, 255, 255], "ink at {x},{y}");
            }
        }
        Ok(())
    }
}
