//! Retention, disposal and subject access through the core, on both stores: a closed case past
//! its review date disposed of leaves its figures and no row anywhere holding its personal data,
//! `verify` names the certificate and catches an erasure no disposal authorised; holds, open cases
//! and early disposal refused or recorded; a subject access request finds the person wherever
//! they are named. (The CLI's own tests in `retention.rs` and `sar.rs` check the raw file's bytes,
//! the papers and a killed disposal on a desktop's file.)

on_both_stores! {
    use casebook::case::{self, Filter};
    use casebook::evidence::{self, Capture};
    use casebook::report::{self, Period};
    use casebook::sql::{Dialect, Sql, Value};
    use casebook::{disposal, notes, retention, sar, search, verify};
    use casebook_store::sql_params;
    use chrono::{Days, NaiveDate};
    use image::ImageFormat;

    use crate::support::{drop_trigger, image_bytes, stamp};

    const NOTE: &str = "Quillfeather telephoned about the Zanzibar marmalade allegation";
    const POST: &str = "Periwinkle ombudsman vexillology about the bypass";

    fn today() -> NaiveDate {
        stamp().at.date_naive()
    }

    /// The closed cases due for review by `until` and not blocked, oldest review first.
    fn reviews(t: &TestDb, until: NaiveDate) -> Vec<retention::Review> {
        let all = retention::due(t.db.conn(), today(), until).unwrap();
        all.into_iter().filter(|r| r.blocked.is_none()).collect()
    }

    fn open_case(t: &TestDb) -> case::Summary {
        let open = Filter {
            stage: Some("open".into()),
            ..Filter::default()
        };
        case::list(t.db.conn(), &open).unwrap().remove(0)
    }

    /// The annual figures of the municipal year holding `received_on`.
    fn figures(t: &TestDb, received_on: &str) -> serde_json::Value {
        let day = NaiveDate::parse_from_str(received_on, "%Y-%m-%d").unwrap();
        let year = Period::last_municipal_year(day.checked_add_days(Days::new(366)).unwrap());
        serde_json::to_value(report::stats(t.db.conn(), year, today()).unwrap()).unwrap()
    }

    /// Every value of every column that can hold text or bytes, in every table, with its table.
    fn every_stored_value(conn: &impl Sql) -> Vec<(String, Value)> {
        let columns = match conn.dialect() {
            Dialect::Sqlite => {
                "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
                 WHERE m.type = 'table'"
            }
            Dialect::Postgres => {
                "SELECT table_name, column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND data_type IN ('text', 'bytea')"
            }
        };
        let mut out = Vec::new();
        for c in conn.rows(columns, &[]).unwrap() {
            let (table, column): (String, String) = (c.get(0).unwrap(), c.get(1).unwrap());
            let sql = format!("SELECT \"{column}\" FROM \"{table}\"");
            for r in conn.rows(&sql, &[]).unwrap() {
                out.extend(r.into_values().into_iter().map(|v| (table.clone(), v)));
            }
        }
        assert!(out.len() > 1000, "the demo's values are read: {}", out.len());
        out
    }

    /// The tables holding `text` in a text value, or `bytes` as a whole value.
    fn holding(conn: &impl Sql, text: &str, bytes: &[u8]) -> Vec<String> {
        let mut found: Vec<String> = every_stored_value(conn)
            .into_iter()
            .filter(|(_, v)| match v {
                Value::Text(s) => s.contains(text),
                Value::Blob(b) => b == bytes,
                _ => false,
            })
            .map(|(table, _)| table)
            .collect();
        found.dedup();
        found
    }

    #[test]
    fn a_disposed_case_leaves_its_figures_and_no_row_holding_its_personal_data() {
        let mut t = open();
        t.demo();
        let far = today().checked_add_days(Days::new(3650)).unwrap();
        assert!(reviews(&t, far).len() > 2, "the demo has closed cases");
        let target = reviews(&t, today()).remove(0);
        let live = open_case(&t);
        let own = image_bytes(ImageFormat::Png, 201);
        let shared = image_bytes(ImageFormat::Png, 202);
        let s = stamp();
        let capture = Capture::default();
        t.db.write(|tx| {
            notes::add(tx, &s, target.case_id, NOTE)?;
            evidence::add_text(tx, &s, target.case_id, POST, &capture)?;
            evidence::add_file(tx, &s, target.case_id, &own, Some("own.png"), &capture)?;
            evidence::add_file(tx, &s, target.case_id, &shared, Some("shared.png"), &capture)?;
            evidence::add_file(tx, &s, live.id, &shared, Some("shared.png"), &capture)
        })
        .unwrap();
        let conn = t.db.conn();
        assert!(!holding(conn, NOTE, &own).is_empty(), "the note is stored");
        assert!(!holding(conn, POST, &own).is_empty(), "the post text is stored");
        assert_eq!(search::search(conn, "Periwinkle", 5).unwrap().len(), 1);
        let before = figures(&t, &target.received_on);

        let reason = "Retention review, December 2026";
        let refs = [target.reference.clone()];
        let cert = t.db.write(|tx| disposal::dispose(tx, &s, &refs, reason, false)).unwrap();
        assert!(cert.certificate.starts_with("DC-"), "{}", cert.certificate);
        assert_eq!(cert.cases[0].reference, target.reference);
        assert!(!cert.cases[0].early);
        let own_sha = casebook::audit::sha256_hex(&own);
        assert!(
            cert.tombstones.iter().any(|t| t.sha256 == own_sha),
            "a tombstone carries the destroyed screenshot's SHA-256: {:?}",
            cert.tombstones
        );

        // No row anywhere holds the note, the post text, its address or the screenshot; the
        // screenshot another case shares stays for it.
        let conn = t.db.conn();
        assert_eq!(holding(conn, NOTE, &own), Vec::<String>::new());
        assert_eq!(holding(conn, POST, b"-"), Vec::<String>::new());
        assert!(search::search(conn, "Periwinkle", 5).unwrap().is_empty());
        let kept = evidence::list(conn, live.id).unwrap();
        assert!(kept.iter().any(|e| e.original_name.as_deref() == Some("shared.png")));
        let gone = case::by_reference(conn, &target.reference).unwrap_err();
        assert!(gone.to_string().contains(&cert.certificate), "{gone}");
        assert_eq!(figures(&t, &target.received_on), before, "the figures stand");

        let report = verify::verify(conn).unwrap();
        assert!(report.ok(), "{:?}", report.problems);
        assert_eq!(report.disposal_certificates, std::slice::from_ref(&cert.certificate));

        // One more entry's content erased behind Casebook's back is caught; so is a tombstone
        // deleted.
        drop_trigger(conn, "audit_append_only_update", "audit");
        let erase = "UPDATE audit SET changes = '{}', reason = NULL, disposal_id = ?1
                     WHERE seq = (SELECT min(seq) FROM audit
                                  WHERE disposal_id IS NULL AND entity = 'cases')";
        conn.run(erase, &sql_params![cert.id]).unwrap();
        let problems = format!("{:?}", verify::verify(conn).unwrap().problems);
        assert!(problems.contains("an erasure no disposal authorised"), "{problems}");
        drop_trigger(conn, "tombstone_append_only_delete", "tombstone");
        conn.run("DELETE FROM tombstone WHERE id = (SELECT max(id) FROM tombstone)", &[])
            .unwrap();
        let problems = format!("{:?}", verify::verify(conn).unwrap().problems);
        assert!(problems.contains(&format!("disposal {}", cert.id)), "{problems}");
    }

    #[test]
    fn held_open_and_early_cases_are_refused() {
        let mut t = open();
        t.demo();
        let s = stamp();
        let due = reviews(&t, today());
        let (held, early_ok) = (&due[0], &due[1]);
        t.db.write(|tx| retention::hold(tx, &s, held.case_id, "Ombudsman enquiry 24 001 234"))
            .unwrap();
        let dispose = |t: &mut TestDb, refs: &[&str], early: bool| {
            let refs: Vec<String> = refs.iter().map(|r| r.to_string()).collect();
            let reason = "Retention review";
            t.db.write(|tx| disposal::dispose(tx, &s, &refs, reason, early))
        };
        let err = dispose(&mut t, &[&held.reference], false).unwrap_err().to_string();
        assert!(err.contains("legal hold") && err.contains("Ombudsman enquiry"), "{err}");
        // All or nothing: one refused case refuses the batch.
        let err = dispose(&mut t, &[&early_ok.reference, &held.reference], false).unwrap_err();
        assert!(err.to_string().contains(&held.reference), "{err}");
        assert!(case::by_reference(t.db.conn(), &early_ok.reference).is_ok());

        let open = open_case(&t);
        let err = dispose(&mut t, &[&open.reference], false).unwrap_err().to_string();
        assert!(err.contains("only a closed case"), "{err}");

        // A closed case not yet due must be disposed of as early, and is recorded so.
        let far = today().checked_add_days(Days::new(3650)).unwrap();
        let later = reviews(&t, far).into_iter().find(|r| !r.due).unwrap();
        let err = dispose(&mut t, &[&later.reference], false).unwrap_err().to_string();
        assert!(err.contains("early"), "{err}");
        let cert = dispose(&mut t, &[&later.reference], true).unwrap();
        assert!(cert.early && cert.cases[0].early);

        // Lifting the hold lets it go; an extension moves the review date on.
        t.db.write(|tx| retention::lift(tx, &s, held.case_id, "Enquiry closed")).unwrap();
        let on = NaiveDate::from_ymd_opt(2031, 1, 31).unwrap();
        let r = t.db.write(|tx| retention::extend(tx, &s, held.case_id, on, "Pattern of conduct"));
        let r = r.unwrap();
        assert_eq!((r.review_on.as_deref(), r.due), (Some("2031-01-31"), false));
        assert!(verify::verify(t.db.conn()).unwrap().ok());
    }

    #[test]
    fn a_subject_access_request_finds_the_person_wherever_they_are_named() {
        let mut t = open();
        t.demo();
        let s = stamp();
        // 20 June 2026 is a Saturday: the deadline moves to Monday 22 June.
        let request = t.db.write(|tx| sar::new(tx, &s, "Marguerite Lenoir", "2026-05-20", None));
        let request = request.unwrap();
        assert_eq!((request.due_on.as_str(), request.status.as_str()), ("2026-06-22", "received"));
        let hits = sar::hits(t.db.conn(), request.id).unwrap();
        let of = |kind: &str| -> Vec<String> {
            let found = hits.iter().filter(|h| h.kind == kind);
            found.filter_map(|h| h.reference.clone()).collect()
        };
        let complaints = of("complainant");
        assert!(!complaints.is_empty(), "her complaints are found: {hits:?}");
        let noted = of("note");
        assert_eq!(noted.len(), 1, "the note naming her is found: {hits:?}");
        assert!(!complaints.contains(&noted[0]), "she is only named in that case");
        assert!(hits.iter().any(|h| h.kind == "audit"), "the trail holds her name");

        // Extended by two months past the first deadline; then sent.
        let reason = "the records are numerous";
        let extended = t.db.write(|tx| sar::extend(tx, &s, request.id, reason)).unwrap();
        assert_eq!(extended.extended_to.as_deref(), Some("2026-08-20"));
        let sent = t.db.write(|tx| sar::mark_sent(tx, &s, request.id, "2026-05-29")).unwrap();
        assert_eq!(sent.sent_on.as_deref(), Some("2026-05-29"));

        // A request needs a name and a real day; nothing is kept when it is refused.
        let err = t.db.write(|tx| sar::new(tx, &s, "  ", "2026-05-20", None)).unwrap_err();
        assert!(err.to_string().starts_with("name"), "{err}");
        let err = t.db.write(|tx| sar::new(tx, &s, "A. Person", "2026-02-30", None)).unwrap_err();
        assert!(err.to_string().contains("received_on"), "{err}");
        assert_eq!(sar::list(t.db.conn()).unwrap().len(), 1);
    }
}
