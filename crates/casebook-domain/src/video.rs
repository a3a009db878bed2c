//! Video evidence (a TikTok or YouTube clip saved by the complainant): MP4, WebM and QuickTime
//! (.mov), recognised from their bytes and checked to run to their end before they are kept.
//!
//! A video is read as it streams in, never whole: [`sniff`] needs its first bytes, [`check`]
//! walks its top-level structure with seeks (a few reads however long the file).

use std::io::{Read, Seek, SeekFrom};

use crate::{Error, Result};

/// Largest video accepted: 1 GiB (a ten-minute phone recording at 1080p is about 1 GiB).
pub const MAX_VIDEO_BYTES: u64 = 1024 * 1024 * 1024;

pub const MP4: &str = "video/mp4";
pub const WEBM: &str = "video/webm";
pub const QUICKTIME: &str = "video/quicktime";

/// How many bytes [`sniff`] looks at.
pub const HEAD_BYTES: usize = 64;

/// Brands of an MP4's `ftyp` box that say it is a video (not a HEIC photo or a 3GP file).
const MP4_BRANDS: &[&[u8; 4]] = &[
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ",
    b"M4VH", b"M4VP", b"dash", b"mmp4", b"MSNV", b"XAVC", b"f4v ",
];

/// Whether `media_type` is one of the video types accepted.
pub fn is_video(media_type: &str) -> bool {
    matches!(media_type, MP4 | WEBM | QUICKTIME)
}

/// The video type of a file from its first bytes (at least [`HEAD_BYTES`] when it is that long).
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        return (doc_type(head).as_deref() == Some(b"webm".as_slice())).then_some(WEBM);
    }
    let kind = head.get(4..8)?;
    if kind == b"ftyp" {
        let major = head.get(8..12)?;
        if major == b"qt  " {
            return Some(QUICKTIME);
        }
        // The major brand, then the compatible brands, up to the box's end.
        let size = u32::from_be_bytes(head.get(0..4)?.try_into().ok()?) as usize;
        let brands = head
            .get(16..size.min(head.len()))
            .unwrap_or_default()
            .chunks_exact(4)
            .chain(std::iter::once(major));
        let mut brands = brands;
        return brands
            .any(|b| MP4_BRANDS.iter().any(|m| m.as_slice() == b))
            .then_some(MP4);
    }
    // QuickTime files from older cameras begin with their movie or data atom, with no ftyp.
    matches!(kind, b"moov" | b"mdat" | b"wide").then_some(QUICKTIME)
}

/// The DocType of an EBML header at the start of `head` ("webm" or "matroska").
fn doc_type(head: &[u8]) -> Option<Vec<u8>> {
    let (size, used) = vint(head.get(4..)?)?;
    let body = head.get(4 + used..)?;
    let body = &body[..body.len().min(usize::try_from(size?).ok()?)];
    let mut at = 0;
    while at < body.len() {
        let (id, id_len) = element_id(&body[at..])?;
        let (len, len_used) = vint(body.get(at + id_len..)?)?;
        let len = usize::try_from(len?).ok()?;
        let start = at + id_len + len_used;
        if id == 0x4282 {
            return body.get(start..start + len).map(<[u8]>::to_vec);
        }
        at = start + len;
    }
    None
}

/// An EBML element ID (its length marker kept, as the IDs are written) and its length in bytes.
fn element_id(b: &[u8]) -> Option<(u32, usize)> {
    let first = *b.first()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 4 {
        return None;
    }
    let id = b
        .get(..len)?
        .iter()
        .fold(0u32, |acc, x| (acc << 8) | u32::from(*x));
    Some((id, len))
}

/// An EBML variable-length size: its value (`None` when "unknown", every value bit set) and how
/// many bytes it took.
fn vint(b: &[u8]) -> Option<(Option<u64>, usize)> {
    let first = *b.first()?;
    let len = first.leading_zeros() as usize + 1;
    if len > 8 {
        return None;
    }
    let mut value = u64::from(first) & (0xFF >> len);
    for x in b.get(1..len)? {
        value = (value << 8) | u64::from(*x);
    }
    let unknown = value == (1u64 << (7 * len)) - 1;
    Some(((!unknown).then_some(value), len))
}

/// Checks that a video of `len` bytes runs to its end: an MP4 or QuickTime file's top-level boxes
/// follow one another exactly to the last byte and include the movie box (`moov`, without which
/// nothing plays); a WebM's segment is not cut short. `reader` is left anywhere.
pub fn check(reader: &mut (impl Read + Seek), len: u64, media_type: &str) -> Result<()> {
    let truncated = |what: String| {
        Error::invalid(
            "file",
            format!(
                "is a damaged or truncated {} video ({len} bytes): {what}; ask for the original \
                 again",
                name(media_type)
            ),
        )
    };
    let io = |e: std::io::Error| Error::invalid("file", format!("could not be read: {e}"));
    if media_type == WEBM {
        let mut head = vec![0; HEAD_BYTES.min(usize::try_from(len).unwrap_or(HEAD_BYTES))];
        reader.seek(SeekFrom::Start(0)).map_err(io)?;
        reader.read_exact(&mut head).map_err(io)?;
        let (size, used) =
            vint(&head[4..]).ok_or_else(|| truncated("its header is unreadable".into()))?;
        let header_end = 4 + used as u64 + size.unwrap_or(0);
        reader.seek(SeekFrom::Start(header_end)).map_err(io)?;
        let mut seg = [0u8; 12];
        let got = read_up_to(reader, &mut seg).map_err(io)?;
        if got < 5 || seg[..4] != [0x18, 0x53, 0x80, 0x67] {
            return Err(truncated("it has no segment after its header".into()));
        }
        let (size, used) =
            vint(&seg[4..got]).ok_or_else(|| truncated("its segment is unreadable".into()))?;
        if let Some(size) = size {
            let end = header_end + 4 + used as u64 + size;
            if end > len {
                return Err(truncated(format!("its segment says {end} bytes")));
            }
        }
        return Ok(());
    }
    let mut at = 0u64;
    let mut movie = false;
    while at < len {
        reader.seek(SeekFrom::Start(at)).map_err(io)?;
        let mut header = [0u8; 16];
        let got = read_up_to(reader, &mut header).map_err(io)?;
        if got < 8 {
            return Err(truncated(format!(
                "it stops inside a box header at byte {at}"
            )));
        }
        let kind = &header[4..8];
        if !kind.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
            return Err(truncated(format!("the box at byte {at} is unreadable")));
        }
        let kind_text = String::from_utf8_lossy(kind).into_owned();
        let size32 = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        let size = match size32 {
            0 => len - at,
            1 if got == 16 => u64::from_be_bytes(header[8..16].try_into().unwrap_or_default()),
            1 => {
                return Err(truncated(format!(
                    "it stops inside the '{kind_text}' box header"
                )))
            }
            n => u64::from(n),
        };
        if size < 8 {
            return Err(truncated(format!(
                "the '{kind_text}' box at byte {at} has no length"
            )));
        }
        if at + size > len {
            return Err(truncated(format!(
                "its '{kind_text}' box runs {} bytes past the end",
                at + size - len
            )));
        }
        movie |= kind == b"moov";
        at += size;
    }
    if !movie {
        return Err(truncated(
            "it has no movie box ('moov'): the recording was not finished".into(),
        ));
    }
    Ok(())
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match reader.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// The type's name as people say it.
pub fn name(media_type: &str) -> &'static str {
    match media_type {
        MP4 => "MP4",
        WEBM => "WebM",
        _ => "QuickTime (.mov)",
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn boxed(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = u32::try_from(body.len() + 8)
            .expect("small")
            .to_be_bytes()
            .to_vec();
        b.extend_from_slice(kind);
        b.extend_from_slice(body);
        b
    }

    fn mp4(parts: &[Vec<u8>]) -> Vec<u8> {
        let mut v = boxed(b"ftyp", b"isom\0\0\x02\0isomiso2mp41");
        for p in parts {
            v.extend_from_slice(p);
        }
        v
    }

    fn checked(bytes: &[u8]) -> Result<()> {
        let t = sniff(bytes).ok_or_else(|| Error::invalid("file", "not a video"))?;
        check(&mut Cursor::new(bytes), bytes.len() as u64, t)
    }

    #[test]
    fn an_mp4_whose_boxes_run_to_its_end_is_accepted_and_a_cut_one_is_not() {
        let whole = mp4(&[boxed(b"moov", &[0; 40]), boxed(b"mdat", &[7; 500])]);
        assert_eq!(sniff(&whole), Some(MP4));
        checked(&whole).expect("whole");
        let cut = &whole[..whole.len() - 10];
        let e = checked(cut).expect_err("cut").to_string();
        assert!(e.contains("'mdat' box runs 10 bytes past the end"), "{e}");
        let unfinished = mp4(&[boxed(b"mdat", &[7; 500])]);
        let e = checked(&unfinished).expect_err("no moov").to_string();
        assert!(e.contains("no movie box"), "{e}");
    }

    #[test]
    fn a_heic_photo_and_an_html_page_are_not_videos() {
        let heic = boxed(b"ftyp", b"heic\0\0\0\0mif1heic");
        assert_eq!(sniff(&heic), None);
        assert_eq!(
            sniff(b"<!doctype html><html><script>alert(1)</script>"),
            None
        );
        let mov = boxed(b"ftyp", b"qt  \0\0\x02\0qt  ");
        assert_eq!(sniff(&mov), Some(QUICKTIME));
    }

    #[test]
    fn a_webm_is_told_from_other_matroska_and_its_segment_must_fit() {
        // EBML header: DocType (0x4282) "webm"; then a Segment (0x18538067) of 3 bytes.
        let header = [0x42, 0x82, 0x84, b'w', b'e', b'b', b'm'];
        let mut webm = vec![0x1A, 0x45, 0xDF, 0xA3, 0x80 | header.len() as u8];
        webm.extend_from_slice(&header);
        webm.extend_from_slice(&[0x18, 0x53, 0x80, 0x67, 0x83, 1, 2, 3]);
        assert_eq!(sniff(&webm), Some(WEBM));
        checked(&webm).expect("whole");
        let e = checked(&webm[..webm.len() - 1])
            .expect_err("cut")
            .to_string();
        assert!(e.contains("segment says"), "{e}");
        let mut mkv = webm.clone();
        mkv[8..12].copy_from_slice(b"mkv!");
        assert_eq!(sniff(&mkv), None);
    }
}
