//! The two stores the core's behaviour suite runs on (see `on_both_stores!` in `main.rs`): each
//! offers `TestDb` (its `db` has `write` and `conn`, and the sample [`records!`]), `open` (a new,
//! empty Casebook whose first officer is the tests' [`stamp`](super::stamp)) and
//! `demo_with_letters`.

/// A desktop's SQLite file in a temp dir (encrypted, as the CLI's tests make it).
pub mod lite {
    pub use crate::support::{demo_with_letters, open, TestDb};
    /// A transaction on this store.
    pub type Tx<'a> = casebook::Transaction<'a>;
}

/// A council's own schema on the team server's PostgreSQL: one cluster for the whole run
/// ([`casebook_pgtest::shared`]), a council of its own for each test.
pub mod pg {
    use std::sync::atomic::{AtomicI64, Ordering};
    use std::sync::Mutex;

    use std::path::Path;

    use casebook::council::CouncilDb;
    use casebook::import::{self, Outcome, MAX_FILE_BYTES};
    use casebook::sql::pg::PgTx;
    use casebook::{catalogue, demo, files, officer, Result, Stamp};

    use crate::support::{opener, stamp};

    /// A transaction on this store.
    pub type Tx<'a> = PgTx<'a>;

    pub struct TestDb {
        /// For the files a test writes (a log to import, say).
        pub dir: tempfile::TempDir,
        pub db: CouncilDb,
    }

    impl TestDb {
        records!();

        /// Only a desktop's Casebook is one file.
        pub fn file_len(&self) -> Option<u64> {
            None
        }

        /// A second connection to the same council.
        pub fn another_connection(&self) -> CouncilDb {
            council(self.db.id())
        }

        /// The demo council (without its letters).
        pub fn demo(&mut self) {
            self.db.write(|tx| demo::fill(tx, &stamp())).unwrap();
        }

        /// Imports the log at `path` (checking it only, with `dry_run`), as the server does:
        /// the file's bytes, in one transaction.
        pub fn import_file(&mut self, path: &Path, dry_run: bool) -> Result<Outcome> {
            let bytes = files::read(path, MAX_FILE_BYTES, "import file")?;
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let run = |tx: &PgTx<'_>| import::import(tx, &stamp(), &bytes, &name, dry_run);
            if dry_run {
                self.db.trial(run)
            } else {
                self.db.write(run)
            }
        }

        /// Imports `log` (its bytes, and the sheet asked for) in one transaction.
        pub fn import_log(&mut self, log: &import::Log<'_>) -> Result<Outcome> {
            let go = &mut |_, _| std::ops::ControlFlow::Continue(());
            self.db
                .write(|tx: &PgTx<'_>| import::import_with(tx, &stamp(), log, false, go))
        }
    }

    /// A new council on the shared cluster, as a file is when first opened: its first officer,
    /// then the seeded catalogue sealed into the audit trail under them.
    pub fn open() -> TestDb {
        static NEXT: AtomicI64 = AtomicI64::new(1);
        let mut db = council(NEXT.fetch_add(1, Ordering::Relaxed));
        db.write(|tx| {
            officer::register_first(tx, &opener())?;
            catalogue::seal_unrecorded(tx, &officer::opening_stamp(tx, &opener())?)
        })
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        TestDb { dir, db }
    }

    /// A connection to council `id` on the shared cluster (made and brought up to date if new).
    fn council(id: i64) -> CouncilDb {
        // One at a time: the server-wide tables' migration, run on every opening, is not safe
        // to run from two connections at once.
        static OPENING: Mutex<()> = Mutex::new(());
        let _one = OPENING.lock().unwrap_or_else(|e| e.into_inner());
        CouncilDb::open(&casebook_pgtest::shared().url("postgres"), id).unwrap()
    }

    /// The demo council with its letters.
    pub fn demo_with_letters() -> TestDb {
        let mut t = open();
        let s: Stamp = stamp();
        t.db.write(|tx| {
            demo::fill(tx, &s)?;
            casebook_papers::letter::demo(tx, &s)
        })
        .unwrap();
        t
    }
}
