//! `check_move` over every legal path to closed and every illegal move, with the history built in
//! memory as each checked step is recorded. The case is received Friday 1 May 2026, its steps are
//! dated from 5 May, and "today" is Monday 1 June 2026 (as in the CLI's database tests).

use casebook_domain::procedure::{
    check_move, next_stages, status, track, Move, StageEvent, Step, STAGES,
};
use casebook_domain::Error;

use crate::support::{clock, d, facts, record, rows, REFERENCE};

pub const RECEIVED: &str = "2026-05-01";
pub const TODAY: &str = "2026-06-01";

/// A step: stage, outcome, actions.
pub type S = (&'static str, Option<&'static str>, &'static [&'static str]);

pub fn step(stage: &'static str) -> S {
    (stage, None, &[])
}

pub fn mv(stage: &str, on: &str, outcome: Option<&str>, actions: &[&str]) -> Move {
    Move {
        stage: stage.into(),
        on: d(on),
        outcome: outcome.map(String::from),
        actions: actions.iter().map(|a| a.to_string()).collect(),
        reason: Some(format!("Reason for {stage}")),
    }
}

/// The stage a history is at.
pub fn at(history: &[StageEvent]) -> String {
    history
        .last()
        .map_or_else(|| "received".into(), |e| e.stage.clone())
}

fn latest_decision(history: &[StageEvent]) -> Option<String> {
    history
        .iter()
        .rev()
        .find(|e| e.stage == "decision")
        .and_then(|e| e.outcome.clone())
}

/// Checks `steps` one by one on successive days from 5 May 2026, recording each, and returns the
/// history. At every position, every stage the procedure does not list next is refused too.
pub fn walk(steps: &[S]) -> Vec<StageEvent> {
    let k = facts(RECEIVED);
    let today = d(TODAY);
    let mut history: Vec<StageEvent> = Vec::new();
    for (i, (stage, outcome, actions)) in steps.iter().enumerate() {
        let from = at(&history);
        let decision = latest_decision(&history);
        let allowed = next_stages(&from, decision.as_deref());
        assert!(allowed.contains(stage), "{stage} from {from}: {allowed:?}");
        refuses_every_other_stage(&history, &allowed);

        let on = format!("2026-05-{:02}", 5 + i);
        let m = mv(stage, &on, *outcome, actions);
        let got = check_move(&k, &history, &m, today)
            .unwrap_or_else(|e| panic!("{stage} from {from} on {on}: {e}"));
        let want = Step {
            stage,
            on: d(&on),
            outcome: *outcome,
            actions: actions.to_vec(),
            reason: Some(format!("Reason for {stage}")),
        };
        assert_eq!(got, want, "{stage} from {from}");
        record(&mut history, &got);
    }
    history
}

/// Every stage not in `allowed` is refused from where `history` stands, naming the stage field.
fn refuses_every_other_stage(history: &[StageEvent], allowed: &[&str]) {
    let k = facts(RECEIVED);
    let from = at(history);
    for to in STAGES.iter().filter(|s| !allowed.contains(s)) {
        let m = mv(to, TODAY, None, &[]);
        let err = check_move(&k, history, &m, d(TODAY))
            .expect_err(&format!("{to} from {from} must be refused"));
        match err {
            Error::Invalid { field, reason } | Error::Conflict { field, reason } => {
                assert_eq!(field, "stage", "{to} from {from}: {reason}");
                let named = if *to == "received" {
                    reason.contains("starts at received")
                } else if from == "closed" {
                    reason.contains("is closed")
                } else if *to == "closed" && latest_decision(history).is_none() {
                    reason.contains("no decision has been made")
                } else {
                    reason.contains(&format!("is at {from}"))
                        && reason.ends_with(&format!("not to {to}"))
                };
                assert!(named, "{to} from {from}: '{reason}'");
            }
            other => panic!("{to} from {from}: unexpected {other}"),
        }
    }
}

pub const ASSESSED: [S; 2] = [
    ("acknowledged", None, &[]),
    ("initial assessment", None, &[]),
];

pub fn decided(decision: &'static str, actions: &'static [&'static str]) -> Vec<S> {
    let mut v = ASSESSED.to_vec();
    v.push(("decision", Some(decision), actions));
    v
}

fn investigated(tail: &[S]) -> Vec<S> {
    let mut v = decided("investigation", &[]);
    v.push(step("investigation"));
    v.extend_from_slice(tail);
    v
}

/// (steps before closing, the decision, the outcome, its measures or sanctions)
type Path = (
    Vec<S>,
    Option<&'static str>,
    Option<&'static str>,
    &'static [&'static str],
);

fn legal_paths() -> Vec<Path> {
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
    paths.push((
        decided(
            "informal resolution",
            &[
                "training",
                "apology",
                "mediation",
                "referral to group leader",
            ],
        ),
        Some("informal resolution"),
        None,
        &[
            "training",
            "apology",
            "mediation",
            "referral to group leader",
        ],
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
    // ... or reassessed and investigated.
    let mut police = decided("referred to police", &[]);
    police.push(step("initial assessment"));
    police.push(("decision", Some("investigation"), &[]));
    police.push(step("investigation"));
    police.push(step("report"));
    police.push(("outcome", Some("no breach"), &[]));
    paths.push((police, Some("investigation"), Some("no breach"), &[]));
    // Investigated: every outcome open at the investigation, the report and the hearing.
    paths.push((
        investigated(&[("outcome", Some("withdrawn"), &[])]),
        Some("investigation"),
        Some("withdrawn"),
        &[],
    ));
    for outcome in ["no breach", "no further action", "withdrawn"] {
        paths.push((
            investigated(&[step("report"), ("outcome", Some(outcome), &[])]),
            Some("investigation"),
            Some(outcome),
            &[],
        ));
    }
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
    for outcome in ["no breach", "no further action", "withdrawn"] {
        paths.push((
            investigated(&[
                step("report"),
                step("hearing"),
                ("outcome", Some(outcome), &[]),
            ]),
            Some("investigation"),
            Some(outcome),
            &[],
        ));
    }
    paths
}

const SHORT: &[&str] = &[
    "received",
    "acknowledged",
    "initial assessment",
    "decision",
    "closed",
];

#[test]
fn every_legal_path_reaches_closed() {
    let paths = legal_paths();
    assert_eq!(paths.len(), 20);
    for (mut steps, decision, outcome, actions) in paths {
        steps.push(step("closed"));
        let names: Vec<&str> = steps.iter().map(|s| s.0).collect();
        let history = walk(&steps);
        refuses_every_other_stage(&history, &[]);

        let closed_on = history.last().unwrap().on.clone();
        let p = status(&clock(TODAY), &facts(RECEIVED), rows(history));
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
        assert!(p.next_action.is_none() && p.next_stages.is_empty() && p.moves.is_empty());
        assert_eq!(p.closed_on, Some(closed_on), "{names:?}");
        let want_track = if names.contains(&"investigation") {
            STAGES
        } else {
            SHORT
        };
        assert_eq!(p.track, want_track, "{names:?}");
        assert_eq!(track(decision, &p.stages), want_track, "{names:?}");
    }
}

#[test]
fn a_closed_case_refuses_every_stage_as_a_conflict() {
    let history = walk(&[
        ("decision", Some("withdrawn by complainant"), &[]),
        step("closed"),
    ]);
    for to in STAGES.iter().filter(|s| **s != "received") {
        let err = check_move(
            &facts(RECEIVED),
            &history,
            &mv(to, TODAY, None, &[]),
            d(TODAY),
        )
        .unwrap_err();
        assert_eq!(err.code(), "conflict", "{to}: {err}");
        assert_eq!(
            err.to_string(),
            format!("stage: {REFERENCE} is closed; undo the closure to change it")
        );
    }
}

#[test]
fn what_is_typed_is_normalised() {
    let k = facts(RECEIVED);
    let today = d(TODAY);
    let history = walk(&ASSESSED);
    let m = Move {
        stage: " Decision ".into(),
        on: d("2026-05-20"),
        outcome: Some("  Informal Resolution ".into()),
        actions: vec!["Apology".into(), "training".into(), "apology ".into()],
        reason: Some("  Accepted an apology  ".into()),
    };
    assert_eq!(
        check_move(&k, &history, &m, today).unwrap(),
        Step {
            stage: "decision",
            on: d("2026-05-20"),
            outcome: Some("informal resolution"),
            actions: vec!["apology", "training"],
            reason: Some("Accepted an apology".into()),
        }
    );
    // A blank outcome on a step that takes none is no outcome; a blank reason is no reason.
    let m = Move {
        stage: "acknowledged".into(),
        on: d(RECEIVED),
        outcome: Some("  ".into()),
        actions: vec![],
        reason: Some(" ".into()),
    };
    let got = check_move(&k, &[], &m, today).unwrap();
    assert_eq!((got.outcome, got.reason), (None, None));
    // The day of receipt, the day of the last step and today are all allowed.
    let m = mv("initial assessment", "2026-05-05", None, &[]);
    assert!(check_move(&k, &history[..1], &m, today).is_ok());
    let m = mv("initial assessment", TODAY, None, &[]);
    assert!(check_move(&k, &history[..1], &m, today).is_ok());
}
