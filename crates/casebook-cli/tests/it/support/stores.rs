//! The two stores the core's behaviour suite runs on (see `on_both_stores!` in `main.rs`): each
//! offers `TestDb` (its `db` has `write` and `conn`, and the sample [`records!`]), `open` (a new,
//! empty Casebook whose first officer is the tests' [`stamp`](super::stamp)) and
//! `demo_with_letters`.

/// A desktop's SQLite file in a temp dir (encrypted, as the CLI's tests make it).
pub mod lite {
    pub use crate::support::{demo_with_letters, open, TestDb};
}

/// A council's own schema on the team server's PostgreSQL: one cluster for the whole run
/// ([`casebook_pgtest::shared`]), a council of its own for each test.
pub mod pg {
    use std::sync::atomic::{AtomicI64, Ordering};
    use std::sync::Mutex;

    use casebook::council::CouncilDb;
    use casebook::{catalogue, demo, officer, Stamp};

    use crate::support::{opener, stamp};

    pub struct TestDb {
        pub db: CouncilDb,
    }

    impl TestDb {
        records!();
    }

    /// A new council on the shared cluster, as a file is when first opened: its first officer,
    /// then the seeded catalogue sealed into the audit trail under them.
    pub fn open() -> TestDb {
        static NEXT: AtomicI64 = AtomicI64::new(1);
        // Councils are made one at a time: the server-wide tables' migration is not safe to run
        // from two connections at once.
        static MAKING: Mutex<()> = Mutex::new(());
        let url = casebook_pgtest::shared().url("postgres");
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        let mut db = {
            let _one = MAKING.lock().unwrap_or_else(|e| e.into_inner());
            CouncilDb::open(&url, id).unwrap()
        };
        db.write(|tx| {
            officer::register_first(tx, &opener())?;
            catalogue::seal_unrecorded(tx, &officer::opening_stamp(tx, &opener())?)
        })
        .unwrap();
        TestDb { db }
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
