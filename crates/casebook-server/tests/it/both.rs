//! The core on both stores, one suite: the demo council (forty complaints carried through the
//! procedure, with councillors, screenshots, post text, tags, capacity assessments, notes,
//! consultations, pauses and committee-paper marks) written by the same core code into a
//! desktop's SQLite file and into a council's schema on PostgreSQL; then everything an officer
//! sees is read from each and compared: every case's whole view, the dashboard, the case list
//! under each filter and sort, search, the annual report, and the audit trail's head, with
//! `verify` clean on both.

use casebook_papers::template::Templates;
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
    let annual =
        casebook_papers::annual::paper(s, period, today(), Templates::Builtin, "").unwrap();
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

/// The import's columns, and three rows (the second and third add councillors).
const LOG: &str = "reference,received_on,complainant_name,complainant_type,confidential,councillor_name,council,ward,party,co_opted,platform,post_url,posted_at,summary,post_text,tags,capacity_determination
,2025-03-14,Janet Moorcroft,public,no,Gwen Tallis,Kingsmere City Council,Westbury Heath,Conservative,no,Facebook,https://facebook.example/p/9,2025-03-12 21:40,Called residents cranks,\"We don't need cranks, \"\"thanks\"\"\",R8;C1,in capacity
,14/04/2025,Cllr Ravi Anand,councillor,yes,Gwen Tallis,Kingsmere City Council,,,,Twitter,,12/04/2025,Shared false library story,,R5,
,02/05/2025,Colin Ashworth,public,n,Peter Langridge,Kingsmere City Council,Audit Committee,,yes,X,,,Co-opted member's post about an officer,,C3,undetermined";

/// The first case (oldest first) at `stage`, or closed when `stage` is "closed".
fn at_stage(s: &impl Sql, stage: &str) -> casebook::Result<case::Summary> {
    let filter = Filter {
        stage: Some(stage.into()),
        ..Filter::default()
    };
    let mut found = case::list(s, &filter)?;
    found
        .pop()
        .ok_or_else(|| casebook::Error::not_found("case", stage.to_string()))
}

/// Step `n` of a day's work, some of it refused, in its own transaction on either store.
fn step(tx: &impl Sql, stamp: &Stamp, n: usize) -> casebook::Result<Value> {
    use casebook::{assessment, disposal, evidence, notes, procedure, retention, sar};
    let on = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let closed = at_stage(tx, "closed")?;
    let assessing = at_stage(tx, "initial assessment")?;
    // The oldest case still at "received" (from step 11 on, the first row of the imported log).
    let fresh = at_stage(tx, "received")?;
    let moving = |stage: &str, reason: Option<&str>| procedure::Move {
        on: today(),
        stage: stage.into(),
        outcome: None,
        actions: Vec::new(),
        reason: reason.map(String::from),
    };
    Ok(match n {
        // Refusals: a closed case moved on, a decision without its outcome and reasons, a
        // step dated before the complaint, an unknown code, an indicator as a tag, an empty
        // note, a web page offered as a screenshot, a disposal of an open case.
        0 => json(procedure::advance(
            tx,
            stamp,
            closed.id,
            &moving("decision", None),
        )?),
        1 => json(procedure::advance(
            tx,
            stamp,
            assessing.id,
            &moving("decision", None),
        )?),
        2 => {
            let early = procedure::Move {
                on: on("2001-01-01"),
                outcome: Some("no further action".into()),
                ..moving("decision", Some("Too early"))
            };
            json(procedure::advance(tx, stamp, assessing.id, &early)?)
        }
        3 => json(assessment::tag(tx, stamp, assessing.id, "NOPE", None)?),
        4 => json(assessment::tag(tx, stamp, assessing.id, "I1", None)?),
        5 => json(notes::add(tx, stamp, assessing.id, "   ")?),
        6 => {
            let page = b"<html><script>alert(1)</script></html>";
            let capture = evidence::Capture::default();
            json(evidence::add_file(
                tx,
                stamp,
                assessing.id,
                page,
                Some("post.png"),
                &capture,
            )?)
        }
        7 => json(disposal::dispose(
            tx,
            stamp,
            std::slice::from_ref(&assessing.reference),
            "Past its time",
            true,
        )?),
        // Work done: a decision with its reasons, a tag, a note, a log imported (and one with a
        // bad date refused whole), a subject access request and what it finds, the retention
        // reviews due, and a closed case's personal data disposed of early.
        8 => {
            let decided = procedure::Move {
                outcome: Some("no further action".into()),
                ..moving("decision", Some("Not a breach of the code"))
            };
            json(procedure::advance(tx, stamp, assessing.id, &decided)?)
        }
        9 => json(assessment::tag(
            tx,
            stamp,
            assessing.id,
            "LGA5",
            Some("Posting late"),
        )?),
        10 => json(notes::add(
            tx,
            stamp,
            assessing.id,
            "Spoke to the *complainant*",
        )?),
        11 => json(casebook::import::import(
            tx,
            stamp,
            LOG.as_bytes(),
            "log.csv",
            false,
        )?),
        12 => {
            let bad = LOG.replace("02/05/2025", "31/02/2025");
            json(casebook::import::import(
                tx,
                stamp,
                bad.as_bytes(),
                "bad.csv",
                false,
            )?)
        }
        13 => {
            let who = case::get(tx, closed.id)?.complainant.name;
            let request = sar::new(tx, stamp, &who, "2026-12-01", None)?;
            json((request.clone(), sar::hits(tx, request.id)?))
        }
        14 => json(retention::due(tx, today(), on("2027-12-31"))?),
        15 => json(disposal::dispose(
            tx,
            stamp,
            std::slice::from_ref(&closed.reference),
            "Asked to erase",
            true,
        )?),
        // The procedure's other records, the capacity assessment, links, notes rewritten and
        // retention holds, with their refusals (a second pause, a reason not on the list, a
        // confidentiality decision nobody asked for, an answer not yes/no/unknown, a case linked
        // to itself, a second hold, a review date moved back).
        16 => {
            let c = procedure::NewConsultation {
                ip_id: None,
                person: "Dr Amara Okafor".into(),
                consulted_on: today(),
                stage: None,
                views: "A breach is unlikely".into(),
            };
            json(procedure::add_consultation(tx, stamp, fresh.id, &c)?)
        }
        17 => {
            let paused =
                procedure::pause(tx, stamp, fresh.id, today(), "awaiting information", None)?;
            // Paused twice: the second is refused, the first kept.
            let again = procedure::pause(tx, stamp, fresh.id, today(), "other", None);
            json((paused, outcome(again.map(json))))
        }
        18 => json(procedure::resume(
            tx,
            stamp,
            fresh.id,
            today(),
            Some("Information in"),
        )?),
        19 => json(procedure::pause(
            tx,
            stamp,
            fresh.id,
            today(),
            "lunch",
            None,
        )?),
        20 => json(procedure::decide_confidentiality(
            tx,
            stamp,
            fresh.id,
            "granted",
            "Alex Morgan",
            today(),
            "Risk of reprisal",
        )?),
        21 => json(assessment::answer_indicator(
            tx,
            stamp,
            fresh.id,
            "I1",
            "yes",
            Some("Bio says Cllr"),
        )?),
        22 => json(assessment::answer_indicator(
            tx, stamp, fresh.id, "I2", "perhaps", None,
        )?),
        23 => json(assessment::determine(
            tx,
            stamp,
            fresh.id,
            "in capacity",
            Some("Profile and content"),
        )?),
        24 => {
            case::link(tx, stamp, fresh.id, closed.id, "same incident")?;
            json(case::links(tx, fresh.id)?)
        }
        25 => json(case::link(tx, stamp, fresh.id, fresh.id, "same post")?),
        26 => {
            let note = notes::add(tx, stamp, fresh.id, "First thoughts")?;
            json(notes::edit(tx, stamp, note.id, "Second thoughts")?)
        }
        27 => json(retention::hold(tx, stamp, closed.id, "Litigation pending")?),
        28 => json(retention::hold(tx, stamp, closed.id, "Again")?),
        29 => json(retention::extend(
            tx,
            stamp,
            closed.id,
            on("2020-01-01"),
            "Too soon",
        )?),
        _ => {
            let report = verify::verify(tx)?;
            json((report.problems, audit::head(tx)?))
        }
    })
}

const STEPS: usize = 31;
/// The steps that must be refused (on both stores alike).
const REFUSED: &[usize] = &[0, 1, 2, 3, 4, 5, 6, 7, 12, 19, 20, 22, 25, 28, 29];

/// A step's result as compared: its value, or the error's kind and words.
fn outcome(r: casebook::Result<Value>) -> Value {
    match r {
        Ok(v) => serde_json::json!({ "ok": v }),
        Err(e) => serde_json::json!({ "error": e.code(), "message": e.to_string() }),
    }
}

#[test]
fn the_same_work_and_the_same_refusals_on_either_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("casebook.sqlite3");
    let mut db = Db::open(&path, &Key::Plain, &Stamp::new(OFFICER, at())).unwrap();
    let stamp = officer::resolve(db.conn(), OFFICER)
        .unwrap()
        .stamp(Via::App, at());
    db.write(|tx| demo::fill(tx, &stamp)).unwrap();
    let lite: Vec<Value> = (0..STEPS)
        .map(|n| outcome(db.write(|tx| step(tx, &stamp, n))))
        .collect();

    let pg = casebook_pgtest::Cluster::start();
    let mut council = CouncilDb::open(&pg.url("postgres"), 1).unwrap();
    let stamp = council
        .write(|tx| {
            let opener = Stamp::new(OFFICER, at());
            let first = officer::register_first(tx, &opener)?;
            catalogue::seal_unrecorded(tx, &officer::opening_stamp(tx, &opener)?)?;
            let stamp = first.stamp(Via::App, at());
            demo::fill(tx, &stamp)?;
            Ok(stamp)
        })
        .unwrap();
    let postgres: Vec<Value> = (0..STEPS)
        .map(|n| outcome(council.write(|tx| step(tx, &stamp, n))))
        .collect();

    // The refusals are refusals, and the work was done, on both.
    for (n, o) in lite.iter().enumerate() {
        eprintln!(
            "step {n}: {}",
            o.to_string().chars().take(200).collect::<String>()
        );
    }
    for (n, o) in lite.iter().enumerate() {
        let refused = REFUSED.contains(&n);
        assert_eq!(o.get("error").is_some(), refused, "step {n}: {o}");
    }
    for (n, (a, b)) in lite.iter().zip(&postgres).enumerate() {
        assert_eq!(a, b, "step {n} differs between the engines");
    }
    assert_eq!(lite[STEPS - 1]["ok"][0], serde_json::json!([]));
}
