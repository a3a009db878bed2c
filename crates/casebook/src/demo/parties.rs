//! The demo council's Independent Persons, councillors told of complaints and their comments,
//! investigators with their time, cost and reports, and requests for review: so a new user sees
//! the whole procedure at once. The letters are made by `casebook-papers` (see [`super::load`]'s
//! hook), which can render them.

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::independent_person::{self, NewPerson};
use crate::parties::{self, File};
use crate::procedure::Report;
use crate::sql::Sql;
use crate::{settings, Result, Stamp};

/// The council's Independent Persons: the one consulted on the demo's cases, and a second.
pub const IPS: &[(&str, &str, &str)] = &[
    (
        "Margaret Ellison",
        "2023-07-01",
        "m.ellison@independent-person.example",
    ),
    ("Rhodri Pryce", "2024-09-01", "rhodri.pryce@example.org"),
];

/// Fills the register and the council's address; the ids of the register, in order.
pub fn register(tx: &impl Sql, stamp: &Stamp) -> Result<Vec<i64>> {
    settings::set_text(
        tx,
        stamp,
        settings::COUNCIL_ADDRESS,
        "Civic Centre\nMarket Square\nKingsmere\nKM1 1AA",
    )?;
    IPS.iter()
        .map(|(name, from, contact)| {
            let p = NewPerson {
                name: (*name).into(),
                term_start: (*from).into(),
                term_end: Some("2028-06-30".into()),
                contact: Some((*contact).into()),
            };
            Ok(independent_person::add(tx, stamp, &p)?.id)
        })
        .collect()
}

fn wd(from: NaiveDate, k: u32) -> NaiveDate {
    Calendar::standard()
        .add_working_days(from, k, &[])
        .unwrap_or(from)
}

/// Tells the councillor of case `n` the day after it was acknowledged (a summary where the
/// complainant's confidentiality was granted) and, for most, records their comments.
pub fn notify(
    tx: &impl Sql,
    stamp: &Stamp,
    (id, n): (i64, usize),
    acknowledged: NaiveDate,
    granted: bool,
) -> Result<()> {
    let today = stamp.at.date_naive();
    let on = wd(acknowledged, 1);
    if on > today {
        return Ok(());
    }
    let method = if n % 3 == 1 { "post" } else { "email" };
    let sent = if granted {
        "a summary"
    } else {
        "the complaint"
    };
    parties::notify(tx, stamp, id, on, method, sent)?;
    let comments_on = wd(on, 2 + (n % 5) as u32);
    if n % 5 == 3 || comments_on > today {
        return Ok(());
    }
    let text = COMMENTS[n % COMMENTS.len()];
    parties::comments_received(tx, stamp, id, comments_on, Some(text), None).map(drop)
}

const COMMENTS: &[&str] = &[
    "I accept the post was badly worded and have deleted it. It was written late at night and I \
     apologise to anyone offended.",
    "The account is my personal one and I was not acting as a councillor; I did not mention the \
     council or my role.",
    "I stand by the post. It was fair comment on a planning decision and I was entitled to make it.",
    "I did not write the post; a family member had access to my phone. I have changed my password.",
];

/// Appoints the investigator of case `n` on `started`, records their time and cost until the
/// final report on `report_on` (if that has come), and the draft report between.
pub fn investigate(
    tx: &impl Sql,
    stamp: &Stamp,
    (id, n): (i64, usize),
    started: NaiveDate,
    report_on: NaiveDate,
) -> Result<()> {
    let today = stamp.at.date_naive();
    let (name, kind, rate) = if n.is_multiple_of(2) {
        ("Harriet Cole, Cole Governance Ltd", "external", 9_500)
    } else {
        ("Priya Raman", "internal", 4_200)
    };
    parties::appoint(tx, stamp, id, name, kind, started)?;
    let mut on = wd(started, 5);
    let mut k = 0;
    while on <= today && on < report_on {
        let hours = 3.0 + ((n + k) % 4) as f64 * 1.5;
        let note = [
            "Reading the evidence",
            "Interviews",
            "Drafting",
            "Witness statement",
        ][k % 4];
        parties::add_cost(
            tx,
            stamp,
            id,
            (on, hours, (hours * f64::from(rate)).round() as i64),
            Some(note),
        )?;
        k += 1;
        on = wd(on, 7);
    }
    let draft_on = wd(started, 30);
    if draft_on >= report_on || draft_on > today {
        return Ok(());
    }
    parties::report(tx, stamp, id, Report::DraftSent, draft_on, None)?;
    let comments_on = wd(draft_on, 8);
    if comments_on < report_on && comments_on <= today {
        parties::report(tx, stamp, id, Report::DraftComments, comments_on, None)?;
    }
    if report_on > today {
        return Ok(());
    }
    let report = format!(
        "# Investigation report\n\nInvestigator: {name} ({kind}).\n\nThe investigator \
         interviewed the complainant and the councillor, reviewed the screenshots and the \
         account's history, and considered the Social Media Guidance for Councillors and the \
         Code of Conduct.\n\nFinal report dated {report_on}.\n"
    );
    let file = File {
        bytes: report.as_bytes(),
        name: Some("final-investigation-report.md"),
    };
    parties::report(tx, stamp, id, Report::Final, report_on, Some(file)).map(drop)
}

/// For some closed cases, a request for review after closure: most decided (one late), and one
/// still open.
pub fn review(
    tx: &impl Sql,
    stamp: &Stamp,
    (id, n): (i64, usize),
    closed_on: NaiveDate,
) -> Result<()> {
    if n % 7 != 3 && n % 11 != 5 {
        return Ok(());
    }
    let today = stamp.at.date_naive();
    let on = wd(closed_on, 3);
    if on > today {
        return Ok(());
    }
    let by = if n.is_multiple_of(2) {
        "councillor"
    } else {
        "complainant"
    };
    parties::request_review(
        tx,
        stamp,
        id,
        on,
        by,
        "The decision did not take account of the context of the post, which was a reply to a \
         resident's question.",
    )?;
    let decided_on = wd(on, if n % 3 == 0 { 18 } else { 9 });
    if decided_on > today {
        return Ok(());
    }
    let decision = if n % 4 == 1 {
        "request not accepted"
    } else {
        "decision upheld"
    };
    parties::decide_review(
        tx,
        stamp,
        id,
        (
            "Dana Whitcombe, Deputy Monitoring Officer",
            decision,
            decided_on,
        ),
        "The reviewer read the complaint, the evidence and the reasons again, with the \
         Independent Person, and found the decision was one the Monitoring Officer was entitled \
         to reach on the evidence.",
    )
    .map(drop)
}
