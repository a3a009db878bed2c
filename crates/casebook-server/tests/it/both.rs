//! The core on both stores, one suite: the demo council (forty complaints carried through the
//! procedure, with councillors, screenshots, post text, tags, capacity assessments, notes,
//! consultations, pauses and committee-paper marks) written by the same core code into a
//! desktop's SQLite file and into a council's schema on PostgreSQL; then everything an officer
//! sees is read from each and compared: every case's whole view, the dashboard, the case list
//! under each filter and sort, search, the annual report, and the audit trail's head, with
//! `verify` clean on both.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

use casebook::case::{self, Filter, Sort, SortKey};
use casebook::council::CouncilDb;
use casebook::officer::Via;
use casebook::report::Period;
use casebook::sql::Sql;
use casebook::{audit, catalogue, demo, officer, search, verify, views, Db, Key, Stamp};

const OFFICER: &str = "Alex Morgan";

fn at() -> DateTime<Utc> {
    "2026-12-07T10:00:00Z".parse().unwrap()
}

fn today() -> NaiveDate {
    at().date_naive()
}

fn json(v: impl serde::Serialize) -> Value {
    serde_json::to_value(v).unwrap()
}

/// Everything compared, read from one store, by name.
fn seen(s: &impl Sql) -> Vec<(String, Value)> {
    let mut seen = Vec::new();
    let all = case::list(s, &Filter::default()).unwrap();
    assert_eq!(all.len(), 40);
    for k in &all {
        let detail = views::case_detail(s, &k.reference, today()).unwrap();
        seen.push((format!("case {}", k.reference), json(detail)));
    }
    seen.push((
        "dashboard".into(),
        json(views::dashboard(s, today(), 10).unwrap()),
    ));
    let filters = [
        ("every case", Filter::default()),
        (
            "open",
            Filter {
                stage: Some("open".into()),
                ..Filter::default()
            },
        ),
        (
            "Facebook in 2025",
            Filter {
                platform: Some("Facebook".into()),
                year: Some(2025),
                ..Filter::default()
            },
        ),
        (
            "tagged R8",
            Filter {
                tag: Some("R8".into()),
                ..Filter::default()
            },
        ),
        (
            "in capacity",
            Filter {
                determination: Some("in capacity".into()),
                ..Filter::default()
            },
        ),
        (
            "words 'council'",
            Filter {
                words: Some("council".into()),
                ..Filter::default()
            },
        ),
    ];
    let keys = [
        SortKey::Reference,
        SortKey::ReceivedOn,
        SortKey::Councillor,
        SortKey::Platform,
        SortKey::Stage,
        SortKey::CapacityDetermination,
    ];
    for (name, filter) in &filters {
        for key in keys {
            for ascending in [true, false] {
                let sort = Sort { key, ascending };
                let page = case::page(s, filter, sort, 0, 500).unwrap();
                seen.push((format!("list {name} by {key:?} {ascending}"), json(page)));
            }
        }
        let second = case::page(s, filter, Sort::default(), 5, 7).unwrap();
        seen.push((format!("list {name}, second page"), json(second)));
    }
    for words in [
        "rats",
        "abusive language",
        "council",
        "bin",
        "Cllr",
        "confid",
    ] {
        let mut found: Vec<String> = search::search(s, words, 50)
            .unwrap()
            .into_iter()
            .map(|h| h.reference)
            .collect();
        // Ranking is each engine's own (FTS5's bm25, PostgreSQL's ts_rank): the same cases.
        found.sort();
        seen.push((format!("search {words}"), json(found)));
    }
    let period = Period::last_municipal_year(today());
    let annual = casebook_papers::annual::paper(s, period, today(), None, "").unwrap();
    seen.push(("annual report".into(), json(annual.markdown)));
    let report = verify::verify(s).unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    seen.push(("audit head".into(), json(audit::head(s).unwrap())));
    seen
}

#[test]
fn the_demo_council_written_on_either_store_reads_the_same_in_every_view() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casebook.sqlite3");
    let mut db = Db::open(&path, &Key::Plain, &Stamp::new(OFFICER, at())).unwrap();
    let stamp = officer::resolve(db.conn(), OFFICER)
        .unwrap()
        .stamp(Via::App, at());
    db.write(|tx| demo::fill(tx, &stamp)).unwrap();
    let lite = seen(db.conn());

    let pg = casebook_pgtest::Cluster::start();
    let mut council = CouncilDb::open(&pg.url("postgres"), 1).unwrap();
    council
        .write(|tx| {
            // As a desktop file is first opened: its first officer, then the seeded catalogue
            // into the trail under them.
            let opener = Stamp::new(OFFICER, at());
            let first = officer::register_first(tx, &opener)?;
            catalogue::seal_unrecorded(tx, &officer::opening_stamp(tx, &opener)?)?;
            demo::fill(tx, &first.stamp(Via::App, at()))
        })
        .unwrap();
    let postgres = council.read(|tx| Ok(seen(tx))).unwrap();

    assert_eq!(lite.len(), postgres.len());
    let mut differ = Vec::new();
    for ((name, a), (_, b)) in lite.iter().zip(&postgres) {
        if a != b {
            differ.push(format!("{name}:\n  SQLite:     {a}\n  PostgreSQL: {b}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} views differ between the engines:\n{}",
        differ.len(),
        lite.len(),
        differ
            .iter()
            .map(|d| d.chars().take(1500).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    );
}
