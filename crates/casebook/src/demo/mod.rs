//! `casebook demo`: fills an empty database with a realistic, clearly fictional council — the
//! (fictional) Kingsmere City Council and three parish and town councils — with councillors and
//! their accounts, about forty complaints across two years, screenshots drawn here, post text,
//! guidance tags with notes, and capacity assessments, so a new user sees a living app at once.

mod data;
mod parties;
mod screenshot;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use image::ImageFormat;

use crate::calendar::Calendar;
use crate::case::NewCase;
use crate::councillor::{NewAccount, NewCouncillor};
use crate::evidence::Capture;
use crate::officer::{self, Role};
use crate::procedure::{self, Move, NewConsultation};
use crate::sql::Sql;
use crate::{assessment, case, councillor, evidence, notes, Db, Error, Result, Stamp};
use crate::{publication, settings, Transaction};

use data::{CITY, COMPLAINANTS, MEMBERS, SAME_POST, SCENARIOS};
pub use screenshot::{render as render_screenshot, Post};

/// The demo council's standards team (fictional), added to the officer register beside whoever
/// loads the demo.
const TEAM: &[(&str, Role)] = &[
    ("Dana Whitcombe", Role::Deputy),
    ("Sam Okonjo", Role::StandardsOfficer),
    ("Priya Raman", Role::Investigator),
    ("Tom Ashdown", Role::ReadOnly),
];

/// Fills `db` (which must hold no cases) with the demo council. `stamp.at` is "now": cases are
/// spread over the two years before it.
/// What the front end adds to the demo in the same transaction once its cases are in: the letters,
/// which `casebook-papers` renders.
pub type Hook<'a> = &'a dyn Fn(&Transaction<'_>, &Stamp) -> Result<()>;

/// [`load_with`] without letters.
pub fn load(db: &mut Db, stamp: &Stamp) -> Result<Summary> {
    load_with(db, stamp, &|_, _| Ok(()))
}

/// Loads the demo council into an empty database, then runs `hook`: all or nothing.
pub fn load_with(db: &mut Db, stamp: &Stamp, hook: Hook<'_>) -> Result<Summary> {
    db.write(|tx| {
        let summary = fill(tx, stamp)?;
        hook(tx, stamp)?;
        Ok(summary)
    })
}

/// Writes the demo council in `tx`, on either engine, without the letters (the front end's
/// hook makes those): refused if the database already holds cases.
pub fn fill(tx: &impl Sql, stamp: &Stamp) -> Result<Summary> {
    let existing = case::count(tx)?;
    if existing > 0 {
        return Err(Error::conflict(
            "database",
            format!(
                "already holds {existing} case(s); demo data only goes into an empty database \
                 (try `casebook --db demo.sqlite3 demo`)"
            ),
        ));
    }
    for (name, role) in TEAM {
        if officer::resolve(tx, name).is_err() {
            officer::add(tx, stamp, name, *role)?;
        }
    }
    let mut ids = Vec::new();
    for mb in MEMBERS {
        let c = councillor::add(
            tx,
            stamp,
            &NewCouncillor {
                name: mb.name.into(),
                council: mb.council.into(),
                ward: Some(mb.ward.into()),
                party: Some(mb.party.into()),
                co_opted: mb.co_opted,
                term_start: NaiveDate::from_ymd_opt(
                    if mb.council == CITY { 2023 } else { 2024 },
                    5,
                    4,
                ),
                term_end: NaiveDate::from_ymd_opt(
                    if mb.council == CITY { 2027 } else { 2028 },
                    5,
                    3,
                ),
            },
        )?;
        councillor::add_account(
            tx,
            stamp,
            c.id,
            &NewAccount {
                platform: mb.platform.into(),
                handle: mb.handle.into(),
                profile_says_councillor: mb.profile_says_councillor,
                account_use: mb.account_use.into(),
                visibility: mb.visibility.into(),
            },
        )?;
        ids.push(c.id);
    }

    parties::register(tx, stamp)?;
    let today = stamp.at.date_naive();
    let mut rng = fastrand::Rng::with_seed(20_26);
    let total = 40;
    let mut references = Vec::new();
    // Oldest first, so references run in date order within each year.
    // Denser towards today (complaints have been rising), so a few are open at each stage.
    let mut offsets: Vec<i64> = (0..total)
        .map(|i| {
            let f = i as f64 / total as f64;
            2 + (720.0 * f.powf(1.6)) as i64 + rng.i64(0..6)
        })
        .collect();
    offsets.sort_unstable_by(|a, b| b.cmp(a));
    let mut previous_post: Option<(String, String)> = None;
    for (n, days_ago) in offsets.into_iter().enumerate() {
        // Complaint 6 is a second complaint about complaint 5's post.
        let same_post = n == SAME_POST.1;
        let base = if same_post { SAME_POST.0 } else { n };
        let sc = &SCENARIOS[base % SCENARIOS.len()];
        let member_ix = (base * 7 + base / SCENARIOS.len()) % MEMBERS.len();
        let mb = &MEMBERS[member_ix];
        let received_on = today - Duration::days(days_ago);
        let posted_on = received_on - Duration::days(rng.i64(0..4));
        let mut posted_at = format!("{posted_on}T{:02}:{:02}", rng.u32(7..23), rng.u32(0..60));
        let (complainant, kind) = COMPLAINANTS[(n * 5) % COMPLAINANTS.len()];
        let confidential = n % 6 == 2;
        let slug = mb.handle.trim_start_matches('@').replace([' ', '.'], "");
        let mut post_url = format!(
            "https://{}/{}/posts/{}",
            host(mb.platform),
            slug,
            1_000_000 + rng.u32(0..8_999_999)
        );
        if let (true, Some((url, at))) = (same_post, &previous_post) {
            post_url = url.clone();
            posted_at = at.clone();
        }
        previous_post = Some((post_url.clone(), posted_at.clone()));
        let created = case::create(
            tx,
            stamp,
            &NewCase {
                reference: None,
                received_on,
                channel: ["email", "web form", "email", "letter", "phone"][n % 5].into(),
                complainant_name: complainant.into(),
                complainant_contact: Some(format!(
                    "{}@example.org",
                    complainant
                        .to_ascii_lowercase()
                        .replace(|c: char| !c.is_ascii_alphanumeric(), ".")
                )),
                complainant_type: kind.into(),
                confidentiality_requested: confidential,
                confidentiality_reason: confidential.then(|| {
                    "Complainant is a neighbour of the councillor and fears reprisals.".to_string()
                }),
                councillor_id: ids[member_ix],
                platform: mb.platform.into(),
                post_url: Some(post_url.clone()),
                posted_at: Some(posted_at.clone()),
                summary: sc.summary.to_string(),
            },
            Some("demo data"),
        )?;
        let captured_at = Utc
            .from_utc_datetime(&received_on.and_hms_opt(10, 15, 0).unwrap_or_default())
            .min(stamp.at);
        let capture = Capture {
            captured_by: Some(if n % 3 == 0 {
                complainant.to_string()
            } else {
                "Standards team".to_string()
            }),
            captured_at: Some(captured_at),
            source_url: Some(post_url),
            description: None,
            derived_from: None,
        };
        let display = if mb.profile_says_councillor {
            format!("Cllr {}", mb.name)
        } else {
            mb.name.to_string()
        };
        let shot = screenshot::render(
            &Post {
                platform: mb.platform,
                display_name: &display,
                handle: mb.handle,
                text: sc.post,
                when: &posted_at.replace('T', " "),
                reactions: rng.u32(3..400),
            },
            if n % 4 == 3 {
                ImageFormat::Jpeg
            } else {
                ImageFormat::Png
            },
        )?;
        let ext = if n % 4 == 3 { "jpg" } else { "png" };
        evidence::add_file(
            tx,
            stamp,
            created.id,
            &shot,
            Some(&format!(
                "screenshot-{}.{ext}",
                created.reference.to_lowercase()
            )),
            &Capture {
                description: Some("Screenshot of the post supplied with the complaint".into()),
                ..capture.clone()
            },
        )?;
        evidence::add_text(tx, stamp, created.id, sc.post, &capture)?;

        // Older complaints are fully assessed; the most recent few are still being worked on.
        let recent = days_ago < 40;
        for (code, note) in sc.tags.iter().take(if recent { 1 } else { sc.tags.len() }) {
            assessment::tag(
                tx,
                stamp,
                created.id,
                code,
                Some(note).filter(|n| !n.is_empty()).copied(),
            )?;
        }
        for (i, a) in sc.indicators.chars().enumerate() {
            let answer = match a {
                'y' => "yes",
                'n' => "no",
                'u' => "unknown",
                _ => continue,
            };
            if recent && i > 3 {
                break;
            }
            assessment::answer_indicator(
                tx,
                stamp,
                created.id,
                &format!("I{}", i + 1),
                answer,
                None,
            )?;
        }
        if !recent && !sc.reasons.is_empty() {
            assessment::determine(tx, stamp, created.id, sc.determination, Some(sc.reasons))?;
        }
        let determination = if recent {
            "undetermined"
        } else {
            sc.determination
        };
        progress(
            tx,
            stamp,
            created.id,
            n,
            received_on,
            determination,
            confidential,
        )?;
        references.push((created.id, created.reference));
    }
    // Two complaints about one post, and a pair from one incident.
    if references.len() > 10 {
        case::link(
            tx,
            stamp,
            references[SAME_POST.0].0,
            references[SAME_POST.1].0,
            "same post",
        )?;
        case::link(
            tx,
            stamp,
            references[9].0,
            references[10].0,
            "same incident",
        )?;
    }
    // A witness named in an officer's note: a complainant in other cases, so a subject access
    // request from her finds this case too.
    if let Some((id, _)) = references.get(12) {
        notes::add(
            tx,
            stamp,
            *id,
            "Rang Marguerite Lenoir, who saw the post before it was deleted. She has sent a \
             screenshot and is willing to give a statement if the case goes to investigation.",
        )?;
    }
    committee_papers(tx, stamp)?;
    Ok(Summary {
        councillors: MEMBERS.len(),
        cases: references.len(),
    })
}

/// What the officer marks for the committee papers: the council's name, published decision
/// notices for closed breaches, a few illustrative cases and guidance gaps, and recommendations.
fn committee_papers(tx: &impl Sql, stamp: &Stamp) -> Result<()> {
    settings::set_text(tx, stamp, settings::COUNCIL_NAME, "Kingsmere City Council")?;
    let cases = publication::candidates(tx)?;
    let mut illustrations = 0;
    let mut gaps = 0;
    for (i, c) in cases.iter().enumerate() {
        let (id, platform, summary) = (&c.case_id, &c.platform, &c.summary);
        let (outcome, closed_on, responsibility) =
            (&c.outcome, &c.closed_on, &c.first_responsibility);
        let published = outcome.as_deref() == Some(procedure::BREACH_FOUND) && closed_on.is_some();
        let illustrative = responsibility.is_some() && i % 5 == 1 && illustrations < 6;
        if published || illustrative {
            illustrations += usize::from(illustrative);
            publication::set(
                tx,
                stamp,
                *id,
                Some(&format!(
                    "A complaint about a post on {platform}. {summary}"
                )),
                illustrative,
                if published {
                    closed_on.as_deref()
                } else {
                    None
                },
            )?;
        }
        if let (Some(code), true) = (responsibility, i % 7 == 3 && gaps < GAPS.len()) {
            publication::flag_gap(tx, stamp, *id, Some(code), GAPS[gaps])?;
            gaps += 1;
        }
    }
    settings::set_text(
        tx,
        stamp,
        settings::REVIEW_RECOMMENDATIONS,
        "1. Add an example to the guidance of a repost without comment, and say whether it counts \
         as endorsing the original post.\n\
         2. Say plainly that a profile describing the member as a councillor is a strong indicator \
         of acting in capacity, even on an account described as personal.\n\
         3. Offer group training on blocking and muting residents, with the council's IT team.",
    )?;
    Ok(())
}

/// Guidance gaps the demo officer noticed.
const GAPS: &[&str] = &[
    "The guidance does not say whether reposting without comment counts as endorsing the post.",
    "It is unclear whether a private group of residents counts as a public forum.",
    "The guidance is silent on deleting residents' comments from a councillor's own page.",
    "Members asked whether the guidance covers messages sent from a personal phone to one resident.",
];

const IP: &str = "Margaret Ellison (Independent Person)";

/// Takes demo case `n`, received on `received`, as far through the procedure as its age allows:
/// older complaints are closed with a spread of decisions and outcomes; recent ones are open at
/// each stage, one of them overdue, one paused and one awaiting the Independent Person.
fn progress(
    tx: &impl Sql,
    stamp: &Stamp,
    id: i64,
    n: usize,
    received: NaiveDate,
    determination: &str,
    confidential: bool,
) -> Result<()> {
    let today = stamp.at.date_naive();
    let cal = Calendar::standard();
    let wd = |from: NaiveDate, k: usize| cal.add_working_days(from, k as u32, &[]).unwrap_or(from);
    let step = |stage: &str,
                on: NaiveDate,
                outcome: Option<&str>,
                actions: &[&str],
                reason: Option<&str>| {
        procedure::advance(
            tx,
            stamp,
            id,
            &Move {
                stage: stage.into(),
                on,
                outcome: outcome.map(String::from),
                actions: actions.iter().map(|a| a.to_string()).collect(),
                reason: reason.map(String::from),
            },
        )
    };
    // One in nine is acknowledged late; a recent one is left unacknowledged (overdue).
    let ack_on = wd(received, 1 + n % 4 + if n % 9 == 4 { 4 } else { 0 });
    let age = (today - received).num_days();
    if ack_on > today || (age > 8 && age < 30 && n % 2 == 1) {
        return Ok(());
    }
    step("acknowledged", ack_on, None, &[], None)?;
    if confidential {
        procedure::decide_confidentiality(
            tx,
            stamp,
            id,
            if n % 12 == 2 { "granted" } else { "refused" },
            "Monitoring Officer",
            ack_on,
            if n % 12 == 2 {
                "The complainant is a neighbour of the councillor and the risk of reprisal is credible."
            } else {
                "The complaint cannot be fairly put to the councillor without identifying the complainant."
            },
        )?;
    }
    parties::notify(tx, stamp, (id, n), ack_on, confidential && n % 12 == 2)?;
    let ia_on = wd(ack_on, 1);
    if ia_on > today {
        return Ok(());
    }
    step("initial assessment", ia_on, None, &[], None)?;
    let decide_on = wd(received, 12 + n % 10);
    // The newest complaints are still being assessed.
    if decide_on > today || age < 30 {
        if n.is_multiple_of(3) {
            let on = wd(ia_on, 2).min(today);
            procedure::pause(
                tx,
                stamp,
                id,
                on,
                "awaiting information",
                Some("Asked the complainant for the full thread and the date of the post."),
            )?;
        }
        return Ok(());
    }
    let (decision, actions, reason): (&str, &[&str], &str) = match (determination, n % 8) {
        ("not in capacity", _) => (
            "out of scope: not acting in capacity",
            &[],
            "The councillor was not acting as a councillor when posting, so the Code of Conduct does not apply.",
        ),
        (_, 0 | 4) | (_, 3 | 5) if (n % 8).is_multiple_of(4) || age < 150 => (
            "investigation",
            &[],
            "The allegation, if proved, could be a breach of the Code and is serious enough to merit investigation.",
        ),
        (_, 1) => (
            "informal resolution",
            &["apology"],
            "The councillor accepts the post was ill-judged; an apology to the complainant resolves it proportionately.",
        ),
        (_, 2) => (
            "informal resolution",
            &["training"],
            "A breach may have occurred but training on the Social Media Guidance is the proportionate response.",
        ),
        (_, 6) => (
            "withdrawn by complainant",
            &[],
            "The complainant withdrew the complaint after the post was deleted.",
        ),
        (_, 7) => (
            "out of scope: not a Code matter",
            &[],
            "The complaint is about a political disagreement, not conduct covered by the Code.",
        ),
        _ => (
            "no further action",
            &[],
            "Taking the Independent Person's view into account, the post is robust political comment protected by Article 10.",
        ),
    };
    step("decision", decide_on, Some(decision), actions, Some(reason))?;
    if decision != "investigation" {
        let close_on = wd(
            decide_on,
            if decision == "informal resolution" {
                15
            } else {
                2
            },
        );
        if close_on <= today {
            step("closed", close_on, None, &[], None)?;
            parties::review(tx, stamp, (id, n), close_on)?;
        }
        return Ok(());
    }
    let started = wd(decide_on, 3);
    if started > today {
        return Ok(());
    }
    step("investigation", started, None, &[], None)?;
    let report_on = wd(started, 45 + n % 20);
    parties::investigate(tx, stamp, (id, n), started, report_on)?;
    if report_on > today {
        return Ok(());
    }
    step("report", report_on, None, &[], None)?;
    let ip_on = wd(report_on, 5);
    if ip_on > today || n.is_multiple_of(3) && age < 200 {
        return Ok(());
    }
    procedure::add_consultation(
        tx,
        stamp,
        id,
        &NewConsultation {
            ip_id: crate::independent_person::list(tx)?.first().map(|p| p.id),
            person: IP.into(),
            consulted_on: ip_on,
            stage: None,
            views: if n.is_multiple_of(2) {
                "Agrees with the investigator that the Code was breached and that a hearing is needed."
            } else {
                "Agrees with the investigator's finding of no breach."
            }
            .into(),
        },
    )?;
    let outcome_on = if n.is_multiple_of(2) {
        let hearing_on = wd(report_on, 15);
        if hearing_on > today {
            return Ok(());
        }
        step("hearing", hearing_on, None, &[], None)?;
        step(
            "outcome",
            hearing_on,
            Some("breach found"),
            &["censure", "training", "publication of findings"],
            Some("The Hearing Sub-Committee found that the post failed to treat others with respect and brought the council into disrepute."),
        )?;
        hearing_on
    } else {
        let on = wd(report_on, 8);
        if on > today {
            return Ok(());
        }
        step(
            "outcome",
            on,
            Some("no breach"),
            &[],
            Some("The investigator found no breach and, having consulted the Independent Person, the Monitoring Officer accepts the finding."),
        )?;
        on
    };
    let close_on = wd(outcome_on, 3);
    if close_on <= today {
        step("closed", close_on, None, &[], None)?;
        parties::review(tx, stamp, (id, n), close_on)?;
    }
    Ok(())
}

fn host(platform: &str) -> &'static str {
    match platform {
        "Facebook" => "facebook.example",
        "X" => "x.example",
        "Instagram" => "instagram.example",
        "TikTok" => "tiktok.example",
        "LinkedIn" => "linkedin.example",
        _ => "social.example",
    }
}

#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Summary {
    pub councillors: usize,
    pub cases: usize,
}
