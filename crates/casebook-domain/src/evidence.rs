//! Checking evidence before it is stored: the accepted types, sniffed from the bytes (never the
//! name), the size limits, and decoding each image once to refuse a damaged file and make its
//! thumbnail. Storing it is `casebook_store::evidence`.

use std::io::Cursor;
use std::path::Path;

use image::{ImageFormat, ImageReader, Limits};
use serde::Serialize;

use crate::{video, Error, Result};

/// Largest evidence file accepted other than a video: 32 MiB. Phone and desktop screenshots are
/// well under 10 MiB; a larger file is refused with a message naming the limit.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;
pub use crate::video::MAX_VIDEO_BYTES;
/// Largest post text accepted: 1 MiB of UTF-8.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// Largest image decoded, in pixels per side (a guard against decompression bombs).
pub const MAX_IMAGE_SIDE: u32 = 20_000;
/// Longest side of a thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 360;

/// The types accepted as evidence files, as (media type, name, file name extensions).
const ACCEPTED: &[(&str, &str, &[&str])] = &[
    ("image/png", "PNG", &["png"]),
    ("image/jpeg", "JPEG", &["jpg", "jpeg", "jpe", "jfif"]),
    ("image/webp", "WebP", &["webp"]),
    ("image/gif", "GIF", &["gif"]),
    ("application/pdf", "PDF", &["pdf"]),
    (crate::email::MEDIA_TYPE, "email (.eml)", &["eml"]),
    (video::MP4, "MP4 video", &["mp4", "m4v"]),
    (video::WEBM, "WebM video", &["webm"]),
    (video::QUICKTIME, "QuickTime video", &["mov", "qt"]),
];
pub const TEXT_MEDIA_TYPE: &str = "text/plain; charset=utf-8";

/// What begins the description of post text read from a screenshot by OCR (`casebook::ocr`):
/// what marks an item as a reading, since a reading is otherwise post text like any other.
pub const READ_FROM: &str = "Text read from evidence item ";

/// Whether an item of `kind` described as `description` is text OCR read from a screenshot.
pub fn is_reading(kind: &str, description: Option<&str>) -> bool {
    kind == "post_text" && description.is_some_and(|d| d.starts_with(READ_FROM))
}

pub fn too_big(len: u64) -> Error {
    Error::invalid(
        "file",
        format!(
            "is {:.1} MiB; evidence files are limited to {} MiB (videos to {} MiB)",
            len as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576,
            MAX_VIDEO_BYTES / 1_048_576
        ),
    )
}

/// The largest file of `media_type` accepted.
pub fn limit(media_type: &str) -> u64 {
    if video::is_video(media_type) {
        MAX_VIDEO_BYTES
    } else {
        MAX_FILE_BYTES
    }
}

/// What intake found a file to be, before it is stored.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Checked {
    pub media_type: String,
    pub size: u64,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// Checks a file exactly as intake will (type from its bytes, name not contradicting it,
/// intact, within the limits), without storing anything: so a form can refuse a file the moment
/// it is offered.
pub fn check(bytes: &[u8], original_name: Option<&str>) -> Result<Checked> {
    let e = examine(bytes, original_name)?;
    Ok(Checked {
        media_type: e.media_type.to_string(),
        size: bytes.len() as u64,
        width: e.size.map(|s| s.0),
        height: e.size.map(|s| s.1),
    })
}

/// The media type of `bytes`, from their content alone.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    if let Some(v) = video::sniff(bytes) {
        return Some(v);
    }
    match image::guess_format(bytes).ok()? {
        ImageFormat::Png => Some("image/png"),
        ImageFormat::Jpeg => Some("image/jpeg"),
        ImageFormat::WebP => Some("image/webp"),
        ImageFormat::Gif => Some("image/gif"),
        _ => None,
    }
}

fn type_name(media_type: &str) -> &'static str {
    ACCEPTED
        .iter()
        .find(|(m, _, _)| *m == media_type)
        .map(|(_, n, _)| *n)
        .unwrap_or("unknown")
}

/// The type a file is taken to be: the one `sniffed` from its bytes, provided the extension of
/// `original_name` does not say another accepted type.
pub fn media_type(
    sniffed: Option<&'static str>,
    original_name: Option<&str>,
) -> Result<&'static str> {
    let accepted = ACCEPTED
        .iter()
        .map(|(_, n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ");
    let ext = original_name
        .and_then(|n| Path::new(n).extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let named_as = ext
        .as_deref()
        .and_then(|e| ACCEPTED.iter().find(|(_, _, exts)| exts.contains(&e)));
    match (sniffed, named_as) {
        (None, Some((_, name, _))) => Err(Error::invalid(
            "file",
            format!(
                "is named .{} but its contents are not a {name} file (nor any accepted type: {accepted})",
                ext.unwrap_or_default()
            ),
        )),
        (None, None) => Err(Error::invalid(
            "file",
            format!("is not an accepted evidence type; accepted: {accepted}"),
        )),
        (Some(m), Some((named, name, _))) if m != *named => Err(Error::invalid(
            "file",
            format!(
                "is named .{} ({name}) but its contents are {}; rename it to match or export it again",
                ext.unwrap_or_default(),
                type_name(m)
            ),
        )),
        (Some(m), _) => Ok(m),
    }
}

/// Checks the bytes are an accepted, intact file whose name does not contradict its contents.
/// Returns the media type, image size and a JPEG thumbnail for images.
pub fn examine(bytes: &[u8], original_name: Option<&str>) -> Result<Examined> {
    if bytes.len() as u64 > MAX_VIDEO_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(Error::invalid("file", "is empty"));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES && video::sniff(bytes).is_none() {
        return Err(too_big(bytes.len() as u64));
    }
    if crate::email::is_email(bytes, original_name) {
        return Ok(Examined {
            media_type: crate::email::MEDIA_TYPE,
            size: None,
            thumbnail: None,
        });
    }
    let media_type = media_type(sniff(bytes), original_name)?;
    if bytes.len() as u64 > limit(media_type) {
        return Err(too_big(bytes.len() as u64));
    }
    if video::is_video(media_type) {
        video::check(&mut Cursor::new(bytes), bytes.len() as u64, media_type)?;
        return Ok(Examined {
            media_type,
            size: None,
            thumbnail: None,
        });
    }
    if media_type == "application/pdf" {
        let tail = &bytes[bytes.len().saturating_sub(2048)..];
        if !tail.windows(5).any(|w| w == b"%%EOF") {
            return Err(Error::invalid(
                "file",
                "is a PDF with no end-of-file marker: it is truncated or corrupt",
            ));
        }
        return Ok(Examined {
            media_type,
            size: None,
            thumbnail: None,
        });
    }
    whole(media_type, bytes)?;
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Error::invalid("file", format!("could not be read: {e}")))?;
    reader.limits(limits());
    let img = reader.decode().map_err(|e| {
        Error::invalid(
            "file",
            format!(
                "is a damaged or unreadable {} image: {e}",
                type_name(media_type)
            ),
        )
    })?;
    let thumb = img.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE).to_rgb8();
    let mut out = Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
        .encode_image(&thumb)
        .map_err(|e| Error::invalid("file", format!("thumbnail could not be made: {e}")))?;
    Ok(Examined {
        media_type,
        size: Some((img.width(), img.height())),
        thumbnail: Some(out.into_inner()),
    })
}

/// What [`examine`] found.
pub struct Examined {
    pub media_type: &'static str,
    pub size: Option<(u32, u32)>,
    pub thumbnail: Option<Vec<u8>>,
}

/// Most frames decoded from one animated GIF.
pub const MAX_FRAMES: usize = 2_000;

/// Refuses an image that does not run to its end: a JPEG without its end-of-image marker, a PNG
/// without its closing IEND chunk, a GIF without its trailer or with a frame that does not decode,
/// a WebP shorter than its header says. Decoders fill a cut-off image in with grey and say
/// nothing, and a truncated file must never become a permanent original.
fn whole(media_type: &str, bytes: &[u8]) -> Result<()> {
    let truncated = |what: &str| {
        Error::invalid(
            "file",
            format!(
                "is a truncated {} ({} bytes): {what}; it was cut off in copying or downloading, \
                 so ask for the original again",
                type_name(media_type),
                bytes.len()
            ),
        )
    };
    // Some tools pad a file with zero bytes after its end.
    let end = bytes.len() - bytes.iter().rev().take_while(|b| **b == 0).count();
    let body = &bytes[..end];
    match media_type {
        "image/jpeg" if !body.ends_with(&[0xFF, 0xD9]) => {
            Err(truncated("it stops before its end-of-image marker"))
        }
        "image/png" if !bytes.ends_with(b"IEND\xAE\x42\x60\x82") => {
            Err(truncated("it stops before its closing IEND chunk"))
        }
        "image/gif" if !body.ends_with(b"\x3B") => Err(truncated("it stops before its trailer")),
        "image/gif" => every_gif_frame(bytes, &truncated),
        "image/webp" => {
            let declared = bytes
                .get(4..8)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map(|b| u64::from(u32::from_le_bytes(b)) + 8)
                .unwrap_or(0);
            if (bytes.len() as u64) < declared {
                Err(truncated(&format!("its header says {declared} bytes")))
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}

/// Decodes every frame of a GIF, within the size limits (a decoder asked for one image reads
/// only the first frame).
fn every_gif_frame(bytes: &[u8], truncated: &dyn Fn(&str) -> Error) -> Result<()> {
    use image::{AnimationDecoder, ImageDecoder};
    let unreadable = |e: image::ImageError| {
        Error::invalid("file", format!("is a damaged or unreadable GIF image: {e}"))
    };
    let mut decoder =
        image::codecs::gif::GifDecoder::new(Cursor::new(bytes)).map_err(unreadable)?;
    decoder.set_limits(limits()).map_err(unreadable)?;
    for (n, frame) in decoder.into_frames().enumerate() {
        if n >= MAX_FRAMES {
            return Err(Error::invalid(
                "file",
                format!("is a GIF of more than {MAX_FRAMES} frames; a screenshot has one"),
            ));
        }
        frame.map_err(|e| truncated(&format!("frame {} does not decode ({e})", n + 1)))?;
    }
    Ok(())
}

/// The decoders' limits: sides, and memory (a guard against decompression bombs).
pub fn decoding_limits() -> Limits {
    limits()
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_IMAGE_SIDE);
    limits.max_image_height = Some(MAX_IMAGE_SIDE);
    limits.max_alloc = Some(1024 * 1024 * 1024);
    limits
}
