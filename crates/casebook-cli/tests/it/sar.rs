//! Subject access requests on the demo council: the deadline, everything found about a
//! complainant (including a case where she is only named in a note), and the response pack with
//! another complainant's name redacted and its index's hashes matching the files.

use std::io::Read;
use std::path::Path;

use serde_json::Value;

use crate::papers::pdf_text;
use crate::support::{self, command};

fn run(db: &Path, args: &[&str]) -> String {
    support::stdout_of(db, args)
}

fn json(db: &Path, args: &[&str]) -> Value {
    support::json_of(db, args)
}

#[test]
fn a_request_finds_the_person_and_the_pack_holds_their_data() {
    let (dir, db) = support::demo();
    // 20 December 2026 is a Sunday: the deadline moves to Monday 21 December.
    let s = json(
        &db,
        &[
            "sar",
            "new",
            "--name",
            "Marguerite Lenoir",
            "--received-on",
            "2026-11-20",
            "--json",
        ],
    );
    assert_eq!(s["deadline"], "2026-12-21");
    assert_eq!(s["status"], "received");
    let id = s["id"].as_i64().unwrap().to_string();

    let shown = json(&db, &["sar", "show", &id, "--json"]);
    let hits = shown["hits"].as_array().unwrap();
    let of = |kind: &str| -> Vec<String> {
        hits.iter()
            .filter(|h| h["kind"] == kind)
            .filter_map(|h| h["reference"].as_str().map(String::from))
            .collect()
    };
    let complaints = of("complainant");
    assert!(!complaints.is_empty(), "her complaints are found: {hits:?}");
    let noted = of("note");
    assert_eq!(noted.len(), 1, "the note naming her is found: {hits:?}");
    assert!(
        !complaints.contains(&noted[0]),
        "she is only named in that case"
    );
    assert!(
        hits.iter().any(|h| h["kind"] == "audit"),
        "the audit trail holds her name"
    );

    // The complainant of the case she is named in is another person, to redact.
    let other = json(&db, &["case", "show", &noted[0], "--json"])["complainant"]["name"]
        .as_str()
        .unwrap()
        .to_string();
    run(&db, &["sar", "confirm", &id, "--all"]);
    let shown = json(&db, &["sar", "show", &id, "--json"]);
    let redactions = shown["redactions"].as_array().unwrap();
    assert!(
        redactions
            .iter()
            .any(|r| r["name"] == other.as_str() && r["redacted"] == true),
        "{other} is suggested for redaction: {redactions:?}"
    );

    let zip_path = dir.path().join("sar.zip");
    let pack = json(
        &db,
        &[
            "sar",
            "export",
            &id,
            "--out",
            zip_path.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(pack["redacted_names"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n == other.as_str()));

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut index = String::new();
    zip.by_name("index.csv")
        .unwrap()
        .read_to_string(&mut index)
        .unwrap();
    let mut rows = csv::Reader::from_reader(index.as_bytes());
    let mut listed = 0;
    for row in rows.records() {
        let row = row.unwrap();
        let mut bytes = Vec::new();
        zip.by_name(&row[0])
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        assert_eq!(casebook::audit::sha256_hex(&bytes), &row[1], "{}", &row[0]);
        assert_eq!(bytes.len().to_string(), &row[2]);
        listed += 1;
    }
    assert_eq!(listed + 1, zip.len(), "every file but the index is listed");

    let read = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| {
        let mut bytes = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
        pdf_text(&bytes)
    };
    let letter = read(&mut zip, "covering-letter.pdf");
    assert!(letter.contains("Marguerite Lenoir"), "{letter}");
    for must in [
        "Purposes",
        "Recipients",
        "How long we keep it",
        "Information Commissioner",
    ] {
        assert!(letter.contains(must), "the letter says {must}: {letter}");
    }
    let own = read(&mut zip, &format!("records/{}.pdf", complaints[0]));
    assert!(
        own.contains("Marguerite Lenoir"),
        "her own record names her: {own}"
    );
    let named = read(&mut zip, &format!("records/{}.pdf", noted[0]));
    assert!(named.contains("Marguerite Lenoir"), "{named}");
    assert!(!named.contains(&other), "{other} is redacted: {named}");
    assert!(named.contains("[another person]"), "{named}");

    // Extended by two months from the original date; then sent.
    let s = json(&db, &["sar", "list", "--json"]);
    assert_eq!(s[0]["status"], "received");
    run(
        &db,
        &["sar", "extend", &id, "--reason", "the records are numerous"],
    );
    let s = json(&db, &["sar", "list", "--json"]);
    assert_eq!(s[0]["deadline"], "2027-02-22", "20 Feb 2027 is a Saturday");
    run(&db, &["sar", "sent", &id, "--on", "2026-12-01"]);
    let s = json(&db, &["sar", "list", "--json"]);
    assert_eq!(s[0]["status"], "sent");
}

#[test]
fn a_request_needs_a_name_and_a_real_day() {
    let (_dir, db) = support::demo();
    for (args, field) in [
        (vec!["--name", "  ", "--received-on", "2026-11-02"], "name"),
        (
            vec!["--name", "Ann Other", "--received-on", "2026-02-30"],
            "received_on",
        ),
        (
            vec!["--name", "Ann Other", "--received-on", "2099-01-01"],
            "received_on",
        ),
    ] {
        let mut all = vec!["sar", "new"];
        all.extend(args);
        let out = command(&db, &all).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(err.contains(field), "{err}");
    }
    assert_eq!(json(&db, &["sar", "list", "--json"]), serde_json::json!([]));
}
