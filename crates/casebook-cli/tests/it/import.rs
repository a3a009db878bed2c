//! Importing a complaints log: good rows, bad rows reported by line, dry run, all-or-nothing; the
//! same log saved as CSV, as an Excel workbook and as an OpenDocument spreadsheet (`every_format!`).

/// Makes each test three times, in `csv`, `xlsx` and `ods`, with `FORMAT` the way its log is saved.
macro_rules! every_format {
    ($($item:item)*) => {
        mod csv {
            #[allow(unused_imports)]
            use super::*;
            const FORMAT: Format = Format::Csv;
            $($item)*
        }
        mod xlsx {
            #[allow(unused_imports)]
            use super::*;
            const FORMAT: Format = Format::Xlsx;
            $($item)*
        }
        mod ods {
            #[allow(unused_imports)]
            use super::*;
            const FORMAT: Format = Format::Ods;
            $($item)*
        }
    };
}

on_both_stores! {
    use casebook::case::{self, Filter};
    use casebook::{assessment, import, search, Error};

    use crate::support::sheets::{self, Format};
    use crate::support::{self, stamp};

    const HEADER: &str = "reference,received_on,complainant_name,complainant_type,confidential,councillor_name,council,ward,party,co_opted,platform,post_url,posted_at,summary,post_text,tags,capacity_determination";

    /// Saves the log whose CSV text is `body` in `t`'s folder as `name` in `format`.
    fn save_log(t: &TestDb, format: Format, name: &str, body: &str) -> std::path::PathBuf {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        sheets::save(t.dir.path(), stem, format, body)
    }

    /// Saves a log of `rows` under [`HEADER`] as `name` in `format`.
    fn write_in(t: &TestDb, format: Format, name: &str, rows: &[&str]) -> std::path::PathBuf {
        let mut body = String::from(HEADER);
        for r in rows {
            body.push('\n');
            body.push_str(r);
        }
        save_log(t, format, name, &body)
    }

    /// The rows an import of `path` refuses (nothing is imported).
    fn refused_rows(t: &mut TestDb, path: &std::path::Path) -> Vec<casebook::RowError> {
        let Error::Import(rows) = t.import_file(path, false).unwrap_err() else {
            panic!("expected row errors")
        };
        rows
    }

    /// Each refused row's line and field.
    fn places(rows: &[casebook::RowError]) -> Vec<(u64, &str)> {
        rows.iter().map(|r| (r.line, r.field.as_str())).collect()
    }

    fn write(t: &TestDb, name: &str, rows: &[&str]) -> std::path::PathBuf {
        write_in(t, Format::Csv, name, rows)
    }

    const GOOD: &[&str] = &[
        "SC-2025-004,2025-03-14,Janet Moorcroft,public,no,Gwen Tallis,Kingsmere City Council,Westbury Heath,Conservative,no,Facebook,https://facebook.example/p/9,2025-03-12 21:40,Called residents cranks,\"We don't need cranks, \"\"thanks\"\"\",R8;C1,in capacity",
        ",14/04/2025,Cllr Ravi Anand,councillor,yes,Gwen Tallis,Kingsmere City Council,,,,Twitter,,12/04/2025,Shared false library story,,R5,",
        ",02/05/2025,Colin Ashworth,public,n,Peter Langridge,Kingsmere City Council,Audit Committee,,yes,X,,,Co-opted member's post about an officer,,C3,undetermined",
    ];

    #[test]
    fn multi_line_cells_keep_line_numbers_true_to_the_file() {
        let mut t = open();
        let path = write(
            &t,
            "multi.csv",
            &[
                ",2025-03-14,A Person,public,no,Gwen Tallis,Kingsmere City Council,,,,Facebook,,,\"A summary\nover three\nlines\",,,",
                ",2025-03-14,A Person,public,no,Gwen Tallis,Kingsmere City Council,,,,Facebook,not-a-url,,Bad URL,,,",
            ],
        );
        let Error::Import(rows) = t.import_file(&path, false).unwrap_err()
        else {
            panic!("expected row errors")
        };
        assert_eq!((rows[0].line, rows[0].field.as_str()), (5, "post_url"));
    }

    #[test]
    fn an_over_size_file_is_refused_before_reading() {
        let mut t = open();
        let path = t.dir.path().join("huge.csv");
        std::fs::File::create(&path)
            .unwrap()
            .set_len(import::MAX_FILE_BYTES + 1)
            .unwrap();
        let err = t.import_file(&path, false).unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "file"),
            "{err}"
        );
        assert!(err.to_string().contains("limited to 1024 MiB"), "{err}");
    }

    const PROCEDURE_HEADER: &str = "received_on,complainant_name,complainant_type,councillor_name,council,platform,summary,stage,outcome,acknowledged_on,decided_on,closed_on,sanctions";

    fn write_log_in(t: &TestDb, format: Format, rows: &[&str]) -> std::path::PathBuf {
        let body = format!("{PROCEDURE_HEADER}\n{}", rows.join("\n"));
        save_log(t, format, "legacy", &body)
    }

    const P: &str = "Janet Moorcroft,public,Gwen Tallis,Kingsmere City Council,Facebook";
    const PARTIES_HEADER: &str = "received_on,complainant_name,complainant_type,councillor_name,council,platform,summary,stage,outcome,acknowledged_on,decided_on,closed_on,sanctions,notified_on,notified_by,comments_received_on,investigation_cost,review_requested_on";

    /// Every table's row count, the audit trail's head and the kept progress, as one comparable text.
    fn state_of(db: &std::path::Path) -> String {
        let conn = support::raw(db);
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut out = String::new();
        for t in tables {
            let n: i64 = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            out.push_str(&format!("{t}: {n}\n"));
        }
        let head: String = conn
            .query_row(
                "SELECT hash FROM audit ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let kept: String = conn
            .query_row(
                "SELECT group_concat(case_id || ' ' || stage || ' ' || coalesce(next_action, ''), ';')
                 FROM (SELECT * FROM case_progress ORDER BY case_id)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        format!("{out}head {head}\nkept {kept}")
    }

    #[test]
    fn an_import_killed_part_way_leaves_the_database_exactly_as_it_was() {
        let (dir, db) = support::demo();
        let log = dir.path().join("big.csv");
        let mut body = String::from(
            "received_on,complainant_name,complainant_type,councillor_name,council,platform,summary,tags,post_text,stage,acknowledged_on",
        );
        for i in 0..40_000 {
            body.push_str(&format!(
                "\n2025-{:02}-{:02},Resident {i},public,Councillor {},Kingsmere City Council,Facebook,Complaint {i},R{},The post said {i},acknowledged,2025-12-01",
                1 + i % 12,
                1 + i % 28,
                i % 30,
                1 + i % 10
            ));
        }
        std::fs::write(&log, body).unwrap();
        let before = state_of(&db);
        let mut child = support::command(&db, &["import", log.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(2_500));
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before it could be killed: make the log longer"
        );
        child.kill().unwrap(); // SIGKILL, mid-import
        child.wait().unwrap();
        assert_eq!(state_of(&db), before, "the database changed");
        let (code, out) = support::casebook(&db, &["verify"]);
        assert_eq!(code, 0, "verify after the kill: {out}");
    }

    /// A workbook with a notes sheet first and the log second: its log's rows hold an Excel
    /// serial number typed into a day column, and (in a second log) a cell with an error.
    fn two_sheet_workbook(t: &TestDb) -> std::path::PathBuf {
        use rust_xlsxwriter::{Formula, Workbook};
        let mut book = Workbook::new();
        let notes = book.add_worksheet();
        notes.set_name("Notes").unwrap();
        notes.write_string(0, 0, "Kept by the standards team").unwrap();
        let log = book.add_worksheet();
        log.set_name("Log 2025").unwrap();
        let head = ["received_on", "complainant_name", "complainant_type", "councillor_name",
            "council", "platform", "summary"];
        for (c, h) in head.iter().enumerate() {
            log.write_string(2, c as u16, *h).unwrap();
        }
        // The header on row 3 (two rows left empty above it); a serial date on row 4.
        log.write_number(3, 0, 45_730.0).unwrap();
        for (c, v) in ["A Person", "public", "Gwen Tallis", "Kingsmere City Council", "Facebook",
            "Called residents cranks"].iter().enumerate() {
            log.write_string(3, c as u16 + 1, *v).unwrap();
        }
        let broken = book.add_worksheet();
        broken.set_name("Broken").unwrap();
        for (c, h) in head.iter().enumerate() {
            broken.write_string(0, c as u16, *h).unwrap();
        }
        broken.write_string(1, 0, "2025-03-14").unwrap();
        for (c, v) in ["A Person", "public", "Gwen Tallis"].iter().enumerate() {
            broken.write_string(1, c as u16 + 1, *v).unwrap();
        }
        broken.write_formula(1, 4, Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
        broken.write_string(1, 5, "Facebook").unwrap();
        broken.write_string(1, 6, "A summary").unwrap();
        let path = t.dir.path().join("workbook.xlsx");
        book.save(&path).unwrap();
        path
    }

    #[test]
    fn a_sheet_is_chosen_by_name_serial_dates_are_days_and_an_error_cell_is_a_bad_row() {
        let mut t = open();
        let path = two_sheet_workbook(&t);
        let db_import = |sheet: Option<&str>, t: &mut TestDb| {
            let bytes = std::fs::read(&path).unwrap();
            let log = import::Log { bytes: &bytes, source: "workbook.xlsx", sheet };
            t.import_log(&log)
        };
        // The first sheet is notes, not a log: its missing columns are named.
        let Error::Import(rows) = db_import(None, &mut t).unwrap_err() else {
            panic!("expected the header refused")
        };
        assert!(
            rows[0].reason.contains("required column(s) missing"),
            "{rows:?}"
        );
        let err = db_import(Some("Log 2026"), &mut t).unwrap_err();
        assert!(
            matches!(&err, Error::Invalid { field, .. } if field == "sheet")
                && err.to_string().contains("Notes, Log 2025, Broken"),
            "{err}"
        );
        let err = db_import(Some("broken"), &mut t).unwrap_err();
        let Error::Import(rows) = err else { panic!("expected row errors, got {err}") };
        assert_eq!((rows[0].line, rows[0].field.as_str()), (2, "council"), "{rows:?}");
        assert!(rows[0].reason.contains("#DIV/0!"), "{rows:?}");
        assert_eq!(t.count("SELECT count(*) FROM cases"), 0);

        let out = db_import(Some("log 2025"), &mut t).unwrap();
        let k = case::by_reference(t.db.conn(), &out.cases[0]).unwrap();
        assert_eq!(k.received_on, "2025-03-14", "serial 45730 is 14 March 2025");
    }

    every_format! {
        #[test]
        fn a_good_file_imports_every_row() {
            let mut t = open();
            let path = write_in(&t, FORMAT, "log.csv", GOOD);
            let out = t.import_file(&path, false).unwrap();
            assert_eq!(out.rows, 3);
            assert_eq!(
                out.cases,
                ["SC-2025-004", "SC-2025-005", "SC-2025-006"],
                "explicit references are kept and new ones follow them"
            );
            assert_eq!(
                out.councillors_added.len(),
                2,
                "Gwen Tallis is created once and then matched"
            );
            assert_eq!(out.tags, 4);
            assert_eq!(out.post_texts, 1);

            let k = case::by_reference(t.db.conn(), "SC-2025-005").unwrap();
            assert_eq!(k.received_on, "2025-04-14", "UK dates are read day-first");
            assert_eq!(k.platform, "X");
            assert!(k.complainant.confidentiality_requested);
            assert_eq!(k.complainant.kind, "councillor");
            let first = case::by_reference(t.db.conn(), "SC-2025-004").unwrap();
            assert_eq!(first.capacity_determination, "in capacity");
            assert_eq!(first.posted_at.as_deref(), Some("2025-03-12T21:40"));
            let tags: Vec<String> = assessment::tags(t.db.conn(), first.id)
                .unwrap()
                .into_iter()
                .map(|t| t.code)
                .collect();
            assert_eq!(tags, ["R8", "C1"]);
            assert_eq!(
                search::search(t.db.conn(), "thanks", 5).unwrap().len(),
                1,
                "post text is imported as evidence"
            );
            let co_opted =
                casebook::councillor::find(t.db.conn(), "Peter Langridge", "Kingsmere City Council")
                    .unwrap()
                    .unwrap();
            assert_eq!(co_opted.membership, "co-opted");
        }

        #[test]
        fn bad_rows_are_reported_with_line_numbers_and_nothing_is_written() {
            let mut t = open();
            let path = write_in(
                &t,
                FORMAT,
                "bad.csv",
                &[
                    GOOD[0],
                    ",31/02/2025,A Person,public,no,Gwen Tallis,Kingsmere City Council,,,,Facebook,,,Bad date,,,",
                    ",2025-05-01,A Person,journalist,no,Gwen Tallis,Kingsmere City Council,,,,Facebook,,,Bad type,,,",
                    GOOD[1],
                    ",2025-05-01,A Person,public,no,Gwen Tallis,Kingsmere City Council,,,,Facebook,,,Unknown tag,,R42,",
                    "SC-2025-004,2025-05-01,A Person,public,no,Gwen Tallis,Kingsmere City Council,,,,Facebook,,,Duplicate reference,,,",
                ],
            );
            let before_audit = t.count("SELECT count(*) FROM audit");
            let rows = refused_rows(&mut t, &path);
            let got = places(&rows);
            assert_eq!(
                got,
                [
                    (3, "received_on"),
                    (4, "complainant_type"),
                    (6, "tags"),
                    (7, "reference")
                ],
                "{rows:#?}"
            );
            assert!(
                rows[0]
                    .to_string()
                    .starts_with("line 3: received_on: '31/02/2025' is not a date"),
                "{}",
                rows[0]
            );
            assert_eq!(
                t.count("SELECT count(*) FROM cases"),
                0,
                "a failed import writes nothing"
            );
            assert_eq!(t.count("SELECT count(*) FROM councillor"), 0);
            assert_eq!(t.count("SELECT count(*) FROM audit"), before_audit);
        }

        #[test]
        fn a_dry_run_checks_everything_and_writes_nothing() {
            let mut t = open();
            let path = write_in(&t, FORMAT, "log.csv", GOOD);
            let before = t.file_len();
            let audit = t.count("SELECT count(*) FROM audit");
            let out = t.import_file(&path, true).unwrap();
            assert!(out.dry_run);
            assert_eq!(out.cases.len(), 3);
            assert_eq!(t.count("SELECT count(*) FROM cases"), 0);
            assert_eq!(t.count("SELECT count(*) FROM councillor"), 0);
            assert_eq!(t.count("SELECT count(*) FROM audit"), audit);
            assert_eq!(t.count("SELECT count(*) FROM reference_counter"), 0);
            assert_eq!(t.file_len(), before);
            // …and the real run then gets the same references.
            let out = t.import_file(&path, false).unwrap();
            assert_eq!(out.cases, ["SC-2025-004", "SC-2025-005", "SC-2025-006"]);
            assert_eq!(
                case::list(t.db.conn(), &Filter::default()).unwrap().len(),
                3
            );
        }

        #[test]
        fn missing_required_columns_are_named() {
            let mut t = open();
            let path = save_log(
                &t,
                FORMAT,
                "cols",
                "\u{feff}Received On,summary,Colour\n2025-01-01,x,blue\n",
            );
            let err = t.import_file(&path, true).unwrap_err();
            let msg = match err {
                Error::Import(rows) => rows[0].to_string(),
                other => other.to_string(),
            };
            assert!(
                msg.contains("complainant_name")
                    && msg.contains("councillor_name")
                    && !msg.contains("received_on,"),
                "{msg}"
            );
        }

        #[test]
        fn procedure_columns_bring_a_legacy_log_in_whole() {
            let mut t = open();
            let rows = [
                format!("2025-03-14,{P},Closed with no action,closed,no further action,17/03/2025,01/04/2025,02/04/2025,"),
                format!("2025-03-20,{P},Breach at a hearing,closed,breach found,2025-03-21,2025-04-10,2025-09-01,censure; publication of findings"),
                format!("2025-05-01,{P},Only acknowledged,,,2025-05-02,,,"),
                format!("2025-05-06,{P},Resolved informally,,informal resolution,2025-05-07,2025-05-20,,apology"),
                format!("2025-06-02,{P},Withdrawn at once,closed,withdrawn,,2025-06-03,2025-06-03,"),
                format!("2025-06-09,{P},Being investigated,investigation,investigation,2025-06-10,2025-06-20,,"),
            ];
            let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
            let path = write_log_in(&t, FORMAT, &rows);
            let out = t.import_file(&path, false).unwrap();
            assert_eq!(out.cases.len(), 6);
            let today = stamp().at.date_naive();
            let p = |r: &str| {
                let k = case::by_reference(t.db.conn(), r).unwrap();
                casebook::procedure::status(t.db.conn(), k.id, today).unwrap()
            };

            let nfa = p(&out.cases[0]);
            assert_eq!(nfa.stage, "closed");
            assert_eq!(nfa.decision.as_deref(), Some("no further action"));
            assert_eq!(nfa.acknowledged_on.as_deref(), Some("2025-03-17"));
            assert_eq!(nfa.decided_on.as_deref(), Some("2025-04-01"));
            assert_eq!(nfa.closed_on.as_deref(), Some("2025-04-02"));
            assert_eq!(nfa.deadlines[0].status, "met");

            let breach = p(&out.cases[1]);
            let steps: Vec<&str> = breach.stages.iter().map(|s| s.stage.as_str()).collect();
            assert_eq!(
                steps,
                [
                    "acknowledged",
                    "initial assessment",
                    "decision",
                    "investigation",
                    "report",
                    "hearing",
                    "outcome",
                    "closed"
                ]
            );
            assert_eq!(breach.outcome.as_deref(), Some("breach found"));
            assert_eq!(breach.sanctions, ["censure", "publication of findings"]);
            assert!(breach.stages[2]
                .reason
                .as_deref()
                .unwrap()
                .contains("line 3"));

            assert_eq!(p(&out.cases[2]).stage, "acknowledged");
            let informal = p(&out.cases[3]);
            assert_eq!(informal.stage, "decision");
            assert_eq!(informal.measures, ["apology"]);
            let withdrawn = p(&out.cases[4]);
            assert_eq!(
                withdrawn.decision.as_deref(),
                Some("withdrawn by complainant")
            );
            assert_eq!(withdrawn.deadlines[0].status, "not needed");
            assert_eq!(p(&out.cases[5]).stage, "investigation");
            assert_eq!(
                case::list(
                    t.db.conn(),
                    &Filter {
                        stage: Some("open".into()),
                        ..Filter::default()
                    }
                )
                .unwrap()
                .len(),
                3
            );
        }

        #[test]
        fn bad_procedure_columns_are_reported_by_line_and_column() {
            let mut t = open();
            let rows = [
                format!("2025-03-14,{P},No closing date,closed,no further action,2025-03-17,2025-04-01,,"),
                format!("2025-03-14,{P},Unknown outcome,closed,guilty,2025-03-17,2025-04-01,2025-04-02,"),
                format!("2025-03-14,{P},Decided before acknowledged,decision,no further action,2025-03-17,2025-03-16,,"),
                format!("2025-03-14,{P},Sanctions without a breach,closed,no further action,2025-03-17,2025-04-01,2025-04-02,censure"),
                format!("2025-03-14,{P},Outcome too early,acknowledged,no breach,2025-03-17,,,"),
                format!("2025-03-14,{P},Breach without sanctions,closed,breach found,2025-03-17,2025-04-01,2025-05-02,"),
                format!("2025-03-14,{P},Unknown stage,appeal,,2025-03-17,,,"),
                format!("2025-03-14,{P},Bad date,acknowledged,,2025-13-01,,,"),
                format!("2025-03-14,{P},Outcome recorded but still at the hearing,hearing,no breach,2025-03-17,2025-04-01,,"),
            ];
            let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
            let path = write_log_in(&t, FORMAT, &rows);
            let errors = refused_rows(&mut t, &path);
            let got = places(&errors);
            assert_eq!(
                got,
                [
                    (2, "closed_on"),
                    (3, "outcome"),
                    (4, "decided_on"),
                    (5, "sanctions"),
                    (6, "outcome"),
                    (7, "sanctions"),
                    (8, "stage"),
                    (9, "acknowledged_on"),
                    (10, "stage"),
                ],
                "{errors:#?}"
            );
            assert_eq!(t.count("SELECT count(*) FROM cases"), 0);
            assert_eq!(t.count("SELECT count(*) FROM stage_event"), 0);
        }

        #[test]
        fn the_councillors_side_cost_and_reviews_come_in_with_their_checks() {
            let mut t = open();
            let rows = [
                format!("2025-03-14,{P},Told and commented,closed,no further action,17/03/2025,01/04/2025,02/04/2025,,18/03/2025,post,25/03/2025,,03/04/2025"),
                format!("2025-03-20,{P},Investigated,outcome,no breach,2025-03-21,2025-04-10,,,2025-03-24,,,\"£1,250.50\","),
                format!("2025-05-01,{P},Only told,,,2025-05-02,,,,2025-05-06,,,,"),
            ];
            let body = format!("{PARTIES_HEADER}\n{}", rows.join("\n"));
            let path = save_log(&t, FORMAT, "parties", &body);
            let out = t.import_file(&path, false).unwrap();
            assert_eq!(out.cases.len(), 3);
            assert!(out.ignored_columns.is_empty(), "{:?}", out.ignored_columns);
            let today = stamp().at.date_naive();
            let p = |r: &str| {
                let k = case::by_reference(t.db.conn(), r).unwrap();
                casebook::procedure::status(t.db.conn(), k.id, today).unwrap()
            };
            let told = p(&out.cases[0]);
            let n = told.notification.unwrap();
            assert_eq!(
                (n.notified_on.as_str(), n.method.as_str()),
                ("2025-03-18", "post")
            );
            assert_eq!(n.comments_received_on.as_deref(), Some("2025-03-25"));
            assert_eq!(told.reviews.len(), 1);
            assert_eq!(told.reviews[0].requested_on, "2025-04-03");
            assert_eq!(told.reviews[0].requested_by, "complainant");
            let investigated = p(&out.cases[1]);
            assert_eq!(investigated.notification.unwrap().method, "email");
            let i = investigated.investigation.unwrap();
            assert_eq!((i.kind.as_str(), i.cost_pence()), ("external", 125_050));
            assert_eq!(
                p(&out.cases[2]).notification.unwrap().notified_on,
                "2025-05-06"
            );

            // The same checks as in the app: each bad value named by its column, nothing stored.
            let mut t = open();
            let bad = [
                format!("2025-03-14,{P},Told before received,,,2025-03-17,,,,2025-03-01,,,,"),
                format!("2025-03-14,{P},Comments never asked for,,,2025-03-17,,,,,,2025-03-20,,"),
                format!("2025-03-14,{P},Cost with no investigation,closed,no further action,2025-03-17,2025-04-01,2025-04-02,,,,,£300,"),
                format!("2025-03-14,{P},Review before the decision,decision,no further action,2025-03-17,2025-04-01,,,,,,,2025-03-20"),
                format!("2025-03-14,{P},Cost in words,outcome,no breach,2025-03-17,2025-04-01,,,,,,three pounds,"),
                format!("2025-03-14,{P},Told by pigeon,,,2025-03-17,,,,2025-03-18,pigeon,,,"),
            ];
            let body = format!("{PARTIES_HEADER}\n{}", bad.join("\n"));
            let path = save_log(&t, FORMAT, "bad", &body);
            let errors = refused_rows(&mut t, &path);
            let got = places(&errors);
            assert_eq!(
                got,
                [
                    (2, "notified_on"),
                    (3, "comments_received_on"),
                    (4, "investigation_cost"),
                    (5, "review_requested_on"),
                    (6, "investigation_cost"),
                    (7, "notified_by"),
                ],
                "{errors:#?}"
            );
            assert_eq!(t.count("SELECT count(*) FROM cases"), 0);
            assert_eq!(t.count("SELECT count(*) FROM councillor_notification"), 0);
        }
    }
}

/// The command line (the real binary, on a desktop's file).
mod sqlite_file {
    use crate::support;

    #[test]
    fn the_command_line_imports_the_sheet_it_is_given() {
        let (dir, db) = support::demo();
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().set_name("Notes").unwrap();
        let log = book.add_worksheet();
        log.set_name("Log").unwrap();
        let rows = [
            [
                "received_on",
                "complainant_name",
                "complainant_type",
                "councillor_name",
                "council",
                "platform",
                "summary",
            ],
            [
                "14/03/2025",
                "A Person",
                "public",
                "Gwen Tallis",
                "Kingsmere City Council",
                "Facebook",
                "Imported from a workbook",
            ],
        ];
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                log.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
        let path = dir.path().join("log.xlsx");
        book.save(&path).unwrap();
        let file = path.to_str().unwrap();
        let (code, out) = support::casebook(&db, &["import", file, "--sheet", "Sheet 9"]);
        assert_eq!(code, 2, "{out}");
        assert!(
            out.contains("there is no sheet 'Sheet 9'; the sheets are Notes, Log"),
            "{out}"
        );
        let outcome = support::json_of(&db, &["import", file, "--sheet", "Log", "--json"]);
        assert_eq!(outcome["rows"], 1, "{outcome}");
        let found = support::stdout_of(&db, &["search", "workbook"]);
        let reference = outcome["cases"][0].as_str().unwrap();
        assert!(found.contains(reference), "{found}");
    }
}
