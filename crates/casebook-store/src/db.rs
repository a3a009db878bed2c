//! The database façade: where the file lives, opening it safely (its key first, pragmas, refusing a
//! newer schema, migrations in one transaction), the one way to write (an immediate transaction),
//! and the operations on the whole file: backup, restore, encrypt and rekey.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::migrations::migrations_from;
pub use crate::migrations::{migrations, schema_version, MIGRATION_FILES};

use crate::cipher::{self, FileKind, Key, Passphrase};
use crate::{audit, audit::Stamp, catalogue, officer, progress, search, verify, Error, Result};

/// The app identifier; decides the OS app-data folder, shared by the CLI and the desktop app.
pub const APP_IDENTIFIER: &str = "org.casebook.desktop";
/// The database file's name inside the app-data folder.
pub const DB_FILE_NAME: &str = "casebook.sqlite3";

/// `$XDG_DATA_HOME/org.casebook.desktop/casebook.sqlite3` on Linux (the same folder Tauri uses for
/// the app's data), the equivalent on macOS and Windows.
pub fn default_path() -> Result<PathBuf> {
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER).join(DB_FILE_NAME))
        .ok_or_else(|| {
            Error::invalid(
                "database",
                "no app-data folder is known for this user; pass --db PATH or set CASEBOOK_DB",
            )
        })
}

/// The page cache each connection may keep, in KiB.
const PAGE_CACHE_KIB: i64 = 64 * 1024;
/// The page cache of [`Db::cache_for_one_pass`] (SQLite's default).
const ONE_PASS_CACHE_KIB: i64 = 2 * 1024;
/// Prepared statements each connection keeps.
const STATEMENT_CACHE: usize = 512;

pub struct Db {
    conn: Connection,
    path: PathBuf,
    key: Key,
}

impl Db {
    /// Opens (creating if needed) the database at `path` with `key` and brings its schema up to
    /// date. A new database is encrypted when `key` is a passphrase. An existing plain database
    /// opens whatever the key; an encrypted one needs its passphrase. A wrong passphrase, or a
    /// database from a newer Casebook, is refused before anything is written. The first time a
    /// database is opened, the person opening it (`opener.actor`) becomes its first officer.
    pub fn open(path: &Path, key: &Key, opener: &Stamp) -> Result<Db> {
        Self::open_with(path, key, opener, MIGRATION_FILES)
    }

    /// [`Db::open`] with a given migration list (tests use it to check a failing migration).
    pub fn open_with(path: &Path, key: &Key, opener: &Stamp, files: &[(&str, &str)]) -> Result<Db> {
        let key = match (cipher::probe(path)?, key) {
            (FileKind::Plain, _) => Key::Plain,
            (FileKind::Encrypted, Key::Plain) => {
                return Err(Error::invalid(
                    "passphrase",
                    format!(
                        "{} is encrypted; its passphrase is needed to open it",
                        path.display()
                    ),
                ))
            }
            (_, k) => k.clone(),
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let not_casebook = |reason: String| {
            Error::io(
                path,
                std::io::Error::other(format!(
                    "cannot be opened as a Casebook database: {reason}. It has not been changed."
                )),
            )
        };
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| not_casebook(e.to_string()))?;
        // These change nothing on disk, so they are safe before the checks below.
        cipher::apply(&conn, &key)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Deleted and overwritten content is zeroed in the file, not left in free pages: what a
        // disposal removes is gone from the database file once the log is checkpointed.
        conn.pragma_update(None, "secure_delete", true)?;
        // Sorts, temporary indexes and statement journals stay in memory: nothing of a case is
        // written to an unencrypted temporary file, and a savepoint per imported row costs no
        // file writes.
        conn.pragma_update(None, "temp_store", "MEMORY")?;

        // Reading the header also tells us whether the passphrase is right, and whether this is
        // an SQLite file at all.
        let found = cipher::readable(&conn, path, key.is_encrypted(), "database")?;
        // A page cache of up to 64 MiB: pages read once stay decrypted in memory, so going back
        // to a case or running the same list again does not decrypt them again.
        conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
        // Room for every statement the core prepares: an import runs some sixty per row, and with
        // rusqlite's default of 16 each was parsed again every row.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        let known = files.len() as i64;
        if found > known {
            return Err(Error::TooNew {
                found,
                supported: known,
            });
        }
        if found == 0 {
            let objects: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if objects > 0 {
                return Err(not_casebook(
                    "it is an SQLite database of some other program".into(),
                ));
            }
        }
        // Nothing below writes (or waits for the write lock) unless there is something to do, so
        // opening a database another process is busy writing to never blocks a reader.
        let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let migrated = found < known;
        if migrated {
            migrations_from(files)
                .to_latest(&mut conn)
                .map_err(|e| Error::Migration(e.to_string()))?;
        }

        conn.execute_batch(audit::TOUCHED_TABLE)?;
        let mut db = Db {
            conn,
            path: path.to_path_buf(),
            key,
        };
        if audit::needs_reseal(&db.conn)? || crate::access::needs_reseal(&db.conn)? {
            // Once, after the upgrade that brought content hashes (a trail that does not verify
            // is left as it is, for `verify` to report).
            db.write(|tx| {
                audit::reseal(tx)?;
                crate::access::reseal(tx).map(drop)
            })?;
        }
        if officer::none(&db.conn)? {
            db.write(|tx| officer::register_first(tx, opener))?;
        }
        if catalogue::has_unrecorded(&db.conn)? {
            let stamp = officer::opening_stamp(&db.conn, opener)?;
            db.write(|tx| catalogue::seal_unrecorded(tx, &stamp))?;
        }
        // Derived tables a migration may have created empty (or out of step) are filled. Their
        // rows are counted only after a migration (a count reads a table of every case, each
        // time any command starts); otherwise the newest case is looked up. `verify` counts.
        if search::newest_missing(&db.conn)? || (migrated && search::needs_rebuild(&db.conn)?) {
            db.write(|tx| search::rebuild_all(tx))?;
        }
        if progress::newest_missing(&db.conn)? || (migrated && progress::needs_rebuild(&db.conn)?) {
            db.write(|tx| progress::rebuild_all(tx))?;
        }
        Ok(db)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The key the database was opened with (its backups share it).
    pub fn key(&self) -> &Key {
        &self.key
    }

    /// Whether the file is encrypted (its pages, its write-ahead log and its backups).
    pub fn encrypted(&self) -> bool {
        self.key.is_encrypted()
    }

    /// For a process that reads each page about once and ends (the CLI's listings and search):
    /// SQLite's own 2 MiB page cache instead of [`PAGE_CACHE_KIB`]. A cache that keeps every page
    /// takes a fresh page of memory from the system for each page read, about 2 ms on a list of
    /// a thousand cases out of 100,000; a small one reuses its memory.
    pub fn cache_for_one_pass(&self) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -ONE_PASS_CACHE_KIB)?;
        Ok(())
    }

    /// For reads. Writes go through [`Db::write`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Copies the write-ahead log into the database file and empties it, so pages a disposal
    /// overwrote leave no older copy in the log.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Runs `f` in one immediate transaction: all of it is stored, or (on any error) none of it.
    /// The search index of every case it changed is brought up to date once, before the commit.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        progress::refresh_touched(&tx)?;
        search::reindex_touched(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// [`Db::write`]; with `appending`, for a transaction that adds far more than it changes (a
    /// video streamed in, up to 1 GiB): run with a rollback journal instead of the write-ahead
    /// log, so the new pages go to the file once rather than twice (into the log, then copied
    /// from it at the checkpoint), and synced at the commit. Pages added at the end of the file
    /// need no journal, so the commit is as safe as any. When another connection has the file
    /// open (the mode cannot change then) it runs in the log as usual; either way the log is back
    /// afterwards.
    pub fn write_appending<T>(
        &mut self,
        appending: bool,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        if !appending {
            return self.write(f);
        }
        let mode: String =
            self.conn
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
        let switched = mode.eq_ignore_ascii_case("delete");
        if switched {
            self.conn.pragma_update(None, "synchronous", "FULL")?;
        }
        let out = self.write(f);
        if switched {
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        out
    }

    /// Writes a consistent copy of the whole database to `dest` (which must not exist yet),
    /// encrypted with the same key as the database, then runs SQLite's integrity check on the
    /// copy.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::invalid(
                "out",
                format!("{} already exists; choose a new file name", dest.display()),
            ));
        }
        let dest_text = dest
            .to_str()
            .ok_or_else(|| Error::invalid("out", "the backup path must be valid UTF-8"))?;
        // SQLCipher writes the copy with the main database's key.
        self.conn.execute("VACUUM INTO ?1", [dest_text])?;
        let copy = cipher::open_copy(dest, &self.key, "backup")?;
        integrity(&copy, dest, "backup")
    }

    /// The audit trail's head in the database file at `path` (a backup, say), read without
    /// changing it. An encrypted copy is read with this database's key, which its backups share.
    pub fn head_of(&self, path: &Path) -> Result<Option<audit::Head>> {
        let conn = cipher::open_copy(path, &self.key, "anchor")?;
        audit::head(&conn).map_err(|e| {
            Error::invalid(
                "anchor",
                format!("{} is not a Casebook database: {e}", path.display()),
            )
        })
    }

    /// Encrypts this plain database with `passphrase`: copies it into a new encrypted file beside
    /// it, checks the copy holds the same records (integrity, verify, row counts, audit head),
    /// then swaps it in and overwrites the plain file before removing it. Returns the database,
    /// now encrypted. On any failure before the swap, the plain database is as it was.
    pub fn encrypt(self, passphrase: Passphrase, opener: &Stamp) -> Result<Db> {
        if self.encrypted() {
            return Err(Error::invalid(
                "database",
                format!(
                    "{} is already encrypted; change its passphrase with `casebook rekey`",
                    self.path.display()
                ),
            ));
        }
        let path = self.path.clone();
        let staging = sibling(&path, ".encrypting");
        remove_if_present(&staging)?;
        cipher::export(&self.conn, &staging, &passphrase)?;
        let key = Key::Passphrase(passphrase);
        let checked = cipher::open_copy(&staging, &key, "database")
            .and_then(|copy| same_records(&self.conn, &copy, &staging));
        if let Err(e) = checked {
            remove_if_present(&staging)?;
            return Err(e);
        }
        // Fold the write-ahead log into the plain file and close it, so that nothing of it is
        // left to pair with the new file.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        drop(self);
        let retired = sibling(&path, ".plain");
        std::fs::rename(&path, &retired).map_err(|e| Error::io(&path, e))?;
        for suffix in ["-wal", "-shm"] {
            cipher::shred(&sibling(&path, suffix))?;
        }
        std::fs::rename(&staging, &path).map_err(|e| Error::io(&path, e))?;
        cipher::shred(&retired)?;
        Db::open(&path, &key, opener)
    }

    /// Changes the passphrase of this encrypted database (SQLCipher re-encrypts every page in one
    /// transaction), then checks the file opens with the new one.
    pub fn rekey(&mut self, passphrase: Passphrase) -> Result<()> {
        if !self.encrypted() {
            return Err(Error::invalid(
                "database",
                format!(
                    "{} is not encrypted; encrypt it with `casebook encrypt`",
                    self.path.display()
                ),
            ));
        }
        self.conn
            .pragma_update(None, "rekey", passphrase.expose())?;
        let key = Key::Passphrase(passphrase);
        let check = Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        cipher::apply(&check, &key)?;
        cipher::readable(&check, &self.path, true, "database")?;
        self.key = key;
        Ok(())
    }

    /// Records in the access log that the officer of `stamp` made `look` (at case `reference`,
    /// if one; `detail` says at what).
    pub fn look(
        &mut self,
        stamp: &Stamp,
        look: crate::access::Look,
        reference: Option<&str>,
        detail: &str,
    ) -> Result<()> {
        let path = self.path.clone();
        self.write(|tx| crate::access::record(tx, stamp, look, reference, detail))
            .map_err(|e| match e {
                Error::Db(m) if m.contains("locked") || m.contains("busy") => {
                    Error::Unavailable(format!(
                        "the access log could not be written: another Casebook is writing to {} \
                         (an import, say). A look at a case is shown only once it is recorded; \
                         try again when that finishes.",
                        path.display()
                    ))
                }
                e => e,
            })
    }

    /// Runs `f` in a transaction that is always rolled back: a rehearsal (`import --dry-run`) that
    /// checks everything a real run would, and stores nothing. (The search index is not brought up
    /// to date: the rollback undoes the list of touched cases with everything else.)
    pub fn trial<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx);
        tx.rollback()?;
        out
    }
}

/// Runs `f` inside a savepoint of `tx`: what it wrote is kept if it succeeds and undone, leaving
/// the transaction as it was before, if it fails (an imported row that does not check out).
pub fn savepoint<T>(tx: &impl crate::sql::Sql, f: impl FnOnce() -> Result<T>) -> Result<T> {
    tx.run("SAVEPOINT casebook_part", &[])?;
    let out = f();
    if out.is_err() {
        tx.run("ROLLBACK TO casebook_part", &[])?;
    }
    tx.run("RELEASE casebook_part", &[])?;
    out
}

/// What checking a backup before restoring it found.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Restored {
    /// The database now at the path.
    pub path: String,
    /// Where the database it replaced was kept (None when there was none).
    pub kept: Option<String>,
    pub encrypted: bool,
    pub cases: i64,
    pub audit_entries: usize,
    pub evidence_items: usize,
}

/// Checks the backup at `backup` (it opens with `key`, passes SQLite's integrity check and every
/// check of `verify`, and is not from a newer Casebook) and only then puts a copy of it at `path`.
/// The database that was there is kept beside it as `NAME.before-restore-TIME` (with its
/// write-ahead log), not deleted. The caller holds the database's lock ([`lock`]).
pub fn restore(backup: &Path, path: &Path, key: &Key, at: &str) -> Result<Restored> {
    let copy = cipher::open_copy(backup, key, "backup")?;
    integrity(&copy, backup, "backup")?;
    let version = cipher::readable(&copy, backup, key.is_encrypted(), "backup")?;
    if version > schema_version() {
        return Err(Error::TooNew {
            found: version,
            supported: schema_version(),
        });
    }
    let report = verify::verify(&copy)?;
    if let Some(p) = report.problems.first() {
        return Err(Error::invalid(
            "backup",
            format!(
                "{} fails verify ({} problem(s); the first: {} {}: {}); nothing was restored",
                backup.display(),
                report.problems.len(),
                p.area,
                p.location,
                p.detail
            ),
        ));
    }
    let cases: i64 = copy.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
    let encrypted = cipher::probe(backup)? == FileKind::Encrypted;
    drop(copy);

    let staging = sibling(path, ".restoring");
    remove_if_present(&staging)?;
    std::fs::copy(backup, &staging).map_err(|e| Error::io(&staging, e))?;
    std::fs::File::open(&staging)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(&staging, e))?;
    let kept = if cipher::probe(path)? == FileKind::Missing {
        None
    } else {
        let stamp: String = at.chars().filter(char::is_ascii_alphanumeric).collect();
        let kept = sibling(path, &format!(".before-restore-{stamp}"));
        std::fs::rename(path, &kept).map_err(|e| Error::io(path, e))?;
        let wal = sibling(path, "-wal");
        if wal.exists() {
            let kept_wal = sibling(&kept, "-wal");
            std::fs::rename(&wal, &kept_wal).map_err(|e| Error::io(&wal, e))?;
        }
        remove_if_present(&sibling(path, "-shm"))?;
        Some(kept.display().to_string())
    };
    std::fs::rename(&staging, path).map_err(|e| Error::io(path, e))?;
    Ok(Restored {
        path: path.display().to_string(),
        kept,
        encrypted,
        cases,
        audit_entries: report.audit_entries,
        evidence_items: report.evidence_items,
    })
}

/// Takes the database's lock file (`NAME.lock`), held for as long as the returned file is: one
/// desktop window per database, and no encrypting, rekeying or restoring under a running app.
pub fn lock(path: &Path) -> Result<std::fs::File> {
    let lock_path = sibling(path, ".lock");
    let file = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Unavailable(format!(
            "{} is open in another Casebook window (or another Casebook is changing its \
             encryption). Use that window, or close it first.",
            path.display()
        ))),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&lock_path, e)),
    }
}

/// `path` with `suffix` added to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// SQLite's integrity check of the copy at `path`, as an error naming `what` if it fails.
fn integrity(conn: &Connection, path: &Path, what: &str) -> Result<()> {
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| Error::invalid(what, format!("{} cannot be read: {e}", path.display())))?;
    if check != "ok" {
        return Err(Error::invalid(
            what,
            format!(
                "{} failed SQLite's integrity check: {check}",
                path.display()
            ),
        ));
    }
    Ok(())
}

/// Checks the copy at `path` holds what `conn` does: integrity, the same number of rows in every
/// table, the same audit head, and a verify no worse.
fn same_records(conn: &Connection, copy: &Connection, path: &Path) -> Result<()> {
    integrity(copy, path, "database")?;
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for t in &tables {
        // Names come from the database's own catalogue, quoted.
        let sql = format!("SELECT count(*) FROM \"{}\"", t.replace('"', "\"\""));
        let (a, b): (i64, i64) = (
            conn.query_row(&sql, [], |r| r.get(0))?,
            copy.query_row(&sql, [], |r| r.get(0))?,
        );
        if a != b {
            return Err(Error::invalid(
                "database",
                format!("the encrypted copy holds {b} rows of {t}, not {a}; nothing was changed"),
            ));
        }
    }
    if audit::head(conn)? != audit::head(copy)? {
        return Err(Error::invalid(
            "database",
            "the encrypted copy's audit trail differs; nothing was changed",
        ));
    }
    let (before, after) = (verify::verify(conn)?, verify::verify(copy)?);
    if after.problems.len() > before.problems.len() {
        return Err(Error::invalid(
            "database",
            "the encrypted copy fails checks the database passes; nothing was changed",
        ));
    }
    Ok(())
}
