//! `status()`'s deadlines over Christmas 2026 and Easter 2027. Expected dates are worked out from
//! the published bank holidays: Christmas Day 2026 is a Friday, so Boxing Day's substitute is
//! Monday 28 December; New Year's Day 2027 is a Friday; Good Friday 2027 is 26 March and Easter
//! Monday 29 March.
//!
//! A complaint received Friday 18 December 2026 is due an acknowledgement after 5 working days
//! (21, 22, 23, 24 and 29 December: Tuesday 29 December) and a decision after 20 (30, 31 December,
//! 4–8, 11–15 and 18–20 January: Wednesday 20 January 2027). A decision to investigate on Monday
//! 4 January 2027 is due its report 12 weeks on, Monday 29 March, which is Easter Monday: Tuesday
//! 30 March.

use casebook_domain::procedure::{status, Procedure, Rows};
use casebook_domain::settings::Targets;

use crate::support::{clock, deadline, facts, history, line, pause, rows, Line};

const RECEIVED: &str = "2026-12-18";
const ACK_DUE: &str = "2026-12-29";
const DECIDE_DUE: &str = "2027-01-20";

fn at(today: &str, rows: Rows) -> Procedure {
    status(&clock(today), &facts(RECEIVED), rows)
}

fn due(on: &'static str, left: i64) -> Line<'static> {
    let status = if left == 0 { "due today" } else { "due" };
    (Some(on), None, status, Some(left), None)
}

fn overdue(on: &'static str, by: i64) -> Line<'static> {
    (Some(on), None, "overdue", None, Some(by))
}

fn met(on: &'static str, done: &'static str) -> Line<'static> {
    (Some(on), Some(done), "met", None, None)
}

fn late(on: &'static str, done: &'static str, by: i64) -> Line<'static> {
    (Some(on), Some(done), "late", None, Some(by))
}

const PAUSED: Line<'static> = (None, None, "paused", None, None);

#[test]
fn acknowledge_and_decide_count_working_days_from_receipt_over_christmas() {
    // (today, acknowledge, decide)
    let table = [
        ("2026-12-18", due(ACK_DUE, 5), due(DECIDE_DUE, 20)),
        // Thursday 24th: only Tuesday 29th is left before the acknowledgement.
        ("2026-12-24", due(ACK_DUE, 1), due(DECIDE_DUE, 16)),
        ("2026-12-26", due(ACK_DUE, 1), due(DECIDE_DUE, 16)),
        ("2026-12-29", due(ACK_DUE, 0), due(DECIDE_DUE, 15)),
        ("2026-12-30", overdue(ACK_DUE, 1), due(DECIDE_DUE, 14)),
        // 30th, 31st and Monday 4th (New Year's Day does not count).
        ("2027-01-04", overdue(ACK_DUE, 3), due(DECIDE_DUE, 12)),
        ("2027-01-20", overdue(ACK_DUE, 15), due(DECIDE_DUE, 0)),
        ("2027-01-21", overdue(ACK_DUE, 16), overdue(DECIDE_DUE, 1)),
        ("2027-01-25", overdue(ACK_DUE, 18), overdue(DECIDE_DUE, 3)),
    ];
    for (today, ack, decide) in table {
        let p = at(today, Rows::default());
        assert_eq!(p.as_of, today);
        assert_eq!(p.stage, "received");
        assert_eq!(p.deadlines.len(), 2, "no investigation deadline");
        let a = &p.deadlines[0];
        assert_eq!(
            (a.key, a.label, a.target.as_str()),
            (
                "acknowledge",
                "Acknowledge the complaint",
                "5 working days from receipt"
            )
        );
        assert_eq!(line(a), ack, "acknowledge as at {today}");
        let b = &p.deadlines[1];
        assert_eq!(
            (b.key, b.label, b.target.as_str()),
            (
                "decide",
                "Decide on the initial assessment",
                "20 working days from receipt"
            )
        );
        assert_eq!(line(b), decide, "decide as at {today}");

        let next = p.next_action.unwrap();
        assert_eq!(next.action, "Acknowledge the complaint");
        assert_eq!(next.deadline, Some("acknowledge"));
        assert_eq!(
            (
                next.due_on.as_deref(),
                next.status.unwrap(),
                next.working_days_left,
                next.working_days_overdue
            ),
            (ack.0, ack.2, ack.3, ack.4)
        );
    }
}

#[test]
fn acknowledging_meets_or_misses_its_target() {
    for (on, want) in [
        ("2026-12-21", met(ACK_DUE, "2026-12-21")),
        ("2026-12-24", met(ACK_DUE, "2026-12-24")),
        ("2026-12-29", met(ACK_DUE, "2026-12-29")),
        ("2026-12-30", late(ACK_DUE, "2026-12-30", 1)),
        ("2027-01-04", late(ACK_DUE, "2027-01-04", 3)),
    ] {
        let p = at("2027-01-06", rows(history(&[("acknowledged", on, None)])));
        assert_eq!(line(deadline(&p, "acknowledge")), want, "acknowledged {on}");
        assert_eq!(p.acknowledged_on.as_deref(), Some(on));
        // The decision is still to come: 20 January is 10 working days after 6 January.
        assert_eq!(line(deadline(&p, "decide")), due(DECIDE_DUE, 10));
        let next = p.next_action.unwrap();
        assert_eq!(next.action, "Carry out the initial assessment");
        assert_eq!(
            (next.deadline, next.due_on.as_deref()),
            (Some("decide"), Some(DECIDE_DUE))
        );
    }
}

#[test]
fn deciding_meets_or_misses_its_target_and_ends_the_acknowledgement() {
    let assessed = |decided_on| {
        history(&[
            ("acknowledged", "2026-12-21", None),
            ("initial assessment", "2026-12-22", None),
            ("decision", decided_on, Some("no further action")),
        ])
    };
    for (on, want) in [
        ("2027-01-20", met(DECIDE_DUE, "2027-01-20")),
        ("2027-01-21", late(DECIDE_DUE, "2027-01-21", 1)),
        ("2027-01-25", late(DECIDE_DUE, "2027-01-25", 3)),
    ] {
        let p = at("2027-01-25", rows(assessed(on)));
        assert_eq!(
            line(deadline(&p, "acknowledge")),
            met(ACK_DUE, "2026-12-21")
        );
        assert_eq!(line(deadline(&p, "decide")), want, "decided {on}");
        // The decision's letters are now due too.
        assert_eq!(p.deadlines.len(), 3);
        assert_eq!(p.decided_on.as_deref(), Some(on));
    }

    // Withdrawn before it was acknowledged: the acknowledgement is no longer needed, even when
    // its date had passed.
    for on in ["2026-12-23", "2027-01-04"] {
        let p = at(
            "2027-01-25",
            rows(history(&[(
                "decision",
                on,
                Some("withdrawn by complainant"),
            )])),
        );
        assert_eq!(
            line(deadline(&p, "acknowledge")),
            (Some(ACK_DUE), None, "not needed", None, None),
            "withdrawn {on}"
        );
        assert_eq!(line(deadline(&p, "decide")), met(DECIDE_DUE, on));
    }

    // Referred to the police, then reassessed: the first decision met the target; the latest is
    // the case's decision.
    let p = at(
        "2027-01-27",
        rows(history(&[
            ("acknowledged", "2026-12-21", None),
            ("initial assessment", "2026-12-22", None),
            ("decision", "2026-12-23", Some("referred to police")),
            ("initial assessment", "2027-01-25", None),
            ("decision", "2027-01-26", Some("no further action")),
        ])),
    );
    assert_eq!(line(deadline(&p, "decide")), met(DECIDE_DUE, "2026-12-23"));
    assert_eq!(p.decision.as_deref(), Some("no further action"));
    assert_eq!(p.decided_on.as_deref(), Some("2027-01-26"));
}

const INV_DUE: &str = "2027-03-30";

fn investigating(tail: &[(&'static str, &'static str, Option<&'static str>)]) -> Rows {
    let mut steps = vec![
        ("acknowledged", "2026-12-21", None),
        ("initial assessment", "2026-12-22", None),
        ("decision", "2027-01-04", Some("investigation")),
    ];
    steps.extend_from_slice(tail);
    rows(history(&steps))
}

#[test]
fn the_investigation_is_due_in_weeks_from_the_decision_off_easter_monday() {
    // At the decision: 59 working days to go (19 in January, 20 in February, 20 in March).
    let p = at("2027-01-04", investigating(&[]));
    assert_eq!(p.deadlines.len(), 4);
    let inv = deadline(&p, "investigate");
    assert_eq!(
        (inv.label, inv.target.as_str()),
        (
            "Complete the investigation report",
            "12 weeks from the decision to investigate"
        )
    );
    assert_eq!(line(inv), due(INV_DUE, 59));
    assert_eq!(line(deadline(&p, "decide")), met(DECIDE_DUE, "2027-01-04"));
    let next = p.next_action.unwrap();
    assert_eq!(
        next.action,
        "Appoint an investigator and start the investigation"
    );
    assert_eq!(
        (
            next.deadline,
            next.due_on.as_deref(),
            next.working_days_left
        ),
        (Some("investigate"), Some(INV_DUE), Some(59))
    );

    let started = [("investigation", "2027-01-05", None)];
    for (today, want) in [
        // Monday 22 March: 23, 24, 25 and 30 March are left.
        ("2027-03-22", due(INV_DUE, 4)),
        ("2027-03-26", due(INV_DUE, 1)),
        ("2027-03-30", due(INV_DUE, 0)),
        ("2027-04-07", overdue(INV_DUE, 6)),
    ] {
        let p = at(today, investigating(&started));
        assert_eq!(line(deadline(&p, "investigate")), want, "as at {today}");
        let next = p.next_action.unwrap();
        assert_eq!(next.action, "Complete the investigation report");
        assert_eq!(next.deadline, Some("investigate"));
    }

    // The report (or an outcome without one) completes it.
    for (tail, want) in [
        ([("report", "2027-03-25", None)], met(INV_DUE, "2027-03-25")),
        (
            [("report", "2027-04-01", None)],
            late(INV_DUE, "2027-04-01", 2),
        ),
        (
            [("outcome", "2027-04-06", Some("withdrawn"))],
            late(INV_DUE, "2027-04-06", 5),
        ),
    ] {
        let mut steps = started.to_vec();
        steps.extend_from_slice(&tail);
        let p = at("2027-04-12", investigating(&steps));
        assert_eq!(line(deadline(&p, "investigate")), want, "{tail:?}");
    }

    // Other decisions set no investigation deadline.
    let p = at(
        "2027-01-04",
        rows(history(&[(
            "decision",
            "2026-12-21",
            Some("withdrawn by complainant"),
        )])),
    );
    assert!(p.deadlines.iter().all(|x| x.key != "investigate"));
}

#[test]
fn the_councils_own_targets_are_used() {
    let mut c = clock("2027-01-04");
    c.targets = Targets {
        acknowledge_working_days: 10,
        decision_working_days: 25,
        investigation_weeks: 8,
        ..Targets::default()
    };
    let p = status(&c, &facts(RECEIVED), investigating(&[]));
    let ack = deadline(&p, "acknowledge");
    assert_eq!(ack.target, "10 working days from receipt");
    // 21–24, 29–31 December, 4–6 January.
    assert_eq!(line(ack), met("2027-01-06", "2026-12-21"));
    let decide = deadline(&p, "decide");
    assert_eq!(decide.target, "25 working days from receipt");
    assert_eq!(line(decide), met("2027-01-27", "2027-01-04"));
    let inv = deadline(&p, "investigate");
    assert_eq!(inv.target, "8 weeks from the decision to investigate");
    // 56 days after Monday 4 January is Monday 1 March.
    assert_eq!(inv.due_on.as_deref(), Some("2027-03-01"));
}

#[test]
fn pauses_stop_the_clock() {
    // Paused Monday 21 December, resumed Thursday 24th: three working days do not count, so the
    // acknowledgement moves from 29 December to Monday 4 January and the decision to 25 January.
    let p = at(
        "2026-12-29",
        Rows {
            pauses: vec![pause(1, "2026-12-21", Some("2026-12-24"))],
            ..Rows::default()
        },
    );
    assert!(!p.paused);
    assert_eq!(line(deadline(&p, "acknowledge")), due("2027-01-04", 3));
    assert_eq!(line(deadline(&p, "decide")), due("2027-01-25", 18));
    assert_eq!(p.pauses.len(), 1);

    // A pause over Christmas costs only the working day in it (Thursday 24th).
    let p = at(
        "2026-12-30",
        Rows {
            pauses: vec![pause(1, "2026-12-24", Some("2026-12-29"))],
            ..Rows::default()
        },
    );
    assert_eq!(line(deadline(&p, "acknowledge")), due("2026-12-30", 0));
    assert_eq!(deadline(&p, "decide").due_on.as_deref(), Some("2027-01-21"));

    // Still paused: no due dates, and the next action says so.
    let p = at(
        "2027-01-04",
        Rows {
            pauses: vec![pause(1, "2026-12-22", None)],
            ..Rows::default()
        },
    );
    assert!(p.paused);
    assert_eq!(line(deadline(&p, "acknowledge")), PAUSED);
    assert_eq!(line(deadline(&p, "decide")), PAUSED);
    let next = p.next_action.unwrap();
    assert_eq!((next.status, next.due_on), (Some("paused"), None));

    // Paused after the acknowledgement fell due: still overdue, but the stopped days do not add
    // to it; the decision waits for the resumption.
    let p = at(
        "2027-01-04",
        Rows {
            pauses: vec![pause(1, "2026-12-30", None)],
            ..Rows::default()
        },
    );
    assert_eq!(line(deadline(&p, "acknowledge")), overdue(ACK_DUE, 0));
    assert_eq!(line(deadline(&p, "decide")), PAUSED);

    // Acknowledged late, with a pause in between: late by 4 and 5 January only.
    let p = at(
        "2027-01-05",
        Rows {
            stages: history(&[("acknowledged", "2027-01-05", None)]),
            pauses: vec![pause(1, "2026-12-30", Some("2027-01-04"))],
            ..Rows::default()
        },
    );
    assert_eq!(
        line(deadline(&p, "acknowledge")),
        late(ACK_DUE, "2027-01-05", 2)
    );

    // The investigation: a week paused in March takes its due date past Easter, to Monday 5 April;
    // while still paused it has none.
    let started = [("investigation", "2027-01-05", None)];
    let mut r = investigating(&started);
    r.pauses = vec![pause(1, "2027-03-08", Some("2027-03-15"))];
    let p = at("2027-03-22", r);
    assert_eq!(
        deadline(&p, "investigate").due_on.as_deref(),
        Some("2027-04-05")
    );
    let mut r = investigating(&started);
    r.pauses = vec![pause(1, "2027-03-08", None)];
    let p = at("2027-03-22", r);
    assert!(p.paused);
    assert_eq!(line(deadline(&p, "investigate")), PAUSED);
    // Deadlines already met stay met.
    assert_eq!(line(deadline(&p, "decide")), met(DECIDE_DUE, "2027-01-04"));
}
