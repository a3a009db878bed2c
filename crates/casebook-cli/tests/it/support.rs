//! Shared test helpers: a fresh database in a temp dir, a fixed clock, sample records and files;
//! the same on a council's schema on PostgreSQL for the suite that runs on both stores
//! ([`stores`]).

/// The sample records every test database offers, on either store (`self.db` has `write`
/// and `conn`).
macro_rules! records {
    () => {
        /// The first column of the first row `sql` finds.
        pub fn count(&self, sql: &str) -> i64 {
            casebook::sql::Sql::value(self.db.conn(), sql, &[]).unwrap()
        }

        pub fn councillor(&mut self, name: &str) -> i64 {
            self.councillor_of(name, "Kingsmere City Council")
        }

        /// A councillor of `council`.
        pub fn councillor_of(&mut self, name: &str, council: &str) -> i64 {
            let s = $crate::support::stamp();
            let new = casebook::councillor::NewCouncillor {
                name: name.into(),
                council: council.into(),
                ward: Some("Castle Quay".into()),
                party: Some("Independent".into()),
                ..casebook::councillor::NewCouncillor::default()
            };
            let added = self.db.write(|tx| casebook::councillor::add(tx, &s, &new));
            added.unwrap().id
        }

        pub fn case(
            &mut self,
            councillor_id: i64,
            received_on: &str,
            summary: &str,
        ) -> casebook::case::Case {
            let s = $crate::support::stamp();
            let new = $crate::support::new_case(councillor_id, received_on, summary);
            self.db
                .write(|tx| casebook::case::create(tx, &s, &new, None))
                .unwrap()
        }
    };
}

pub mod sheets;
pub mod stores;

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use casebook::calendar::Stopped;
use casebook::case::NewCase;
use casebook::officer::{Role, Via};
use casebook::sql::Sql;
use casebook::verify::Problem;
use casebook::{Db, Key, Passphrase, Stamp};
use chrono::{NaiveDate, TimeZone, Utc};
use image::{ImageFormat, Rgb, RgbImage};
use tempfile::TempDir;

/// A raw connection to `path`, keyed only if the file is encrypted.
pub fn raw_any(path: &Path) -> rusqlite::Connection {
    if std::fs::read(path).unwrap().starts_with(b"SQLite format 3") {
        rusqlite::Connection::open(path).unwrap()
    } else {
        raw(path)
    }
}

/// The passphrase every test database is encrypted with (tests pass it to the CLI in
/// CASEBOOK_PASSPHRASE, as a script would).
pub const PASSPHRASE: &str = "copper lantern orchard mosaic";

pub fn key() -> Key {
    Key::Passphrase(Passphrase::new(PASSPHRASE).unwrap())
}

/// Casebook never reads the clock itself; tests pin it. The officer is the test database's first
/// (number 1, registered when [`open`] creates it).
pub fn stamp() -> Stamp {
    Stamp::officer(
        1,
        "Test Officer",
        Role::MonitoringOfficer,
        Via::Cli,
        Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap(),
    )
}

/// The stamp of whoever opens a database: the first opener becomes its first officer.
pub fn opener() -> Stamp {
    Stamp::new("Test Officer", stamp().at)
}

/// A raw SQLite connection to the encrypted database file at `path`, keyed, for reading or
/// tampering with it as someone with the passphrase but without Casebook could.
pub fn raw(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "cipher_log_level", "NONE")
        .unwrap();
    conn.pragma_update(None, "key", PASSPHRASE).unwrap();
    conn
}

pub struct TestDb {
    pub dir: TempDir,
    pub db: Db,
}

impl TestDb {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("casebook.sqlite3")
    }

    records!();

    /// The database file's length.
    pub fn file_len(&self) -> Option<u64> {
        Some(std::fs::metadata(self.path()).unwrap().len())
    }

    /// A second connection to the same database.
    pub fn another_connection(&self) -> Db {
        Db::open(&self.path(), &key(), &opener()).unwrap()
    }

    /// The demo council (without its letters).
    pub fn demo(&mut self) {
        casebook::demo::load(&mut self.db, &stamp()).unwrap();
    }

    /// Imports the log at `path` (checking it only, with `dry_run`), as the app and CLI do.
    pub fn import_file(
        &mut self,
        path: &Path,
        dry_run: bool,
    ) -> casebook::Result<casebook::import::Outcome> {
        casebook::import::import_file(&mut self.db, &stamp(), path, dry_run)
    }

    /// Imports `log` (its bytes, and the sheet asked for) in one transaction.
    pub fn import_log(
        &mut self,
        log: &casebook::import::Log<'_>,
    ) -> casebook::Result<casebook::import::Outcome> {
        let go = &mut |_, _| std::ops::ControlFlow::Continue(());
        self.db
            .write(|tx| casebook::import::import_with(tx, &stamp(), log, false, go))
    }
}

pub fn new_case(councillor_id: i64, received_on: &str, summary: &str) -> NewCase {
    NewCase {
        reference: None,
        received_on: NaiveDate::parse_from_str(received_on, "%Y-%m-%d").unwrap(),
        channel: "email".into(),
        complainant_name: "Harriet Osei".into(),
        complainant_contact: Some("h.osei@example.org".into()),
        complainant_type: "public".into(),
        confidentiality_requested: false,
        confidentiality_reason: None,
        councillor_id,
        platform: "Facebook".into(),
        post_url: Some("https://facebook.example/p/1".into()),
        posted_at: Some(format!("{received_on} 07:40")),
        summary: summary.into(),
    }
}

pub fn open() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("casebook.sqlite3"), &key(), &opener()).unwrap();
    TestDb { dir, db }
}

/// A small picture encoded as `format`; `seed` varies the pixels so files differ.
pub fn image_bytes(format: ImageFormat, seed: u8) -> Vec<u8> {
    let img = RgbImage::from_fn(40, 24, |x, y| Rgb([seed, (x * 6) as u8, (y * 10) as u8]));
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

pub fn pdf_bytes() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// Runs the real `casebook` on `db`; fails the test if it is still running after 20 seconds
/// (rather than hanging the suite). Returns the exit code and what it wrote to stderr. It runs
/// with no fontconfig configuration: papers are drawn in the fonts built into Casebook, and must
/// not need the computer's.
pub fn casebook(db: &Path, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(args)
        .env("CASEBOOK_DB", db)
        .env("CASEBOOK_ACTOR", "Test Officer")
        .env("CASEBOOK_PASSPHRASE", PASSPHRASE)
        .env("FONTCONFIG_FILE", "/dev/null")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            return (status.code().unwrap_or(-1), err);
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("casebook {args:?} was still running after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The real `casebook` on `db` with the tests' officer and passphrase (as [`casebook`] runs it),
/// for a test that changes its environment or reads what it prints.
pub fn command(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_casebook"));
    c.args(args)
        .env("CASEBOOK_DB", db)
        .env("CASEBOOK_ACTOR", "Test Officer")
        .env("CASEBOOK_PASSPHRASE", PASSPHRASE)
        .env("FONTCONFIG_FILE", "/dev/null")
        .stdin(Stdio::null());
    c
}

/// The demo council's database, in a temp folder.
pub fn demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("casebook.sqlite3");
    let (code, err) = casebook(&db, &["demo"]);
    assert_eq!(code, 0, "{err}");
    (dir, db)
}

/// What `casebook ARGS` on `db` prints, failing the test (with its error) if it fails.
pub fn stdout_of(db: &Path, args: &[&str]) -> String {
    let out = command(db, args).output().unwrap();
    assert!(
        out.status.success(),
        "casebook {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What `casebook ARGS --json` on `db` prints, parsed.
pub fn json_of(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(db, args)).unwrap()
}

/// The demo council with its letters (which `casebook-papers` makes), in a temp folder.
pub fn demo_with_letters() -> TestDb {
    let mut t = open();
    let letters = |tx: &casebook::Transaction<'_>, s: &Stamp| casebook_papers::letter::demo(tx, s);
    casebook::demo::load_with(&mut t.db, &stamp(), &letters).unwrap();
    t
}

/// Case `id`'s pauses of the clock, read from the table.
pub fn stopped(conn: &impl Sql, id: i64) -> Vec<Stopped> {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let sql = "SELECT paused_on, resumed_on FROM clock_pause WHERE case_id = ?1";
    let rows = conn.rows(sql, &[id.into()]).unwrap();
    rows.iter()
        .map(|r| {
            let until: Option<String> = r.get(1).unwrap();
            Stopped {
                from: day(&r.get::<String>(0).unwrap()),
                until: until.as_deref().map(day),
            }
        })
        .collect()
}

/// Drops `trigger` on `table`, as someone changing the database behind Casebook's back would.
pub fn drop_trigger(conn: &impl Sql, trigger: &str, table: &str) {
    let sql = match conn.dialect() {
        casebook::sql::Dialect::Sqlite => format!("DROP TRIGGER {trigger}"),
        casebook::sql::Dialect::Postgres => format!("DROP TRIGGER {trigger} ON {table}"),
    };
    conn.run(&sql, &[]).unwrap();
}

/// What `verify` says is wrong with the kept progress: one problem, naming case `reference`.
pub fn the_kept_progress_problem(conn: &impl Sql, reference: &str) -> Problem {
    let report = casebook::verify::verify(conn).unwrap();
    let found: Vec<Problem> = report
        .problems
        .into_iter()
        .filter(|p| p.area == "kept progress")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].location.contains(reference), "{:?}", found[0]);
    found.into_iter().next().unwrap()
}
