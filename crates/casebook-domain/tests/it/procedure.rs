//! The procedure's map: where each stage may go next, what each step asks for, and which stages are
//! drawn for a case.

use casebook_domain::procedure::{
    decisions_from, moves, next_stages, outcomes_from, route, track, DECISIONS, FINAL_OUTCOMES,
    STAGES,
};

use crate::support::history;

const NONE: &[&str] = &[];
const WITHDRAWN: &[&str] = &["withdrawn by complainant"];

/// (stage, latest decision, the stages it may move to, each with the outcomes it takes)
type Row = (
    &'static str,
    Option<&'static str>,
    Vec<(&'static str, &'static [&'static str])>,
);

fn map() -> Vec<Row> {
    let mut rows: Vec<Row> = vec![
        (
            "received",
            None,
            vec![("acknowledged", NONE), ("decision", WITHDRAWN)],
        ),
        (
            "acknowledged",
            None,
            vec![("initial assessment", NONE), ("decision", WITHDRAWN)],
        ),
        ("initial assessment", None, vec![("decision", DECISIONS)]),
        (
            "decision",
            Some("investigation"),
            vec![("investigation", NONE)],
        ),
        (
            "decision",
            Some("referred to police"),
            vec![("initial assessment", NONE), ("closed", NONE)],
        ),
        ("decision", None, vec![("closed", NONE)]),
        (
            "investigation",
            None,
            vec![("report", NONE), ("outcome", &["withdrawn"])],
        ),
        (
            "report",
            None,
            vec![
                ("hearing", NONE),
                ("outcome", &["no breach", "no further action", "withdrawn"]),
            ],
        ),
        ("hearing", None, vec![("outcome", FINAL_OUTCOMES)]),
        ("outcome", None, vec![("closed", NONE)]),
        ("closed", None, vec![]),
        ("appeal", None, vec![]),
    ];
    // Every other decision leads only to closing the case.
    for decision in [
        "no further action",
        "informal resolution",
        "withdrawn by complainant",
        "out of scope: not a member",
        "out of scope: not acting in capacity",
        "out of scope: not a Code matter",
    ] {
        rows.push(("decision", Some(decision), vec![("closed", NONE)]));
    }
    rows
}

#[test]
fn each_stage_moves_only_to_its_next_stages() {
    let rows = map();
    assert_eq!(rows.len(), 18);
    for (stage, decision, want) in rows {
        let stages: Vec<&str> = want.iter().map(|(s, _)| *s).collect();
        assert_eq!(next_stages(stage, decision), stages, "{stage} {decision:?}");
        let got = moves(stage, decision);
        assert_eq!(got.len(), want.len(), "{stage} {decision:?}");
        for (m, (to, outcomes)) in got.iter().zip(&want) {
            assert_eq!(m.stage, *to, "{stage} {decision:?}");
            assert_eq!(m.outcomes, *outcomes, "{stage} -> {to}");
            assert_eq!(
                m.reason_required,
                matches!(*to, "decision" | "outcome"),
                "{stage} -> {to}"
            );
        }
    }
}

#[test]
fn every_stage_but_the_start_can_be_reached() {
    let reached: Vec<&str> = map()
        .iter()
        .flat_map(|(_, _, to)| to.iter().map(|(s, _)| *s))
        .collect();
    for stage in STAGES.iter().filter(|s| **s != "received") {
        assert!(reached.contains(stage), "{stage} cannot be reached");
    }
    assert!(!reached.contains(&"received"));
}

#[test]
fn decisions_and_outcomes_depend_on_where_the_case_is() {
    assert_eq!(DECISIONS.len(), 8);
    assert_eq!(decisions_from("initial assessment"), DECISIONS);
    assert_eq!(decisions_from("received"), WITHDRAWN);
    assert_eq!(decisions_from("acknowledged"), WITHDRAWN);
    assert_eq!(outcomes_from("investigation"), ["withdrawn"]);
    assert_eq!(
        outcomes_from("report"),
        ["no breach", "no further action", "withdrawn"]
    );
    assert_eq!(
        outcomes_from("hearing"),
        [
            "no breach",
            "breach found",
            "withdrawn",
            "no further action"
        ]
    );
}

const SHORT: &[&str] = &[
    "received",
    "acknowledged",
    "initial assessment",
    "decision",
    "closed",
];
const FULL: &[&str] = &[
    "received",
    "acknowledged",
    "initial assessment",
    "decision",
    "investigation",
    "report",
    "hearing",
    "outcome",
    "closed",
];

#[test]
fn the_track_shows_the_investigation_only_when_there_is_one() {
    assert_eq!(STAGES, FULL);
    let assessed = history(&[
        ("acknowledged", "2026-12-21", None),
        ("initial assessment", "2026-12-22", None),
    ]);
    assert_eq!(track(None, &[]), SHORT);
    assert_eq!(track(None, &assessed), SHORT);
    for decision in DECISIONS.iter().filter(|d| **d != "investigation") {
        assert_eq!(track(Some(decision), &assessed), SHORT, "{decision}");
    }
    // Once the decision is to investigate, before any investigation step.
    assert_eq!(track(Some("investigation"), &assessed), FULL);
    // Or once an investigation or outcome step exists, whatever the latest decision says.
    let investigating = history(&[("investigation", "2027-01-05", None)]);
    assert_eq!(track(None, &investigating), FULL);
    assert_eq!(track(Some("referred to police"), &investigating), FULL);
    let decided = history(&[("outcome", "2027-04-09", Some("no breach"))]);
    assert_eq!(track(None, &decided), FULL);
    // A report or hearing alone does not draw it (a legal history never has one without an
    // investigation step before it).
    let reported = history(&[("report", "2027-03-25", None)]);
    assert_eq!(track(None, &reported), SHORT);
}

/// (from, to, decision, final outcome, the steps after `from`, if any route gets there)
type RouteCase<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a [&'a str]>,
);

#[test]
fn a_route_is_the_shortest_run_of_allowed_moves() {
    let ia = "initial assessment";
    let cases: &[RouteCase<'_>] = &[
        // (from, to, decision, final outcome, the steps after `from`)
        (
            ia,
            "closed",
            Some("no further action"),
            None,
            Some(&["decision", "closed"]),
        ),
        (
            "received",
            "closed",
            Some("withdrawn by complainant"),
            None,
            Some(&["decision", "closed"]),
        ),
        (
            ia,
            "report",
            Some("investigation"),
            None,
            Some(&["decision", "investigation", "report"]),
        ),
        (
            ia,
            "closed",
            Some("investigation"),
            Some("no breach"),
            Some(&["decision", "investigation", "report", "outcome", "closed"]),
        ),
        (
            ia,
            "closed",
            Some("investigation"),
            Some("breach found"),
            Some(&[
                "decision",
                "investigation",
                "report",
                "hearing",
                "outcome",
                "closed",
            ]),
        ),
        (
            ia,
            "outcome",
            Some("investigation"),
            Some("withdrawn"),
            Some(&["decision", "investigation", "outcome"]),
        ),
        // No decision: nothing gets past the initial assessment.
        (ia, "closed", None, None, None),
        // 'investigation' is decided only after an initial assessment, so the route passes one.
        (
            "received",
            "investigation",
            Some("investigation"),
            None,
            Some(&["acknowledged", ia, "decision", "investigation"]),
        ),
        // A breach is found only at a hearing, so no route stops at the report with one.
        (
            ia,
            "report",
            Some("no further action"),
            Some("breach found"),
            None,
        ),
        ("closed", "closed", None, None, None),
        ("appeal", "closed", None, None, None),
    ];
    for (from, to, decision, outcome, want) in cases {
        let got = route(from, to, *decision, *outcome);
        assert_eq!(
            got.as_deref(),
            *want,
            "route from {from} to {to} with decision {decision:?}, outcome {outcome:?}"
        );
    }
}
