//! The annual report's figures: every one checked against a count made here, independently, with
//! SQL over the demo council's data.

use std::collections::BTreeMap;

use casebook::calendar::Calendar;
use casebook::report::{self, Count, Period};
use casebook::{case, demo};
use chrono::NaiveDate;

use crate::support::{open, stamp, stopped};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn nonzero(counts: &[Count]) -> BTreeMap<String, i64> {
    counts
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| (c.key.clone(), c.count))
        .collect()
}

fn grouped(conn: &rusqlite::Connection, sql: &str, p: Period) -> BTreeMap<String, i64> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([p.from.to_string(), p.to.to_string()], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn periods_default_to_the_last_municipal_year() {
    let p = Period::last_municipal_year(d("2026-11-24"));
    assert_eq!((p.from, p.to), (d("2025-05-01"), d("2026-04-30")));
    let p = Period::last_municipal_year(d("2026-03-01"));
    assert_eq!((p.from, p.to), (d("2024-05-01"), d("2025-04-30")));
    let prev = p.previous();
    assert_eq!((prev.from, prev.to), (d("2023-05-02"), d("2024-04-30")));
    let err = Period::new(d("2026-05-01"), d("2026-04-30")).unwrap_err();
    assert!(err.to_string().starts_with("to:"), "{err}");
}

#[test]
fn every_figure_matches_an_independent_count() {
    let mut t = open();
    let s = stamp();
    demo::load(&mut t.db, &s).unwrap();
    let conn = t.db.conn();
    let today = s.at.date_naive();
    let p = Period::new(d("2025-06-01"), d("2026-05-31")).unwrap();
    let r = report::stats(conn, p, today).unwrap();

    let count = |sql: &str, p: Period| -> i64 {
        conn.query_row(sql, [p.from.to_string(), p.to.to_string()], |r| r.get(0))
            .unwrap()
    };
    let in_period = "FROM cases k JOIN councillor c ON c.id = k.councillor_id
                     WHERE k.received_on BETWEEN ?1 AND ?2";
    assert_eq!(r.total, count(&format!("SELECT count(*) {in_period}"), p));
    assert!(r.total > 10, "the demo fills the period: {}", r.total);
    assert_eq!(
        r.previous_total,
        count(&format!("SELECT count(*) {in_period}"), p.previous())
    );
    for (counts, column) in [
        (&r.by_platform, "k.platform"),
        (&r.by_council, "c.council"),
        (&r.by_complainant_type, "k.complainant_type"),
        (&r.capacity_determinations, "k.capacity_determination"),
        (&r.by_month, "substr(k.received_on, 1, 7)"),
    ] {
        assert_eq!(
            nonzero(counts),
            grouped(
                conn,
                &format!("SELECT {column}, count(*) {in_period} GROUP BY 1"),
                p
            ),
            "{column}"
        );
    }
    assert_eq!(r.by_month.len(), 12, "every month of the period is listed");
    for (counts, kind) in [
        (&r.by_responsibility, "responsibility"),
        (&r.by_legal_issue, "legal_issue"),
        (&r.by_code_obligation, "code_obligation"),
        (&r.by_nolan_principle, "nolan_principle"),
    ] {
        let sql = format!(
            "SELECT i.code, count(*) FROM case_tag t JOIN catalogue_item i ON i.id = t.item_id
             JOIN cases k ON k.id = t.case_id
             WHERE k.received_on BETWEEN ?1 AND ?2 AND i.kind = '{kind}' GROUP BY 1"
        );
        assert_eq!(nonzero(counts), grouped(conn, &sql, p), "{kind}");
    }
    assert_eq!(
        r.by_responsibility.len(),
        10,
        "every responsibility is listed"
    );

    let last = |stage: &str| {
        format!(
            "SELECT coalesce((SELECT s.outcome FROM stage_event s WHERE s.case_id = k.id
                   AND s.stage = '{stage}' ORDER BY s.id DESC LIMIT 1), 'none'), count(*)
             {in_period} GROUP BY 1"
        )
    };
    let mut decisions = grouped(conn, &last("decision"), p);
    if let Some(n) = decisions.remove("none") {
        decisions.insert("no decision yet".into(), n);
    }
    assert_eq!(nonzero(&r.decisions), decisions);
    let mut outcomes = grouped(conn, &last("outcome"), p);
    outcomes.remove("none");
    assert_eq!(nonzero(&r.final_outcomes), outcomes);

    assert_eq!(
        r.councillors_with_more_than_one_complaint,
        count(
            &format!(
                "SELECT count(*) FROM (SELECT c.id {in_period} GROUP BY c.id HAVING count(*) > 1)"
            ),
            p
        )
    );

    // Timeliness: working days from receipt to the first acknowledgement and first decision.
    let cal = Calendar::standard();
    for (stage, figures, target) in [
        ("acknowledged", &r.acknowledged, 5),
        ("decision", &r.decided, 20),
    ] {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT k.id, k.received_on, (SELECT min(s.on_date) FROM stage_event s
                     WHERE s.case_id = k.id AND s.stage = '{stage}')
                 {in_period}"
            ))
            .unwrap();
        let rows: Vec<(i64, String, Option<String>)> = stmt
            .query_map([p.from.to_string(), p.to.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let days: Vec<i64> = rows
            .iter()
            .filter_map(|(id, rec, done)| {
                Some(cal.working_days_between(d(rec), d(done.as_deref()?), &stopped(conn, *id)))
            })
            .collect();
        assert_eq!(figures.done, days.len() as i64, "{stage}");
        assert_eq!(figures.target_working_days, target);
        assert_eq!(
            figures.within_target,
            days.iter().filter(|n| **n <= target as i64).count() as i64,
            "{stage}"
        );
        let mut sorted = days.clone();
        sorted.sort_unstable();
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2] as f64
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0
        };
        assert_eq!(figures.median_working_days, Some(median), "{stage}");
        let pct = (figures.within_target as f64 * 1000.0 / figures.done as f64).round() / 10.0;
        assert_eq!(figures.percent_within_target, Some(pct));
    }
}

#[test]
fn related_complaints_count_once_as_an_incident() {
    let mut t = open();
    let s = stamp();
    let c = t.councillor("Gwen Tallis");
    let a = t.case(c, "2026-03-02", "First about the post").id;
    let b = t.case(c, "2026-03-03", "Second about the post").id;
    let e = t.case(c, "2026-03-04", "Third about the post").id;
    t.case(c, "2026-03-05", "Something else");
    t.db.write(|tx| {
        case::link(tx, &s, a, b, "same post")?;
        case::link(tx, &s, b, e, "same post")
    })
    .unwrap();
    let r = report::stats(
        t.db.conn(),
        Period::new(d("2026-03-01"), d("2026-03-31")).unwrap(),
        d("2026-06-01"),
    )
    .unwrap();
    assert_eq!((r.total, r.incidents), (4, 2));
    assert_eq!(r.councillors_with_more_than_one_complaint, 1);
    assert_eq!(r.acknowledged.outstanding, 4);
    assert_eq!(r.acknowledged.percent_within_target, None);
}
