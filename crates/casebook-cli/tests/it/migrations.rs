//! Schema migrations: the embedded list, upgrade from an old database, refusal of a newer one, and
//! rollback of a failed migration.

use std::fs;

use casebook::{db, search, Db, Error};
use rusqlite::Connection;

use crate::support::{self, key, opener, stamp};

#[test]
fn migrations_validate() {
    db::migrations()
        .validate()
        .expect("migrations apply cleanly to an empty database");
}

#[test]
fn embedded_list_matches_the_migrations_folder() {
    let mut on_disk: Vec<String> = fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../casebook-store/migrations"
    ))
    .unwrap()
    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
    .filter(|n| n.ends_with(".sql"))
    .collect();
    on_disk.sort();
    let embedded: Vec<String> = db::MIGRATION_FILES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    assert_eq!(
        embedded, on_disk,
        "db::MIGRATION_FILES must list every file in migrations/, in order"
    );
    for (i, name) in embedded.iter().enumerate() {
        assert!(
            name.starts_with(&format!("{:04}_", i + 1)),
            "{name} is out of sequence"
        );
    }
}

#[test]
fn new_database_is_at_latest_version_with_wal_and_foreign_keys() {
    let t = support::open();
    let conn = t.db.conn();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, db::schema_version());
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    assert_eq!(
        t.count("SELECT count(*) FROM catalogue_item WHERE kind = 'responsibility'"),
        10
    );
    assert_eq!(
        t.count("SELECT count(*) FROM catalogue_item WHERE kind = 'legal_issue'"),
        9
    );
    assert_eq!(
        t.count("SELECT count(*) FROM catalogue_item WHERE kind = 'nolan_principle'"),
        7
    );
    assert_eq!(
        t.count("SELECT count(*) FROM catalogue_item WHERE kind = 'code_obligation'"),
        10
    );
    assert_eq!(
        t.count("SELECT count(*) FROM catalogue_item WHERE kind = 'lga_checklist'"),
        6
    );
    assert_eq!(
        t.count("SELECT count(*) FROM catalogue_item WHERE kind = 'capacity_indicator'"),
        9
    );
}

#[test]
fn upgrade_from_version_2_fixture_keeps_data_and_builds_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../fixtures/schema-v2.sql"))
            .unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 2, "fixture must be at schema version 2");
    }
    let db = Db::open(&path, &key(), &opener()).unwrap();
    let v: i64 = db
        .conn()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, db::schema_version());
    let case = casebook::case::by_reference(db.conn(), "SC-2025-007").unwrap();
    assert_eq!(case.councillor.name, "Winifred Achterberg");
    assert!(case.summary.contains("allotment society's petition"));
    let tags = casebook::assessment::tags(db.conn(), case.id).unwrap();
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].code, "R8");
    assert_eq!(tags[0].note.as_deref(), Some("Mocking tone"));
    let hits = search::search(db.conn(), "allotment", 10).unwrap();
    // Procedure tables are new: the old case starts at "received", and no stored record changed
    // shape (the fixture was written by hand without an audit trail, so `verify` only reports
    // that; a column added to an audited table would show as fields differing).
    let p = casebook::procedure::status(db.conn(), case.id, stamp().at.date_naive()).unwrap();
    assert_eq!(p.stage, "received");
    let report = casebook::verify::verify(db.conn()).unwrap();
    assert!(
        report
            .problems
            .iter()
            .all(|p| p.detail.contains("not in the audit trail")),
        "{:?}",
        report.problems
    );
    assert_eq!(
        hits.len(),
        1,
        "the search index is built for cases that existed before it"
    );
}

#[test]
fn database_from_newer_casebook_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite3");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE from_the_future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    match Db::open(&path, &key(), &opener()) {
        Err(Error::TooNew { found, supported }) => {
            assert_eq!(found, 99);
            assert_eq!(supported, db::schema_version());
        }
        Err(other) => panic!("expected TooNew, got {other}"),
        Ok(_) => panic!("a newer database must be refused"),
    }
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "the file must not be changed"
    );
    let msg = Error::TooNew {
        found: 99,
        supported: 3,
    }
    .to_string();
    assert!(
        msg.contains("newer Casebook") && msg.contains("not been changed"),
        "{msg}"
    );
}

#[test]
fn failed_migration_rolls_back_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db.sqlite3");
    let first_two = &db::MIGRATION_FILES[..2];
    {
        // A version-2 database.
        let mut conn = Connection::open(&path).unwrap();
        rusqlite_migration::Migrations::new(
            first_two
                .iter()
                .map(|(_, s)| rusqlite_migration::M::up(s))
                .collect(),
        )
        .to_latest(&mut conn)
        .unwrap();
    }
    let mut files = db::MIGRATION_FILES.to_vec();
    files.push((
        "9999_broken.sql",
        "CREATE TABLE half_done (x); INSERT INTO no_such_table VALUES (1);",
    ));
    let err = Db::open_with(&path, &key(), &opener(), &files)
        .err()
        .expect("a broken migration must fail");
    assert!(matches!(err, Error::Migration(_)), "got {err}");
    let conn = Connection::open(&path).unwrap();
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 2, "version must be unchanged after a failed upgrade");
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master
             WHERE name IN ('half_done', 'case_search', 'stage_event', 'clock_pause')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0, "no part of the failed upgrade may remain");
}

#[test]
fn a_file_that_is_not_a_casebook_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let not_sqlite = dir.path().join("screenshot.png");
    fs::write(
        &not_sqlite,
        crate::support::image_bytes(image::ImageFormat::Png, 1),
    )
    .unwrap();
    let other_app = dir.path().join("other.sqlite3");
    Connection::open(&other_app)
        .unwrap()
        .execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
        .unwrap();
    for path in [&not_sqlite, &other_app] {
        let before = fs::read(path).unwrap();
        let err = Db::open(path, &key(), &opener())
            .err()
            .expect("must be refused");
        let msg = err.to_string();
        assert!(
            msg.contains(&path.display().to_string()),
            "names the file: {msg}"
        );
        // A file that is not plain SQLite may be an encrypted database opened with the wrong
        // passphrase: the message says it is one or the other.
        assert!(
            msg.contains("cannot be opened as a Casebook database")
                || msg.contains("or it is not a Casebook database"),
            "{msg}"
        );
        assert_eq!(
            fs::read(path).unwrap(),
            before,
            "{} must not be changed",
            path.display()
        );
    }
}

#[test]
fn audited_columns_match_the_tables_the_migrations_make() {
    let t = support::open();
    for table in casebook_store::schema::AUDITED {
        let mut stmt =
            t.db.conn()
                .prepare(&format!("PRAGMA table_info({})", table.entity))
                .unwrap();
        let columns: Vec<String> = stmt
            .query_map([], |r| r.get(1))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let listed: Vec<&str> = table.all_columns().collect();
        assert_eq!(
            columns, listed,
            "the audited columns of {} (casebook-store/src/schema.rs) must name every column its \
             migrations make, a new one under `added`",
            table.entity
        );
    }
}

/// A small database with an audit trail, evidence (a screenshot and the post's text), a tag and
/// procedure steps, as any officer's would have.
fn database_with_history(path: &std::path::Path) {
    let mut t = support::TestDb {
        dir: tempfile::tempdir().unwrap(),
        db: Db::open(path, &key(), &opener()).unwrap(),
    };
    let councillor = t.councillor("Peter Grange");
    let case = t.case(councillor, "2026-03-02", "A post calling residents idiots");
    let s = stamp();
    let png = support::image_bytes(image::ImageFormat::Png, 7);
    t.db.write(|tx| {
        let capture = casebook::evidence::Capture::default();
        casebook::evidence::add_file(tx, &s, case.id, &png, Some("post.png"), &capture)?;
        casebook::evidence::add_text(tx, &s, case.id, "Residents are idiots", &capture)?;
        casebook::assessment::tag(tx, &s, case.id, "R8", Some("Abusive"))?;
        let on = chrono::NaiveDate::from_ymd_opt(2026, 3, 4).unwrap();
        let step = casebook::procedure::Move {
            stage: "acknowledged".into(),
            on,
            ..Default::default()
        };
        casebook::procedure::advance(tx, &s, case.id, &step)?;
        Ok(())
    })
    .unwrap();
}

#[test]
fn a_column_added_to_an_audited_table_leaves_verify_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casebook.sqlite3");
    database_with_history(&path);
    // What a later migration might do: new columns on audited tables, one with a default.
    let mut files = db::MIGRATION_FILES.to_vec();
    files.push((
        "9999_schema_growth.sql",
        "ALTER TABLE cases ADD COLUMN growth_test_note TEXT;
         ALTER TABLE evidence ADD COLUMN growth_test_text TEXT;
         ALTER TABLE councillor ADD COLUMN growth_test_flag TEXT NOT NULL DEFAULT '';",
    ));
    let db = Db::open_with(&path, &key(), &opener(), &files).unwrap();
    let report = casebook::verify::verify(db.conn()).unwrap();
    assert!(report.audit_entries > 5 && report.evidence_items == 2);
    assert!(
        report.ok(),
        "new columns must not make verify report the existing records as changed: {:#?}",
        report.problems
    );
}

/// A copy in `dir` of the database Casebook 5 wrote (described below).
fn v5_database(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("casebook.sqlite3");
    fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/casebook-v5-with-history.sqlite3"
        ),
        &path,
    )
    .unwrap();
    path
}

/// `fixtures/casebook-v5-with-history.sqlite3` was written by Casebook at schema version 5 (commit
/// 0705e2c's parent, before the committee papers) through its CLI: a councillor and account, two
/// linked complaints, a screenshot and the post's text, tags, a capacity assessment, a note, steps
/// to a decision, an Independent Person consultation, a confidentiality decision, a pause and
/// resume, a council holiday and a changed target. Its audit trail has 25 entries.
#[test]
fn upgrade_from_a_version_5_database_with_an_audit_trail_and_evidence_verifies_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = v5_database(dir.path());
    let found: i64 = Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(found, 5, "the fixture must be at schema version 5");
    let old_head: (i64, String) = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();

    let mut db = Db::open(&path, &key(), &opener()).unwrap();
    let version: i64 = db
        .conn()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, db::schema_version());
    let report = casebook::verify::verify(db.conn()).unwrap();
    assert!(
        report.ok(),
        "an upgraded database must verify clean: {:#?}",
        report.problems
    );
    assert!(report.audit_entries >= 25, "{report:?}");
    assert_eq!((report.evidence_items, report.blobs_rehashed), (2, 2));

    let d =
        casebook::views::case_detail(db.conn(), "SC-2026-001", stamp().at.date_naive()).unwrap();
    assert_eq!(d.evidence.len(), 2);
    assert_eq!(d.tags.len(), 3);
    assert_eq!(d.procedure.decision.as_deref(), Some("informal resolution"));
    assert_eq!(d.related.len(), 1);
    assert_eq!(d.notes.len(), 1);
    let hits = search::search(db.conn(), "Fenside", 10).unwrap();
    assert_eq!(hits.len(), 1, "the upgraded case is searchable");

    // Resealed once on opening: every entry has a content hash, each keeps the hash it had, and
    // an anchor taken before the upgrade still matches.
    let unsealed: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM audit
             WHERE content_hash IS NULL OR (seq <= ?1 AND legacy_hash IS NULL)",
            [old_head.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unsealed, 0);
    let anchor = casebook::verify::check_anchor(db.conn(), old_head.0, &old_head.1).unwrap();
    assert_eq!(
        anchor, None,
        "the head written down before the upgrade still anchors"
    );
    // The trail was rebuilt without its hash index (0013) and is still append-only.
    for sql in [
        "UPDATE audit SET actor = 'someone else' WHERE seq = 1",
        "DELETE FROM audit WHERE seq = 1",
    ] {
        let err = db.conn().execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }

    // So a case written before content hashes can be disposed of, and the trail still verifies.
    let s = stamp();
    let close = casebook::procedure::Move {
        stage: "closed".into(),
        on: d.procedure.decided_on.as_deref().unwrap().parse().unwrap(),
        outcome: None,
        actions: Vec::new(),
        reason: None,
    };
    db.write(|tx| casebook::procedure::advance(tx, &s, d.case.id, &close).map(drop))
        .unwrap();
    let refs = vec!["SC-2026-001".to_string()];
    let done = db
        .write(|tx| casebook::disposal::dispose(tx, &s, &refs, "erasure request", true))
        .unwrap();
    assert!(done.audit_entries > 10, "{done:?}");
    let report = casebook::verify::verify(db.conn()).unwrap();
    assert!(report.ok(), "{:#?}", report.problems);
    assert_eq!(report.disposal_certificates, vec![done.certificate]);
}

/// The `col IN (...)` CHECKs of three or more values in `conn`'s tables, as `table: text`.
fn check_lists(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
        .unwrap();
    let tables: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut found = Vec::new();
    for (name, sql) in tables {
        for (at, _) in sql.match_indices(" IN (") {
            let list = &sql[at + 5..];
            let list = &list[..list.find(')').unwrap_or(list.len())];
            if list.matches(',').count() >= 2 {
                found.push(format!("{name}: IN ({list})"));
            }
        }
    }
    found
}

/// Migration 0014 spells out each CHECK of three or more values as comparisons (SQLite builds a
/// temporary b-tree for an IN list on every write): none is left in a new database or in one
/// upgraded from version 5, the rows are untouched, and each still refuses what it refused.
#[test]
fn check_lists_are_spelled_out_and_still_refuse_what_they_refused() {
    let t = support::open();
    let conn = t.db.conn();
    assert_eq!(check_lists(conn), Vec::<String>::new());
    let spelled: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'
             AND sql LIKE '%(action = ''create'' OR action = ''update'' OR action = ''delete'')%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        spelled, 1,
        "the audit trail's action is checked value by value"
    );
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");

    let entry = |action: &str| {
        conn.execute(
            "INSERT INTO audit (at, actor, action, entity, entity_id, changes, prev_hash, hash)
             VALUES ('2026-01-01T00:00:00Z', 'Test', ?1, 'cases', 1, '{}', 'p', 'h')",
            [action],
        )
    };
    let err = entry("frobnicate").unwrap_err().to_string();
    assert!(err.contains("CHECK constraint failed"), "{err}");
    entry("delete").expect("a listed action is still accepted");
    let err = conn
        .execute(
            "INSERT INTO stage_event (case_id, stage, on_date, recorded_by, recorded_at)
             VALUES (1, 'appeal', '2026-01-01', 'Test', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("CHECK constraint failed"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    let path = v5_database(dir.path());
    assert!(!check_lists(&Connection::open(&path).unwrap()).is_empty());
    let db = Db::open(&path, &key(), &opener()).unwrap();
    assert_eq!(check_lists(db.conn()), Vec::<String>::new());
    let report = casebook::verify::verify(db.conn()).unwrap();
    assert!(report.ok(), "{:#?}", report.problems);
}
