//! The audit trail on both engines: the same changes, recorded through the same code, give the
//! same entries (content, state hashes) on a desktop's SQLite file and in a council's schema on
//! PostgreSQL; each chain links; and the trail refuses to be edited or cut on both.
#![allow(clippy::unwrap_used)]

mod support;

use casebook_domain::officer::{Role, Via};
use casebook_pgtest::Cluster;
use casebook_store::audit::{self, Entry, GENESIS};
use casebook_store::council::open_council;
use casebook_store::sql::Sql;
use casebook_store::{sql_params, Stamp};
use chrono::{DateTime, Utc};
use support::{desktop, server_officer, OFFICER};

fn at() -> DateTime<Utc> {
    "2026-12-07T09:30:00Z".parse().unwrap()
}

fn officer(id: i64) -> Stamp {
    Stamp::officer(id, OFFICER, Role::MonitoringOfficer, Via::App, at())
}

/// A holiday added, renamed and removed, each change recorded.
fn changes(s: &impl Sql, stamp: &Stamp) {
    let id = s
        .insert(
            "INSERT INTO holiday_override (day, kind, name) VALUES (?1, 'holiday', ?2)",
            &sql_params!["2026-12-29", "Council closure"],
        )
        .unwrap();
    audit::record(s, stamp, "holiday_override", id, None, None).unwrap();
    let before = audit::snapshot(s, "holiday_override", id).unwrap();
    s.run(
        "UPDATE holiday_override SET name = ?2 WHERE id = ?1",
        &sql_params![id, "Council closure (it's \"Christmas\")"],
    )
    .unwrap();
    audit::record(s, stamp, "holiday_override", id, before, Some("renamed")).unwrap();
    let before = audit::snapshot(s, "holiday_override", id).unwrap();
    s.run(
        "DELETE FROM holiday_override WHERE id = ?1",
        &sql_params![id],
    )
    .unwrap();
    audit::record(s, stamp, "holiday_override", id, before, None).unwrap();
}

/// The entries about holidays, without their place in the chain.
fn holiday_entries(all: &[Entry]) -> Vec<(String, String, Option<String>, Option<String>)> {
    all.iter()
        .filter(|e| e.entity == "holiday_override")
        .map(|e| {
            (
                e.action.clone(),
                e.changes.clone(),
                e.state_hash.clone(),
                e.content_hash.clone(),
            )
        })
        .collect()
}

fn assert_chain_links(all: &[Entry]) {
    let mut prev = GENESIS.to_string();
    for e in all {
        assert_eq!(e.prev_hash, prev, "entry {} follows the one before", e.seq);
        assert_eq!(
            e.hash,
            e.compute_hash(),
            "entry {} hashes as written",
            e.seq
        );
        prev = e.hash.clone();
    }
}

#[test]
fn the_same_changes_make_the_same_audit_entries_on_sqlite_and_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, lite_officer) = desktop(&dir, at());
    db.write(|tx| {
        changes(tx, &officer(lite_officer));
        Ok(())
    })
    .unwrap();
    let lite = audit::all(db.conn()).unwrap();

    let pg = Cluster::start();
    let mut conn = open_council(&pg.url("postgres"), 1).unwrap();
    let tx = conn.transaction().unwrap();
    changes(&tx, &officer(server_officer(&tx)));
    tx.commit().unwrap();
    let tx = conn.transaction().unwrap();
    let postgres = audit::all(&tx).unwrap();

    assert_eq!(holiday_entries(&lite).len(), 3);
    assert_eq!(holiday_entries(&lite), holiday_entries(&postgres));
    assert_chain_links(&lite);
    assert_chain_links(&postgres);
    let head = audit::head(&tx).unwrap().unwrap();
    assert_eq!(head.seq, postgres.len() as i64);

    // The trail is append-only on the server too.
    let e = tx
        .run("UPDATE audit SET changes = '{}' WHERE seq = 1", &[])
        .unwrap_err()
        .to_string();
    assert!(e.contains("the audit trail is append-only"), "{e}");
    drop(tx);
    let tx = conn.transaction().unwrap();
    let e = tx.run("DELETE FROM audit", &[]).unwrap_err().to_string();
    assert!(e.contains("the audit trail is append-only"), "{e}");
    drop(tx);

    // The seeded guidance catalogue is there, and new rows go on after its ids.
    let tx = conn.transaction().unwrap();
    let items: i64 = tx
        .value(
            "SELECT count(*) FROM catalogue_item WHERE version_id = 1",
            &[],
        )
        .unwrap();
    let lite_items: i64 = db
        .conn()
        .value(
            "SELECT count(*) FROM catalogue_item WHERE version_id = 1",
            &[],
        )
        .unwrap();
    assert_eq!(items, lite_items);
    let next = tx
        .insert(
            "INSERT INTO catalogue_version (label, title, source) VALUES ('v2', 'Second', 'test')",
            &[],
        )
        .unwrap();
    assert_eq!(next, 2);
}

#[test]
fn each_council_has_its_own_schema_and_trail() {
    let pg = Cluster::start();
    let url = pg.url("postgres");
    let mut one = open_council(&url, 1).unwrap();
    let mut two = open_council(&url, 2).unwrap();
    let tx = one.transaction().unwrap();
    changes(&tx, &officer(server_officer(&tx)));
    tx.commit().unwrap();

    let tx = two.transaction().unwrap();
    assert!(
        audit::head(&tx).unwrap().is_none(),
        "council 2's trail is empty"
    );
    let officers: i64 = tx.value("SELECT count(*) FROM officer", &[]).unwrap();
    assert_eq!(officers, 0);
    drop(tx);
    // Opening again finds its schema up to date and its rows as they were.
    let mut again = open_council(&url, 1).unwrap();
    let tx = again.transaction().unwrap();
    assert_eq!(audit::all(&tx).unwrap().len(), 3);
}
