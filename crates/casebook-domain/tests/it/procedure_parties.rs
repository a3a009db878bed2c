//! The councillor's side, the investigation, reviews and letters: every move legal and illegal,
//! table-driven, and their deadlines across Christmas 2026 and a pause.
//!
//! Ten working days from Friday 18 December 2026 are 21–24, 29–31 December and 4–6 January
//! (Christmas Day, the Boxing Day substitute on Monday 28th and New Year's Day are bank holidays):
//! Wednesday 6 January 2027.

// The tables are tuples, one column per thing checked, so their types are long.
#![allow(clippy::type_complexity)]

use casebook_domain::procedure::{
    check_appointment, check_comments, check_cost, check_letter, check_notification, check_report,
    check_review_decision, check_review_request, check_sent, status, Confidentiality, Cost, Facts,
    Investigation, Letter, LetterFacts, Notification, Report, Review, Rows, StageEvent,
};
use casebook_domain::{Error, Result};

use crate::support::{clock, d, deadline, facts, history, line, pause, rows, REFERENCE};

const TODAY: &str = "2027-02-01";

fn refused<T: std::fmt::Debug>(r: Result<T>, kind: &str, field: &str, words: &str) {
    match r {
        Err(Error::Invalid { field: f, reason } | Error::Conflict { field: f, reason }) => {
            let e = if kind == "invalid" {
                "invalid"
            } else {
                "conflict"
            };
            assert_eq!((f.as_str(), e), (field, kind), "{reason}");
            assert!(reason.contains(words), "{reason:?} lacks {words:?}");
        }
        other => panic!("expected a refusal naming {field}, got {other:?}"),
    }
}

fn notified(on: &str) -> Notification {
    Notification {
        id: 1,
        notified_on: on.into(),
        method: "email".into(),
        sent: "the complaint".into(),
        comments_received_on: None,
        comments: None,
        comments_evidence_id: None,
    }
}

fn confidential(decision: &str) -> Confidentiality {
    Confidentiality {
        decision: decision.into(),
        decided_by: "Monitoring Officer".into(),
        decided_on: "2026-12-21".into(),
        grounds: "Fear of reprisal".into(),
    }
}

fn asked() -> Facts<'static> {
    Facts {
        confidentiality_requested: true,
        ..facts("2026-12-18")
    }
}

#[test]
fn telling_the_councillor_legal_and_illegal() {
    let today = d(TODAY);
    let k = facts("2026-12-18");
    let open = history(&[("acknowledged", "2026-12-21", None)]);
    let closed = history(&[
        ("decision", "2026-12-21", Some("withdrawn by complainant")),
        ("closed", "2026-12-22", None),
    ]);
    let granted = confidential("granted");
    let refused_c = confidential("refused");
    let done = notified("2026-12-21");
    type Row<'a> = (
        Facts<'a>,
        &'a [StageEvent],
        Option<&'a Notification>,
        Option<&'a Confidentiality>,
        (&'a str, &'a str, &'a str),
        Option<(&'a str, &'a str, &'a str)>,
    );
    // (facts, steps, already told, confidentiality, (on, how, what), refusal or None if legal)
    let table: Vec<Row> = vec![
        (
            k,
            &open,
            None,
            None,
            ("2026-12-21", "email", "the complaint"),
            None,
        ),
        (
            k,
            &open,
            None,
            None,
            ("2026-12-21", "In Person", "A summary"),
            None,
        ),
        (
            asked(),
            &open,
            None,
            Some(&granted),
            ("2026-12-22", "post", "a summary"),
            None,
        ),
        (
            asked(),
            &open,
            None,
            Some(&refused_c),
            ("2026-12-22", "post", "the complaint"),
            None,
        ),
        (
            k,
            &closed,
            None,
            None,
            ("2026-12-22", "email", "the complaint"),
            Some(("conflict", "case", "is closed")),
        ),
        (
            k,
            &open,
            Some(&done),
            None,
            ("2026-12-22", "email", "the complaint"),
            Some(("conflict", "notified_on", "already told")),
        ),
        (
            k,
            &open,
            None,
            None,
            ("2026-12-22", "pigeon", "the complaint"),
            Some(("invalid", "method", "email")),
        ),
        (
            k,
            &open,
            None,
            None,
            ("2026-12-22", "email", "everything"),
            Some(("invalid", "sent", "a summary")),
        ),
        (
            asked(),
            &open,
            None,
            None,
            ("2026-12-22", "email", "a summary"),
            Some(("invalid", "sent", "record whether it is granted")),
        ),
        (
            asked(),
            &open,
            None,
            Some(&granted),
            ("2026-12-22", "email", "the complaint"),
            Some(("invalid", "sent", "does not identify the complainant")),
        ),
        (
            k,
            &open,
            None,
            None,
            ("2026-12-17", "email", "the complaint"),
            Some((
                "invalid",
                "notified_on",
                "before the day the complaint was received",
            )),
        ),
        (
            k,
            &open,
            None,
            None,
            ("2027-02-02", "email", "the complaint"),
            Some(("invalid", "notified_on", "in the future")),
        ),
    ];
    for (k, steps, existing, conf, (on, how, what), want) in table {
        let r = check_notification(&k, steps, existing, conf, (d(on), how, what), today);
        match want {
            None => assert!(r.is_ok(), "{on} {how} {what}: {r:?}"),
            Some((kind, field, words)) => refused(r, kind, field, words),
        }
    }
    // What is typed is normalised to the stored words.
    let ok = check_notification(
        &k,
        &open,
        None,
        None,
        (d("2026-12-21"), " In Person ", "A SUMMARY"),
        today,
    );
    assert_eq!(ok.unwrap(), ("in person", "a summary"));
}

#[test]
fn the_councillors_comments_legal_and_illegal() {
    let today = d(TODAY);
    let k = facts("2026-12-18");
    let told = notified("2026-12-21");
    let mut answered = told.clone();
    answered.comments_received_on = Some("2027-01-04".into());
    // (told, on, text, has a file, refusal)
    let table: Vec<(
        Option<&Notification>,
        &str,
        Option<&str>,
        bool,
        Option<(&str, &str, &str)>,
    )> = vec![
        (Some(&told), "2027-01-04", Some("I deny it."), false, None),
        (Some(&told), "2026-12-21", None, true, None),
        (
            None,
            "2027-01-04",
            Some("I deny it."),
            false,
            Some(("invalid", "comments_received_on", "has not been told")),
        ),
        (
            Some(&answered),
            "2027-01-05",
            Some("More."),
            false,
            Some((
                "conflict",
                "comments_received_on",
                "were received on 2027-01-04",
            )),
        ),
        (
            Some(&told),
            "2027-01-04",
            Some("   "),
            false,
            Some(("invalid", "comments", "as text or as a file")),
        ),
        (
            Some(&told),
            "2026-12-20",
            Some("Early."),
            false,
            Some((
                "invalid",
                "comments_received_on",
                "before the day the councillor was told",
            )),
        ),
        (
            Some(&told),
            "2027-03-01",
            Some("Late."),
            false,
            Some(("invalid", "comments_received_on", "in the future")),
        ),
    ];
    for (n, on, text, file, want) in table {
        let r = check_comments(&k, n, d(on), text, file, today);
        match want {
            None => assert!(r.is_ok(), "{on}: {r:?}"),
            Some((kind, field, words)) => refused(r, kind, field, words),
        }
    }
}

fn investigation(draft: Option<&str>, comments: Option<&str>, fin: Option<&str>) -> Investigation {
    Investigation {
        id: 1,
        investigator: "Ada Investigator".into(),
        kind: "external".into(),
        appointed_on: "2027-01-05".into(),
        draft_sent_on: draft.map(String::from),
        draft_comments_received_on: comments.map(String::from),
        final_report_on: fin.map(String::from),
        final_report_document_id: None,
        costs: vec![],
    }
}

#[test]
fn the_investigation_legal_and_illegal() {
    let today = d(TODAY);
    let k = facts("2026-12-18");
    let investigating = history(&[
        ("acknowledged", "2026-12-21", None),
        ("initial assessment", "2026-12-22", None),
        ("decision", "2027-01-04", Some("investigation")),
    ]);
    let nfa = history(&[
        ("acknowledged", "2026-12-21", None),
        ("initial assessment", "2026-12-22", None),
        ("decision", "2027-01-04", Some("no further action")),
    ]);
    let mut finished = investigating.clone();
    finished.extend(history(&[
        ("investigation", "2027-01-05", None),
        ("outcome", "2027-01-20", Some("withdrawn")),
    ]));
    let appointed = investigation(None, None, None);
    // Appointing: (steps, existing, (who, kind, on), refusal)
    type Appoint<'a> = (
        &'a [StageEvent],
        Option<&'a Investigation>,
        (&'a str, &'a str, &'a str),
        Option<(&'a str, &'a str, &'a str)>,
    );
    let table: Vec<Appoint> = vec![
        (
            &investigating,
            None,
            ("Ada Investigator", "External", "2027-01-04"),
            None,
        ),
        (
            &nfa,
            None,
            ("Ada Investigator", "external", "2027-01-05"),
            Some(("invalid", "investigator", "decision: no further action")),
        ),
        (
            &[],
            None,
            ("Ada Investigator", "external", "2027-01-05"),
            Some(("invalid", "investigator", "decision: none yet")),
        ),
        (
            &finished,
            None,
            ("Ada Investigator", "external", "2027-01-21"),
            Some(("conflict", "investigator", "has finished")),
        ),
        (
            &investigating,
            Some(&appointed),
            ("Bob", "internal", "2027-01-06"),
            Some(("conflict", "investigator", "Ada Investigator was appointed")),
        ),
        (
            &investigating,
            None,
            ("  ", "internal", "2027-01-06"),
            Some(("invalid", "investigator", "required")),
        ),
        (
            &investigating,
            None,
            ("Bob", "freelance", "2027-01-06"),
            Some(("invalid", "kind", "internal, external")),
        ),
        (
            &investigating,
            None,
            ("Bob", "internal", "2027-01-03"),
            Some((
                "invalid",
                "appointed_on",
                "before the decision to investigate",
            )),
        ),
    ];
    for (steps, existing, (who, kind, on), want) in table {
        let r = check_appointment(&k, steps, existing, (who, kind, d(on)), today);
        match want {
            None => assert_eq!(r.unwrap(), ("Ada Investigator".to_string(), "external")),
            Some((kind, field, words)) => refused(r, kind, field, words),
        }
    }

    // Time and cost: (investigation, (on, hours, pence), refusal)
    let costs: Vec<(
        Option<&Investigation>,
        (&str, f64, i64),
        Option<(&str, &str, &str)>,
    )> = vec![
        (Some(&appointed), ("2027-01-06", 7.5, 45_000), None),
        (Some(&appointed), ("2027-01-06", 0.0, 12_000), None),
        (
            None,
            ("2027-01-06", 1.0, 100),
            Some(("invalid", "hours", "no investigator has been appointed")),
        ),
        (
            Some(&appointed),
            ("2027-01-06", -1.0, 100),
            Some(("invalid", "hours", "from 0 to 1000")),
        ),
        (
            Some(&appointed),
            ("2027-01-06", f64::NAN, 100),
            Some(("invalid", "hours", "from 0 to 1000")),
        ),
        (
            Some(&appointed),
            ("2027-01-06", 1.0, -5),
            Some(("invalid", "cost", "outside")),
        ),
        (
            Some(&appointed),
            ("2027-01-06", 1.0, 100_000_001),
            Some(("invalid", "cost", "outside £0–£1000000")),
        ),
        (
            Some(&appointed),
            ("2027-01-06", 0.0, 0),
            Some(("invalid", "hours", "the hours, the cost or both")),
        ),
        (
            Some(&appointed),
            ("2027-01-04", 1.0, 0),
            Some(("invalid", "on", "before the investigator's appointment")),
        ),
    ];
    for (i, (on, hours, pence), want) in costs {
        let r = check_cost(&k, i, (d(on), hours, pence), Some("Interviews"), today);
        match want {
            None => assert_eq!(r.unwrap().as_deref(), Some("Interviews")),
            Some((kind, field, words)) => refused(r, kind, field, words),
        }
    }

    // Reports, in order: (investigation, which, on, refusal)
    let sent = investigation(Some("2027-01-15"), None, None);
    let commented = investigation(Some("2027-01-15"), Some("2027-01-25"), None);
    let reported = investigation(Some("2027-01-15"), Some("2027-01-25"), Some("2027-01-29"));
    let reports: Vec<(
        Option<&Investigation>,
        Report,
        &str,
        Option<(&str, &str, &str)>,
    )> = vec![
        (Some(&appointed), Report::DraftSent, "2027-01-15", None),
        (Some(&sent), Report::DraftComments, "2027-01-25", None),
        (Some(&commented), Report::Final, "2027-01-29", None),
        (Some(&appointed), Report::Final, "2027-01-20", None),
        (
            None,
            Report::DraftSent,
            "2027-01-15",
            Some(("invalid", "on", "no investigator")),
        ),
        (
            Some(&appointed),
            Report::DraftComments,
            "2027-01-15",
            Some(("invalid", "on", "has not been sent")),
        ),
        (
            Some(&sent),
            Report::DraftSent,
            "2027-01-16",
            Some(("conflict", "on", "the draft report was sent on 2027-01-15")),
        ),
        (
            Some(&sent),
            Report::DraftComments,
            "2027-01-14",
            Some(("invalid", "on", "before the day the draft report was sent")),
        ),
        (
            Some(&reported),
            Report::Final,
            "2027-01-30",
            Some((
                "conflict",
                "on",
                "the final report was received on 2027-01-29",
            )),
        ),
        (
            Some(&appointed),
            Report::DraftSent,
            "2027-01-04",
            Some(("invalid", "on", "before the investigator's appointment")),
        ),
    ];
    for (i, which, on, want) in reports {
        let r = check_report(&k, i, which, d(on), today);
        match want {
            None => assert!(r.is_ok(), "{which:?} {on}: {r:?}"),
            Some((kind, field, words)) => refused(r, kind, field, words),
        }
    }
}

fn review(on: &str, decided: Option<&str>) -> Review {
    Review {
        id: 1,
        requested_on: on.into(),
        requested_by: "complainant".into(),
        grounds: "The evidence was not considered.".into(),
        reviewer: decided.map(|_| "Deputy Monitoring Officer".into()),
        decision: decided.map(|_| "decision upheld".into()),
        decided_on: decided.map(String::from),
        reasons: decided.map(|_| "The evidence was considered.".into()),
    }
}

#[test]
fn reviews_legal_and_illegal() {
    let today = d(TODAY);
    let k = facts("2026-12-18");
    let decided = history(&[
        ("decision", "2026-12-21", Some("withdrawn by complainant")),
        ("closed", "2026-12-22", None),
    ]);
    let open = [review("2027-01-05", None)];
    let done = [review("2027-01-05", Some("2027-01-20"))];
    let table: Vec<(
        &[StageEvent],
        &[Review],
        (&str, &str, &str),
        Option<(&str, &str, &str)>,
    )> = vec![
        (&decided, &[], ("2027-01-05", "Councillor", "Unfair."), None),
        (
            &decided,
            &done,
            ("2027-01-25", "complainant", "Still unfair."),
            None,
        ),
        (
            &[],
            &[],
            ("2027-01-05", "complainant", "Unfair."),
            Some(("invalid", "requested_on", "nothing to review")),
        ),
        (
            &decided,
            &open,
            ("2027-01-06", "councillor", "Unfair."),
            Some(("conflict", "requested_on", "still open")),
        ),
        (
            &decided,
            &[],
            ("2027-01-05", "neighbour", "Unfair."),
            Some(("invalid", "requested_by", "complainant, councillor")),
        ),
        (
            &decided,
            &[],
            ("2027-01-05", "complainant", " "),
            Some(("invalid", "grounds", "required")),
        ),
        (
            &decided,
            &[],
            ("2026-12-20", "complainant", "Unfair."),
            Some((
                "invalid",
                "requested_on",
                "before the decision under review",
            )),
        ),
    ];
    for (steps, reviews, (on, by, grounds), want) in table {
        let r = check_review_request(&k, steps, reviews, (d(on), by, grounds), today);
        match want {
            None => assert!(r.is_ok(), "{on} {by}: {r:?}"),
            Some((kind, field, words)) => refused(r, kind, field, words),
        }
    }
    let decisions: Vec<(
        Option<&Review>,
        (&str, &str, &str, &str),
        Option<(&str, &str, &str)>,
    )> = vec![
        (
            Some(&open[0]),
            ("Deputy MO", "Decision Upheld", "2027-01-20", "Considered."),
            None,
        ),
        (
            Some(&open[0]),
            (
                "Deputy MO",
                "request not accepted",
                "2027-01-05",
                "Out of time.",
            ),
            None,
        ),
        (
            None,
            ("Deputy MO", "decision upheld", "2027-01-20", "Considered."),
            Some(("invalid", "decision", "no request for review")),
        ),
        (
            Some(&done[0]),
            ("Deputy MO", "decision upheld", "2027-01-21", "Again."),
            Some(("conflict", "decision", "was decided on 2027-01-20")),
        ),
        (
            Some(&open[0]),
            ("", "decision upheld", "2027-01-20", "Considered."),
            Some(("invalid", "reviewer", "required")),
        ),
        (
            Some(&open[0]),
            ("Deputy MO", "quashed", "2027-01-20", "Considered."),
            Some(("invalid", "decision", "decision changed")),
        ),
        (
            Some(&open[0]),
            ("Deputy MO", "decision upheld", "2027-01-20", ""),
            Some(("invalid", "reasons", "required")),
        ),
        (
            Some(&open[0]),
            ("Deputy MO", "decision upheld", "2027-01-04", "Early."),
            Some((
                "invalid",
                "decided_on",
                "before the day the review was requested",
            )),
        ),
    ];
    for (r, (who, what, on, why), want) in decisions {
        let got = check_review_decision(&k, r, (who, what, d(on), why), today);
        match want {
            None => assert!(got.is_ok(), "{what}: {got:?}"),
            Some((kind, field, words)) => refused(got, kind, field, words),
        }
    }
}

fn letter(kind: &str, party: &str, dated: &str, sent: Option<&str>) -> Letter {
    Letter {
        id: 7,
        kind: kind.into(),
        party: party.into(),
        recipient: None,
        dated: dated.into(),
        document_id: Some(1),
        sent_on: sent.map(String::from),
        sent_by: sent.map(|_| "email".into()),
    }
}

#[test]
fn letters_legal_and_illegal() {
    let received = history(&[]);
    let decided = history(&[("decision", "2026-12-21", Some("withdrawn by complainant"))]);
    let investigated = history(&[
        ("acknowledged", "2026-12-21", None),
        ("initial assessment", "2026-12-22", None),
        ("decision", "2027-01-04", Some("investigation")),
        ("investigation", "2027-01-05", None),
    ]);
    let drafted = investigation(Some("2027-01-15"), None, None);
    let reviewed = [review("2027-01-05", Some("2027-01-20"))];
    let base = |stages: &'static [StageEvent]| LetterFacts {
        facts: facts("2026-12-18"),
        stages,
        confidentiality: None,
        investigation: None,
        reviews: &[],
        ip_consulted: false,
    };
    let received: &'static [StageEvent] = Box::leak(received.into_boxed_slice());
    let decided: &'static [StageEvent] = Box::leak(decided.into_boxed_slice());
    let investigated: &'static [StageEvent] = Box::leak(investigated.into_boxed_slice());
    let table: Vec<(LetterFacts, &str, &str, Option<(&str, &str, &str)>)> = vec![
        (base(received), "acknowledgement", "complainant", None),
        (base(received), "notification", "councillor", None),
        (base(received), "comments", "councillor", None),
        (base(decided), "decision", "Complainant", None),
        (base(decided), "decision", "clerk", None),
        (
            LetterFacts {
                ip_consulted: true,
                ..base(decided)
            },
            "decision",
            "ip",
            None,
        ),
        (
            LetterFacts {
                investigation: Some(&drafted),
                ..base(investigated)
            },
            "comments",
            "complainant",
            None,
        ),
        (
            LetterFacts {
                reviews: &reviewed,
                ..base(decided)
            },
            "review",
            "councillor",
            None,
        ),
        (
            base(received),
            "apology",
            "complainant",
            Some(("invalid", "kind", "acknowledgement")),
        ),
        (
            base(received),
            "acknowledgement",
            "press",
            Some(("invalid", "to", "complainant, councillor")),
        ),
        (
            base(received),
            "acknowledgement",
            "councillor",
            Some((
                "invalid",
                "to",
                "goes to the complainant, not the councillor",
            )),
        ),
        (
            base(received),
            "notification",
            "complainant",
            Some(("invalid", "to", "goes to the councillor")),
        ),
        (
            LetterFacts {
                facts: asked(),
                ..base(received)
            },
            "notification",
            "councillor",
            Some(("invalid", "kind", "request for confidentiality")),
        ),
        (
            base(investigated),
            "comments",
            "complainant",
            Some(("invalid", "kind", "draft investigation report")),
        ),
        (
            base(received),
            "decision",
            "complainant",
            Some(("invalid", "kind", "no a decision on the initial assessment")),
        ),
        (
            base(decided),
            "outcome",
            "councillor",
            Some(("invalid", "kind", "final outcome")),
        ),
        (
            base(decided),
            "review",
            "complainant",
            Some(("invalid", "kind", "decided request for review")),
        ),
        (
            base(decided),
            "decision",
            "ip",
            Some(("invalid", "to", "no Independent Person has been consulted")),
        ),
    ];
    for (f, kind, party, want) in table {
        let r = check_letter(&f, kind, party);
        match want {
            None => assert!(r.is_ok(), "{kind} to {party}: {r:?}"),
            Some((k, field, words)) => refused(r, k, field, words),
        }
    }

    let today = d(TODAY);
    let sent: Vec<(Letter, &str, &str, Option<(&str, &str, &str)>)> = vec![
        (
            letter("decision", "complainant", "2027-01-04", None),
            "2027-01-04",
            "Email",
            None,
        ),
        (
            letter("decision", "complainant", "2027-01-04", None),
            "2027-01-05",
            "post",
            None,
        ),
        (
            letter("decision", "complainant", "2027-01-04", Some("2027-01-05")),
            "2027-01-06",
            "post",
            Some(("conflict", "on", "was sent on 2027-01-05")),
        ),
        (
            letter("decision", "complainant", "2027-01-04", None),
            "2027-01-05",
            "fax",
            Some(("invalid", "by", "email, post")),
        ),
        (
            letter("decision", "complainant", "2027-01-04", None),
            "2027-01-03",
            "post",
            Some(("invalid", "on", "before the date the letter bears")),
        ),
        (
            letter("decision", "complainant", "2027-01-04", None),
            "2027-02-02",
            "post",
            Some(("invalid", "on", "in the future")),
        ),
    ];
    for (l, on, by, want) in sent {
        let r = check_sent(REFERENCE, &l, d(on), by, today);
        match want {
            None => assert!(r.is_ok(), "{on} {by}: {r:?}"),
            Some((k, field, words)) => refused(r, k, field, words),
        }
    }
}

fn at(today: &str, rows: Rows) -> casebook_domain::procedure::Procedure {
    status(&clock(today), &facts("2026-12-18"), rows)
}

#[test]
fn the_comments_deadline_counts_working_days_across_christmas_and_pauses() {
    let told = Rows {
        notification: Some(notified("2026-12-18")),
        ..rows(history(&[("acknowledged", "2026-12-18", None)]))
    };
    // Due Wednesday 6 January: 10 working days past three bank holidays.
    assert_eq!(
        line(deadline(&at("2026-12-31", told.clone()), "comments")),
        (Some("2027-01-06"), None, "due", Some(3), None)
    );
    assert_eq!(
        line(deadline(&at("2027-01-08", told.clone()), "comments")),
        (Some("2027-01-06"), None, "overdue", None, Some(2))
    );
    // Paused 22 December until 30 December: 22, 23, 24 and 29 December do not count, so the ten
    // days are 21, 30, 31 December and 4–8, 11 and 12 January.
    let paused = Rows {
        pauses: vec![pause(1, "2026-12-22", Some("2026-12-30"))],
        ..told.clone()
    };
    assert_eq!(
        line(deadline(&at("2026-12-31", paused), "comments")),
        (Some("2027-01-12"), None, "due", Some(7), None)
    );
    // A pause not yet resumed stops it.
    let stopped = Rows {
        pauses: vec![pause(1, "2026-12-22", None)],
        ..told.clone()
    };
    assert_eq!(
        deadline(&at("2026-12-31", stopped), "comments").status,
        "paused"
    );
    // Answered in time, late, and no longer needed once the decision is made without them.
    let mut answered = told.clone();
    if let Some(n) = answered.notification.as_mut() {
        n.comments_received_on = Some("2027-01-07".into());
    }
    assert_eq!(
        line(deadline(&at("2027-01-20", answered), "comments")),
        (
            Some("2027-01-06"),
            Some("2027-01-07"),
            "late",
            None,
            Some(1)
        )
    );
    let mut decided = told;
    decided.stages = history(&[
        ("acknowledged", "2026-12-18", None),
        ("initial assessment", "2026-12-21", None),
        ("decision", "2027-01-11", Some("no further action")),
    ]);
    assert_eq!(
        deadline(&at("2027-01-20", decided), "comments").status,
        "not needed"
    );
}

#[test]
fn the_letters_and_review_deadlines() {
    let decided = history(&[
        ("acknowledged", "2026-12-21", None),
        ("initial assessment", "2026-12-22", None),
        ("decision", "2026-12-23", Some("no further action")),
    ]);
    // Five working days from Wednesday 23 December: 24, 29, 30, 31 December and 4 January.
    let none = rows(decided.clone());
    assert_eq!(
        line(deadline(&at("2026-12-29", none.clone()), "letters")),
        (Some("2027-01-04"), None, "due", Some(3), None)
    );
    let p = at("2026-12-29", none);
    let next = p.next_action.unwrap();
    assert_eq!(
        (next.deadline, next.due_on.as_deref()),
        (Some("letters"), Some("2027-01-04"))
    );
    // Met on the later of the two first letters; a letter to the IP alone does not meet it, nor an
    // unsent one, nor a letter sent before the decision.
    let with = |letters: Vec<Letter>| Rows {
        letters,
        ..rows(decided.clone())
    };
    let met = with(vec![
        letter("decision", "complainant", "2026-12-23", Some("2026-12-24")),
        letter("decision", "ip", "2026-12-23", Some("2026-12-23")),
        letter("decision", "councillor", "2026-12-23", Some("2026-12-31")),
        letter("decision", "councillor", "2026-12-23", Some("2027-01-06")),
    ]);
    assert_eq!(
        line(deadline(&at("2027-01-20", met), "letters")),
        (Some("2027-01-04"), Some("2026-12-31"), "met", None, None)
    );
    let half = with(vec![
        letter("decision", "complainant", "2026-12-23", Some("2026-12-24")),
        letter("decision", "councillor", "2026-12-23", None),
        letter(
            "acknowledgement",
            "councillor",
            "2026-12-21",
            Some("2026-12-21"),
        ),
    ]);
    assert_eq!(
        line(deadline(&at("2027-01-06", half), "letters")),
        (Some("2027-01-04"), None, "overdue", None, Some(2))
    );
    let late = with(vec![
        letter("decision", "complainant", "2026-12-23", Some("2027-01-05")),
        letter("decision", "councillor", "2026-12-23", Some("2027-01-05")),
    ]);
    assert_eq!(
        line(deadline(&at("2027-01-20", late), "letters")),
        (
            Some("2027-01-04"),
            Some("2027-01-05"),
            "late",
            None,
            Some(1)
        )
    );
    // A case closed with no letter recorded in Casebook (an imported log) is not held to it.
    let mut closed = decided.clone();
    closed.extend(history(&[("closed", "2026-12-24", None)]));
    let closed_rows = rows(closed.clone());
    assert_eq!(
        deadline(&at("2027-01-20", closed_rows), "letters").status,
        "not needed"
    );

    // A review asked for after closure: 15 working days, and the next action once closed.
    let asked = Rows {
        reviews: vec![review("2027-01-05", None)],
        ..rows(closed.clone())
    };
    let p = at("2027-01-20", asked);
    assert_eq!(
        line(deadline(&p, "review")),
        (Some("2027-01-26"), None, "due", Some(4), None)
    );
    let next = p.next_action.unwrap();
    assert_eq!(
        (next.action.as_str(), next.deadline),
        ("Decide the request for review", Some("review"))
    );
    let answered = Rows {
        reviews: vec![review("2027-01-05", Some("2027-01-27"))],
        ..rows(closed)
    };
    let p = at("2027-02-01", answered);
    assert_eq!(
        line(deadline(&p, "review")),
        (
            Some("2027-01-26"),
            Some("2027-01-27"),
            "late",
            None,
            Some(1)
        )
    );
    assert!(p.next_action.is_none());
}

#[test]
fn cost_and_hours_add_up() {
    let mut i = investigation(None, None, None);
    i.costs = vec![
        Cost {
            id: 1,
            on: "2027-01-06".into(),
            hours: 7.5,
            cost_pence: 45_000,
            note: None,
        },
        Cost {
            id: 2,
            on: "2027-01-07".into(),
            hours: 2.25,
            cost_pence: 13_550,
            note: None,
        },
    ];
    assert_eq!((i.hours(), i.cost_pence()), (9.75, 58_550));
}
