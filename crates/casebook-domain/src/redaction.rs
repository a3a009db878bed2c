//! Redaction of a screenshot before it is published or sent: each box the officer drew is filled
//! solid black, and the result is a new PNG made from the pixels alone. Nothing under a box
//! survives (there is no layer to lift, and the original's metadata, EXIF, colour profile or
//! text chunks, is not carried over); the original is kept unchanged beside it.

use std::io::Cursor;

use image::{ImageReader, Rgba, RgbaImage};

use crate::{Error, Result};

/// A box over the image, in its pixels: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize, ts_rs::TS)]
#[ts(export, rename = "RedactionBox")]
pub struct Area {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// What covers a box: opaque black.
pub const FILL: Rgba<u8> = Rgba([0, 0, 0, 255]);

/// Most boxes on one copy (a screenshot of a long thread has a few dozen names).
pub const MAX_AREAS: usize = 500;

impl Area {
    /// Reads `X,Y,W,H` (whole pixels), as the command line gives a box.
    pub fn parse(field: &str, text: &str) -> Result<Area> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let number = |s: &str| s.parse::<u32>().ok();
        match parts.as_slice() {
            [x, y, w, h] => match (number(x), number(y), number(w), number(h)) {
                (Some(x), Some(y), Some(width), Some(height)) => Ok(Area {
                    x,
                    y,
                    width,
                    height,
                }),
                _ => Err(Error::invalid(
                    field,
                    format!(
                        "'{}' is not four whole numbers X,Y,W,H",
                        crate::text::shorten(text)
                    ),
                )),
            },
            _ => Err(Error::invalid(
                field,
                format!(
                    "'{}' is not a box: give it as X,Y,W,H (left, top, width, height in pixels)",
                    crate::text::shorten(text)
                ),
            )),
        }
    }

    /// Refuses a box that is empty or not wholly on an image of `width` × `height`.
    fn check(&self, n: usize, width: u32, height: u32) -> Result<()> {
        let field = format!("boxes[{n}]");
        if self.width == 0 || self.height == 0 {
            return Err(Error::invalid(
                field,
                "a box must be at least 1 pixel wide and high",
            ));
        }
        let right = u64::from(self.x) + u64::from(self.width);
        let bottom = u64::from(self.y) + u64::from(self.height);
        if right > u64::from(width) || bottom > u64::from(height) {
            return Err(Error::invalid(
                field,
                format!(
                    "{},{} {}×{} runs off the image, which is {width}×{height} pixels",
                    self.x, self.y, self.width, self.height
                ),
            ));
        }
        Ok(())
    }
}

/// Covers each of `areas` of the image in `bytes` (PNG, JPEG, WebP or GIF: its first frame) with
/// [`FILL`]; the new PNG. Refused: no box, too many, a box off the image, an image that does not
/// decode within the intake's limits.
pub fn redact(bytes: &[u8], areas: &[Area]) -> Result<Vec<u8>> {
    if areas.is_empty() {
        return Err(Error::invalid("boxes", "draw at least one box to redact"));
    }
    if areas.len() > MAX_AREAS {
        return Err(Error::invalid(
            "boxes",
            format!("{} boxes; at most {MAX_AREAS} on one copy", areas.len()),
        ));
    }
    let mut pixels = decode(bytes)?;
    let (width, height) = pixels.dimensions();
    for (n, a) in areas.iter().enumerate() {
        a.check(n, width, height)?;
    }
    for a in areas {
        for y in a.y..a.y + a.height {
            for x in a.x..a.x + a.width {
                pixels.put_pixel(x, y, FILL);
            }
        }
    }
    png_of(&pixels)
}

/// An image decoded within intake's limits; an item that is not one, or does not decode, is
/// refused.
pub fn decode(bytes: &[u8]) -> Result<RgbaImage> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Error::invalid("file", format!("could not be read: {e}")))?;
    reader.limits(crate::evidence::decoding_limits());
    let decoded = reader.decode().map_err(|e| {
        Error::invalid(
            "file",
            format!("only an image can be redacted or shown, and this one does not decode: {e}"),
        )
    })?;
    Ok(decoded.to_rgba8())
}

fn png_of(pixels: &RgbaImage) -> Result<Vec<u8>> {
    let mut out = Cursor::new(Vec::new());
    pixels
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| Error::invalid("file", format!("the picture could not be written: {e}")))?;
    Ok(out.into_inner())
}

/// An image written again as a PNG of its pixels alone (no metadata carried over), with its width
/// and height: how a paper shows a screenshot.
pub fn pixels_only(bytes: &[u8]) -> Result<(Vec<u8>, u32, u32)> {
    let pixels = decode(bytes)?;
    Ok((png_of(&pixels)?, pixels.width(), pixels.height()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = RgbaImage::from_fn(width, height, |x, y| Rgba([x as u8, y as u8, 200, 255]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png)
            .expect("a PNG");
        out.into_inner()
    }

    #[test]
    fn every_pixel_in_a_box_is_the_fill_and_every_other_is_kept() {
        let original = png(40, 30);
        let area = Area::parse("box", "5, 6, 10, 4").expect("a box");
        let made = redact(&original, &[area]).expect("redacted");
        let before = image::load_from_memory(&original)
            .expect("decodes")
            .to_rgba8();
        let after = image::load_from_memory(&made).expect("decodes").to_rgba8();
        for (x, y, p) in after.enumerate_pixels() {
            let inside = (5..15).contains(&x) && (6..10).contains(&y);
            if inside {
                assert_eq!(*p, FILL, "{x},{y}");
            } else {
                assert_eq!(p, before.get_pixel(x, y), "{x},{y}");
            }
        }
    }

    #[test]
    fn a_box_off_the_image_or_written_wrongly_names_its_field() {
        let original = png(20, 20);
        let off = Area::parse("box", "15,15,10,2").expect("a box");
        let err = redact(&original, &[off]).expect_err("off the image");
        assert!(err.to_string().contains("boxes[0]"), "{err}");
        assert!(err.to_string().contains("20×20"), "{err}");
        assert!(Area::parse("box", "1,2,3").is_err());
        assert!(Area::parse("box", "1,2,-3,4").is_err());
        assert!(redact(&original, &[]).is_err());
        assert!(redact(b"%PDF-1.7 not an image", &[off]).is_err());
    }
}
