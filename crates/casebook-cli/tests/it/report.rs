//! The annual report's figures: every one checked against a count made here, independently, with
//! SQL over the demo council's data.

on_both_stores! {
    use std::collections::BTreeMap;

    use casebook::calendar::Calendar;
    use casebook::report::{self, Count, Period};
    use casebook::case;
    use casebook::sql::{Param, Sql};
    use casebook_store::sql_params;
    use chrono::NaiveDate;

    use crate::support::{stamp, stopped};

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

    fn in_period(p: Period) -> [Param<'static>; 2] {
        sql_params![p.from.to_string(), p.to.to_string()]
    }

    fn grouped(conn: &impl Sql, sql: &str, p: Period) -> BTreeMap<String, i64> {
        let rows = conn.rows(sql, &in_period(p)).unwrap();
        rows.iter()
            .map(|r| (r.get(0).unwrap(), r.get(1).unwrap()))
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
        t.demo();
        every_figure_matches(t.db.conn(), s.at.date_naive());
    }

    /// A generated council of 2,000 complaints over two years, at every stage and with every kind
    /// of ending, as a complaints log to import.
    fn generated_log(n: usize) -> String {
        let mut csv = String::from(
            "received_on,complainant_name,complainant_type,councillor_name,council,platform,summary,tags,capacity_determination,stage,outcome,acknowledged_on,decided_on,closed_on,sanctions",
        );
        // Two years of complaints, the last received three months before the test's today.
        let start = d("2024-04-01");
        let cal = Calendar::standard();
        let platforms = ["Facebook", "X", "TikTok", "Instagram", "YouTube"];
        let types = ["public", "public", "councillor", "officer", "other"];
        let tags = ["R1;L2", "R5;C3;N7", "R3", "", "L8;R10"];
        let councils = ["Kingsmere City Council", "Eastvale Borough Council"];
        let determinations = ["in capacity", "not in capacity", "undetermined", ""];
        for i in 0..n {
            let received = start + chrono::Duration::days((i * 700 / n) as i64);
            // Each step on a working day, as an officer records it (received may be any day).
            let day = |after: i64| {
                let mut on = received + chrono::Duration::days(after);
                while !cal.is_working_day(on) {
                    on += chrono::Duration::days(1);
                }
                on.to_string()
            };
            // Some acknowledged within the target and some late; decisions likewise.
            let (ack, dec, closed) = (day(1 + (i % 9) as i64), day(12 + (i % 31) as i64), day(45));
            let (stage, outcome, a, de, c, sanctions) = match i % 8 {
                0 => ("received", "", "", "", "", ""),
                1 => ("acknowledged", "", ack.as_str(), "", "", ""),
                2 => (
                    "closed",
                    "no further action",
                    ack.as_str(),
                    dec.as_str(),
                    closed.as_str(),
                    "",
                ),
                3 => (
                    "closed",
                    "informal resolution",
                    ack.as_str(),
                    dec.as_str(),
                    closed.as_str(),
                    "apology",
                ),
                4 => (
                    "decision",
                    "out of scope: not acting in capacity",
                    ack.as_str(),
                    dec.as_str(),
                    "",
                    "",
                ),
                5 => (
                    "closed",
                    "breach found",
                    ack.as_str(),
                    dec.as_str(),
                    closed.as_str(),
                    "formal letter",
                ),
                6 => (
                    "closed",
                    "no breach",
                    ack.as_str(),
                    dec.as_str(),
                    closed.as_str(),
                    "",
                ),
                _ => (
                    "closed",
                    "withdrawn by complainant",
                    "",
                    dec.as_str(),
                    closed.as_str(),
                    "",
                ),
            };
            csv.push_str(&format!(
                "\n{received},Resident {i},{},Cllr Member {},{},{},Complaint {i},{},{},{stage},{outcome},{a},{de},{c},{sanctions}",
                types[i % 5],
                i % 90,
                councils[i % 90 % 2],
                platforms[i % 5],
                tags[i % 5],
                determinations[i % 4],
            ));
        }
        csv
    }

    #[test]
    fn every_figure_matches_an_independent_count_on_a_generated_2000_case_council() {
        let mut t = open();
        let s = stamp();
        let log = generated_log(2_000);
        let out =
            t.db.write(|tx| casebook::import::import(tx, &s, log.as_bytes(), "generated.csv", false))
                .unwrap();
        assert_eq!(out.cases.len(), 2_000);
        every_figure_matches(t.db.conn(), s.at.date_naive());
        let report = casebook::verify::verify(t.db.conn()).unwrap();
        assert!(report.ok(), "{:?}", report.problems);
        assert_eq!(report.cases_progress_checked, 2_000);
    }

    /// Each of the annual figures for 2025-26, as `report::stats` makes them, against a count made
    /// here straight from the recorded rows.
    fn every_figure_matches(conn: &impl Sql, today: NaiveDate) {
        let p = Period::new(d("2025-06-01"), d("2026-05-31")).unwrap();
        let r = report::stats(conn, p, today).unwrap();

        let count = |sql: &str, p: Period| -> i64 {
            conn.value(sql, &in_period(p)).unwrap()
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
                    "SELECT count(*) FROM (SELECT c.id {in_period} GROUP BY c.id HAVING count(*) > 1) AS many"
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
            let sql = format!(
                "SELECT k.id, k.received_on, (SELECT min(s.on_date) FROM stage_event s
                     WHERE s.case_id = k.id AND s.stage = '{stage}')
                 {in_period}"
            );
            let rows: Vec<(i64, String, Option<String>)> = conn
                .rows(&sql, &self::in_period(p))
                .unwrap()
                .iter()
                .map(|r| (r.get(0).unwrap(), r.get(1).unwrap(), r.get(2).unwrap()))
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

    #[test]
    fn a_holiday_moves_the_kept_due_dates_and_verify_finds_a_kept_date_changed_behind_its_back() {
        let mut t = open();
        let s = stamp();
        t.demo();
        let kept = |t: &TestDb| -> Vec<(i64, String, String)> {
            let sql = "SELECT case_id, deadline, due_on FROM case_due ORDER BY case_id, position";
            let rows = t.db.conn().rows(sql, &[]).unwrap();
            rows.iter()
                .map(|r| (r.get(0).unwrap(), r.get(1).unwrap(), r.get(2).unwrap()))
                .collect()
        };
        let before = kept(&t);
        assert!(!before.is_empty(), "the demo has open deadlines");
        // A council holiday on the latest due date (a working day) puts that deadline a day later.
        let (case_id, deadline, due) = before.iter().max_by_key(|k| k.2.clone()).unwrap().clone();
        t.db.write(|tx| casebook::calendar::add_holiday(tx, &s, d(&due), "Council day"))
            .unwrap();
        let after = kept(&t);
        let moved = after
            .iter()
            .find(|k| k.0 == case_id && k.1 == deadline)
            .unwrap();
        assert!(
            moved.2 > due,
            "{deadline} of case {case_id}: {due} -> {}",
            moved.2
        );
        let report = casebook::verify::verify(t.db.conn()).unwrap();
        assert!(report.ok(), "{:?}", report.problems);
        assert_eq!(report.cases_progress_checked, 40);

        // A kept date changed outside Casebook: verify names the case.
        t.db.conn()
            .run("UPDATE case_due SET due_on = '2099-01-01' WHERE case_id = ?1", &sql_params![case_id])
            .unwrap();
        let reference: String =
            t.db.conn()
                .value("SELECT reference FROM cases WHERE id = ?1", &sql_params![case_id])
                .unwrap();
        let problem = crate::support::the_kept_progress_problem(t.db.conn(), &reference);
        assert!(problem.detail.contains("2099-01-01"), "{problem:?}");
    }
}
