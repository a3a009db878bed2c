//! Hostile and damaged input, each case a real file or process, so none of the failures found by
//! the hardening battery comes back.

use std::io::Cursor;

use casebook::{evidence, Error};
use image::codecs::gif::{GifEncoder, Repeat};
use image::{Delay, Frame, ImageFormat, Rgba, RgbaImage};

use crate::support::image_bytes;

fn refused(bytes: &[u8], name: &str) -> String {
    match evidence::check(bytes, Some(name)) {
        Err(Error::Invalid { field, reason }) => {
            assert_eq!(field, "file", "{name}: {reason}");
            reason
        }
        Err(e) => panic!("{name}: refused for the wrong reason: {e}"),
        Ok(c) => panic!(
            "{name} ({} bytes) was accepted as {}",
            bytes.len(),
            c.media_type
        ),
    }
}

/// A two-frame animated GIF, big enough that its second frame lies in the second half.
fn animated_gif() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = GifEncoder::new(&mut out);
        enc.set_repeat(Repeat::Infinite).unwrap();
        for seed in [40u8, 200] {
            let img = RgbaImage::from_fn(120, 80, |x, y| {
                Rgba([seed, (x * 2) as u8, (y * 3) as u8, 255])
            });
            enc.encode_frame(Frame::from_parts(
                img,
                0,
                0,
                Delay::from_numer_denom_ms(100, 1),
            ))
            .unwrap();
        }
    }
    out
}

#[test]
fn truncated_images_are_refused_saying_so() {
    let jpeg = image_bytes(ImageFormat::Jpeg, 3);
    let png = image_bytes(ImageFormat::Png, 4);
    let gif = animated_gif();
    let webp = {
        let mut out = Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(40, 24, |x, y| {
            image::Rgb([x as u8 * 6, y as u8 * 10, 90])
        }))
        .write_to(&mut out, ImageFormat::WebP)
        .unwrap();
        out.into_inner()
    };
    // Whole files are accepted.
    for (bytes, name) in [
        (&jpeg, "a.jpg"),
        (&png, "a.png"),
        (&gif, "a.gif"),
        (&webp, "a.webp"),
    ] {
        evidence::check(bytes, Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let cut = |b: &[u8], keep: usize| b[..keep].to_vec();
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (
            cut(&jpeg, jpeg.len() / 2),
            "half.jpg",
            "end-of-image marker",
        ),
        (
            cut(&jpeg, jpeg.len() * 9 / 10),
            "most.jpg",
            "end-of-image marker",
        ),
        (
            cut(&jpeg, jpeg.len() - 2),
            "no-eoi.jpg",
            "end-of-image marker",
        ),
        (cut(&png, png.len() - 12), "no-iend.png", "IEND"),
        (cut(&gif, gif.len() / 2), "half.gif", "GIF"),
        (cut(&gif, gif.len() - 1), "no-trailer.gif", "trailer"),
        (cut(&webp, webp.len() - 10), "short.webp", "header says"),
    ];
    for (bytes, name, words) in cases {
        let reason = refused(&bytes, name);
        assert!(
            reason.contains("truncated") && reason.contains(words),
            "{name}: {reason}"
        );
    }
}
