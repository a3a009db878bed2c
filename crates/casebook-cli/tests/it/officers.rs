//! The officer register behind every change, and the access log of every look, through the CLI.

use crate::support::{self, casebook, command, demo};

fn stdout(args: &[&str], db: &std::path::Path) -> String {
    let out = command(db, args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn an_unregistered_actor_is_refused_naming_the_field_and_nothing_is_stored() {
    let (_dir, db) = demo();
    let before = support::raw(&db)
        .query_row("SELECT count(*) FROM audit", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let out = command(&db, &["note", "add", "SC-2025-003", "--text", "Hello"])
        .env("CASEBOOK_ACTOR", "Mallory Unknown")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("actor: 'Mallory Unknown' is not a registered officer"),
        "{err}"
    );
    assert!(
        err.contains("Dana Whitcombe"),
        "it lists who is registered: {err}"
    );
    let after = support::raw(&db)
        .query_row("SELECT count(*) FROM audit", [], |r| r.get::<_, i64>(0))
        .unwrap();
    assert_eq!(before, after);
}

#[test]
fn every_change_records_the_officers_id_and_roles_limit_what_they_may_do() {
    let (_dir, db) = demo();
    let list: serde_json::Value =
        serde_json::from_str(&stdout(&["officer", "list", "--json"], &db)).unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Test Officer",
            "Dana Whitcombe",
            "Sam Okonjo",
            "Priya Raman",
            "Tom Ashdown"
        ]
    );
    assert_eq!(list[0]["role"], "monitoring_officer");
    assert_eq!(list[4]["role_label"], "Read-only");

    let added: serde_json::Value = serde_json::from_str(&stdout(
        &[
            "officer",
            "add",
            "Kim Lowry",
            "--role",
            "Investigator",
            "--json",
        ],
        &db,
    ))
    .unwrap();
    let kim = added["id"].as_i64().unwrap();
    // Work by two officers, one named by number.
    let (code, err) = casebook(&db, &["note", "add", "SC-2025-003", "--text", "By Test"]);
    assert_eq!(code, 0, "{err}");
    let out = command(&db, &["note", "add", "SC-2025-003", "--text", "By Kim"])
        .env("CASEBOOK_ACTOR", kim.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let conn = support::raw(&db);
    let unnamed: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE officer_id IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unnamed, 0, "every change in this run names its officer");
    let (by, name): (i64, String) = conn
        .query_row(
            "SELECT officer_id, actor FROM audit WHERE entity = 'case_note' ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((by, name.as_str()), (kim, "Kim Lowry"));

    // A Read-only officer may look but not change; only a Monitoring Officer or Deputy adds
    // officers.
    let out = command(&db, &["note", "add", "SC-2025-003", "--text", "No"])
        .env("CASEBOOK_ACTOR", "Tom Ashdown")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("actor: Tom Ashdown is a Read-only officer"),
        "{err}"
    );
    let out = command(&db, &["case", "show", "SC-2025-003"])
        .env("CASEBOOK_ACTOR", "Tom Ashdown")
        .output()
        .unwrap();
    assert!(out.status.success(), "a Read-only officer may look");
    let out = command(&db, &["officer", "add", "Eve", "--role", "deputy"])
        .env("CASEBOOK_ACTOR", "Sam Okonjo")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("may not add officers"));
    let out = command(&db, &["officer", "add", "Kim Lowry", "--role", "deputy"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("name: Kim Lowry is already"));
    let out = command(&db, &["officer", "add", "Eve", "--role", "boss"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("role: 'boss' is not a role"));
}

#[test]
fn access_lists_each_look_in_order_and_verify_finds_a_changed_row() {
    let (dir, db) = demo();
    let export = dir.path().join("exported.png");
    let paper = dir.path().join("notice.md");
    let looks: [&[&str]; 5] = [
        &["case", "show", "SC-2025-003"],
        &["search", "libraries"],
        &["case", "list", "--search", "abusive"],
        &["evidence", "export", "1", "--out", export.to_str().unwrap()],
        &[
            "report",
            "decision",
            "SC-2025-003",
            "--out",
            paper.to_str().unwrap(),
        ],
    ];
    for args in looks {
        let (code, err) = casebook(&db, args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let out = command(&db, &["case", "show", "SC-2025-004"])
        .env("CASEBOOK_ACTOR", "Priya Raman")
        .output()
        .unwrap();
    assert!(out.status.success());
    let all: serde_json::Value = serde_json::from_str(&stdout(&["access", "--json"], &db)).unwrap();
    let seen: Vec<(String, String, Option<String>)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["action"].as_str().unwrap().to_string(),
                l["officer"].as_str().unwrap().to_string(),
                l["reference"].as_str().map(String::from),
            )
        })
        .collect();
    let t = || "Test Officer".to_string();
    let evidence_case = support::raw(&db)
        .query_row(
            "SELECT k.reference FROM evidence e JOIN cases k ON k.id = e.case_id WHERE e.id = 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap();
    assert_eq!(
        seen,
        [
            ("open case".into(), t(), Some("SC-2025-003".into())),
            ("search".into(), t(), None),
            ("search".into(), t(), None),
            ("export evidence".into(), t(), Some(evidence_case)),
            ("make paper".into(), t(), Some("SC-2025-003".into())),
            (
                "open case".into(),
                "Priya Raman".into(),
                Some("SC-2025-004".into())
            ),
        ]
    );
    assert!(all.as_array().unwrap().iter().all(|l| l["via"] == "cli"));
    assert_eq!(all[1]["detail"], "libraries");

    let one: serde_json::Value = serde_json::from_str(&stdout(
        &[
            "access",
            "SC-2025-003",
            "--officer",
            "Test Officer",
            "--json",
        ],
        &db,
    ))
    .unwrap();
    assert_eq!(one.as_array().unwrap().len(), 2);
    let out = command(&db, &["access", "--from", "2026-13-01"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: from:"));

    let (code, err) = casebook(&db, &["verify"]);
    assert_eq!(code, 0, "{err}");
    let conn = support::raw(&db);
    let refused = conn.execute("UPDATE access_log SET detail = 'nothing' WHERE seq = 2", []);
    assert!(refused.is_err(), "the log is append-only");
    conn.execute_batch(
        "DROP TRIGGER access_log_append_only_update;
         UPDATE access_log SET officer_id = 3 WHERE seq = 1;",
    )
    .unwrap();
    drop(conn);
    let out = command(&db, &["verify"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(4), "{text}");
    assert!(
        text.contains("PROBLEM [access_log] access log entry 1")
            && text.contains("do not match its hash"),
        "{text}"
    );
}
