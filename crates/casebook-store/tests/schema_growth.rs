//! The audit trail's snapshots as the schema grows (see `casebook_store::schema`).
#![allow(clippy::unwrap_used)]

use casebook_store::audit::{snapshot, snapshot_of, state_hash};
use casebook_store::officer::{self, Via};
use casebook_store::schema::{table, Table};
use casebook_store::{councillor, Db, Key, Stamp};
use chrono::{TimeZone, Utc};

#[test]
fn an_added_column_is_in_a_snapshot_only_once_it_holds_a_value() {
    let dir = tempfile::tempdir().unwrap();
    let opener = Stamp::new("Test", Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap());
    let mut db = Db::open(&dir.path().join("t.sqlite3"), &Key::Plain, &opener).unwrap();
    let stamp = officer::resolve(db.conn(), "Test")
        .unwrap()
        .stamp(Via::Cli, opener.at);
    let new = councillor::NewCouncillor {
        name: "Peter Grange".into(),
        council: "Kingsmere City Council".into(),
        ..Default::default()
    };
    let id = db.write(|tx| councillor::add(tx, &stamp, &new)).unwrap().id;
    let before = snapshot(db.conn(), "councillor", id).unwrap().unwrap();

    db.conn()
        .execute_batch("ALTER TABLE councillor ADD COLUMN email TEXT")
        .unwrap();
    let grown = Table {
        added: &["email"],
        ..*table("councillor").unwrap()
    };
    let unset = snapshot_of(db.conn(), &grown, id).unwrap().unwrap();
    assert_eq!(
        unset, before,
        "a NULL added column leaves the snapshot as it was"
    );
    assert_eq!(state_hash(&unset), state_hash(&before));

    db.conn()
        .execute(
            "UPDATE councillor SET email = 'pg@example.org' WHERE id = ?1",
            [id],
        )
        .unwrap();
    let set = snapshot_of(db.conn(), &grown, id).unwrap().unwrap();
    assert_eq!(
        set.get("email").and_then(|v| v.as_str()),
        Some("pg@example.org")
    );
}
