//! `status()`'s warnings (the Independent Person's views on an investigated allegation, Localism
//! Act 2011 s28(7); the complainant's request for confidentiality) and the next action at every
//! stage.

use casebook_domain::procedure::{status, Confidentiality, Consultation, Procedure, Rows};

use crate::support::{clock, consultation, facts, history, rows};

const RECEIVED: &str = "2026-12-18";
const TODAY: &str = "2027-04-12";

type Steps = Vec<(&'static str, &'static str, Option<&'static str>)>;

/// Investigated: decided Monday 4 January 2027, reported 25 March, a hearing on 8 April.
fn investigated(upto: &str) -> Steps {
    let all: Steps = vec![
        ("acknowledged", "2026-12-21", None),
        ("initial assessment", "2026-12-22", None),
        ("decision", "2027-01-04", Some("investigation")),
        ("investigation", "2027-01-05", None),
        ("report", "2027-03-25", None),
        ("hearing", "2027-04-08", None),
    ];
    let n = all.iter().position(|s| s.0 == upto).unwrap() + 1;
    all[..n].to_vec()
}

fn with(mut steps: Steps, more: &[(&'static str, &'static str, Option<&'static str>)]) -> Steps {
    steps.extend_from_slice(more);
    steps
}

fn at(steps: &Steps, ip: Vec<Consultation>) -> Procedure {
    status(
        &clock(TODAY),
        &facts(RECEIVED),
        Rows {
            stages: history(steps),
            ip,
            ..Rows::default()
        },
    )
}

const SEEK: &str = "Seek the Independent Person's views before the outcome is decided \
                    (Localism Act 2011 s28(7)).";
const NOT_SOUGHT: &str = "The Independent Person's views were not sought before the decision on \
                          this investigated allegation, as the Localism Act 2011 s28(7) requires.";

#[test]
fn an_investigated_case_at_report_or_hearing_is_warned_to_consult_the_independent_person() {
    for (stage, action) in [
        (
            "report",
            "Consult the Independent Person, then hold a hearing or record the outcome",
        ),
        (
            "hearing",
            "Consult the Independent Person, then record the hearing's outcome",
        ),
    ] {
        let p = at(&investigated(stage), vec![]);
        assert_eq!(p.ip_views_sought, Some(false), "{stage}");
        assert_eq!(p.warnings, [SEEK], "{stage}");
        assert_eq!(p.next_action.unwrap().action, action);
    }
    // Before the report it is not yet a warning.
    let p = at(&investigated("investigation"), vec![]);
    assert_eq!(p.ip_views_sought, Some(false));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);

    // A consultation before the decision to investigate does not count; one on the day does.
    let p = at(
        &investigated("report"),
        vec![consultation(1, "2026-12-22", "initial assessment")],
    );
    assert_eq!(p.ip_views_sought, Some(false));
    assert_eq!(p.warnings, [SEEK]);
    let p = at(
        &investigated("report"),
        vec![consultation(1, "2027-01-04", "decision")],
    );
    assert_eq!(p.ip_views_sought, Some(true));
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(
        p.next_action.unwrap().action,
        "Hold a hearing, or record the outcome"
    );
    let p = at(
        &investigated("hearing"),
        vec![consultation(1, "2027-03-26", "report")],
    );
    assert_eq!(p.ip_views_sought, Some(true));
    assert!(p.warnings.is_empty());
    assert_eq!(
        p.next_action.unwrap().action,
        "Record the hearing's outcome"
    );
    assert_eq!(p.ip_consultations.len(), 1);
}

#[test]
fn an_outcome_decided_without_the_independent_person_is_warned_about_for_good() {
    let no_breach = with(
        investigated("report"),
        &[("outcome", "2027-04-09", Some("no breach"))],
    );
    let breach = with(
        investigated("hearing"),
        &[("outcome", "2027-04-09", Some("breach found"))],
    );
    let closed = with(no_breach.clone(), &[("closed", "2027-04-12", None)]);
    for steps in [&no_breach, &breach, &closed] {
        let p = at(steps, vec![]);
        assert_eq!(p.ip_views_sought, Some(false), "{steps:?}");
        assert_eq!(p.warnings, [NOT_SOUGHT], "{steps:?}");
        // Consulted on the day of the outcome: in time.
        let p = at(steps, vec![consultation(1, "2027-04-09", "hearing")]);
        assert_eq!(p.ip_views_sought, Some(true));
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        // Consulted after it: too late.
        let p = at(steps, vec![consultation(1, "2027-04-10", "outcome")]);
        assert_eq!(p.ip_views_sought, Some(false));
        assert_eq!(p.warnings, [NOT_SOUGHT]);
    }

    // A withdrawn allegation was not decided: no warning, though the views were not sought.
    for steps in [
        with(
            investigated("investigation"),
            &[("outcome", "2027-04-09", Some("withdrawn"))],
        ),
        with(
            investigated("report"),
            &[
                ("outcome", "2027-04-09", Some("withdrawn")),
                ("closed", "2027-04-12", None),
            ],
        ),
    ] {
        let p = at(&steps, vec![]);
        assert_eq!(p.ip_views_sought, Some(false));
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    // Not investigated: the question does not arise.
    let nfa: Steps = vec![
        ("acknowledged", "2026-12-21", None),
        ("initial assessment", "2026-12-22", None),
        ("decision", "2027-01-04", Some("no further action")),
    ];
    for steps in [nfa.clone(), with(nfa, &[("closed", "2027-01-05", None)])] {
        let p = at(&steps, vec![]);
        assert_eq!(p.ip_views_sought, None);
        assert!(p.warnings.is_empty());
    }
}

#[test]
fn a_request_for_confidentiality_is_warned_about_until_it_is_decided_or_the_case_closes() {
    const CONFIDENTIAL: &str = "The complainant asked for confidentiality: record whether it is \
                                granted before the councillor is told of the complaint.";
    let decided = Confidentiality {
        decision: "granted".into(),
        decided_by: "Priya Raman (MO)".into(),
        decided_on: "2026-12-21".into(),
        grounds: "Credible risk of reprisal".into(),
    };
    let closed = history(&[
        ("decision", "2026-12-21", Some("withdrawn by complainant")),
        ("closed", "2026-12-22", None),
    ]);
    let asked = |requested| {
        let mut k = facts(RECEIVED);
        k.confidentiality_requested = requested;
        k
    };
    // (asked for, the decision recorded, the steps, warned)
    for (requested, conf, stages, warned) in [
        (true, None, vec![], true),
        (true, Some(decided.clone()), vec![], false),
        (true, None, closed.clone(), false),
        (false, None, vec![], false),
    ] {
        let p = status(
            &clock("2026-12-22"),
            &asked(requested),
            Rows {
                stages,
                confidentiality: conf.clone(),
                ..Rows::default()
            },
        );
        let want: &[&str] = if warned { &[CONFIDENTIAL] } else { &[] };
        assert_eq!(p.warnings, want, "asked {requested}, decided {conf:?}");
        assert_eq!(
            p.confidentiality.map(|c| c.decision),
            conf.map(|c| c.decision)
        );
    }

    // Both warnings at once: the Independent Person's first.
    let p = status(
        &clock(TODAY),
        &asked(true),
        rows(history(&investigated("report"))),
    );
    assert_eq!(p.warnings, [SEEK, CONFIDENTIAL]);
}

#[test]
fn the_next_action_follows_the_stage_and_decision() {
    let assessed: Steps = vec![
        ("acknowledged", "2026-12-21", None),
        ("initial assessment", "2026-12-22", None),
    ];
    let decided = |decision| {
        with(
            assessed.clone(),
            &[("decision", "2027-01-04", Some(decision))],
        )
    };
    // (steps, action, its deadline)
    let table: Vec<(Steps, Option<&str>, Option<&str>)> = vec![
        (
            vec![],
            Some("Acknowledge the complaint"),
            Some("acknowledge"),
        ),
        (
            assessed[..1].to_vec(),
            Some("Carry out the initial assessment"),
            Some("decide"),
        ),
        (
            assessed.clone(),
            Some("Decide on the initial assessment"),
            Some("decide"),
        ),
        (
            decided("investigation"),
            Some("Appoint an investigator and start the investigation"),
            Some("investigate"),
        ),
        (
            decided("referred to police"),
            Some("When the police have finished, reassess or close the case"),
            None,
        ),
        (
            decided("informal resolution"),
            Some("Complete the informal resolution, then close the case"),
            None,
        ),
        (
            decided("no further action"),
            Some("Send the decision notice and close the case"),
            Some("letters"),
        ),
        (
            decided("out of scope: not a member"),
            Some("Send the decision notice and close the case"),
            Some("letters"),
        ),
        (
            vec![("decision", "2026-12-21", Some("withdrawn by complainant"))],
            Some("Send the decision notice and close the case"),
            Some("letters"),
        ),
        (
            investigated("investigation"),
            Some("Complete the investigation report"),
            Some("investigate"),
        ),
        (
            with(
                investigated("report"),
                &[("outcome", "2027-04-09", Some("no breach"))],
            ),
            Some("Send the decision notice and close the case"),
            Some("letters"),
        ),
        (
            with(
                decided("no further action"),
                &[("closed", "2027-01-05", None)],
            ),
            None,
            None,
        ),
    ];
    for (steps, action, key) in table {
        let p = at(&steps, vec![]);
        let next = p.next_action.as_ref();
        assert_eq!(next.map(|n| n.action.as_str()), action, "{steps:?}");
        assert_eq!(next.and_then(|n| n.deadline), key, "{steps:?}");
        if let Some(key) = key {
            let d = p.deadlines.iter().find(|x| x.key == key).unwrap();
            let n = next.unwrap();
            assert_eq!(
                (
                    &n.due_on,
                    n.status,
                    n.working_days_left,
                    n.working_days_overdue
                ),
                (
                    &d.due_on,
                    Some(d.status),
                    d.working_days_left,
                    d.working_days_overdue
                )
            );
        }
    }
}
