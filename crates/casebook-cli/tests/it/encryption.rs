//! Encryption at rest, on real files: what an encrypted database, its write-ahead log and its
//! backups hold when read raw; a wrong or missing passphrase; `encrypt`, `rekey` and `restore`.

use std::path::{Path, PathBuf};

use crate::support::{self, casebook, command, PASSPHRASE};

const NAME: &str = "Harriet Quillfeather-Osei";
const POST: &str = "Zanzibar quokka manifesto for the ring road";

/// A database made through the CLI (`init` given `extra`), holding one case with a complainant,
/// post text and a screenshot; returns the database and the screenshot's bytes.
fn one_case(dir: &Path, extra: &[&str]) -> (PathBuf, Vec<u8>) {
    let db = dir.join("casebook.sqlite3");
    let (code, err) = casebook(&db, &[&["init"], extra].concat());
    assert_eq!(code, 0, "{err}");
    let steps: [&[&str]; 2] = [
        &[
            "councillor",
            "add",
            "--name",
            "Gwen Tallis",
            "--council",
            "Kingsmere City Council",
        ],
        &[
            "case",
            "new",
            "--received-on",
            "2026-05-11",
            "--complainant-name",
            NAME,
            "--councillor",
            "Gwen Tallis",
            "--platform",
            "Facebook",
            "--summary",
            "A post",
        ],
    ];
    for args in steps {
        let (code, err) = casebook(&db, args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let shot = support::image_bytes(image::ImageFormat::Png, 7);
    let file = dir.join("screenshot.png");
    std::fs::write(&file, &shot).unwrap();
    let reference = "SC-2026-001";
    for args in [
        vec!["evidence", "add", reference, file.to_str().unwrap()],
        vec!["evidence", "text", reference, "--text", POST],
    ] {
        let (code, err) = casebook(&db, &args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    (db, shot)
}

/// Which of the case's strings (and a run of the screenshot's bytes) `bytes` holds.
fn readable(bytes: &[u8], shot: &[u8]) -> Vec<&'static str> {
    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    let mid = shot.len() / 2;
    let mut found = Vec::new();
    for (what, needle) in [
        ("complainant name", NAME.as_bytes()),
        ("post text", POST.as_bytes()),
        ("screenshot bytes", &shot[mid..mid + 48]),
        ("SQLite header", b"SQLite format 3".as_slice()),
    ] {
        if holds(needle) {
            found.push(what);
        }
    }
    found
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", path.display()))
}

#[test]
fn an_encrypted_database_its_write_ahead_log_and_its_backup_hold_none_of_a_cases_strings() {
    // Unencrypted (only on request), the same steps leave every string readable: the check bites.
    let plain = tempfile::tempdir().unwrap();
    let (db, shot) = one_case(plain.path(), &["--unencrypted"]);
    let found = readable(&std::fs::read(&db).unwrap(), &shot);
    assert_eq!(found.len(), 4, "a plain file holds them all: {found:?}");

    let dir = tempfile::tempdir().unwrap();
    let (db, shot) = one_case(dir.path(), &[]);
    // A reader keeps the database open so the next change stays in the write-ahead log.
    let reader = support::raw(&db);
    let _: i64 = reader
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap();
    let (code, err) = casebook(&db, &["note", "add", "SC-2026-001", "--text", NAME]);
    assert_eq!(code, 0, "{err}");
    let wal = std::fs::read(sibling(&db, "-wal")).unwrap();
    assert!(
        wal.len() > 4096,
        "the change is in the log ({} bytes)",
        wal.len()
    );
    let backup = dir.path().join("backup.sqlite3");
    let (code, err) = casebook(&db, &["backup", "--out", backup.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    drop(reader);
    for (what, file) in [("database", &db), ("backup", &backup)] {
        let found = readable(&std::fs::read(file).unwrap(), &shot);
        assert!(found.is_empty(), "the {what} holds {found:?}");
    }
    assert!(
        readable(&wal, &shot).is_empty(),
        "the log holds {:?}",
        readable(&wal, &shot)
    );
    // …and the backup is the whole database, with the same key.
    let copy = support::raw(&backup);
    let name: String = copy
        .query_row("SELECT complainant_name FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name, NAME);
}

#[test]
fn a_wrong_or_missing_passphrase_is_refused_with_the_reason_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = one_case(dir.path(), &[]);
    let before: Vec<Option<Vec<u8>>> = ["", "-wal", "-shm"]
        .iter()
        .map(|s| std::fs::read(sibling(&db, s)).ok())
        .collect();
    let wrong = command(&db, &["case", "list"])
        .env("CASEBOOK_PASSPHRASE", "quite the wrong passphrase")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(2), "{err}");
    assert!(
        err.contains("passphrase:") && err.contains("does not open with this passphrase"),
        "{err}"
    );
    let none = command(&db, &["case", "show", "SC-2026-001"])
        .env_remove("CASEBOOK_PASSPHRASE")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&none.stderr);
    assert_eq!(none.status.code(), Some(2), "{err}");
    assert!(
        err.contains("passphrase:") && err.contains("is encrypted"),
        "{err}"
    );
    let file = dir.path().join("wrong.txt");
    std::fs::write(&file, "still the wrong one\n").unwrap();
    let from_file = command(
        &db,
        &["verify", "--passphrase-file", file.to_str().unwrap()],
    )
    .output()
    .unwrap();
    assert_eq!(
        from_file.status.code(),
        Some(2),
        "--passphrase-file wins over the environment"
    );
    let after: Vec<Option<Vec<u8>>> = ["", "-wal", "-shm"]
        .iter()
        .map(|s| std::fs::read(sibling(&db, s)).ok())
        .collect();
    assert!(
        before == after,
        "the database and its log are byte-for-byte unchanged"
    );
    // A new database needs a strong passphrase.
    let new = dir.path().join("new.sqlite3");
    let weak = command(&new, &["init"])
        .env("CASEBOOK_PASSPHRASE", "kingsmere1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&weak.stderr);
    assert_eq!(weak.status.code(), Some(2), "{err}");
    assert!(err.contains("passphrase: Too short"), "{err}");
    assert!(!new.exists(), "nothing was created");
}

#[test]
fn encrypt_keeps_every_case_evidence_hash_and_audit_entry_and_leaves_no_plain_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("casebook.sqlite3");
    for args in [&["init", "--unencrypted"][..], &["demo"]] {
        let (code, err) = casebook(&db, args);
        assert_eq!(code, 0, "{err}");
    }
    let facts = |db: &Path| {
        let conn = support::raw_any(db);
        let cases: Vec<(String, String)> = conn
            .prepare("SELECT reference, complainant_name FROM cases ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let hashes: Vec<String> = conn
            .prepare("SELECT sha256 FROM evidence ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let audit: Vec<String> = conn
            .prepare("SELECT hash FROM audit ORDER BY seq")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        (cases, hashes, audit)
    };
    let before = facts(&db);
    assert!(std::fs::read(&db).unwrap().starts_with(b"SQLite format 3"));
    let out = command(&db, &["encrypt"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("0 problem(s)"), "{text}");

    let raw = std::fs::read(&db).unwrap();
    assert!(
        !raw.starts_with(b"SQLite format 3"),
        "the file is encrypted now"
    );
    assert!(
        !raw.windows(13).any(|w| w == b"Kingsmere Cit"),
        "no plain text is left in it"
    );
    let after = facts(&db);
    assert_eq!(before.0, after.0, "every case");
    assert_eq!(before.1, after.1, "every evidence hash");
    assert_eq!(before.2, after.2, "every audit entry");
    let (code, err) = casebook(&db, &["verify"]);
    assert_eq!(code, 0, "verify is clean: {err}");
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".plain") || n.contains(".encrypting"))
        .collect();
    assert!(left.is_empty(), "no plain copy is left behind: {left:?}");
    let again = command(&db, &["encrypt"]).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already encrypted"));
}

#[test]
fn rekey_then_opens_only_with_the_new_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = one_case(dir.path(), &[]);
    const NEW: &str = "velvet harbour compass thistle";
    let weak = command(&db, &["rekey"])
        .env("CASEBOOK_NEW_PASSPHRASE", "short")
        .output()
        .unwrap();
    assert_eq!(weak.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&weak.stderr).contains("passphrase: Too short"));
    let out = command(&db, &["rekey"])
        .env("CASEBOOK_NEW_PASSPHRASE", NEW)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, err) = casebook(&db, &["case", "list"]);
    assert_eq!(code, 2, "the old passphrase no longer opens it");
    assert!(err.contains("does not open with this passphrase"), "{err}");
    let out = command(&db, &["case", "show", "SC-2026-001", "--json"])
        .env("CASEBOOK_PASSPHRASE", NEW)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(NAME));
}

#[test]
fn restore_refuses_a_damaged_backup_and_restores_a_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = one_case(dir.path(), &[]);
    let good = dir.path().join("good.sqlite3");
    let (code, err) = casebook(&db, &["backup", "--out", good.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // Work after the backup, which restoring it takes back.
    let (code, err) = casebook(
        &db,
        &["note", "add", "SC-2026-001", "--text", "After the backup"],
    );
    assert_eq!(code, 0, "{err}");

    let damaged = dir.path().join("damaged.sqlite3");
    let mut bytes = std::fs::read(&good).unwrap();
    let at = bytes.len() / 2;
    for b in &mut bytes[at..at + 64] {
        *b ^= 0x5a;
    }
    std::fs::write(&damaged, &bytes).unwrap();
    let before = std::fs::read(&db).unwrap();
    let (code, err) = casebook(&db, &["restore", damaged.to_str().unwrap()]);
    assert_ne!(code, 0, "a damaged backup is refused");
    assert!(
        err.contains("backup") || err.contains("passphrase"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing was replaced");
    let (code, err) = casebook(
        &db,
        &["restore", dir.path().join("nowhere").to_str().unwrap()],
    );
    assert_eq!(code, 2, "{err}");

    let out = command(&db, &["restore", good.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restored: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(restored["cases"], 1);
    assert_eq!(restored["encrypted"], true);
    let kept = PathBuf::from(restored["kept"].as_str().unwrap());
    assert!(kept.exists(), "the replaced database is kept");
    let conn = support::raw(&db);
    let notes: i64 = conn
        .query_row("SELECT count(*) FROM case_note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(notes, 0, "the note made after the backup is gone");
    let kept_notes: i64 = support::raw(&kept)
        .query_row("SELECT count(*) FROM case_note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept_notes, 1, "and is still in the kept copy");
    let (code, err) = casebook(&db, &["verify"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_passphrase_is_never_printed_and_a_plain_database_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("casebook.sqlite3");
    let out = command(&db, &["init"]).output().unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{all}");
    assert!(
        all.contains("encrypted with SQLCipher") && !all.contains(PASSPHRASE),
        "{all}"
    );
    let plain = dir.path().join("plain.sqlite3");
    let out = command(&plain, &["init", "--unencrypted"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("NOT encrypted"), "{text}");
    let out = command(&plain, &["verify"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not encrypted"));
}
