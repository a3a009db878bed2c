//! Letters and the procedure's other parties, through the store and the papers: every letter the
//! demo council's cases can have renders in every format; hostile text is inert in them; a
//! confidential complainant is never named to anyone else; a kept letter's hash is checked by
//! `verify`; the store refuses the new moves out of order and keeps nothing when it does; and the
//! annual report's figures on letters, reviews and cost match a count made here from the tables.

on_both_stores! {
    use std::collections::BTreeSet;

    use casebook::calendar::Calendar;
    use casebook_papers::template::Templates;
    use casebook::letters::{self, NewLetter};
    use casebook::procedure::{self, Move, NewConsultation, Report};
    use casebook::{case, parties, settings, verify};
    use casebook_papers::letter::{self, LETTER_FORMATS};
    use casebook_papers::Format;
    use chrono::NaiveDate;

    use crate::papers::extracted;
    use casebook::sql::Sql;
    use casebook_store::sql_params;

    use crate::support::{drop_trigger, new_case, stamp};

    const MADE_AT: &str = "2026-06-01T09:00:00Z";
    /// Asked for confidentiality, and was granted it.
    const SECRET: &str = "Dominic Farrow";
    const HOSTILE: &str = "<script>alert(1)</script> <img src=x onerror=alert(2)> {{ config }} \
                           {% raw %} #import \"evil.typ\" =HYPERLINK(\"http://evil.example\")";

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn step(t: &mut TestDb, id: i64, stage: &str, on: &str, outcome: Option<&str>) {
        let s = stamp();
        t.db.write(|tx| {
            procedure::advance(
                tx,
                &s,
                id,
                &Move {
                    stage: stage.into(),
                    on: d(on),
                    outcome: outcome.map(String::from),
                    actions: Vec::new(),
                    reason: outcome.map(|_| format!("Reasons: {HOSTILE}, as {SECRET} said.")),
                },
            )
        })
        .unwrap();
    }

    /// A complaint from a complainant granted confidentiality, with hostile text in its summary and
    /// reasons: acknowledged, the councillor told (a summary), decided after the Independent
    /// Person's views, the decision asked to be reviewed and reviewed.
    fn confidential_case() -> (TestDb, i64, String) {
        let mut t = open();
        let hollis = t.councillor_of("Sam Hollis", "Wexcombe Town Council");
        let mut new = new_case(hollis, "2026-03-02", &format!("{SECRET} says: {HOSTILE}"));
        new.complainant_name = SECRET.into();
        new.confidentiality_requested = true;
        new.confidentiality_reason = Some("Fears reprisal".into());
        let s = stamp();
        let k = t.db.write(|tx| case::create(tx, &s, &new, None)).unwrap();
        step(&mut t, k.id, "acknowledged", "2026-03-03", None);
        t.db.write(|tx| {
            procedure::decide_confidentiality(
                tx,
                &s,
                k.id,
                "granted",
                "Test Officer",
                d("2026-03-04"),
                "A real risk of reprisal",
            )?;
            parties::notify(tx, &s, k.id, d("2026-03-05"), "email", "a summary")?;
            Ok(())
        })
        .unwrap();
        step(&mut t, k.id, "initial assessment", "2026-03-06", None);
        t.db.write(|tx| {
            procedure::add_consultation(
                tx,
                &s,
                k.id,
                &NewConsultation {
                    ip_id: None,
                    person: "Margaret Ellison".into(),
                    consulted_on: d("2026-03-09"),
                    stage: None,
                    views: format!("No breach; {SECRET} was not named in the post."),
                },
            )
            .map(drop)
        })
        .unwrap();
        step(
            &mut t,
            k.id,
            "decision",
            "2026-03-10",
            Some("no further action"),
        );
        t.db.write(|tx| {
            parties::request_review(tx, &s, k.id, d("2026-03-12"), "complainant", HOSTILE)?;
            parties::decide_review(
                tx,
                &s,
                k.id,
                (
                    "Deputy Monitoring Officer",
                    "decision upheld",
                    d("2026-03-20"),
                ),
                &format!("Upheld: {HOSTILE}"),
            )
            .map(drop)
        })
        .unwrap();
        (t, k.id, k.reference)
    }

    #[test]
    fn every_letter_each_demo_case_can_have_renders_in_every_format() {
        let t = demo_with_letters();
        let conn = t.db.conn();
        let today = stamp().at.date_naive();
        let council = settings::text_value(conn, settings::COUNCIL_NAME)
            .unwrap()
            .unwrap();
        let (mut made, mut seen) = (0, BTreeSet::new());
        for c in case::list(conn, &case::Filter::default()).unwrap() {
            for (kind, party) in letter::offered(conn, c.id).unwrap() {
                let draft = letter::draft(conn, &c.reference, (kind, party), today, Templates::Builtin).unwrap();
                let md = &draft.markdown;
                assert!(
                    md.contains(&format!(
                        "Our reference: {}",
                        c.reference.replace('-', "\\-")
                    )),
                    "{kind} to {party}: {md}"
                );
                assert!(md.contains(&council), "{kind} to {party}: {md}");
                assert!(!md.contains("{{") && !md.contains("{%"), "{md}");
                // Each kind to each party in every format; the rest in the quick ones.
                let formats = if seen.insert((kind, party)) {
                    LETTER_FORMATS
                } else {
                    &[Format::Docx, Format::Md][..]
                };
                for f in formats {
                    let (name, bytes) = letter::render(&draft, md, *f, MADE_AT).unwrap();
                    assert!(name.ends_with(f.extension()), "{name}");
                    let text = extracted(&bytes, *f);
                    let escaped = c.reference.replace('-', "\\-");
                    assert!(
                        text.contains(&c.reference) || text.contains(&escaped),
                        "{kind} to {party} as {f:?}"
                    );
                }
                made += 1;
            }
        }
        let kinds: BTreeSet<&str> = seen.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            kinds,
            procedure::LETTER_KINDS.iter().copied().collect(),
            "the demo council can have every kind of letter"
        );
        assert!(made > 40, "{made} letters");
    }

    #[test]
    fn a_confidential_complainant_is_named_only_to_themselves_and_hostile_text_is_inert() {
        let (t, id, reference) = confidential_case();
        let conn = t.db.conn();
        let offered = letter::offered(conn, id).unwrap();
        for want in [
            ("acknowledgement", "complainant"),
            ("notification", "councillor"),
            ("decision", "councillor"),
            ("decision", "ip"),
            ("review", "councillor"),
        ] {
            assert!(offered.contains(&want), "{want:?} in {offered:?}");
        }
        let surname = SECRET.split(' ').next_back().unwrap();
        for (kind, party) in offered {
            let draft = letter::draft(conn, &reference, (kind, party), d("2026-03-23"), Templates::Builtin).unwrap();
            for f in LETTER_FORMATS {
                let (_, bytes) = letter::render(&draft, &draft.markdown, *f, MADE_AT).unwrap();
                let text = extracted(&bytes, *f);
                if party == "complainant" {
                    assert!(text.contains(SECRET), "{kind} to the complainant as {f:?}");
                } else {
                    assert!(
                        !text.contains(surname),
                        "{kind} to the {party} as {f:?} names the complainant: {text}"
                    );
                }
                match f {
                    Format::Html => {
                        let lower = text.to_lowercase();
                        assert!(
                            !lower.contains("<script") && !lower.contains("<img"),
                            "{text}"
                        );
                    }
                    Format::Md => {
                        let raw = text
                            .char_indices()
                            .filter(|(i, c)| *c == '<' && !text[..*i].ends_with('\\'))
                            .count();
                        assert_eq!(raw, 0, "an unescaped '<' in {kind} to {party}: {text}");
                    }
                    _ => {}
                }
            }
        }
        // The reasons reach the decision letter as text, in every format, and nothing in them runs.
        let draft = letter::draft(
            conn,
            &reference,
            ("decision", "councillor"),
            d("2026-03-23"),
            Templates::Builtin,
        )
        .unwrap();
        for f in [Format::Docx, Format::Pdf] {
            let (_, bytes) = letter::render(&draft, &draft.markdown, f, MADE_AT).unwrap();
            let text = extracted(&bytes, f);
            for piece in ["<script>alert(1)</script>", "{{ config }}", "#import"] {
                assert!(
                    text.contains(piece),
                    "{piece} kept as text in {f:?}: {text}"
                );
            }
        }
        let html = letter::render(&draft, &draft.markdown, Format::Html, MADE_AT)
            .unwrap()
            .1;
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("default-src 'none'"),
            "no remote requests or scripts"
        );
    }

    #[test]
    fn a_kept_letter_is_a_hashed_case_document_that_verify_checks() {
        let (mut t, id, reference) = confidential_case();
        let s = stamp();
        let draft = letter::draft(
            t.db.conn(),
            &reference,
            ("decision", "councillor"),
            d("2026-03-11"),
            Templates::Builtin,
        )
        .unwrap();
        let edited = draft
            .markdown
            .replace("Yours sincerely", "With thanks, yours sincerely");
        let kept = letter::keep(&draft, &edited, Format::Docx, MADE_AT, |new| {
            t.db.write(|tx| letters::save(tx, &s, id, new))
        })
        .unwrap();
        let doc_id = kept.letter.document_id.unwrap();
        let (doc, bytes) = casebook::document::bytes(t.db.conn(), doc_id).unwrap();
        assert_eq!(bytes, kept.bytes);
        assert_eq!(doc.sha256, casebook::audit::sha256_hex(&bytes));
        assert!(extracted(&bytes, Format::Docx).contains("With thanks, yours sincerely"));

        // Sent: not before its date, only by email or post, only once.
        let sent = |t: &mut TestDb, on: &str, by: &str| {
            t.db.write(|tx| letters::mark_sent(tx, &s, id, kept.letter.id, d(on), by))
        };
        let early = sent(&mut t, "2026-03-10", "email").unwrap_err().to_string();
        assert!(early.contains("on"), "{early}");
        let pigeon = sent(&mut t, "2026-03-12", "pigeon")
            .unwrap_err()
            .to_string();
        assert!(pigeon.contains("by"), "{pigeon}");
        let l = sent(&mut t, "2026-03-12", "post").unwrap();
        assert_eq!(
            (l.sent_on.as_deref(), l.sent_by.as_deref()),
            (Some("2026-03-12"), Some("post"))
        );
        let again = sent(&mut t, "2026-03-13", "email").unwrap_err().to_string();
        assert!(again.contains("was sent on 2026-03-12"), "{again}");

        let report = verify::verify(t.db.conn()).unwrap();
        assert!(report.ok(), "{report:?}");
        assert_eq!(report.documents, 1);

        // Someone with the file changes the kept letter's bytes: verify names the document.
        let conn = t.db.conn();
        drop_trigger(conn, "blob_immutable_update", "blob");
        let sql = "UPDATE blob SET bytes = ?1 WHERE sha256 = ?2";
        conn.run(sql, &sql_params![b"PK\x03\x04".to_vec(), doc.sha256])
            .unwrap();
        let report = verify::verify(conn).unwrap();
        assert!(!report.ok());
        let said = format!("{report:?}");
        assert!(said.contains(&format!("case document {doc_id}")), "{said}");
    }

    #[test]
    fn the_new_moves_are_refused_out_of_order_and_nothing_is_kept() {
        let mut t = open();
        let c = t.councillor("Sam Hollis");
        let k = t.case(c, "2026-03-02", "A post calling residents idiots.");
        let s = stamp();
        let before = t.count("SELECT count(*) FROM audit");
        type Try = fn(&Tx<'_>, &casebook::Stamp, i64) -> casebook::Result<()>;
        let refused: &[(&str, Try, &str)] = &[
            (
                "comments before the councillor is told",
                |tx, s, id| {
                    parties::comments_received(tx, s, id, d("2026-03-04"), Some("I disagree."), None)
                        .map(drop)
                },
                "told",
            ),
            (
                "an investigator before a decision to investigate",
                |tx, s, id| {
                    parties::appoint(tx, s, id, "Jo Smith", "external", d("2026-03-04")).map(drop)
                },
                "investigat",
            ),
            (
                "a cost with no investigator",
                |tx, s, id| parties::add_cost(tx, s, id, (d("2026-03-04"), 2.0, 15000), None).map(drop),
                "investigat",
            ),
            (
                "a report with no investigation",
                |tx, s, id| {
                    parties::report(tx, s, id, Report::DraftSent, d("2026-03-04"), None).map(drop)
                },
                "investigat",
            ),
            (
                "a review with no decision",
                |tx, s, id| {
                    parties::request_review(tx, s, id, d("2026-03-04"), "complainant", "Unfair")
                        .map(drop)
                },
                "decision",
            ),
            (
                "a review decided with none requested",
                |tx, s, id| {
                    parties::decide_review(
                        tx,
                        s,
                        id,
                        ("A Reviewer", "decision upheld", d("2026-03-04")),
                        "Fine",
                    )
                    .map(drop)
                },
                "review",
            ),
            (
                "a notification in the future",
                |tx, s, id| {
                    parties::notify(tx, s, id, d("2027-01-04"), "email", "the complaint").map(drop)
                },
                "on",
            ),
            (
                "a notification by carrier pigeon",
                |tx, s, id| {
                    parties::notify(tx, s, id, d("2026-03-04"), "pigeon", "the complaint").map(drop)
                },
                "method",
            ),
            (
                "a notification before the complaint arrived",
                |tx, s, id| {
                    parties::notify(tx, s, id, d("2026-02-04"), "email", "the complaint").map(drop)
                },
                "on",
            ),
            (
                "a decision letter before a decision",
                |tx, s, id| {
                    letters::save(
                        tx,
                        s,
                        id,
                        &NewLetter {
                            kind: "decision",
                            party: "councillor",
                            recipient: None,
                            dated: d("2026-03-04"),
                            bytes: b"x",
                            file_name: "x.md",
                        },
                    )
                    .map(drop)
                },
                "kind",
            ),
            (
                "a letter to the Independent Person with none consulted",
                |tx, s, id| {
                    letters::save(
                        tx,
                        s,
                        id,
                        &NewLetter {
                            kind: "acknowledgement",
                            party: "ip",
                            recipient: None,
                            dated: d("2026-03-04"),
                            bytes: b"x",
                            file_name: "x.md",
                        },
                    )
                    .map(drop)
                },
                "to",
            ),
        ];
        for (what, f, field) in refused {
            let e = t.db.write(|tx| f(tx, &s, k.id)).unwrap_err();
            let said = e.to_string();
            assert!(said.contains(field), "{what}: {said}");
        }
        assert_eq!(
            t.count("SELECT count(*) FROM audit"),
            before,
            "nothing was kept"
        );
        for table in [
            "councillor_notification",
            "investigation",
            "investigation_cost",
            "review_request",
            "letter",
            "case_document",
        ] {
            assert_eq!(
                t.count(&format!("SELECT count(*) FROM {table}")),
                0,
                "{table}"
            );
        }

        // In order, each is accepted; then a second notification and a second open review are not.
        step(&mut t, k.id, "acknowledged", "2026-03-03", None);
        t.db.write(|tx| {
            parties::notify(tx, &s, k.id, d("2026-03-04"), "post", "the complaint").map(drop)
        })
        .unwrap();
        let twice = t.db.write(|tx| {
            parties::notify(tx, &s, k.id, d("2026-03-05"), "email", "the complaint").map(drop)
        });
        assert!(twice.is_err());
        t.db.write(|tx| {
            parties::comments_received(tx, &s, k.id, d("2026-03-06"), Some("I disagree."), None)
                .map(drop)
        })
        .unwrap();
        step(&mut t, k.id, "initial assessment", "2026-03-09", None);
        step(
            &mut t,
            k.id,
            "decision",
            "2026-03-10",
            Some("investigation"),
        );
        t.db.write(|tx| {
            parties::appoint(tx, &s, k.id, "Jo Smith", "external", d("2026-03-11")).map(drop)
        })
        .unwrap();
        t.db.write(|tx| {
            parties::add_cost(
                tx,
                &s,
                k.id,
                (d("2026-03-12"), 3.5, 42000),
                Some("Interviews"),
            )
            .map(drop)
        })
        .unwrap();
        let final_without_file = t
            .db
            .write(|tx| parties::report(tx, &s, k.id, Report::Final, d("2026-03-13"), None).map(drop));
        assert!(final_without_file.unwrap_err().to_string().contains("file"));
        t.db.write(|tx| {
            parties::report(tx, &s, k.id, Report::DraftSent, d("2026-03-13"), None).map(drop)
        })
        .unwrap();
        t.db.write(|tx| {
            parties::request_review(
                tx,
                &s,
                k.id,
                d("2026-03-16"),
                "councillor",
                "Should not be investigated",
            )
            .map(drop)
        })
        .unwrap();
        let second = t.db.write(|tx| {
            parties::request_review(tx, &s, k.id, d("2026-03-17"), "complainant", "Too slow").map(drop)
        });
        assert!(second.is_err(), "one open request at a time");
        let p = procedure::status(t.db.conn(), k.id, d("2026-03-18")).unwrap();
        let inv = p.investigation.unwrap();
        assert_eq!((inv.hours(), inv.cost_pence()), (3.5, 42000));
        assert_eq!(
            p.notification.unwrap().comments.as_deref(),
            Some("I disagree.")
        );
        assert_eq!(p.reviews.len(), 1);
    }

    #[test]
    fn the_comments_and_review_deadlines_run_in_working_days_across_holidays_and_pauses() {
        let mut t = open();
        let c = t.councillor("Sam Hollis");
        // Received just before Christmas: the councillor is told on 22 December 2025.
        let k = t.case(c, "2025-12-19", "A post calling residents idiots.");
        let s = stamp();
        step(&mut t, k.id, "acknowledged", "2025-12-19", None);
        t.db.write(|tx| {
            parties::notify(tx, &s, k.id, d("2025-12-22"), "email", "the complaint").map(drop)
        })
        .unwrap();
        let due = |t: &TestDb, key: &str, today: &str| {
            let p = procedure::status(t.db.conn(), k.id, d(today)).unwrap();
            p.deadlines
                .into_iter()
                .find(|x| x.key == key)
                .map(|x| (x.due_on, x.status))
        };
        // 10 working days from 22 December: 25, 26 December and 1 January are bank holidays.
        let (on, status) = due(&t, "comments", "2025-12-23").unwrap();
        assert_eq!(on.as_deref(), Some("2026-01-08"));
        assert_eq!(status, "due");
        // The clock stopped for three working days moves it on by three.
        t.db.write(|tx| {
            procedure::pause(tx, &s, k.id, d("2025-12-29"), "awaiting information", None)?;
            procedure::resume(tx, &s, k.id, d("2026-01-02"), None)
        })
        .unwrap();
        let (on, _) = due(&t, "comments", "2026-01-05").unwrap();
        assert_eq!(on.as_deref(), Some("2026-01-13"));
        assert_eq!(due(&t, "comments", "2026-01-14").unwrap().1, "overdue");
        t.db.write(|tx| {
            parties::comments_received(tx, &s, k.id, d("2026-01-14"), Some("Late, sorry."), None)
                .map(drop)
        })
        .unwrap();
        assert_eq!(due(&t, "comments", "2026-01-15").unwrap().1, "late");

        // A review: 15 working days from the request, Easter Monday (6 April 2026) and Good Friday
        // (3 April) not counted.
        step(&mut t, k.id, "initial assessment", "2026-01-15", None);
        step(
            &mut t,
            k.id,
            "decision",
            "2026-03-20",
            Some("no further action"),
        );
        t.db.write(|tx| {
            parties::request_review(tx, &s, k.id, d("2026-03-25"), "complainant", "Unfair").map(drop)
        })
        .unwrap();
        let (on, status) = due(&t, "review", "2026-03-26").unwrap();
        assert_eq!(on.as_deref(), Some("2026-04-17"));
        assert_eq!(status, "due");
        let cal = Calendar::standard();
        assert_eq!(
            cal.working_days_between(d("2026-03-25"), d("2026-04-17"), &[]),
            15
        );
    }
}

/// What only a desktop's file is checked for: the annual figures counted here independently, with SQLite's own queries (on PostgreSQL, casebook-server's both.rs checks the whole annual report is the same).
mod sqlite_file {
    use std::collections::BTreeMap;

    use casebook::calendar::Calendar;
    use casebook::report::{self, Period};
    use chrono::NaiveDate;

    use casebook::sql::Sql;
    use casebook_store::sql_params;

    use crate::support::stores::lite::*;
    use crate::support::{stamp, stopped};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_annual_figures_on_letters_reviews_and_cost_match_an_independent_count() {
        let t = demo_with_letters();
        let conn = t.db.conn();
        let today = stamp().at.date_naive();
        let p = Period::new(d("2025-06-01"), d("2026-05-31")).unwrap();
        let r = report::stats(conn, p, today).unwrap();
        let ids: Vec<i64> = {
            let mut q = conn
                .prepare("SELECT id FROM cases WHERE received_on BETWEEN ?1 AND ?2")
                .unwrap();
            q.query_map([p.from.to_string(), p.to.to_string()], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let one = |sql: &str, id: i64| -> Option<String> {
            conn.query_row(sql, [id], |r| r.get(0)).ok().flatten()
        };
        let cal = Calendar::standard();

        // Decision letters: from the latest decision or outcome, until both the complainant's and
        // the councillor's first went.
        let (mut done, mut on_time, mut outstanding) = (0, 0, 0);
        for &id in &ids {
            let latest = conn
                .query_row(
                    "SELECT stage, on_date FROM stage_event WHERE case_id = ?1
                       AND stage IN ('decision', 'outcome') ORDER BY id DESC LIMIT 1",
                    [id],
                    |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
                )
                .ok();
            let Some((kind, on)) = latest else { continue };
            let first = |party: &str| {
                conn.query_row(
                    "SELECT min(sent_on) FROM letter WHERE case_id = ?1 AND kind = ?2
                       AND party = ?3 AND sent_on >= ?4",
                    rusqlite::params![id, kind, party, on],
                    |r| r.get::<_, Option<String>>(0),
                )
                .unwrap()
            };
            match (first("complainant"), first("councillor")) {
                (Some(a), Some(b)) => {
                    done += 1;
                    let days =
                        cal.working_days_between(d(&on), d(a.max(b).as_str()), &stopped(conn, id));
                    if days <= 5 {
                        on_time += 1;
                    }
                }
                _ => {
                    let closed = one(
                        "SELECT stage FROM stage_event WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
                        id,
                    )
                    .is_some_and(|s| s == "closed");
                    let none = conn
                        .query_row(
                            "SELECT count(*) FROM letter WHERE case_id = ?1",
                            [id],
                            |r| r.get::<_, i64>(0),
                        )
                        .unwrap()
                        == 0;
                    if !(closed && none) {
                        outstanding += 1;
                    }
                }
            }
        }
        assert!(done > 5, "the demo sends decision letters: {done}");
        assert!(on_time < done, "and some late");
        assert_eq!(
            (
                r.letters.done,
                r.letters.within_target,
                r.letters.outstanding
            ),
            (done, on_time, outstanding)
        );
        assert_eq!(r.letters.target_working_days, 5);

        // Reviews: requested, by whom, and what was decided.
        let in_period = "FROM review_request q JOIN cases k ON k.id = q.case_id
                         WHERE k.received_on BETWEEN ?1 AND ?2";
        let grouped = |sql: &str| -> BTreeMap<String, i64> {
            let mut q = conn.prepare(sql).unwrap();
            q.query_map([p.from.to_string(), p.to.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect()
        };
        let nonzero = |c: &[report::Count]| -> BTreeMap<String, i64> {
            c.iter()
                .filter(|c| c.count > 0)
                .map(|c| (c.key.clone(), c.count))
                .collect()
        };
        let requested: i64 = grouped(&format!("SELECT 'all', count(*) {in_period}"))
            .values()
            .sum();
        assert!(requested >= 2, "the demo has reviews: {requested}");
        assert_eq!(r.reviews.requested, requested);
        assert_eq!(
            nonzero(&r.reviews.by_requester),
            grouped(&format!(
                "SELECT q.requested_by, count(*) {in_period} GROUP BY 1"
            ))
        );
        assert_eq!(
            nonzero(&r.reviews.decisions),
            grouped(&format!(
                "SELECT coalesce(q.decision, 'not yet decided'), count(*) {in_period} GROUP BY 1"
            ))
        );

        // Investigations: how many, their hours and cost.
        let investigated = grouped(
            "SELECT 'all', count(*) FROM investigation i JOIN cases k ON k.id = i.case_id
             WHERE k.received_on BETWEEN ?1 AND ?2",
        );
        assert_eq!(r.investigations.count, investigated.values().sum::<i64>());
        let pence = grouped(
            "SELECT 'all', coalesce(sum(c.cost_pence), 0) FROM investigation_cost c
             JOIN cases k ON k.id = c.case_id WHERE k.received_on BETWEEN ?1 AND ?2",
        );
        assert!(r.investigations.total_cost_pence > 0);
        assert_eq!(
            r.investigations.total_cost_pence,
            pence.values().sum::<i64>()
        );
        let hours: f64 = conn
            .value(
                "SELECT coalesce(sum(c.hours), 0) FROM investigation_cost c JOIN cases k
                 ON k.id = c.case_id WHERE k.received_on BETWEEN ?1 AND ?2",
                &sql_params![p.from.to_string(), p.to.to_string()],
            )
            .unwrap();
        assert!((r.investigations.total_hours - hours).abs() < 1e-9);
        let each: i64 = r.investigations.each.iter().map(|i| i.cost_pence).sum();
        assert_eq!(
            each, r.investigations.total_cost_pence,
            "the rows add up to the total"
        );
    }
}
