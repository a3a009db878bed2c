//! Retention and disposal on real files: a closed demo case past its review date disposed of,
//! the raw database holding none of its personal data afterwards, the annual figures unchanged,
//! `verify` clean and naming the certificate, and any erasure no disposal authorised caught;
//! holds, open cases and early disposal refused or recorded; a killed disposal leaves all or
//! nothing.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use casebook::retention_rules::{self, Ending, RetentionStart, Rule};
use casebook::{case, councillor, demo, disposal, retention};
use chrono::NaiveDate;
use image::ImageFormat;
use serde_json::Value;

use crate::support::{self, casebook, command};

const NOTE: &str = "Quillfeather telephoned about the Zanzibar marmalade allegation";
const POST: &str = "Periwinkle ombudsman vexillology about the bypass";

fn run(db: &Path, args: &[&str]) -> String {
    support::stdout_of(db, args)
}

fn json(db: &Path, args: &[&str]) -> Value {
    support::json_of(db, args)
}

fn fails(db: &Path, args: &[&str]) -> String {
    let out = command(db, args).output().unwrap();
    assert!(!out.status.success(), "casebook {args:?} should fail");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The demo council in an unencrypted database (so its raw bytes can be searched).
fn plain_demo(dir: &Path) -> PathBuf {
    let db = dir.join("casebook.sqlite3");
    let (code, err) = casebook(&db, &["init", "--unencrypted"]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = casebook(&db, &["demo"]);
    assert_eq!(code, 0, "{err}");
    db
}

/// The references of the closed cases due for review and not blocked.
fn due(db: &Path) -> Vec<String> {
    json(db, &["retention", "due", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["blocked"].is_null())
        .map(|r| r["reference"].as_str().unwrap().to_string())
        .collect()
}

/// An open case of the demo.
fn open_case(db: &Path) -> String {
    json(db, &["case", "list", "--stage", "open", "--json"])[0]["reference"]
        .as_str()
        .unwrap()
        .to_string()
}

fn stats(db: &Path, received_on: &str) -> Value {
    // The municipal year holding the case.
    let year: i32 = received_on[..4].parse().unwrap();
    let month: u32 = received_on[5..7].parse().unwrap();
    let start = if month >= 5 { year } else { year - 1 };
    let mut s = json(
        db,
        &[
            "report",
            "stats",
            "--from",
            &format!("{start}-05-01"),
            "--to",
            &format!("{}-04-30", start + 1),
            "--json",
        ],
    );
    // Timeliness of cases still open is counted as at today; the rest must not move.
    s.as_object_mut().unwrap().remove("period");
    s
}

fn raw_bytes_after_vacuum(db: &Path) -> Vec<u8> {
    let conn = support::raw_any(db);
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    conn.execute_batch("VACUUM").unwrap();
    drop(conn);
    std::fs::read(db).unwrap()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_disposed_case_leaves_its_figures_and_nothing_personal() {
    let dir = tempfile::tempdir().unwrap();
    let db = plain_demo(dir.path());
    let target = due(&db)
        .into_iter()
        .next()
        .expect("a demo case due for review");
    let live = open_case(&db);
    let shown = json(&db, &["case", "show", &target, "--json"]);
    let post_url = shown["post_url"].as_str().unwrap().to_string();
    let received_on = shown["received_on"].as_str().unwrap().to_string();

    // Personal data of its own, and a screenshot shared with a case that stays.
    let own = dir.path().join("own.png");
    let shared = dir.path().join("shared.png");
    std::fs::write(&own, support::image_bytes(ImageFormat::Png, 201)).unwrap();
    std::fs::write(&shared, support::image_bytes(ImageFormat::Png, 202)).unwrap();
    run(&db, &["note", "add", &target, "--text", NOTE]);
    run(&db, &["evidence", "text", &target, "--text", POST]);
    run(&db, &["evidence", "add", &target, own.to_str().unwrap()]);
    run(&db, &["evidence", "add", &target, shared.to_str().unwrap()]);
    run(&db, &["evidence", "add", &live, shared.to_str().unwrap()]);
    run(&db, &["search", "Periwinkle"]);
    let before = stats(&db, &received_on);
    let own_bytes = std::fs::read(&own).unwrap();
    let raw = raw_bytes_after_vacuum(&db);
    for s in [
        NOTE.as_bytes(),
        POST.as_bytes(),
        post_url.as_bytes(),
        &own_bytes[..],
    ] {
        assert!(
            contains(&raw, s),
            "the test's data is in the file before disposal"
        );
    }

    let out = run(
        &db,
        &[
            "dispose",
            &target,
            "--reason",
            "Retention review, December 2026",
            "--json",
        ],
    );
    let d: Value = serde_json::from_str(&out).unwrap();
    let certificate = d["certificate"].as_str().unwrap().to_string();
    assert!(certificate.starts_with("DC-"), "{certificate}");
    assert_eq!(d["cases"][0]["reference"], target.as_str());
    assert_eq!(d["cases"][0]["early"], false);
    let stones = d["tombstones"].as_array().unwrap();
    let own_sha = casebook::audit::sha256_hex(&own_bytes);
    assert!(
        stones.iter().any(|t| t["sha256"] == own_sha.as_str()),
        "a tombstone carries the destroyed screenshot's SHA-256"
    );

    // The raw file holds none of it; the shared screenshot is still there for the live case.
    let raw = raw_bytes_after_vacuum(&db);
    for (what, s) in [
        ("note", NOTE.as_bytes()),
        ("post text", POST.as_bytes()),
        ("post address", post_url.as_bytes()),
        ("screenshot", &own_bytes[..]),
    ] {
        assert!(
            !contains(&raw, s),
            "the {what} is still in the database file"
        );
    }
    assert!(contains(&raw, &std::fs::read(&shared).unwrap()));
    let live_evidence = json(&db, &["evidence", "list", &live, "--json"]);
    assert!(live_evidence
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["original_name"] == "shared.png"));

    // The certificate, as PDF and Word, lists the case and the screenshot's SHA-256.
    let pdf = dir.path().join("certificate.pdf");
    let docx = dir.path().join("certificate.docx");
    for out in [&pdf, &docx] {
        run(
            &db,
            &[
                "retention",
                "certificate",
                &certificate,
                "--out",
                out.to_str().unwrap(),
            ],
        );
    }
    let text = crate::papers::pdf_text(&std::fs::read(&pdf).unwrap());
    assert!(
        text.contains(&certificate) && text.contains(&target),
        "{text}"
    );
    assert!(
        text.contains(&own_sha[..32]),
        "the SHA-256 is printed: {text}"
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains(&certificate) && xml.contains(&target));

    // The case is gone from lists and lookups; its figures stand.
    let err = fails(&db, &["case", "show", &target]);
    assert!(err.contains(&certificate), "{err}");
    assert_eq!(stats(&db, &received_on), before);

    // verify is clean and names the certificate.
    let report = run(&db, &["verify"]);
    assert!(report.contains("OK: no problems found"), "{report}");
    assert!(
        report.contains(&format!(
            "entries disposed of under retention (certificate {certificate})"
        )),
        "{report}"
    );

    // One more entry's content erased by hand is caught; so is a tombstone deleted.
    let tampered = dir.path().join("tampered.sqlite3");
    std::fs::copy(&db, &tampered).unwrap();
    let conn = support::raw_any(&tampered);
    conn.execute_batch(
        "DROP TRIGGER audit_append_only_update;
         UPDATE audit SET changes = '{}', reason = NULL, disposal_id = 1
         WHERE seq = (SELECT min(seq) FROM audit WHERE disposal_id IS NULL AND entity = 'cases');",
    )
    .unwrap();
    drop(conn);
    let out = command(&tampered, &["verify"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("an erasure no disposal authorised"), "{text}");

    let conn = support::raw_any(&db);
    conn.execute_batch(
        "DROP TRIGGER tombstone_append_only_delete;
         DELETE FROM tombstone WHERE id = (SELECT max(id) FROM tombstone);",
    )
    .unwrap();
    drop(conn);
    let out = command(&db, &["verify"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("disposal 1"), "{text}");
}

#[test]
fn held_open_and_early_cases_are_refused() {
    let (_dir, db) = support::demo();
    let due = due(&db);
    let (held, early_ok) = (&due[0], &due[1]);
    run(
        &db,
        &[
            "retention",
            "hold",
            held,
            "--reason",
            "Ombudsman enquiry 24 001 234",
        ],
    );
    let err = fails(&db, &["dispose", held, "--reason", "review"]);
    assert!(
        err.contains("legal hold") && err.contains("Ombudsman enquiry"),
        "{err}"
    );
    // All or nothing: one refused case refuses the batch.
    let err = fails(&db, &["dispose", early_ok, held, "--reason", "review"]);
    assert!(err.contains(held.as_str()), "{err}");
    run(&db, &["retention", "show", early_ok]);

    let open = open_case(&db);
    let err = fails(&db, &["dispose", &open, "--reason", "review"]);
    assert!(err.contains("only a closed case"), "{err}");

    // A closed case not yet due needs --early, and is recorded as early.
    let not_due: Vec<Value> = json(&db, &["retention", "due", "--within", "3650", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["due"] == false && r["blocked"].is_null())
        .cloned()
        .collect();
    let later = not_due[0]["reference"].as_str().unwrap();
    let err = fails(&db, &["dispose", later, "--reason", "erasure request"]);
    assert!(err.contains("--early"), "{err}");
    let d = json(
        &db,
        &[
            "dispose",
            later,
            "--early",
            "--reason",
            "Erasure request accepted",
            "--json",
        ],
    );
    assert_eq!(d["early"], true);
    assert_eq!(d["cases"][0]["early"], true);

    // Lifting the hold lets it go; an extension moves the review date on.
    run(
        &db,
        &["retention", "lift", held, "--reason", "Enquiry closed"],
    );
    run(
        &db,
        &[
            "retention",
            "extend",
            held,
            "--to",
            "2031-01-31",
            "--reason",
            "Pattern of conduct",
        ],
    );
    let r = json(&db, &["retention", "show", held, "--json"]);
    assert_eq!(r["review_on"], "2031-01-31");
    assert_eq!(r["due"], false);
    let err = fails(
        &db,
        &[
            "retention",
            "extend",
            held,
            "--to",
            "2030-01-01",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("review_on"), "{err}");
    // The schedule is the council's to change.
    let err = fails(
        &db,
        &[
            "retention",
            "set",
            "breach found",
            "--months",
            "0",
            "--start",
            "closure",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("months"), "{err}");
    run(
        &db,
        &[
            "retention",
            "set",
            "breach found",
            "--months",
            "84",
            "--start",
            "final determination",
            "--reason",
            "Committee decision 12 March",
        ],
    );
    let rules = run(&db, &["retention", "rules"]);
    assert!(
        rules.contains("7 years from the final determination  (changed"),
        "{rules}"
    );
    let report = run(&db, &["verify"]);
    assert!(report.contains("OK: no problems found"), "{report}");
}

#[test]
fn a_killed_disposal_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = plain_demo(dir.path());
    let refs = due(&base);
    let before = support::raw_any(&base)
        .query_row("SELECT count(*) FROM tombstone", [], |r| r.get::<_, i64>(0))
        .unwrap();
    assert_eq!(before, 0);
    let mut outcomes = (0, 0);
    for (i, wait) in [5u64, 20, 40, 60, 90, 130, 200, 400].iter().enumerate() {
        let db = dir.path().join(format!("kill-{i}.sqlite3"));
        std::fs::copy(&base, &db).unwrap();
        let mut args = vec!["dispose", "--reason", "review"];
        args.extend(refs.iter().map(String::as_str));
        let mut child = command(&db, &args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(*wait));
        let _ = child.kill();
        let _ = child.wait();
        let conn = support::raw_any(&db);
        let (stones, disposed, erased): (i64, i64, i64) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM tombstone),
                        (SELECT count(*) FROM cases WHERE disposal_id IS NOT NULL),
                        (SELECT count(*) FROM audit WHERE disposal_id IS NOT NULL)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        drop(conn);
        if disposed == 0 {
            assert_eq!(
                (stones, erased),
                (0, 0),
                "killed after {wait} ms: half disposed"
            );
            outcomes.0 += 1;
        } else {
            assert_eq!(
                disposed as usize,
                refs.len(),
                "killed after {wait} ms: some cases only"
            );
            assert!(stones > 0 && erased > 0);
            outcomes.1 += 1;
        }
        let report = run(&db, &["verify"]);
        assert!(
            report.contains("OK: no problems found"),
            "after {wait} ms: {report}"
        );
    }
    assert!(
        outcomes.0 > 0,
        "no run was killed before it committed: {outcomes:?}"
    );
}

/// Each case's kept review date beside what the review works out afresh.
fn kept_and_fresh(
    t: &support::TestDb,
    today: NaiveDate,
) -> Vec<(i64, Option<String>, Option<String>)> {
    let kept: Vec<(i64, Option<String>)> =
        t.db.conn()
            .prepare("SELECT case_id, review_on FROM case_progress ORDER BY case_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
    kept.into_iter()
        .map(|(id, on)| {
            // A disposed case has no review (not found) and keeps no date.
            let fresh = retention::review(t.db.conn(), id, today)
                .ok()
                .and_then(|r| r.review_on);
            (id, on, fresh)
        })
        .collect()
}

#[test]
fn the_kept_review_dates_follow_the_schedule_extensions_and_term_ends_and_verify_checks_them() {
    let mut t = support::open();
    let s = support::stamp();
    demo::load(&mut t.db, &s).unwrap();
    let today = s.at.date_naive();
    let far = NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
    let agree = |t: &support::TestDb, when: &str| {
        for (id, kept, fresh) in kept_and_fresh(t, today) {
            assert_eq!(kept, fresh, "case {id} {when}");
        }
        for until in [today, far] {
            let listed = retention::due(t.db.conn(), today, until).unwrap();
            assert_eq!(
                retention::due_count(t.db.conn(), until).unwrap(),
                listed.len(),
                "{when}"
            );
            assert!(listed
                .iter()
                .all(|r| r.review_on.as_deref() <= Some(&until.to_string()[..])));
        }
    };
    agree(&t, "after the demo");

    // A disposed case has no review left: the count drops by one.
    let before = retention::due(t.db.conn(), today, far).unwrap();
    let gone = before[0].reference.clone();
    t.db.write(|tx| {
        disposal::dispose(
            tx,
            &s,
            std::slice::from_ref(&gone),
            "its period has ended",
            true,
        )
    })
    .unwrap();
    agree(&t, "after a disposal");
    let dated = retention::due(t.db.conn(), today, far).unwrap();
    assert_eq!(dated.len(), before.len() - 1);
    assert!(dated.iter().all(|r| r.reference != gone));
    assert!(
        dated.len() >= 5,
        "the demo has closed cases with review dates: {}",
        dated.len()
    );

    // The schedule: keeping "no further action" cases 20 years from closure moves every one.
    let nfa: Vec<i64> = dated
        .iter()
        .filter(|r| r.ending == Some(Ending::NoFurtherAction))
        .map(|r| r.case_id)
        .collect();
    assert!(!nfa.is_empty());
    let keep_nfa = |t: &mut support::TestDb, months, start, reason| {
        let rule = Rule {
            ending: Ending::NoFurtherAction,
            months,
            start,
        };
        t.db.write(|tx| retention::set_rule(tx, &s, rule, reason))
            .unwrap();
    };
    keep_nfa(
        &mut t,
        240,
        RetentionStart::Closure,
        "a long-running Ombudsman review",
    );
    agree(&t, "after a change of schedule");
    for id in &nfa {
        let r = retention::review(t.db.conn(), *id, today).unwrap();
        let closed: NaiveDate = r.closed_on.unwrap()[..10].parse().unwrap();
        assert_eq!(
            r.review_on,
            Some(retention_rules::add_months(closed, 240).to_string())
        );
    }

    // An extension.
    let case_id = nfa[0];
    let until = NaiveDate::from_ymd_opt(2070, 3, 3).unwrap();
    t.db.write(|tx| retention::extend(tx, &s, case_id, until, "a claim against the council"))
        .unwrap();
    agree(&t, "after an extension");
    let kept: Option<String> =
        t.db.conn()
            .query_row(
                "SELECT review_on FROM case_progress WHERE case_id = ?1",
                [case_id],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(kept.as_deref(), Some("2070-03-03"));

    // Counted from leaving office: no date until the councillor's term end is known.
    keep_nfa(
        &mut t,
        12,
        RetentionStart::LeavingOffice,
        "kept while the member serves",
    );
    agree(&t, "counted from leaving office");
    assert!(nfa.len() >= 2, "{nfa:?}");
    let other = nfa[nfa.len() - 1];
    let councillor_id = case::get(t.db.conn(), other).unwrap().councillor.id;
    let c = councillor::get(t.db.conn(), councillor_id).unwrap();
    let new = councillor::NewCouncillor {
        name: c.name,
        council: c.council,
        ward: c.ward,
        party: c.party,
        co_opted: c.membership == "co-opted",
        term_start: None,
        term_end: Some(NaiveDate::from_ymd_opt(2026, 5, 7).unwrap()),
    };
    t.db.write(|tx| councillor::update(tx, &s, councillor_id, &new))
        .unwrap();
    agree(&t, "after a term end");
    assert_eq!(
        retention::review(t.db.conn(), other, today)
            .unwrap()
            .review_on
            .as_deref(),
        Some("2027-05-07")
    );
    let report = casebook::verify::verify(t.db.conn()).unwrap();
    assert!(report.ok(), "{:?}", report.problems);

    // A kept review date changed outside Casebook: verify names the case and both dates.
    t.db.conn()
        .execute(
            "UPDATE case_progress SET review_on = '2001-02-03' WHERE case_id = ?1",
            [other],
        )
        .unwrap();
    let reference = case::get(t.db.conn(), other).unwrap().reference;
    let problem = support::the_kept_progress_problem(t.db.conn(), &reference);
    assert!(
        problem
            .detail
            .contains("retention review date kept as 2001-02-03"),
        "{problem:?}"
    );
}
