//! Encryption at rest with SQLCipher: what a database file is (missing, plain SQLite, or
//! encrypted), the passphrase that unlocks one, keying a connection, and copying a database into
//! an encrypted file.
//!
//! SQLCipher 4 encrypts every page of the database and of its write-ahead log with AES-256 (CBC,
//! a random IV per page) and authenticates each page with HMAC-SHA512; the key is derived from the
//! passphrase with PBKDF2-HMAC-SHA512 (256,000 iterations) and a random salt kept in the file.
//! Only the key derivation costs time (about a tenth of a second, once per opening).

use std::io::Read;
use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;
use zeroize::Zeroizing;

use crate::{Error, Result};

/// The first 16 bytes of every plain SQLite file. An encrypted file begins with its random salt.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// A passphrase, wiped from memory when dropped and never printed.
#[derive(Clone)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// A passphrase as given (a file's trailing line break already removed). Refuses an empty one
    /// and one with a NUL, which SQLCipher would cut short.
    pub fn new(text: impl Into<String>) -> Result<Passphrase> {
        let text = Zeroizing::new(text.into());
        if text.is_empty() {
            return Err(Error::invalid("passphrase", "is empty"));
        }
        if text.contains('\0') {
            return Err(Error::invalid(
                "passphrase",
                "contains a NUL character; type it again",
            ));
        }
        Ok(Passphrase(text))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

/// How a database is locked: with a passphrase, or not at all.
#[derive(Debug, Clone)]
pub enum Key {
    Passphrase(Passphrase),
    /// No encryption: only for a database made with `init --unencrypted`, or one from before
    /// Casebook encrypted databases.
    Plain,
}

impl Key {
    pub fn is_encrypted(&self) -> bool {
        matches!(self, Key::Passphrase(_))
    }
}

/// What is at a database path, told from the file's first bytes without opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "DatabaseFile")]
pub enum FileKind {
    /// No file yet (or an empty one): opening it creates a new database.
    Missing,
    /// A plain SQLite file: readable by anyone who has a copy.
    Plain,
    /// Not plain SQLite: an encrypted database (or not a database at all; opening tells which).
    Encrypted,
}

/// What is at `path`.
pub fn probe(path: &Path) -> Result<FileKind> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileKind::Missing),
        Err(e) => return Err(Error::io(path, e)),
    };
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::invalid(
            "database",
            format!("{} is not a regular file", path.display()),
        ));
    }
    if meta.len() == 0 {
        return Ok(FileKind::Missing);
    }
    let mut head = [0u8; 16];
    let mut got = 0;
    while got < head.len() {
        match file.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    Ok(if &head == PLAIN_HEADER {
        FileKind::Plain
    } else {
        FileKind::Encrypted
    })
}

/// Keys a connection just opened: must come before anything reads the file. SQLCipher's own
/// logging to stderr is turned off; a wrong key is reported by the first read.
pub(crate) fn apply(conn: &Connection, key: &Key) -> Result<()> {
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    if let Key::Passphrase(p) = key {
        wait_until_ready();
        conn.pragma_update(None, "key", p.expose())?;
    }
    Ok(())
}

/// SQLCipher sets up its crypto (`sqlcipher_extra_init`) at the end of `sqlite3_initialize`,
/// after SQLite has marked itself initialised and outside its mutex, so a database keyed on
/// another thread in that moment has its `PRAGMA key` refused ("An error occurred with PRAGMA key
/// or rekey"). The e2e tests, which open databases on several threads as the process starts, met
/// it once. The first key in a process therefore waits here until a connection in memory
/// accepts one; every later key passes straight through.
fn wait_until_ready() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        for _ in 0..2_000 {
            let ready = Connection::open_in_memory()
                .and_then(|c| c.pragma_update(None, "key", "ready"))
                .is_ok();
            if ready {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    });
}

/// Opens the database file at `path` read-only with `key`, for checking a copy (a backup, a file
/// about to be swapped in). Says which of passphrase or file is wrong.
pub(crate) fn open_copy(path: &Path, key: &Key, what: &str) -> Result<Connection> {
    let kind = probe(path)?;
    let key = match (kind, key) {
        (FileKind::Missing, _) => {
            return Err(Error::invalid(
                what,
                format!("{} does not exist or is empty", path.display()),
            ))
        }
        (FileKind::Plain, _) => &Key::Plain,
        (FileKind::Encrypted, Key::Plain) => {
            return Err(Error::invalid(
                "passphrase",
                format!(
                    "{} is encrypted; its passphrase is needed to read it",
                    path.display()
                ),
            ))
        }
        (FileKind::Encrypted, k) => k,
    };
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::invalid(what, format!("{} cannot be read: {e}", path.display())))?;
    apply(&conn, key)?;
    readable(&conn, path, key.is_encrypted(), what)?;
    Ok(conn)
}

/// Reads the header through `conn`: the first read after keying, where a wrong passphrase shows.
pub(crate) fn readable(conn: &Connection, path: &Path, encrypted: bool, what: &str) -> Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) if encrypted => Error::invalid(
                "passphrase",
                format!(
                    "{} does not open with this passphrase (or it is not a Casebook database). \
                     It has not been changed.",
                    path.display()
                ),
            ),
            _ => Error::invalid(
                what,
                format!(
                    "{} cannot be opened as a Casebook database: {e}. It has not been changed.",
                    path.display()
                ),
            ),
        })
}

/// Copies the whole database open on `conn` into a new encrypted file at `dest` (which must not
/// exist), keyed with `passphrase`, schema version included.
pub(crate) fn export(conn: &Connection, dest: &Path, passphrase: &Passphrase) -> Result<()> {
    let dest_text = dest
        .to_str()
        .ok_or_else(|| Error::invalid("database", "the database path must be valid UTF-8"))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    conn.execute(
        "ATTACH DATABASE ?1 AS encrypted KEY ?2",
        [dest_text, passphrase.expose()],
    )?;
    let copied = conn
        .query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
        .and_then(|()| conn.pragma_update(Some("encrypted"), "user_version", version));
    conn.execute_batch("DETACH DATABASE encrypted")?;
    copied?;
    Ok(())
}

/// Overwrites the file at `path` with zeros, flushes it to disk, and removes it: the plain copy of
/// a database just encrypted is not left readable in its old place. (A solid-state disk may still
/// hold old blocks the operating system cannot reach; full-disk encryption covers those.)
pub(crate) fn shred(path: &Path) -> Result<()> {
    use std::io::Write;
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    let zeros = vec![0u8; 1 << 20];
    let mut left = meta.len();
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])
            .map_err(|e| Error::io(path, e))?;
        left -= n as u64;
    }
    file.sync_all().map_err(|e| Error::io(path, e))?;
    drop(file);
    std::fs::remove_file(path).map_err(|e| Error::io(path, e))
}
