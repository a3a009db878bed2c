//! The `casebook` binary as a new user runs it: demo, list, search, verify, help and errors.

use std::path::Path;
use std::process::{Command, Output};

fn casebook(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(args)
        .env("CASEBOOK_DB", db)
        .env("CASEBOOK_ACTOR", "CLI Test")
        .env_remove("XDG_DATA_HOME")
        .output()
        .expect("run casebook")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn demo_then_list_search_show_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let o = casebook(&db, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("40 cases"), "{}", stdout(&o));

    let o = casebook(&db, &["case", "list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cases: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), 40);
    for field in [
        "reference",
        "received_on",
        "councillor",
        "council",
        "platform",
        "summary",
        "capacity_determination",
        "tags",
        "evidence_count",
    ] {
        assert!(
            cases[0].get(field).is_some(),
            "case list --json lacks {field}"
        );
    }
    let years: std::collections::BTreeSet<&str> = cases
        .iter()
        .map(|c| &c["received_on"].as_str().unwrap()[..4])
        .collect();
    assert!(years.len() >= 2, "demo spans two years: {years:?}");

    let o = casebook(&db, &["search", "libraries"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("SC-"), "{}", stdout(&o));

    let reference = cases[0]["reference"].as_str().unwrap();
    let o = casebook(&db, &["case", "show", reference, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let detail: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for field in [
        "reference",
        "complainant",
        "councillor",
        "tags",
        "capacity",
        "evidence",
        "related",
        "history",
    ] {
        assert!(
            detail.get(field).is_some(),
            "case show --json lacks {field}"
        );
    }
    assert_eq!(
        detail["capacity"]["indicators"].as_array().unwrap().len(),
        9
    );

    let o = casebook(&db, &["verify"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("OK: no problems found"),
        "{}",
        stdout(&o)
    );

    let o = casebook(&db, &["demo"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "demo refuses a database that has cases"
    );
}

#[test]
fn verify_exits_non_zero_on_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    assert!(casebook(&db, &["demo"]).status.success());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE cases SET complainant_name = 'Someone Else' WHERE id = 3",
        [],
    )
    .unwrap();
    drop(conn);
    let o = casebook(&db, &["verify", "--json"]);
    assert_eq!(o.status.code(), Some(4));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0]["detail"]
        .as_str()
        .unwrap()
        .contains("complainant_name"));
}

#[test]
fn errors_name_the_field_and_exit_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let o = casebook(
        &db,
        &[
            "councillor",
            "add",
            "--name",
            "Alys Pennant",
            "--council",
            "Kingsmere City Council",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = casebook(
        &db,
        &[
            "case",
            "new",
            "--received-on",
            "31/02/2026",
            "--complainant-name",
            "H",
            "--councillor",
            "Alys Pennant",
            "--platform",
            "Facebook",
            "--summary",
            "s",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("received_on: '31/02/2026' is not a date"),
        "{}",
        stderr(&o)
    );

    let o = casebook(
        &db,
        &[
            "case",
            "new",
            "--received-on",
            "2026-02-03",
            "--complainant-name",
            "H",
            "--councillor",
            "Alys Pennant",
            "--platform",
            "Facebook",
            "--summary",
            "s",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let reference = stdout(&o).trim().to_string();
    assert!(reference.starts_with("SC-2026-"), "{reference}");

    let fake = dir.path().join("shot.png");
    std::fs::write(&fake, "this is text, not a PNG").unwrap();
    let o = casebook(
        &db,
        &["evidence", "add", &reference, fake.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a PNG"), "{}", stderr(&o));

    let o = casebook(&db, &["case", "show", "SC-2026-999"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("case not found"), "{}", stderr(&o));
}

#[test]
fn help_is_complete_for_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    let commands: &[&[&str]] = &[
        &[],
        &["init"],
        &["demo"],
        &["councillor"],
        &["councillor", "add"],
        &["councillor", "list"],
        &["councillor", "show"],
        &["councillor", "account"],
        &["case"],
        &["case", "new"],
        &["case", "show"],
        &["case", "list"],
        &["case", "link"],
        &["evidence"],
        &["evidence", "add"],
        &["evidence", "text"],
        &["evidence", "list"],
        &["evidence", "export"],
        &["tag"],
        &["capacity"],
        &["catalogue"],
        &["catalogue", "list"],
        &["catalogue", "show"],
        &["catalogue", "add-version"],
        &["search"],
        &["import"],
        &["verify"],
    ];
    for cmd in commands {
        let mut args = cmd.to_vec();
        args.push("--help");
        let o = casebook(&db, &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let help = stdout(&o);
        assert!(help.contains("Usage: casebook"), "{args:?}");
        // Every option and argument has a description (clap prints none for undocumented ones).
        // In long help clap puts the description on the next, further-indented line.
        let lines: Vec<&str> = help.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !(line.starts_with("  -") || line.starts_with("  <") || line.starts_with("  [")) {
                continue;
            }
            let inline = line.trim().contains("  ");
            let below = lines
                .get(i + 1)
                .is_some_and(|next| next.starts_with("          ") && !next.trim().is_empty());
            assert!(inline || below, "{args:?}: '{line}' has no description");
        }
    }
    assert!(!db.exists(), "--help must not create a database");
}
