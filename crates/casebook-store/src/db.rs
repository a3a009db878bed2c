//! The database façade: where the file lives, opening it safely (pragmas, refusing a newer schema,
//! migrations in one transaction), and the one way to write (an immediate transaction).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use crate::{audit, audit::Stamp, catalogue, search, Error, Result};

/// The app identifier; decides the OS app-data folder, shared by the CLI and the desktop app.
pub const APP_IDENTIFIER: &str = "org.casebook.desktop";
/// The database file's name inside the app-data folder.
pub const DB_FILE_NAME: &str = "casebook.sqlite3";

/// Schema migrations, in order. Append only: a shipped migration is never edited.
/// `tests/it/migrations.rs` checks this list matches the files in `migrations/`.
pub const MIGRATION_FILES: &[(&str, &str)] = &[
    (
        "0001_core_schema.sql",
        include_str!("../migrations/0001_core_schema.sql"),
    ),
    (
        "0002_guidance_catalogue_v1.sql",
        include_str!("../migrations/0002_guidance_catalogue_v1.sql"),
    ),
    (
        "0003_search_index.sql",
        include_str!("../migrations/0003_search_index.sql"),
    ),
    (
        "0004_procedure.sql",
        include_str!("../migrations/0004_procedure.sql"),
    ),
    (
        "0005_case_notes.sql",
        include_str!("../migrations/0005_case_notes.sql"),
    ),
    (
        "0006_committee_papers.sql",
        include_str!("../migrations/0006_committee_papers.sql"),
    ),
];

pub fn migrations() -> Migrations<'static> {
    migrations_from(MIGRATION_FILES)
}

fn migrations_from<'a>(files: &[(&str, &'a str)]) -> Migrations<'a> {
    Migrations::new(files.iter().map(|(_, sql)| M::up(sql)).collect())
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATION_FILES.len() as i64
}

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

pub struct Db {
    conn: Connection,
    path: PathBuf,
}

impl Db {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A database from a newer Casebook is refused before anything is written to it.
    pub fn open(path: &Path, stamp: &Stamp) -> Result<Db> {
        Self::open_with(path, stamp, MIGRATION_FILES)
    }

    /// [`Db::open`] with a given migration list (tests use it to check a failing migration).
    pub fn open_with(path: &Path, stamp: &Stamp, files: &[(&str, &str)]) -> Result<Db> {
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
        // These two change nothing on disk, so they are safe before the checks below.
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", true)?;

        // Reading the header also tells us whether this is an SQLite file at all.
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| not_casebook(e.to_string()))?;
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
        if found < known {
            migrations_from(files)
                .to_latest(&mut conn)
                .map_err(|e| Error::Migration(e.to_string()))?;
        }

        conn.execute_batch(audit::TOUCHED_TABLE)?;
        let mut db = Db {
            conn,
            path: path.to_path_buf(),
        };
        if catalogue::has_unrecorded(&db.conn)? {
            db.write(|tx| catalogue::seal_unrecorded(tx, stamp))?;
        }
        if search::needs_rebuild(&db.conn)? {
            db.write(search::rebuild_all)?;
        }
        Ok(db)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// For reads. Writes go through [`Db::write`].
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate transaction: all of it is stored, or (on any error) none of it.
    /// The search index of every case it changed is brought up to date once, before the commit.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        search::reindex_touched(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Writes a consistent copy of the whole database to `dest` (which must not exist yet), then
    /// runs SQLite's integrity check on the copy.
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
        self.conn.execute("VACUUM INTO ?1", [dest_text])?;
        let copy = Connection::open_with_flags(dest, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(Error::io(
                dest,
                std::io::Error::other(format!("the backup failed its integrity check: {check}")),
            ));
        }
        Ok(())
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

/// The audit trail's head in the database file at `path` (a backup, say), read without changing it.
pub fn head_of(path: &Path) -> Result<Option<crate::audit::Head>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::invalid("anchor", format!("{} cannot be read: {e}", path.display())))?;
    crate::audit::head(&conn).map_err(|e| {
        Error::invalid(
            "anchor",
            format!("{} is not a Casebook database: {e}", path.display()),
        )
    })
}
