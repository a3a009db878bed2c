//! The `casebook` binary as a new user runs it: demo, list, search, verify, help and errors.

use std::path::Path;
use std::process::{Command, Output};

fn casebook(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casebook"))
        .env("CASEBOOK_PASSPHRASE", crate::support::PASSPHRASE)
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
    // The demo shows the procedure at work: mostly closed, some open at several stages.
    let stages: std::collections::BTreeSet<&str> =
        cases.iter().map(|c| c["stage"].as_str().unwrap()).collect();
    assert!(stages.contains("closed") && stages.len() >= 4, "{stages:?}");

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
        "stage",
        "stages",
        "deadlines",
        "next_action",
        "ip_consultations",
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
    let conn = crate::support::raw(&db);
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

fn ok(db: &Path, args: &[&str]) -> String {
    let o = casebook(db, args);
    assert!(o.status.success(), "casebook {args:?}: {}", stderr(&o));
    stdout(&o)
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

/// A complaint from receipt to closure on the command line, with `case show --json` checked at
/// each point (deadlines worked out as at fixed days, so the test does not depend on today).
#[test]
fn a_case_runs_through_the_procedure_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    ok(
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
    let reference = ok(
        &db,
        &[
            "case",
            "new",
            "--received-on",
            "01/05/2026",
            "--complainant-name",
            "Harriet Osei",
            "--councillor",
            "Alys Pennant",
            "--platform",
            "X",
            "--summary",
            "Post mocking a resident",
            "--confidential",
            "--confidentiality-reason",
            "Fears reprisals",
        ],
    )
    .trim()
    .to_string();

    // Received Friday 1 May 2026; 4 May is a bank holiday: acknowledge by 11 May, decide by 2 June.
    let show = |as_of: &str| {
        json(
            &db,
            &["case", "show", &reference, "--json", "--as-of", as_of],
        )
    };
    let k = show("2026-05-05");
    assert_eq!(k["stage"], "received");
    assert_eq!(k["deadlines"][0]["key"], "acknowledge");
    assert_eq!(k["deadlines"][0]["due_on"], "2026-05-11");
    assert_eq!(k["deadlines"][0]["status"], "due");
    assert_eq!(k["deadlines"][0]["working_days_left"], 4);
    assert_eq!(k["deadlines"][1]["due_on"], "2026-06-02");
    assert_eq!(k["next_action"]["action"], "Acknowledge the complaint");
    assert!(k["warnings"][0]
        .as_str()
        .unwrap()
        .contains("confidentiality"));
    let k = show("2026-05-13");
    assert_eq!(k["deadlines"][0]["status"], "overdue");
    assert_eq!(k["deadlines"][0]["working_days_overdue"], 2);

    // Overdue shows in `due` as at that day, in words and JSON.
    let due = ok(&db, &["due", "--as-of", "2026-05-13"]);
    assert!(
        due.contains("OVERDUE by 2 working day(s)") && due.contains(&reference),
        "{due}"
    );
    let due = json(
        &db,
        &["due", "--as-of", "2026-05-05", "--within", "3", "--json"],
    );
    assert_eq!(
        due.as_array().unwrap().len(),
        0,
        "due in 4 working days is outside 3"
    );

    // Illegal moves: exit code 2 and the field named.
    let o = casebook(
        &db,
        &["case", "stage", &reference, "closed", "--on", "2026-05-06"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("stage: cannot close"), "{}", stderr(&o));
    let o = casebook(
        &db,
        &[
            "case",
            "stage",
            &reference,
            "acknowledged",
            "--on",
            "30/04/2026",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("on: 2026-04-30 is before"),
        "{}",
        stderr(&o)
    );

    ok(
        &db,
        &[
            "case",
            "confidentiality",
            &reference,
            "granted",
            "--on",
            "2026-05-06",
            "--grounds",
            "Credible risk",
            "--by",
            "Priya Raman",
        ],
    );
    ok(
        &db,
        &[
            "case",
            "stage",
            &reference,
            "acknowledged",
            "--on",
            "2026-05-06",
        ],
    );
    ok(
        &db,
        &[
            "case",
            "pause",
            &reference,
            "--reason",
            "awaiting information",
            "--on",
            "2026-05-07",
        ],
    );
    let k = show("2026-05-12");
    assert_eq!(k["paused"], true);
    assert_eq!(k["deadlines"][1]["status"], "paused");
    ok(&db, &["case", "resume", &reference, "--on", "2026-05-12"]);
    let k = show("2026-05-12");
    assert_eq!(
        k["deadlines"][1]["due_on"], "2026-06-05",
        "3 working days paused"
    );
    ok(
        &db,
        &[
            "case",
            "stage",
            &reference,
            "initial assessment",
            "--on",
            "2026-05-12",
        ],
    );
    let out = ok(
        &db,
        &[
            "case",
            "stage",
            &reference,
            "decision",
            "--on",
            "2026-05-14",
            "--outcome",
            "investigation",
            "--reason",
            "Repeated conduct",
        ],
    );
    assert!(out.contains("Next: Appoint an investigator"), "{out}");
    ok(
        &db,
        &[
            "case",
            "stage",
            &reference,
            "investigation",
            "--on",
            "2026-05-15",
        ],
    );
    ok(
        &db,
        &["case", "stage", &reference, "report", "--on", "2026-05-20"],
    );
    let o = casebook(
        &db,
        &["case", "stage", &reference, "hearing", "--on", "2026-05-21"],
    );
    assert!(
        stderr(&o).contains("warning: Seek the Independent Person's views"),
        "{}",
        stderr(&o)
    );
    ok(
        &db,
        &[
            "ip",
            "add",
            &reference,
            "--person",
            "Margaret Ellison",
            "--on",
            "2026-05-22",
            "--views",
            "A breach; censure is proportionate",
        ],
    );
    ok(
        &db,
        &[
            "case",
            "stage",
            &reference,
            "outcome",
            "--on",
            "2026-05-26",
            "--outcome",
            "breach found",
            "--sanction",
            "censure",
            "--reason",
            "Hearing found a breach of respect",
        ],
    );
    ok(
        &db,
        &["case", "stage", &reference, "closed", "--on", "2026-05-27"],
    );

    let k = show("2026-06-01");
    assert_eq!(k["stage"], "closed");
    assert_eq!(k["decision"], "investigation");
    assert_eq!(k["outcome"], "breach found");
    assert_eq!(k["sanctions"][0], "censure");
    assert_eq!(k["closed_on"], "2026-05-27");
    assert_eq!(k["ip_views_sought"], true);
    assert_eq!(k["ip_consultations"][0]["person"], "Margaret Ellison");
    assert_eq!(k["ip_consultations"][0]["stage"], "hearing");
    assert_eq!(k["confidentiality"]["decision"], "granted");
    assert_eq!(k["stages"].as_array().unwrap().len(), 8);
    assert_eq!(k["stages"][0]["recorded_by"], "CLI Test");
    assert_eq!(k["deadlines"][0]["status"], "met");
    assert_eq!(k["deadlines"][1]["status"], "met");
    assert_eq!(k["deadlines"][2]["key"], "investigate");
    assert_eq!(k["deadlines"][2]["status"], "met");
    assert!(k["next_action"].is_null());
    assert!(k["warnings"].as_array().unwrap().is_empty());
    let text = ok(&db, &["case", "show", &reference, "--as-of", "2026-06-01"]);
    assert!(
        text.contains("Stage: closed") && text.contains("sanctions: censure"),
        "{text}"
    );
    let listed = ok(&db, &["case", "list", "--stage", "closed"]);
    assert!(listed.contains(&reference), "{listed}");
    assert!(ok(&db, &["due", "--as-of", "2026-05-13"]).contains("Nothing is overdue"));
    assert!(ok(&db, &["verify"]).contains("OK: no problems found"));

    // Undo needs a reason.
    let o = casebook(&db, &["case", "stage", &reference, "--undo"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "clap refuses --undo without --reason"
    );
    ok(
        &db,
        &[
            "case",
            "stage",
            &reference,
            "--undo",
            "--reason",
            "Closed too early",
        ],
    );
    assert_eq!(show("2026-06-01")["stage"], "outcome");
}

#[test]
fn holidays_and_settings_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let list = json(&db, &["holidays", "--year", "2022", "--json"]);
    let days: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert!(
        days.contains(&"2022-09-19") && days.contains(&"2022-06-03"),
        "{days:?}"
    );
    assert!(!days.contains(&"2022-05-30"));
    let out = ok(
        &db,
        &[
            "holidays",
            "add",
            "24/12/2026",
            "--name",
            "Council offices closed",
        ],
    );
    assert!(
        out.contains("2026-12-24") && out.contains("[added by the council]"),
        "{out}"
    );
    let o = casebook(
        &db,
        &["holidays", "add", "2026-12-26", "--name", "Saturday"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("date:"), "{}", stderr(&o));
    ok(
        &db,
        &[
            "holidays",
            "remove",
            "2026-12-24",
            "--name",
            "Open after all",
        ],
    );
    let out = ok(&db, &["settings", "set", "decision_working_days", "15"]);
    assert!(out.contains("decision_working_days = 15"), "{out}");
    let o = casebook(&db, &["settings", "set", "decision_working_days", "-3"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("decision_working_days:"),
        "{}",
        stderr(&o)
    );
    ok(
        &db,
        &["settings", "set", "council_name", "Kingsmere City Council"],
    );
    let all = json(&db, &["settings", "--json"]);
    assert_eq!(all["targets"][1]["value"], 15);
    assert_eq!(all["targets"][0]["value"], 5);
    assert_eq!(all["names"][0]["value"], "Kingsmere City Council");
    assert!(all["names"][1]["value"].is_null());
}
