//! The standards procedure: every legal and illegal move, undo, the Independent Person warning,
//! confidentiality decisions, pauses, deadlines and the due list. The pinned clock is Monday
//! 1 June 2026.

on_both_stores! {
    use casebook::procedure::{self, Move, NewConsultation, Procedure};
    use casebook::{settings, verify, Error};
    use chrono::NaiveDate;

    use crate::support::{new_case, stamp};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A step: stage, outcome, actions. Dated in order through May 2026 by `walk`.
    type Step<'a> = (&'a str, Option<&'a str>, &'a [&'a str]);

    fn step<'a>(stage: &'a str) -> Step<'a> {
        (stage, None, &[])
    }

    fn mv(stage: &str, on: &str, outcome: Option<&str>, actions: &[&str]) -> Move {
        Move {
            stage: stage.into(),
            on: d(on),
            outcome: outcome.map(String::from),
            actions: actions.iter().map(|a| a.to_string()).collect(),
            reason: Some(format!("Reason for {stage}")),
        }
    }

    /// A case received Friday 1 May 2026, taken through `steps` on successive days from 5 May.
    fn walk(t: &mut TestDb, steps: &[Step<'_>]) -> i64 {
        let c = t.councillor(&format!(
            "Member {}",
            t.count("SELECT count(*) FROM councillor") + 1
        ));
        let id = t.case(c, "2026-05-01", "Complaint about a post").id;
        let s = stamp();
        for (i, (stage, outcome, actions)) in steps.iter().enumerate() {
            let on = format!("2026-05-{:02}", 5 + i);
            t.db.write(|tx| procedure::advance(tx, &s, id, &mv(stage, &on, *outcome, actions)))
                .unwrap_or_else(|e| panic!("{stage} on {on}: {e}"));
        }
        id
    }

    fn status(t: &TestDb, id: i64) -> Procedure {
        procedure::status(t.db.conn(), id, stamp().at.date_naive()).unwrap()
    }

    const ASSESSED: [Step<'static>; 2] = [
        ("acknowledged", None, &[]),
        ("initial assessment", None, &[]),
    ];

    #[test]
    fn every_legal_path_reaches_closed() {
        let mut t = open();
        let decided =
            |decision: &'static str, actions: &'static [&'static str]| -> Vec<Step<'static>> {
                let mut v = ASSESSED.to_vec();
                v.push(("decision", Some(decision), actions));
                v
            };
        let investigated = |tail: &[Step<'static>]| -> Vec<Step<'static>> {
            let mut v = decided("investigation", &[]);
            v.push(step("investigation"));
            v.extend_from_slice(tail);
            v
        };
        // (steps before closing, the decision, the outcome, its measures or sanctions)
        type Path = (
            Vec<Step<'static>>,
            Option<&'static str>,
            Option<&'static str>,
            &'static [&'static str],
        );
        let mut paths: Vec<Path> = vec![];
        for decision in [
            "no further action",
            "out of scope: not a member",
            "out of scope: not acting in capacity",
            "out of scope: not a Code matter",
            "referred to police",
            "withdrawn by complainant",
        ] {
            paths.push((decided(decision, &[]), Some(decision), None, &[]));
        }
        paths.push((
            decided("informal resolution", &["apology", "training"]),
            Some("informal resolution"),
            None,
            &["apology", "training"],
        ));
        // Withdrawn before the assessment, straight from receipt or from acknowledgement.
        paths.push((
            vec![("decision", Some("withdrawn by complainant"), &[])],
            Some("withdrawn by complainant"),
            None,
            &[],
        ));
        paths.push((
            vec![
                step("acknowledged"),
                ("decision", Some("withdrawn by complainant"), &[]),
            ],
            Some("withdrawn by complainant"),
            None,
            &[],
        ));
        // Referred to the police, then reassessed once they have finished.
        let mut police = decided("referred to police", &[]);
        police.push(step("initial assessment"));
        police.push((
            "decision",
            Some("out of scope: not acting in capacity"),
            &[],
        ));
        paths.push((
            police,
            Some("out of scope: not acting in capacity"),
            None,
            &[],
        ));
        // Investigated: to a hearing and a breach with sanctions; no breach on the report; withdrawn.
        paths.push((
            investigated(&[
                step("report"),
                step("hearing"),
                (
                    "outcome",
                    Some("breach found"),
                    &["censure", "publication of findings"],
                ),
            ]),
            Some("investigation"),
            Some("breach found"),
            &["censure", "publication of findings"],
        ));
        paths.push((
            investigated(&[step("report"), ("outcome", Some("no breach"), &[])]),
            Some("investigation"),
            Some("no breach"),
            &[],
        ));
        paths.push((
            investigated(&[
                step("report"),
                step("hearing"),
                ("outcome", Some("no further action"), &[]),
            ]),
            Some("investigation"),
            Some("no further action"),
            &[],
        ));
        paths.push((
            investigated(&[("outcome", Some("withdrawn"), &[])]),
            Some("investigation"),
            Some("withdrawn"),
            &[],
        ));

        for (mut steps, decision, outcome, actions) in paths {
            steps.push(step("closed"));
            let names: Vec<&str> = steps.iter().map(|s| s.0).collect();
            let id = walk(&mut t, &steps);
            let p = status(&t, id);
            assert_eq!(p.stage, "closed", "{names:?}");
            assert_eq!(p.decision.as_deref(), decision, "{names:?}");
            assert_eq!(p.outcome.as_deref(), outcome, "{names:?}");
            let recorded: Vec<&str> = if outcome == Some("breach found") {
                p.sanctions.iter().map(String::as_str).collect()
            } else {
                p.measures.iter().map(String::as_str).collect()
            };
            assert_eq!(recorded, actions, "{names:?}");
            assert_eq!(p.stages.len(), steps.len());
            assert!(p.next_action.is_none() && p.next_stages.is_empty());
            assert!(p.closed_on.is_some());
            assert_eq!(p.stages[0].recorded_by, "Test Officer");
        }
        assert!(verify::verify(t.db.conn()).unwrap().ok());
    }

    #[test]
    fn illegal_moves_are_refused_naming_the_field_and_change_nothing() {
        let mut t = open();
        let at_decision = |d: &'static str| -> Vec<Step<'static>> {
            let mut v = ASSESSED.to_vec();
            v.push(("decision", Some(d), &[]));
            v
        };
        let mut at_report = at_decision("investigation");
        at_report.push(step("investigation"));
        at_report.push(step("report"));
        let mut at_hearing = at_report.clone();
        at_hearing.push(step("hearing"));
        let mut closed = at_decision("no further action");
        closed.push(step("closed"));

        let none: &[&str] = &[];
        // (where the case is, the move, the field named, words in the message)
        let cases: Vec<(Vec<Step<'static>>, Move, &str, &str)> = vec![
            (
                vec![],
                mv("closed", "2026-05-20", None, none),
                "stage",
                "no decision has been made",
            ),
            (
                vec![],
                mv("initial assessment", "2026-05-20", None, none),
                "stage",
                "acknowledged, decision",
            ),
            (
                vec![],
                mv("received", "2026-05-20", None, none),
                "stage",
                "starts at received",
            ),
            (
                vec![],
                mv("appeal", "2026-05-20", None, none),
                "stage",
                "appeal",
            ),
            (
                vec![],
                mv("decision", "2026-05-20", Some("investigation"), none),
                "outcome",
                "withdrawn by complainant",
            ),
            (
                vec![],
                mv("acknowledged", "2026-05-20", Some("no breach"), none),
                "outcome",
                "only a decision or an outcome",
            ),
            (
                vec![],
                mv("acknowledged", "2026-04-30", None, none),
                "on",
                "before the day it was received",
            ),
            (
                vec![],
                mv("acknowledged", "2026-06-02", None, none),
                "on",
                "in the future",
            ),
            (
                ASSESSED.to_vec(),
                mv("decision", "2026-05-20", None, none),
                "outcome",
                "needs its outcome",
            ),
            (
                ASSESSED.to_vec(),
                mv("decision", "2026-05-20", Some("guilty"), none),
                "outcome",
                "guilty",
            ),
            (
                ASSESSED.to_vec(),
                mv("decision", "2026-05-20", Some("informal resolution"), none),
                "measures",
                "at least one",
            ),
            (
                ASSESSED.to_vec(),
                mv(
                    "decision",
                    "2026-05-20",
                    Some("informal resolution"),
                    &["flowers"],
                ),
                "measures",
                "flowers",
            ),
            (
                ASSESSED.to_vec(),
                mv(
                    "decision",
                    "2026-05-20",
                    Some("no further action"),
                    &["censure"],
                ),
                "sanctions",
                "only an informal resolution",
            ),
            (
                ASSESSED.to_vec(),
                mv("decision", "2026-05-05", Some("no further action"), none),
                "on",
                "before initial assessment",
            ),
            (
                ASSESSED.to_vec(),
                mv("closed", "2026-05-20", None, none),
                "stage",
                "no decision has been made",
            ),
            (
                at_decision("no further action"),
                mv("investigation", "2026-05-20", None, none),
                "stage",
                "can move to closed next",
            ),
            (
                at_decision("investigation"),
                mv("closed", "2026-05-20", None, none),
                "stage",
                "can move to investigation next",
            ),
            (
                at_report.clone(),
                mv("outcome", "2026-05-20", Some("breach found"), &["censure"]),
                "outcome",
                "only found at a hearing",
            ),
            (
                at_report.clone(),
                mv("closed", "2026-05-20", None, none),
                "stage",
                "hearing, outcome",
            ),
            (
                at_hearing.clone(),
                mv("outcome", "2026-05-20", Some("breach found"), none),
                "sanctions",
                "at least one",
            ),
            (
                at_hearing.clone(),
                mv("outcome", "2026-05-20", Some("investigation"), none),
                "outcome",
                "not one of",
            ),
            (
                at_hearing.clone(),
                mv("acknowledged", "2026-05-20", None, none),
                "stage",
                "can move to outcome next",
            ),
            (
                closed,
                mv("decision", "2026-05-20", Some("investigation"), none),
                "stage",
                "is closed",
            ),
        ];
        for (before, m, field, words) in cases {
            let id = walk(&mut t, &before);
            let stage_before = status(&t, id).stage;
            let audit_before = t.count("SELECT count(*) FROM audit");
            let s = stamp();
            let err =
                t.db.write(|tx| procedure::advance(tx, &s, id, &m))
                    .expect_err(&format!("{} from {stage_before} must be refused", m.stage));
            let (f, reason) = match &err {
                Error::Invalid { field, reason } | Error::Conflict { field, reason } => (field, reason),
                other => panic!("{} from {stage_before}: unexpected {other}", m.stage),
            };
            assert_eq!(f, field, "{} from {stage_before}: {err}", m.stage);
            assert!(
                reason.contains(words),
                "{} from {stage_before}: '{reason}' should say '{words}'",
                m.stage
            );
            assert_eq!(status(&t, id).stage, stage_before, "nothing moved");
            assert_eq!(
                t.count("SELECT count(*) FROM audit"),
                audit_before,
                "nothing recorded"
            );
        }

        // A decision and an outcome need reasons; the field is named.
        let id = walk(&mut t, &ASSESSED);
        let s = stamp();
        let mut m = mv("decision", "2026-05-20", Some("no further action"), none);
        m.reason = Some("   ".into());
        let err =
            t.db.write(|tx| procedure::advance(tx, &s, id, &m))
                .unwrap_err();
        assert!(err.to_string().starts_with("reason: is required"), "{err}");
    }

    #[test]
    fn the_last_step_can_be_undone_with_a_reason_and_the_trail_keeps_both() {
        let mut t = open();
        let id = walk(&mut t, &[step("acknowledged")]);
        let s = stamp();
        let m = mv("initial assessment", "2026-05-06", None, &[]);
        t.db.write(|tx| procedure::advance(tx, &s, id, &m)).unwrap();
        let err =
            t.db.write(|tx| procedure::undo_last(tx, &s, id, " "))
                .unwrap_err();
        assert!(err.to_string().starts_with("reason:"), "{err}");
        let gone =
            t.db.write(|tx| procedure::undo_last(tx, &s, id, "Recorded on the wrong case"))
                .unwrap();
        assert_eq!(gone.stage, "initial assessment");
        assert_eq!(status(&t, id).stage, "acknowledged");
        t.db.write(|tx| procedure::undo_last(tx, &s, id, "Not yet acknowledged"))
            .unwrap();
        assert_eq!(status(&t, id).stage, "received");
        let err =
            t.db.write(|tx| procedure::undo_last(tx, &s, id, "Again"))
                .unwrap_err();
        assert!(err.to_string().contains("no step to undo"), "{err}");
        assert_eq!(
            t.count(
                "SELECT count(*) FROM audit WHERE entity = 'stage_event' AND action = 'delete'
                 AND reason = 'Recorded on the wrong case'"
            ),
            1
        );
        let history = casebook::audit::for_case(t.db.conn(), id).unwrap();
        assert_eq!(
            history.iter().filter(|e| e.entity == "stage_event").count(),
            4,
            "two steps and their two removals are in the case's history"
        );
        assert!(verify::verify(t.db.conn()).unwrap().ok());
    }

    #[test]
    fn independent_person_views_are_required_before_deciding_an_investigated_allegation() {
        let mut t = open();
        let s = stamp();
        let mut to_report = ASSESSED.to_vec();
        to_report.push(("decision", Some("investigation"), &[]));
        to_report.push(step("investigation"));
        to_report.push(step("report"));

        // Not investigated: the question does not arise.
        let nfa = walk(
            &mut t,
            &[
                ASSESSED[0],
                ASSESSED[1],
                ("decision", Some("no further action"), &[]),
            ],
        );
        assert_eq!(status(&t, nfa).ip_views_sought, None);
        assert!(status(&t, nfa).warnings.is_empty());

        // At the report with no consultation: a warning to seek their views.
        let id = walk(&mut t, &to_report);
        let p = status(&t, id);
        assert_eq!(p.ip_views_sought, Some(false));
        assert!(p
            .warnings
            .iter()
            .any(|w| w.contains("Seek the Independent Person's views")));
        assert!(p
            .next_action
            .unwrap()
            .action
            .contains("Consult the Independent Person"));

        // A consultation before the decision to investigate does not count.
        let early = NewConsultation {
            ip_id: None,
            person: "Margaret Ellison".into(),
            consulted_on: d("2026-05-06"),
            stage: Some("initial assessment".into()),
            views: "Agrees the allegation merits investigation.".into(),
        };
        t.db.write(|tx| procedure::add_consultation(tx, &s, id, &early))
            .unwrap();
        assert_eq!(status(&t, id).ip_views_sought, Some(false));

        // Deciding without their views: recorded, but warned about.
        t.db.write(|tx| {
            procedure::advance(
                tx,
                &s,
                id,
                &mv("outcome", "2026-05-20", Some("no breach"), &[]),
            )
        })
        .unwrap();
        let p = status(&t, id);
        assert_eq!(p.ip_views_sought, Some(false));
        assert!(
            p.warnings
                .iter()
                .any(|w| w.contains("were not sought before the decision") && w.contains("s28(7)")),
            "{:?}",
            p.warnings
        );

        // With their views sought after the decision to investigate: no warning.
        let id = walk(&mut t, &to_report);
        let views = NewConsultation {
            ip_id: None,
            person: "Margaret Ellison".into(),
            consulted_on: d("2026-05-20"),
            stage: None,
            views: "Agrees with the investigator that there was no breach.".into(),
        };
        let c =
            t.db.write(|tx| procedure::add_consultation(tx, &s, id, &views))
                .unwrap();
        assert_eq!(c.stage, "report", "defaults to the case's stage");
        t.db.write(|tx| {
            procedure::advance(
                tx,
                &s,
                id,
                &mv("outcome", "2026-05-21", Some("no breach"), &[]),
            )
        })
        .unwrap();
        let p = status(&t, id);
        assert_eq!(p.ip_views_sought, Some(true));
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        assert_eq!(p.ip_consultations.len(), 1);

        // Bad consultations are refused by field.
        for (bad, field) in [
            (
                NewConsultation {
                    ip_id: None,
                    person: " ".into(),
                    ..views.clone()
                },
                "person",
            ),
            (
                NewConsultation {
                    views: "".into(),
                    ..views.clone()
                },
                "views",
            ),
            (
                NewConsultation {
                    consulted_on: d("2026-04-01"),
                    ..views.clone()
                },
                "consulted_on",
            ),
            (
                NewConsultation {
                    consulted_on: d("2026-07-01"),
                    ..views.clone()
                },
                "consulted_on",
            ),
            (
                NewConsultation {
                    stage: Some("tea break".into()),
                    ..views.clone()
                },
                "stage",
            ),
        ] {
            let err =
                t.db.write(|tx| procedure::add_consultation(tx, &s, id, &bad))
                    .unwrap_err();
            assert!(err.to_string().starts_with(&format!("{field}:")), "{err}");
        }
    }

    #[test]
    fn confidentiality_is_decided_only_when_asked_for_with_grounds() {
        let mut t = open();
        let s = stamp();
        let c = t.councillor("Idris Pemberton");
        let plain = t
            .case(c, "2026-05-01", "Post about a planning application")
            .id;
        let err =
            t.db.write(|tx| {
                procedure::decide_confidentiality(tx, &s, plain, "granted", "MO", d("2026-05-05"), "x")
            })
            .unwrap_err();
        assert!(
            err.to_string().contains("did not ask for confidentiality"),
            "{err}"
        );

        let mut new = new_case(c, "2026-05-01", "Post naming a neighbour");
        new.confidentiality_requested = true;
        new.confidentiality_reason = Some("Fears reprisals from the councillor".into());
        let id =
            t.db.write(|tx| casebook::case::create(tx, &s, &new, None))
                .unwrap()
                .id;
        assert!(status(&t, id)
            .warnings
            .iter()
            .any(|w| w.contains("confidentiality")));
        for (decision, grounds, field) in [("maybe", "x", "decision"), ("granted", " ", "grounds")] {
            let err =
                t.db.write(|tx| {
                    procedure::decide_confidentiality(
                        tx,
                        &s,
                        id,
                        decision,
                        "MO",
                        d("2026-05-05"),
                        grounds,
                    )
                })
                .unwrap_err();
            assert!(err.to_string().starts_with(&format!("{field}:")), "{err}");
        }
        t.db.write(|tx| {
            procedure::decide_confidentiality(
                tx,
                &s,
                id,
                "granted",
                "Priya Raman (MO)",
                d("2026-05-05"),
                "Credible risk of reprisal",
            )
        })
        .unwrap();
        t.db.write(|tx| {
            procedure::decide_confidentiality(
                tx,
                &s,
                id,
                "refused",
                "Priya Raman (MO)",
                d("2026-05-06"),
                "Complainant's identity is already public",
            )
        })
        .unwrap();
        let p = status(&t, id);
        let conf = p.confidentiality.unwrap();
        assert_eq!(
            (conf.decision.as_str(), conf.decided_on.as_str()),
            ("refused", "2026-05-06")
        );
        assert!(p.warnings.is_empty());
        assert_eq!(
            t.count("SELECT count(*) FROM audit WHERE entity = 'confidentiality_decision'"),
            2
        );
    }

    #[test]
    fn deadlines_count_working_days_and_pauses() {
        let mut t = open();
        let s = stamp();
        // Received Friday 1 May 2026. Monday 4 May is the early May bank holiday, so 5 working days
        // end on Monday 11 May; 20 working days (past the spring bank holiday, 25 May) on 2 June.
        let id = walk(&mut t, &[]);
        let p = status(&t, id);
        let ack = &p.deadlines[0];
        assert_eq!(
            (ack.key, ack.due_on.as_deref(), ack.status),
            ("acknowledge", Some("2026-05-11"), "overdue")
        );
        assert_eq!(ack.working_days_overdue, Some(14));
        let decide = &p.deadlines[1];
        assert_eq!(
            (decide.due_on.as_deref(), decide.status),
            (Some("2026-06-02"), "due")
        );
        assert_eq!(decide.working_days_left, Some(1));
        let next = p.next_action.unwrap();
        assert_eq!(next.action, "Acknowledge the complaint");
        assert_eq!(next.status, Some("overdue"));

        // Acknowledged a day late.
        t.db.write(|tx| procedure::advance(tx, &s, id, &mv("acknowledged", "2026-05-12", None, &[])))
            .unwrap();
        let p = status(&t, id);
        assert_eq!(p.deadlines[0].status, "late");
        assert_eq!(p.deadlines[0].working_days_overdue, Some(1));
        assert_eq!(p.next_action.unwrap().due_on.as_deref(), Some("2026-06-02"));

        // Paused Wednesday 20 May, resumed Wednesday 27 May: 20, 21, 22 and 26 May do not count
        // (25 May is a bank holiday anyway), so the decision is due four working days later.
        t.db.write(|tx| procedure::pause(tx, &s, id, d("2026-05-20"), "awaiting information", None))
            .unwrap();
        let p = status(&t, id);
        assert!(p.paused);
        assert_eq!(
            (p.deadlines[1].due_on.as_deref(), p.deadlines[1].status),
            (None, "paused")
        );
        let err = t
            .db
            .write(|tx| procedure::pause(tx, &s, id, d("2026-05-21"), "awaiting information", None))
            .unwrap_err();
        assert!(err.to_string().contains("already paused"), "{err}");
        let err =
            t.db.write(|tx| procedure::resume(tx, &s, id, d("2026-05-19"), None))
                .unwrap_err();
        assert!(err.to_string().starts_with("on:"), "{err}");
        t.db.write(|tx| procedure::resume(tx, &s, id, d("2026-05-27"), Some("Complainant replied")))
            .unwrap();
        let p = status(&t, id);
        assert!(!p.paused);
        assert_eq!(p.deadlines[1].due_on.as_deref(), Some("2026-06-08"));
        assert_eq!(p.deadlines[1].working_days_left, Some(5));
        assert!(p.pauses[0]
            .note
            .as_deref()
            .unwrap()
            .contains("Complainant replied"));

        // Pauses are refused by field: before the last one ended, an unknown reason, other without a note.
        for (on, reason, field) in [
            ("2026-05-26", "awaiting information", "on"),
            ("2026-05-28", "holiday", "reason"),
            ("2026-05-28", "other", "note"),
        ] {
            let err =
                t.db.write(|tx| procedure::pause(tx, &s, id, d(on), reason, None))
                    .unwrap_err();
            assert!(err.to_string().starts_with(&format!("{field}:")), "{err}");
        }
        let err =
            t.db.write(|tx| procedure::resume(tx, &s, id, d("2026-05-28"), None))
                .unwrap_err();
        assert!(err.to_string().contains("not paused"), "{err}");

        // The council's targets are configurable: 10 working days to acknowledge.
        t.db.write(|tx| settings::set(tx, &s, "acknowledge_working_days", "10"))
            .unwrap();
        let p = status(&t, id);
        assert_eq!(p.deadlines[0].due_on.as_deref(), Some("2026-05-18"));
        assert_eq!(p.deadlines[0].status, "met");
        for (key, value, field) in [
            (
                "acknowledge_working_days",
                "ten",
                "acknowledge_working_days",
            ),
            ("decision_working_days", "0", "decision_working_days"),
            ("investigation_weeks", "500", "investigation_weeks"),
            ("colour", "blue", "setting"),
        ] {
            let err =
                t.db.write(|tx| settings::set(tx, &s, key, value))
                    .unwrap_err();
            assert!(err.to_string().starts_with(&format!("{field}:")), "{err}");
        }
        assert_eq!(
            settings::targets(t.db.conn())
                .unwrap()
                .acknowledge_working_days,
            10
        );

        // An investigation: 12 weeks from the decision, met when the report is in.
        let mut steps = ASSESSED.to_vec();
        steps.push(("decision", Some("investigation"), &[]));
        steps.push(step("investigation"));
        let inv = walk(&mut t, &steps);
        let p = status(&t, inv);
        let d3 = p.deadlines.iter().find(|x| x.key == "investigate").unwrap();
        // Decided Thursday 7 May 2026; 12 weeks on is Thursday 30 July.
        assert_eq!(
            (d3.due_on.as_deref(), d3.status),
            (Some("2026-07-30"), "due")
        );
        assert_eq!(p.next_action.unwrap().deadline, Some("investigate"));
        assert!(verify::verify(t.db.conn()).unwrap().ok());
    }

    #[test]
    fn closing_a_paused_case_ends_the_pause() {
        let mut t = open();
        let s = stamp();
        let id = walk(
            &mut t,
            &[
                ASSESSED[0],
                ASSESSED[1],
                ("decision", Some("referred to police"), &[]),
            ],
        );
        t.db.write(|tx| procedure::pause(tx, &s, id, d("2026-05-08"), "police referral", None))
            .unwrap();
        t.db.write(|tx| procedure::advance(tx, &s, id, &mv("closed", "2026-05-29", None, &[])))
            .unwrap();
        let p = status(&t, id);
        assert!(!p.paused);
        assert_eq!(p.pauses[0].resumed_on.as_deref(), Some("2026-05-29"));
        let err =
            t.db.write(|tx| procedure::pause(tx, &s, id, d("2026-05-29"), "other", Some("x")))
                .unwrap_err();
        assert!(err.to_string().contains("closed"), "{err}");
    }

    #[test]
    fn the_due_list_shows_overdue_then_due_soon_and_leaves_out_closed_and_paused() {
        let mut t = open();
        let s = stamp();
        let c = t.councillor("Rosalind Achebe");
        // Received 1 May: acknowledgement overdue on 1 June.
        let overdue = t.case(c, "2026-05-01", "Overdue acknowledgement").reference;
        // Received Friday 29 May: acknowledgement due Friday 5 June, 4 working days from 1 June.
        let soon = t
            .case(c, "2026-05-29", "Acknowledgement due this week")
            .reference;
        // Received Monday 1 June: due Monday 8 June, 5 working days away.
        let later = t.case(c, "2026-06-01", "Acknowledgement due next week").id;
        // Closed and paused cases are not listed.
        let closed = walk(
            &mut t,
            &[
                ("decision", Some("withdrawn by complainant"), &[]),
                step("closed"),
            ],
        );
        let paused = t.case(c, "2026-05-01", "Paused").id;
        t.db.write(|tx| procedure::pause(tx, &s, paused, d("2026-05-05"), "pre-election period", None))
            .unwrap();

        let today = d("2026-06-01");
        let list = procedure::due(t.db.conn(), today, 4).unwrap();
        let refs: Vec<(&str, &str)> = list
            .iter()
            .map(|x| (x.reference.as_str(), x.status))
            .collect();
        assert_eq!(
            refs,
            vec![(overdue.as_str(), "overdue"), (soon.as_str(), "due")]
        );
        assert_eq!(list[1].working_days_left, Some(4));
        assert_eq!(list[0].action, "Acknowledge the complaint");
        let wider = procedure::due(t.db.conn(), today, 5).unwrap();
        assert_eq!(wider.len(), 3);
        assert!(wider
            .iter()
            .all(|x| x.case_id != closed && x.case_id != paused));
        assert_eq!(wider[2].case_id, later);
        // As at a later day the "soon" one is due today, and once acknowledged it drops off the list.
        let on_the_day = procedure::due(t.db.conn(), d("2026-06-05"), 0).unwrap();
        assert!(on_the_day
            .iter()
            .any(|x| x.reference == soon && x.status == "due today"));
    }
}
