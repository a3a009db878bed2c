//! Reading a file a person named (evidence, a log to import, a catalogue version, a post's text):
//! only a regular file is read — a directory, a named pipe, a device or a socket is refused at
//! once, naming the path — and its size is checked from its metadata before a byte is read, so
//! neither a FIFO that never ends nor `/dev/zero` can hang Casebook or fill its memory. And
//! writing a file whole or not at all.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The bytes of the regular file at `path`, at most `limit` of them; `what` names it in messages
/// ("evidence file", "import file").
pub fn read(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let (file, len) = open(path, what)?;
    if len > limit {
        return Err(too_big(path, len, limit, what));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(path, bytes.len() as u64, limit, what));
    }
    Ok(bytes)
}

/// Whether the regular file at `path` begins with `magic` (reading no more than that).
pub fn starts_with(path: &Path, magic: &[u8], what: &str) -> Result<bool> {
    let (file, _) = open(path, what)?;
    let mut head = Vec::with_capacity(magic.len());
    file.take(magic.len() as u64)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    Ok(head == magic)
}

/// As [`read`], as UTF-8 text.
pub fn read_text(path: &Path, limit: u64, what: &str) -> Result<String> {
    String::from_utf8(read(path, limit, what)?)
        .map_err(|_| Error::invalid("file", format!("{} is not UTF-8 text", path.display())))
}

/// The regular file at `path`, opened, and its length. Its metadata is checked before it is opened
/// (opening a named pipe would wait for a writer) and again on what was opened, in case the path
/// changed in between.
pub(crate) fn open(path: &Path, what: &str) -> Result<(std::fs::File, u64)> {
    regular(
        path,
        &std::fs::metadata(path).map_err(|e| Error::io(path, e))?,
        what,
    )?;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    regular(path, &meta, what)?;
    Ok((file, meta.len()))
}

fn regular(path: &Path, meta: &std::fs::Metadata, what: &str) -> Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    let kind = kind(&meta.file_type());
    Err(Error::invalid(
        "file",
        format!(
            "{} is {kind}, not a file; give the path of the {what} itself",
            path.display()
        ),
    ))
}

#[cfg(unix)]
fn kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a named pipe"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn kind(t: &std::fs::FileType) -> &'static str {
    if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

pub(crate) fn too_big(path: &Path, len: u64, limit: u64, what: &str) -> Error {
    Error::invalid(
        "file",
        format!(
            "{} is {:.1} MiB; an {what} is limited to {} MiB",
            path.display(),
            len as f64 / 1_048_576.0,
            limit / 1_048_576
        ),
    )
}

/// Writes `bytes` to `out` whole or not at all: first to `<out>.part` beside it, then renamed
/// over it, so an officer never finds a half-written file.
pub fn write_whole(out: &Path, bytes: &[u8]) -> Result<()> {
    write_whole_with(out, &mut |w| {
        std::io::Write::write_all(w, bytes).map_err(|e| Error::io(out, e))
    })
}

/// As [`write_whole`], for what `write` writes (a video copied out a part at a time, say).
pub fn write_whole_with(
    out: &Path,
    write: &mut dyn FnMut(&mut std::io::BufWriter<std::fs::File>) -> Result<()>,
) -> Result<()> {
    let mut part = out.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let written = std::fs::File::create(&part)
        .map_err(|e| Error::io(&part, e))
        .and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            write(&mut w)?;
            w.into_inner()
                .map_err(|e| Error::io(&part, e.into_error()))?
                .sync_all()
                .map_err(|e| Error::io(&part, e))
        })
        .and_then(|()| std::fs::rename(&part, out).map_err(|e| Error::io(out, e)));
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    written
}
