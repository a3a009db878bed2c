//! Draws a plausible screenshot of a social media post (header bar, avatar, name, handle, wrapped
//! text, time, reactions) for the demo data, using the 8×8 bitmap font from `font8x8`.

use font8x8::UnicodeFonts;
use image::{ImageFormat, Rgb, RgbImage};

use crate::Result;

pub struct Post<'a> {
    pub platform: &'a str,
    pub display_name: &'a str,
    pub handle: &'a str,
    pub text: &'a str,
    pub when: &'a str,
    pub reactions: u32,
}

const WIDTH: u32 = 640;
const SCALE: u32 = 2;
const GLYPH: u32 = 8 * SCALE;
const MARGIN: u32 = 24;

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

fn wrap(text: &str, columns: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > columns {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

fn draw_text(img: &mut RgbImage, x: u32, y: u32, text: &str, color: Rgb<u8>, scale: u32) {
    for (i, ch) in text.chars().enumerate() {
        let glyph = font8x8::BASIC_FONTS
            .get(ch)
            .or_else(|| font8x8::BASIC_FONTS.get('?'))
            .unwrap_or([0; 8]);
        let gx = x + i as u32 * 8 * scale;
        for (row, bits) in glyph.iter().enumerate() {
            for col in 0..8u32 {
                if bits & (1 << col) != 0 {
                    for dy in 0..scale {
                        for dx in 0..scale {
                            let (px, py) = (gx + col * scale + dx, y + row as u32 * scale + dy);
                            if px < img.width() && py < img.height() {
                                img.put_pixel(px, py, color);
                            }
                        }
                    }
                }
            }
        }
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
    let columns = ((WIDTH - 2 * MARGIN) / GLYPH) as usize;
    let lines = wrap(post.text, columns);
    let height = 150 + lines.len() as u32 * (GLYPH + 8) + 70;
    let mut img = RgbImage::from_pixel(WIDTH, height, Rgb([255, 255, 255]));
    let ink = Rgb([20, 24, 31]);
    let grey = Rgb([96, 104, 116]);
    let accent = brand(post.platform);

    fill(&mut img, 0, 0, WIDTH, 44, accent);
    let header_ink = if post.platform == "TikTok" {
        ink
    } else {
        Rgb([255, 255, 255])
    };
    draw_text(&mut img, MARGIN, 14, post.platform, header_ink, SCALE);

    disc(&mut img, MARGIN as i64 + 26, 92, 26, Rgb([200, 208, 220]));
    let initials: String = post
        .display_name
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("cllr"))
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect();
    draw_text(&mut img, MARGIN + 10, 84, &initials, ink, SCALE);
    draw_text(&mut img, MARGIN + 66, 68, post.display_name, ink, SCALE);
    draw_text(&mut img, MARGIN + 66, 94, post.handle, grey, SCALE);

    let mut y = 140;
    for line in &lines {
        draw_text(&mut img, MARGIN, y, line, ink, SCALE);
        y += GLYPH + 8;
    }
    y += 10;
    fill(
        &mut img,
        MARGIN,
        y,
        WIDTH - 2 * MARGIN,
        1,
        Rgb([220, 224, 230]),
    );
    draw_text(&mut img, MARGIN, y + 14, post.when, grey, 1);
    let reactions = format!(
        "{} reactions   {} shares",
        post.reactions,
        post.reactions / 3
    );
    draw_text(&mut img, MARGIN, y + 34, &reactions, grey, 1);

    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, format)
        .map_err(|e| crate::Error::invalid("screenshot", e.to_string()))?;
    Ok(out.into_inner())
}
