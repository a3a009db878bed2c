//! Full-text search over summaries, post text, notes and councillor names.

on_both_stores! {
    use casebook::councillor::NewCouncillor;
    use casebook::evidence::Capture;
    use casebook::{assessment, councillor, evidence, search};

    use crate::support::stamp;

    pub(crate) fn refs(t: &TestDb, q: &str) -> Vec<String> {
        let mut r: Vec<String> = search::search(t.db.conn(), q, 50)
            .unwrap()
            .into_iter()
            .map(|h| h.reference)
            .collect();
        r.sort();
        r
    }

    #[test]
    fn finds_cases_by_summary_post_text_notes_and_councillor() {
        let mut t = open();
        let a = t.councillor("Alys Pennant");
        let b = t.councillor("Bernard Okafor");
        let k1 = t.case(a, "2026-04-01", "Called objectors to the depot cranks");
        let k2 = t.case(b, "2026-04-02", "Shared a spoof story about libraries");
        let s = stamp();
        t.db.write(|tx| {
            evidence::add_text(
                tx,
                &s,
                k2.id,
                "BREAKING: all libraries closing by Christmas",
                &Capture::default(),
            )?;
            assessment::tag(
                tx,
                &s,
                k1.id,
                "R8",
                Some("Derogatory language about residents"),
            )?;
            assessment::answer_indicator(
                tx,
                &s,
                k2.id,
                "I3",
                "yes",
                Some("Shares council newsletter weekly"),
            )
        })
        .unwrap();
        assert_eq!(refs(&t, "depot"), [k1.reference.as_str()]);
        assert_eq!(
            refs(&t, "christmas"),
            [k2.reference.as_str()],
            "post text is searched"
        );
        assert_eq!(
            refs(&t, "derogatory"),
            [k1.reference.as_str()],
            "tag notes are searched"
        );
        assert_eq!(
            refs(&t, "newsletter"),
            [k2.reference.as_str()],
            "indicator notes are searched"
        );
        assert_eq!(
            refs(&t, "okafor"),
            [k2.reference.as_str()],
            "councillor names are searched"
        );
        assert_eq!(
            refs(&t, "librar"),
            [k2.reference.as_str()],
            "the last word matches as a prefix"
        );
        assert_eq!(
            refs(&t, "closing libraries"),
            [k2.reference.as_str()],
            "stemming: closing ~ close"
        );
        assert_eq!(
            refs(&t, &k1.reference),
            [k1.reference.as_str()],
            "references are searched"
        );
        assert!(
            refs(&t, "depot libraries").is_empty(),
            "every word must match"
        );
    }

    #[test]
    fn query_syntax_in_input_is_taken_literally() {
        let mut t = open();
        let a = t.councillor("Alys Pennant");
        t.case(a, "2026-04-01", "He said \"NEAR\" the school OR the park");
        for q in [
            "\"",
            "*",
            "OR (",
            "NEAR(",
            "a\" OR \"b",
            "-",
            "col:value",
            "'; DROP TABLE cases; --",
            "",
        ] {
            search::search(t.db.conn(), q, 10).unwrap_or_else(|e| panic!("query {q:?} failed: {e}"));
        }
        assert_eq!(refs(&t, "near school").len(), 1);
        assert!(search::fts_query("   ").is_none());
    }

    #[test]
    fn renaming_a_councillor_updates_search() {
        let mut t = open();
        let a = t.councillor("Alys Pennant");
        let k = t.case(a, "2026-04-01", "Post");
        let s = stamp();
        t.db.write(|tx| {
            councillor::update(
                tx,
                &s,
                a,
                &NewCouncillor {
                    name: "Alys Pennant-Rhys".into(),
                    council: "Kingsmere City Council".into(),
                    ..NewCouncillor::default()
                },
            )
        })
        .unwrap();
        assert_eq!(refs(&t, "Rhys"), [k.reference]);
    }
}

/// What only a desktop's file does: an index out of step is rebuilt when the file is opened.
mod sqlite_file {
    use super::sqlite::refs;
    use crate::support::stores::lite::*;
    use crate::support::{self};

    /// The index is not counted on every open: an open looks only for the newest case (rebuilding
    /// when it is missing), and `verify` counts, so an entry lost from the middle is reported.
    #[test]
    fn an_index_out_of_step_is_rebuilt_on_open_or_reported_by_verify() {
        let mut t = open();
        let a = t.councillor("Alys Pennant");
        let first = t.case(a, "2026-04-01", "Called objectors to the depot cranks");
        let newest = t.case(a, "2026-04-02", "Shared a spoof story about libraries");
        let reopen = |t: &mut TestDb| {
            t.db = casebook::Db::open(&t.path(), &support::key(), &support::opener()).unwrap();
        };

        let lose = |t: &TestDb, id: i64| {
            t.db.conn()
                .execute("DELETE FROM case_search WHERE rowid = ?1", [id])
                .unwrap();
        };
        lose(&t, newest.id);
        reopen(&mut t);
        assert_eq!(
            refs(&t, "libraries"),
            std::slice::from_ref(&newest.reference)
        );
        let report = casebook::verify::verify(t.db.conn()).unwrap();
        assert!(report.ok(), "{:?}", report.problems);

        lose(&t, first.id);
        reopen(&mut t);
        let report = casebook::verify::verify(t.db.conn()).unwrap();
        let found: Vec<_> = report
            .problems
            .iter()
            .filter(|p| p.area == "search index")
            .collect();
        assert_eq!(found.len(), 1, "{:?}", report.problems);
    }
}
