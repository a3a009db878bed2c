//! The bytes of evidence and case documents, content-addressed in `blob` by SHA-256 and never
//! changed. A file up to 32 MiB is one row's value; a video (up to 1 GiB) is written in parts of
//! [`PART_BYTES`] as it streams in, hashed on the way, and read back a part at a time (see
//! `migrations/0017_video_parts.sql`). Everything that reads a blob's bytes comes here, so no
//! caller needs to know which way a file is kept.

use std::io::Read;

use sha2::{Digest, Sha256};

use crate::sql::{Dialect, Param, Sql};
use crate::{sql_params, Error, Result};

/// The size of each part of a streamed file (the last may be shorter).
pub const PART_BYTES: usize = 8 * 1024 * 1024;

/// A file streamed into parts: its hash and length, and the stream its parts are under.
#[derive(Debug, Clone)]
pub struct Streamed {
    pub sha256: String,
    pub size: u64,
    pub(crate) stream: i64,
}

/// Keeps `bytes` whole in one row, once however many items hold them; their SHA-256.
pub fn put(tx: &impl Sql, bytes: &[u8]) -> Result<String> {
    let sha = crate::audit::sha256_hex(bytes);
    tx.run(
        "INSERT INTO blob (sha256, size, bytes) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
        &sql_params![&sha, bytes.len() as i64, bytes],
    )?;
    Ok(sha)
}

/// Writes everything `reader` gives, in parts, hashing it as it goes, and refuses it (writing
/// nothing that stays: the caller's transaction is dropped) once it passes `limit` bytes.
/// `progress` is told the bytes written so far after each part. The parts are not a blob until
/// [`keep`] names them with their hash.
///
/// The file is read and hashed on a thread of its own, a part or two ahead of the database
/// writing the parts before: hashing and writing take about as long as each other, so a video
/// goes in in about the time of the slower rather than of both.
pub fn put_stream(
    tx: &impl Sql,
    reader: &mut (impl Read + Send),
    limit: u64,
    progress: &mut dyn FnMut(u64),
) -> Result<Streamed> {
    let stream = new_stream(tx)?;
    let unreadable = |e: std::io::Error| Error::invalid("file", format!("could not be read: {e}"));
    let (send, parts) = std::sync::mpsc::sync_channel::<std::io::Result<Vec<u8>>>(2);
    std::thread::scope(|scope| {
        let reading = scope.spawn(move || {
            let mut hasher = Sha256::new();
            let mut size = 0u64;
            loop {
                let mut part = vec![0u8; PART_BYTES];
                let got = match fill(reader, &mut part) {
                    Ok(0) => break,
                    Ok(got) => got,
                    Err(e) => {
                        let _ = send.send(Err(e));
                        break;
                    }
                };
                part.truncate(got);
                hasher.update(&part);
                size += got as u64;
                // The writer has stopped (an error) or the limit is passed: read no further.
                if send.send(Ok(part)).is_err() || got < PART_BYTES || size > limit {
                    break;
                }
            }
            (hex::encode(hasher.finalize()), size)
        });
        let mut written = 0u64;
        let mut failed = None;
        for (seq, part) in parts.iter().enumerate() {
            let part = match part {
                Ok(part) => part,
                Err(e) => {
                    failed = Some(unreadable(e));
                    break;
                }
            };
            written += part.len() as u64;
            if written > limit {
                failed = Some(casebook_domain::evidence::too_big(written));
                break;
            }
            if let Err(e) = put_part(tx, stream, seq as i64, &part) {
                failed = Some(e);
                break;
            }
            progress(written);
        }
        drop(parts);
        let (sha256, size) = reading
            .join()
            .map_err(|_| Error::invalid("file", "could not be read: its reader stopped"))?;
        match failed {
            Some(e) => Err(e),
            None => Ok(Streamed {
                sha256,
                size,
                stream,
            }),
        }
    })
}

/// A stream number no parts are under yet: from the server's sequence on PostgreSQL (several
/// videos may arrive at once there, each in requests of its own); on the desktop's file, where
/// one transaction writes at a time, one more than the highest.
pub fn new_stream(tx: &impl Sql) -> Result<i64> {
    match tx.dialect() {
        Dialect::Postgres => tx.value("SELECT nextval('blob_stream')", &[]),
        Dialect::Sqlite => tx.value("SELECT coalesce(max(stream), 0) + 1 FROM blob_part", &[]),
    }
}

/// Adds part `seq` of stream `stream` (sent to a server a part at a time).
pub fn put_part(tx: &impl Sql, stream: i64, seq: i64, bytes: &[u8]) -> Result<()> {
    tx.run(
        "INSERT INTO blob_part (stream, seq, bytes) VALUES (?1, ?2, ?3)",
        &sql_params![stream, seq, bytes],
    )
    .map(drop)
}

/// How many parts stream `stream` has, and how many bytes they hold.
pub fn stream_length(conn: &impl Sql, stream: i64) -> Result<(i64, u64)> {
    let r = conn.row(
        "SELECT count(*), coalesce(sum(length(bytes)), 0) FROM blob_part WHERE stream = ?1",
        &sql_params![stream],
    )?;
    let (parts, bytes): (i64, i64) = (r.get(0)?, r.get(1)?);
    Ok((parts, u64::try_from(bytes).unwrap_or(0)))
}

/// Stream `stream`'s parts as a [`Streamed`] file: their SHA-256 and length, read again in order
/// a part at a time (a video sent to a server in parts, once all have come).
pub fn stream_file(conn: &impl Sql, stream: i64) -> Result<Streamed> {
    let (sha256, size) = digest(|f| each_part(conn, stream, f))?;
    Ok(Streamed {
        sha256,
        size,
        stream,
    })
}

/// Hands the parts of stream `stream` to `f` in order, one in memory at a time. `f` must not run
/// statements itself.
fn each_part(conn: &impl Sql, stream: i64, f: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
    conn.each(
        "SELECT bytes FROM blob_part WHERE stream = ?1 ORDER BY seq",
        &sql_params![stream],
        &mut |r| f(&r.get::<Vec<u8>>(0)?),
    )
}

/// The SHA-256 and length of everything `feed` hands to the function it is given, piece by
/// piece (the parts of a video, say), never all in memory at once.
pub fn digest(
    feed: impl FnOnce(&mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()>,
) -> Result<(String, u64)> {
    let (mut hasher, mut size) = (Sha256::new(), 0u64);
    feed(&mut |b| {
        hasher.update(b);
        size += b.len() as u64;
        Ok(())
    })?;
    Ok((hex::encode(hasher.finalize()), size))
}

/// Deletes the parts of a stream no blob names (a video whose sending was abandoned).
pub fn drop_stream(tx: &impl Sql, stream: i64) -> Result<()> {
    tx.run(
        "DELETE FROM blob_part WHERE stream = ?1",
        &sql_params![stream],
    )
    .map(drop)
}

/// Stream `stream` (of `len` bytes in parts of [`PART_BYTES`]) read as a file, a stretch at a
/// time from the parts that hold it: for checking a video's structure where it is stored.
pub struct StreamReader<'a, S: Sql> {
    conn: &'a S,
    stream: i64,
    len: u64,
    at: u64,
}

impl<'a, S: Sql> StreamReader<'a, S> {
    pub fn new(conn: &'a S, stream: i64, len: u64) -> StreamReader<'a, S> {
        StreamReader {
            conn,
            stream,
            len,
            at: 0,
        }
    }
}

impl<S: Sql> std::io::Read for StreamReader<'_, S> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let part = PART_BYTES as u64;
        let (seq, within) = (self.at / part, self.at % part);
        let want = (buf.len() as u64)
            .min(part - within)
            .min(self.len.saturating_sub(self.at));
        if want == 0 {
            return Ok(0);
        }
        let got: Option<Vec<u8>> = self
            .conn
            .value_opt(
                "SELECT substr(bytes, ?1, ?2) FROM blob_part WHERE stream = ?3 AND seq = ?4",
                &sql_params![within as i64 + 1, want as i64, self.stream, seq as i64],
            )
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let got = got.unwrap_or_default();
        buf[..got.len()].copy_from_slice(&got);
        self.at += got.len() as u64;
        Ok(got.len())
    }
}

impl<S: Sql> std::io::Seek for StreamReader<'_, S> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        let at = match to {
            std::io::SeekFrom::Start(n) => Some(n),
            std::io::SeekFrom::End(d) => self.len.checked_add_signed(d),
            std::io::SeekFrom::Current(d) => self.at.checked_add_signed(d),
        };
        self.at = at.ok_or_else(|| std::io::Error::other("seek before the start"))?;
        Ok(self.at)
    }
}

/// Makes streamed parts the blob of their hash; when those bytes are already kept (the same
/// video on another case), the parts just written are dropped and the kept ones serve.
pub fn keep(tx: &impl Sql, streamed: &Streamed) -> Result<()> {
    let added = tx.run(
        "INSERT INTO blob (sha256, size, bytes, parts) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
        &sql_params![
            &streamed.sha256,
            streamed.size as i64,
            Vec::<u8>::new(),
            streamed.stream
        ],
    )?;
    if added == 0 {
        drop_stream(tx, streamed.stream)?;
    }
    Ok(())
}

/// Fills `buf` from `reader` as far as it goes; how many bytes it holds.
fn fill(reader: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match reader.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// The size and, for a streamed file, the stream of blob `sha`, if it is kept.
fn kept(conn: &impl Sql, sha: &str) -> Result<Option<(i64, Option<i64>)>> {
    conn.row_opt(
        "SELECT size, parts FROM blob WHERE sha256 = ?1",
        &[Param::from(sha)],
    )?
    .map(|r| Ok((r.get(0)?, r.get(1)?)))
    .transpose()
}

/// Hands the bytes of blob `sha` to `f` in order: once for a file kept whole, a part at a time
/// for a streamed one (one part in memory at a time). `f` must not run statements itself.
pub fn read(conn: &impl Sql, sha: &str, f: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
    let (_, parts) =
        kept(conn, sha)?.ok_or_else(|| Error::not_found("stored file", sha.to_string()))?;
    match parts {
        None => {
            let bytes: Vec<u8> = conn.value(
                "SELECT bytes FROM blob WHERE sha256 = ?1",
                &[Param::from(sha)],
            )?;
            f(&bytes)
        }
        Some(stream) => each_part(conn, stream, f),
    }
}

/// The whole of blob `sha` in memory, if it is kept.
pub fn bytes(conn: &impl Sql, sha: &str) -> Result<Option<Vec<u8>>> {
    let Some((size, _)) = kept(conn, sha)? else {
        return Ok(None);
    };
    let mut all = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    read(conn, sha, &mut |b| {
        all.extend_from_slice(b);
        Ok(())
    })?;
    Ok(Some(all))
}

/// Bytes `start..start + len` of blob `sha` (fewer at its end), reading only the parts that hold
/// them (through [`StreamReader`]): for a video player asking for one stretch at a time.
pub fn range(conn: &impl Sql, sha: &str, start: u64, len: u64) -> Result<Vec<u8>> {
    use std::io::Seek;
    let (size, parts) =
        kept(conn, sha)?.ok_or_else(|| Error::not_found("stored file", sha.to_string()))?;
    let size = u64::try_from(size).unwrap_or(0);
    let end = start.saturating_add(len).min(size);
    if start >= end {
        return Ok(Vec::new());
    }
    let Some(stream) = parts else {
        let whole = bytes(conn, sha)?.unwrap_or_default();
        return Ok(whole[start as usize..end as usize].to_vec());
    };
    let unreadable = |e: std::io::Error| Error::Db(format!("stored file {sha}: {e}"));
    let mut file = StreamReader::new(conn, stream, size);
    file.seek(std::io::SeekFrom::Start(start))
        .map_err(unreadable)?;
    let mut out = Vec::with_capacity((end - start) as usize);
    file.take(end - start)
        .read_to_end(&mut out)
        .map_err(unreadable)?;
    Ok(out)
}

/// The SHA-256 and length of what is kept as blob `sha` now, read again a part at a time (for
/// `verify`, and for the tombstone of a disposed file).
pub fn rehash(conn: &impl Sql, sha: &str) -> Result<(String, u64)> {
    digest(|f| read(conn, sha, f))
}

/// Every streamed blob's hash and recorded size, in hash order.
pub fn streamed(conn: &impl Sql) -> Result<Vec<(String, i64)>> {
    conn.rows(
        "SELECT sha256, size FROM blob WHERE parts IS NOT NULL ORDER BY sha256",
        &[],
    )?
    .iter()
    .map(|r| Ok((r.get(0)?, r.get(1)?)))
    .collect()
}

/// Deletes blob `sha` and its parts (a disposal, once its tombstone is written).
pub fn delete(tx: &impl Sql, sha: &str) -> Result<()> {
    let stream = kept(tx, sha)?.and_then(|(_, parts)| parts);
    tx.run("DELETE FROM blob WHERE sha256 = ?1", &[Param::from(sha)])?;
    match stream {
        Some(stream) => drop_stream(tx, stream),
        None => Ok(()),
    }
}
