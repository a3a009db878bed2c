//! Cases on both engines: the same complaint logged through the same store code on a desktop's
//! SQLite file and in a council's schema on PostgreSQL reads back alike, its post text is kept
//! byte for byte with its hash, and searching its words finds it on both (every word, the last a
//! prefix; typed operators are only words).
#![allow(clippy::unwrap_used)]

mod support;

use casebook_domain::officer::{Role, Via};
use casebook_pgtest::Cluster;
use casebook_store::case::{self, NewCase};
use casebook_store::council::open_council;
use casebook_store::councillor::{self, NewCouncillor};
use casebook_store::evidence::{self, Capture};
use casebook_store::sql::Sql;
use casebook_store::{audit, search, Stamp};
use chrono::{DateTime, NaiveDate, Utc};
use support::{desktop, server_officer, OFFICER};

const POST: &str = "Rats everywhere in the bins on Mill Lane — the council's contractor is useless";

fn at() -> DateTime<Utc> {
    "2026-12-07T10:00:00Z".parse().unwrap()
}

/// Logs one complaint with its post text; what a reader then sees of it.
fn log_a_complaint(s: &impl Sql, officer: i64) -> (case::Case, Vec<u8>, Vec<String>) {
    let stamp = Stamp::officer(officer, OFFICER, Role::MonitoringOfficer, Via::App, at());
    let member = councillor::add(
        s,
        &stamp,
        &NewCouncillor {
            name: "Cllr Jo Bloggs".into(),
            council: "Kingsmere City Council".into(),
            ward: Some("Mill".into()),
            party: None,
            co_opted: false,
            term_start: None,
            term_end: None,
        },
    )
    .unwrap();
    let k = case::create(
        s,
        &stamp,
        &NewCase {
            reference: None,
            received_on: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
            channel: "email".into(),
            complainant_name: "A. Resident".into(),
            complainant_contact: None,
            complainant_type: "public".into(),
            confidentiality_requested: false,
            confidentiality_reason: None,
            councillor_id: member.id,
            platform: "Facebook".into(),
            post_url: None,
            posted_at: None,
            summary: "Post about bin collections".into(),
        },
        None,
    )
    .unwrap();
    let capture = Capture {
        captured_by: None,
        captured_at: None,
        source_url: None,
        description: None,
        derived_from: None,
    };
    let item = evidence::add_text(s, &stamp, k.id, POST, &capture).unwrap();
    assert_eq!(item.sha256, audit::sha256_hex(POST.as_bytes()));
    search::rebuild_all(s).unwrap();
    let found = |words: &str| -> Vec<String> {
        search::search(s, words, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.reference)
            .collect()
    };
    let mut hits = Vec::new();
    for words in [
        "rats",
        "bins mill",
        "contract",
        "Bloggs",
        "rats | !",
        "dragons",
    ] {
        hits.push(format!("{words}: {}", found(words).join(",")));
    }
    (
        case::get(s, k.id).unwrap(),
        evidence::bytes(s, item.id).unwrap(),
        hits,
    )
}

#[test]
fn a_complaint_logged_on_either_engine_reads_back_alike_and_is_found_by_its_words() {
    let dir = tempfile::tempdir().unwrap();
    let (mut db, me) = desktop(&dir, at());
    let lite = db.write(|tx| Ok(log_a_complaint(tx, me))).unwrap();

    let pg = Cluster::start();
    let mut conn = open_council(&pg.url("postgres"), 1).unwrap();
    let tx = conn.transaction().unwrap();
    let postgres = log_a_complaint(&tx, server_officer(&tx));
    tx.commit().unwrap();

    assert_eq!(lite.0.reference, "SC-2026-001");
    assert_eq!(
        serde_json::to_value(&lite.0).unwrap(),
        serde_json::to_value(&postgres.0).unwrap()
    );
    assert_eq!(lite.1, POST.as_bytes());
    assert_eq!(postgres.1, POST.as_bytes());
    assert_eq!(
        lite.2,
        [
            "rats: SC-2026-001",
            "bins mill: SC-2026-001",
            "contract: SC-2026-001",
            "Bloggs: SC-2026-001",
            "rats | !: SC-2026-001",
            "dragons: "
        ]
    );
    assert_eq!(lite.2, postgres.2);
}
