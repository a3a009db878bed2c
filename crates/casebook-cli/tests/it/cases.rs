//! Cases: reference allocation, intake validation, listing, links.

on_both_stores! {
    use casebook::case::{self, Filter};
    use casebook::sql::Sql;
    use casebook::Error;

    use crate::support::{new_case, stamp};

    #[test]
    fn references_are_sequential_per_year_and_restart_each_year() {
        let mut t = open();
        let c = t.councillor("Alys Pennant");
        let refs: Vec<String> = [
            "2025-12-30",
            "2025-12-31",
            "2026-01-02",
            "2026-01-03",
            "2025-11-01",
        ]
        .iter()
        .map(|d| t.case(c, d, "Post about bins").reference)
        .collect();
        assert_eq!(
            refs,
            [
                "SC-2025-001",
                "SC-2025-002",
                "SC-2026-001",
                "SC-2026-002",
                "SC-2025-003"
            ]
        );
    }

    #[test]
    fn a_refused_case_leaves_no_gap_in_the_references() {
        let mut t = open();
        let c = t.councillor("Alys Pennant");
        assert_eq!(t.case(c, "2026-02-01", "first").reference, "SC-2026-001");
        let mut bad = new_case(c, "2026-02-02", "second");
        bad.post_url = Some("not a url".into());
        let s = stamp();
        let err =
            t.db.write(|tx| case::create(tx, &s, &bad, None))
                .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "post_url"),
            "{err}"
        );
        assert_eq!(t.case(c, "2026-02-03", "third").reference, "SC-2026-002");
    }

    #[test]
    fn two_connections_never_get_the_same_reference() {
        let mut t = open();
        let c = t.councillor("Alys Pennant");
        let mut other = t.another_connection();
        let s = stamp();
        let mut refs = Vec::new();
        for i in 0..6 {
            let new = new_case(c, "2026-04-01", &format!("case {i}"));
            let db = if i % 2 == 0 { &mut t.db } else { &mut other };
            refs.push(
                db.write(|tx| case::create(tx, &s, &new, None))
                    .unwrap()
                    .reference,
            );
        }
        let mut unique = refs.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 6, "{refs:?}");
        assert_eq!(unique.last().unwrap(), "SC-2026-006");
    }

    #[test]
    fn bad_intake_values_name_the_field() {
        let mut t = open();
        let c = t.councillor("Alys Pennant");
        let s = stamp();
        type Change = Box<dyn Fn(&mut case::NewCase)>;
        let cases: Vec<(&str, Change)> = vec![
            (
                "received_on",
                Box::new(|n| n.received_on = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
            ),
            ("channel", Box::new(|n| n.channel = "pigeon".into())),
            (
                "complainant_name",
                Box::new(|n| n.complainant_name = "   ".into()),
            ),
            (
                "complainant_type",
                Box::new(|n| n.complainant_type = "journalist".into()),
            ),
            (
                "confidentiality_reason",
                Box::new(|n| n.confidentiality_requested = true),
            ),
            ("councillor", Box::new(|n| n.councillor_id = 999)),
            ("platform", Box::new(|n| n.platform = "MySpace".into())),
            (
                "post_url",
                Box::new(|n| n.post_url = Some("javascript:alert(1)".into())),
            ),
            (
                "posted_at",
                Box::new(|n| n.posted_at = Some("31/02/2026".into())),
            ),
            (
                "posted_at",
                Box::new(|n| n.posted_at = Some("2026-05-01".into())),
            ),
            ("summary", Box::new(|n| n.summary = "x".repeat(20_001))),
            (
                "complainant_name",
                Box::new(|n| n.complainant_name = "Name\u{0}with NUL".into()),
            ),
        ];
        for (field, change) in cases {
            let mut new = new_case(c, "2026-04-01", "summary");
            change(&mut new);
            let err =
                t.db.write(|tx| case::create(tx, &s, &new, None))
                    .unwrap_err();
            match &err {
                Error::Invalid { field: f, .. } => assert_eq!(f, field, "{err}"),
                other => panic!("expected an Invalid error naming {field}, got {other}"),
            }
        }
        assert_eq!(
            t.count("SELECT count(*) FROM cases"),
            0,
            "nothing is stored for a refused case"
        );
    }

    #[test]
    fn twitter_is_stored_as_x_and_uk_dates_in_posted_at_are_normalised() {
        let mut t = open();
        let c = t.councillor("Alys Pennant");
        let mut new = new_case(c, "2026-04-01", "summary");
        new.platform = "twitter".into();
        new.posted_at = Some("28/03/2026 22:15".into());
        let s = stamp();
        let k = t.db.write(|tx| case::create(tx, &s, &new, None)).unwrap();
        assert_eq!(k.platform, "X");
        assert_eq!(k.posted_at.as_deref(), Some("2026-03-28T22:15"));
    }

    #[test]
    fn list_filters_narrow_the_results() {
        let mut t = open();
        let a = t.councillor("Alys Pennant");
        let b = t.councillor("Bernard Okafor");
        t.case(a, "2025-05-01", "one");
        t.case(a, "2026-05-01", "two");
        t.case(b, "2026-05-02", "three");
        let all = case::list(t.db.conn(), &Filter::default()).unwrap();
        assert_eq!(
            all.iter().map(|s| s.summary.as_str()).collect::<Vec<_>>(),
            ["three", "two", "one"]
        );
        let y = case::list(
            t.db.conn(),
            &Filter {
                year: Some(2026),
                ..Filter::default()
            },
        )
        .unwrap();
        assert_eq!(y.len(), 2);
        let by = case::list(
            t.db.conn(),
            &Filter {
                councillor_id: Some(b),
                ..Filter::default()
            },
        )
        .unwrap();
        assert_eq!(by.len(), 1);
        assert_eq!(by[0].councillor, "Bernard Okafor");
        let err = case::list(
            t.db.conn(),
            &Filter {
                platform: Some("Friendster".into()),
                ..Filter::default()
            },
        )
        .unwrap_err();
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "platform"));
    }

    /// The dashboard's complaints per month: the twelve months up to today's, each counted on its
    /// received day, the months either side left out (the range is on the day, not a function of it).
    #[test]
    fn complaints_per_month_count_the_twelve_months_up_to_today() {
        let mut t = open();
        let a = t.councillor("Alys Pennant");
        for day in [
            "2024-12-31",
            "2025-01-01",
            "2025-06-15",
            "2025-06-30",
            "2025-12-31",
            "2026-01-01",
        ] {
            t.case(a, day, "a post");
        }
        // In December: the months are January to December, and January's cases are the next year's.
        let today = chrono::NaiveDate::from_ymd_opt(2025, 12, 15).unwrap();
        let months = case::per_month(t.db.conn(), 12, today).unwrap();
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], ("2025-01".to_string(), 1));
        assert_eq!(months[5], ("2025-06".to_string(), 2));
        assert_eq!(months[11], ("2025-12".to_string(), 1));
        assert_eq!(months.iter().map(|(_, n)| n).sum::<i64>(), 4, "{months:?}");
    }

    /// The list's count joins the councillor and the kept progress only when the filter reads them:
    /// the count must still be exactly the cases the page draws from, for every kind of filter.
    #[test]
    fn a_page_counts_exactly_the_cases_its_filter_lists() {
        let t = demo_with_letters();
        let council: String = t
            .db
            .conn()
            .value("SELECT council FROM councillor ORDER BY id LIMIT 1", &[])
            .unwrap();
        let filters = [
            Filter::default(),
            Filter {
                stage: Some("open".into()),
                ..Filter::default()
            },
            Filter {
                stage: Some("closed".into()),
                ..Filter::default()
            },
            Filter {
                council: Some(council.clone()),
                ..Filter::default()
            },
            Filter {
                council: Some(council),
                stage: Some("open".into()),
                year: Some(2026),
                ..Filter::default()
            },
            Filter {
                platform: Some("Facebook".into()),
                ..Filter::default()
            },
        ];
        let mut seen_empty = false;
        for filter in &filters {
            let all = case::list(t.db.conn(), filter).unwrap();
            let page = case::page(
                t.db.conn(),
                filter,
                case::Sort::default(),
                0,
                case::MAX_PAGE,
            )
            .unwrap();
            assert_eq!(page.total, all.len() as i64, "{filter:?}");
            let refs =
                |rows: &[case::Summary]| rows.iter().map(|s| s.reference.clone()).collect::<Vec<_>>();
            assert_eq!(refs(&page.rows), refs(&all), "{filter:?}");
            seen_empty |= all.is_empty();
        }
        assert!(!seen_empty, "each filter matches some demo cases");
    }

    #[test]
    fn related_cases_are_linked_both_ways() {
        let mut t = open();
        let a = t.councillor("Alys Pennant");
        let k1 = t.case(a, "2026-05-01", "one");
        let k2 = t.case(a, "2026-05-02", "two");
        let s = stamp();
        t.db.write(|tx| case::link(tx, &s, k2.id, k1.id, "same post"))
            .unwrap();
        assert_eq!(
            case::links(t.db.conn(), k1.id).unwrap()[0].reference,
            k2.reference
        );
        assert_eq!(
            case::links(t.db.conn(), k2.id).unwrap()[0].kind,
            "same post"
        );
        let err =
            t.db.write(|tx| case::link(tx, &s, k1.id, k1.id, "same post"))
                .unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }));
    }

    /// Adding a councillor and changing one check their details by the same rules: a change cannot
    /// store what adding would refuse, and what is stored stays as it was.
    #[test]
    fn a_councillor_change_is_checked_as_adding_one_is() {
        let mut t = open();
        let s = crate::support::stamp();
        let id = t.councillor_of("Ada Lovelace", "Kingsmere City Council");
        t.councillor_of("Grace Hopper", "Kingsmere City Council");
        let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let backwards = casebook::councillor::NewCouncillor {
            name: "Ada Lovelace".into(),
            council: "Kingsmere City Council".into(),
            term_start: Some(day("2026-05-01")),
            term_end: Some(day("2022-05-01")),
            ..Default::default()
        };
        let taken = casebook::councillor::NewCouncillor {
            name: "grace hopper".into(),
            council: "Kingsmere City Council".into(),
            ..Default::default()
        };
        for (new, field) in [(&backwards, "term_end"), (&taken, "name")] {
            let added =
                t.db.write(|tx| casebook::councillor::add(tx, &s, new))
                    .unwrap_err();
            let changed =
                t.db.write(|tx| casebook::councillor::update(tx, &s, id, new))
                    .unwrap_err();
            for err in [added.to_string(), changed.to_string()] {
                assert!(err.starts_with(&format!("{field}: ")), "{err}");
            }
        }
        let stored = casebook::councillor::get(t.db.conn(), id).unwrap();
        assert_eq!(stored.name, "Ada Lovelace");
        assert_eq!(stored.term_end, None);
    }
}
