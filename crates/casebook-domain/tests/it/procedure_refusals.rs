//! `check_move`'s refusals: every illegal move of the CLI's database tests, and more, each naming
//! the field and saying what is wrong. Histories are built in memory by the legal walk.

use casebook_domain::procedure::{check_move, Move};
use casebook_domain::Error;

use crate::procedure_moves::{at, decided, mv, step, walk, ASSESSED, RECEIVED, S, TODAY};
use crate::support::{d, facts};

const AFTER_ASSESSMENT: &str =
    "'no further action' can only be decided after the initial assessment; at acknowledged \
     the only decision is withdrawn by complainant";
const POLICE_NEXT: &str =
    "KCC/2026/014 is at decision; it can move to initial assessment, closed next, not to \
     investigation";
const NOT_AT_INVESTIGATION: &str =
    "'no breach' cannot be recorded at investigation; allowed there: withdrawn (a breach is \
     only found at a hearing)";

#[test]
fn illegal_moves_are_refused_naming_the_field() {
    let at_decision = |d: &'static str| -> Vec<S> { decided(d, &[]) };
    let mut at_investigation = at_decision("investigation");
    at_investigation.push(step("investigation"));
    let mut at_report = at_investigation.clone();
    at_report.push(step("report"));
    let mut at_hearing = at_report.clone();
    at_hearing.push(step("hearing"));
    let mut closed = at_decision("no further action");
    closed.push(step("closed"));
    let acknowledged = vec![step("acknowledged")];

    let none: &[&str] = &[];
    let long = "x".repeat(20_001);
    let mut no_reason = mv("decision", "2026-05-20", Some("no further action"), none);
    no_reason.reason = Some("   ".into());
    let mut outcome_no_reason = mv("outcome", "2026-05-20", Some("no breach"), none);
    outcome_no_reason.reason = None;
    let mut too_long = mv("acknowledged", "2026-05-20", None, none);
    too_long.reason = Some(long);

    // (where the case is, the move, the error's kind, the field named, words in the message)
    let cases: Vec<(Vec<S>, Move, &str, &str, &str)> = vec![
        // The database tests' table.
        (
            vec![],
            mv("closed", "2026-05-20", None, none),
            "invalid",
            "stage",
            "no decision has been made",
        ),
        (
            vec![],
            mv("initial assessment", "2026-05-20", None, none),
            "invalid",
            "stage",
            "acknowledged, decision",
        ),
        (
            vec![],
            mv("received", "2026-05-20", None, none),
            "invalid",
            "stage",
            "starts at received",
        ),
        (
            vec![],
            mv("appeal", "2026-05-20", None, none),
            "invalid",
            "stage",
            "appeal",
        ),
        (
            vec![],
            mv("decision", "2026-05-20", Some("investigation"), none),
            "invalid",
            "outcome",
            "withdrawn by complainant",
        ),
        (
            vec![],
            mv("acknowledged", "2026-05-20", Some("no breach"), none),
            "invalid",
            "outcome",
            "only a decision or an outcome",
        ),
        (
            vec![],
            mv("acknowledged", "2026-04-30", None, none),
            "invalid",
            "on",
            "before the day it was received",
        ),
        (
            vec![],
            mv("acknowledged", "2026-06-02", None, none),
            "invalid",
            "on",
            "in the future",
        ),
        (
            ASSESSED.to_vec(),
            mv("decision", "2026-05-20", None, none),
            "invalid",
            "outcome",
            "needs its outcome",
        ),
        (
            ASSESSED.to_vec(),
            mv("decision", "2026-05-20", Some("guilty"), none),
            "invalid",
            "outcome",
            "guilty",
        ),
        (
            ASSESSED.to_vec(),
            mv("decision", "2026-05-20", Some("informal resolution"), none),
            "invalid",
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
            "invalid",
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
            "invalid",
            "sanctions",
            "only an informal resolution",
        ),
        (
            ASSESSED.to_vec(),
            mv("decision", "2026-05-05", Some("no further action"), none),
            "invalid",
            "on",
            "before initial assessment",
        ),
        (
            ASSESSED.to_vec(),
            mv("closed", "2026-05-20", None, none),
            "invalid",
            "stage",
            "no decision has been made",
        ),
        (
            at_decision("no further action"),
            mv("investigation", "2026-05-20", None, none),
            "invalid",
            "stage",
            "can move to closed next",
        ),
        (
            at_decision("investigation"),
            mv("closed", "2026-05-20", None, none),
            "invalid",
            "stage",
            "can move to investigation next",
        ),
        (
            at_report.clone(),
            mv("outcome", "2026-05-20", Some("breach found"), &["censure"]),
            "invalid",
            "outcome",
            "only found at a hearing",
        ),
        (
            at_report.clone(),
            mv("closed", "2026-05-20", None, none),
            "invalid",
            "stage",
            "hearing, outcome",
        ),
        (
            at_hearing.clone(),
            mv("outcome", "2026-05-20", Some("breach found"), none),
            "invalid",
            "sanctions",
            "at least one",
        ),
        (
            at_hearing.clone(),
            mv("outcome", "2026-05-20", Some("investigation"), none),
            "invalid",
            "outcome",
            "not one of",
        ),
        (
            at_hearing.clone(),
            mv("acknowledged", "2026-05-20", None, none),
            "invalid",
            "stage",
            "can move to outcome next",
        ),
        (
            closed,
            mv("decision", "2026-05-20", Some("investigation"), none),
            "conflict",
            "stage",
            "is closed",
        ),
        (
            ASSESSED.to_vec(),
            no_reason,
            "invalid",
            "reason",
            "is required for a decision",
        ),
        // More, with their whole messages where those are the point.
        (
            acknowledged.clone(),
            mv("decision", "2026-05-20", Some("no further action"), none),
            "invalid",
            "outcome",
            AFTER_ASSESSMENT,
        ),
        (
            acknowledged.clone(),
            mv("decision", "2026-05-20", None, none),
            "invalid",
            "outcome",
            "a decision needs its outcome: one of withdrawn by complainant",
        ),
        (
            at_decision("referred to police"),
            mv("investigation", "2026-05-20", None, none),
            "invalid",
            "stage",
            POLICE_NEXT,
        ),
        (
            at_investigation.clone(),
            mv("outcome", "2026-05-20", Some("no breach"), none),
            "invalid",
            "outcome",
            NOT_AT_INVESTIGATION,
        ),
        (
            at_investigation.clone(),
            mv("hearing", "2026-05-20", None, none),
            "invalid",
            "stage",
            "can move to report, outcome next",
        ),
        (
            at_report.clone(),
            mv("outcome", "2026-05-20", None, none),
            "invalid",
            "outcome",
            "an outcome is needed: one of no breach, no further action, withdrawn",
        ),
        (
            at_report.clone(),
            mv("outcome", "2026-05-20", Some("no breach"), &["censure"]),
            "invalid",
            "sanctions",
            "only an informal resolution",
        ),
        (
            at_report.clone(),
            outcome_no_reason,
            "invalid",
            "reason",
            "is required for an outcome",
        ),
        (
            at_hearing.clone(),
            mv(
                "outcome",
                "2026-05-20",
                Some("breach found"),
                &["censure", "flogging"],
            ),
            "invalid",
            "sanctions",
            "'flogging' is not one of",
        ),
        (
            at_hearing.clone(),
            mv("outcome", "2026-05-20", Some("withdrawn"), &["censure"]),
            "invalid",
            "sanctions",
            "only an informal resolution",
        ),
        (
            at_hearing.clone(),
            mv("outcome", "2026-05-08", Some("no breach"), none),
            "invalid",
            "on",
            "2026-05-08 is before hearing (2026-05-10)",
        ),
        (vec![], too_long, "invalid", "reason", "the limit is 20000"),
        (
            vec![],
            mv(
                "decision",
                "2026-05-20",
                Some("withdrawn by complainant"),
                &["apology"],
            ),
            "invalid",
            "sanctions",
            "only an informal resolution",
        ),
    ];
    assert_eq!(cases.len(), 37);
    for (before, m, kind, field, words) in cases {
        let history = walk(&before);
        let from = at(&history);
        let err = check_move(&facts(RECEIVED), &history, &m, d(TODAY))
            .expect_err(&format!("{} from {from} must be refused", m.stage));
        assert_eq!(err.code(), kind, "{} from {from}: {err}", m.stage);
        let (f, reason) = match &err {
            Error::Invalid { field, reason } | Error::Conflict { field, reason } => (field, reason),
            other => panic!("{} from {from}: unexpected {other}", m.stage),
        };
        assert_eq!(f, field, "{} from {from}: {err}", m.stage);
        assert!(
            reason.contains(words),
            "{} from {from}: '{reason}' should say '{words}'",
            m.stage
        );
    }
}
