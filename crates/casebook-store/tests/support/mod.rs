//! What the tests on both engines share: a desktop file with its first officer, and the same
//! officer registered in a council's schema on the server.

use casebook_store::sql::Sql;
use casebook_store::{sql_params, Db, Key, Stamp};
use chrono::{DateTime, Utc};

pub const OFFICER: &str = "Alex Morgan";

/// A new plain SQLite file in `dir` opened by [`OFFICER`] at `at` (who becomes its first
/// officer), and that officer's id.
pub fn desktop(dir: &tempfile::TempDir, at: DateTime<Utc>) -> (Db, i64) {
    let db = Db::open(
        &dir.path().join("casebook.sqlite3"),
        &Key::Plain,
        &Stamp::new(OFFICER, at),
    )
    .unwrap();
    let id = casebook_store::officer::resolve(db.conn(), OFFICER)
        .unwrap()
        .id;
    (db, id)
}

/// Registers [`OFFICER`] as Monitoring Officer in a council's schema; their id.
pub fn server_officer(tx: &impl Sql) -> i64 {
    tx.insert(
        "INSERT INTO officer (name, role, added_on) VALUES (?1, 'monitoring_officer', ?2)",
        &sql_params![OFFICER, "2026-12-07"],
    )
    .unwrap()
}
