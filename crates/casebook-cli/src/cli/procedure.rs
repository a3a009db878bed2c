//! The procedure commands: `case stage|pause|resume|confidentiality`, `ip`, `holidays`, `due`
//! and `settings`, and the procedure part of `case show`.

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};

use casebook::procedure::{self, Move, NewConsultation, Procedure};
use casebook::{calendar, case, settings, text, Db, Stamp};

use super::{print_json, JsonFlag};

#[derive(Args)]
pub struct StageArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// acknowledged, initial assessment, decision, investigation, report, hearing, outcome or closed.
    #[arg(required_unless_present = "undo")]
    stage: Option<String>,
    /// The day it happened (2026-03-14 or 14/03/2026; default: today).
    #[arg(long)]
    on: Option<String>,
    /// With decision: no further action, informal resolution, investigation, referred to police,
    /// withdrawn by complainant, "out of scope: not a member", "out of scope: not acting in
    /// capacity" or "out of scope: not a Code matter". With outcome: no breach, breach found,
    /// withdrawn or no further action.
    #[arg(long)]
    outcome: Option<String>,
    /// For an informal resolution: training, apology, mediation or referral to group leader.
    /// Repeatable.
    #[arg(long = "measure", value_name = "MEASURE")]
    measures: Vec<String>,
    /// For a breach found: formal letter, censure, publication of findings, report to council,
    /// removal from committees, removal from outside appointments, training, apology, withdrawal
    /// of facilities or exclusion from offices. Repeatable.
    #[arg(long = "sanction", value_name = "SANCTION")]
    sanctions: Vec<String>,
    /// Why (required for a decision and an outcome; it goes in the decision notice).
    #[arg(long)]
    reason: Option<String>,
    /// Take back the last step recorded (needs --reason).
    #[arg(long, conflicts_with_all = ["stage", "outcome", "measures", "sanctions", "on"], requires = "reason")]
    undo: bool,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub struct PauseArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// awaiting information, pre-election period, police referral or other.
    #[arg(long)]
    reason: String,
    /// First day the clock is stopped (default: today).
    #[arg(long)]
    on: Option<String>,
    /// Details (required when the reason is other).
    #[arg(long)]
    note: Option<String>,
}

#[derive(Args)]
pub struct ResumeArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// The day the clock runs again (default: today).
    #[arg(long)]
    on: Option<String>,
    /// Details, e.g. "information received from the complainant".
    #[arg(long)]
    note: Option<String>,
}

#[derive(Args)]
pub struct ConfidentialityArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// granted or refused.
    decision: String,
    /// Why: the grounds for the decision.
    #[arg(long)]
    grounds: String,
    /// Who decided (default: --actor).
    #[arg(long)]
    by: Option<String>,
    /// The day it was decided (default: today).
    #[arg(long)]
    on: Option<String>,
}

#[derive(Subcommand)]
pub enum IpCmd {
    /// Record that the Independent Person was consulted on a case, and their views.
    Add {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// The Independent Person's name.
        #[arg(long, alias = "name")]
        person: String,
        /// The day they gave their views (default: today).
        #[arg(long)]
        on: Option<String>,
        /// Their views, as given.
        #[arg(long)]
        views: String,
        /// The stage the case was at (default: its stage now).
        #[arg(long)]
        stage: Option<String>,
    },
    /// List a case's Independent Person consultations.
    List {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Args)]
pub struct HolidaysArgs {
    #[command(subcommand)]
    command: Option<HolidaysCmd>,
    /// The year to list (default: this year).
    #[arg(long)]
    year: Option<i32>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Subcommand)]
enum HolidaysCmd {
    /// Add a one-off holiday for the council (a day that is not a working day).
    Add {
        /// The day (2026-12-24 or 24/12/2026).
        date: String,
        /// What it is, e.g. "Council offices closed".
        #[arg(long)]
        name: String,
    },
    /// Remove a holiday the council added, or make a bank holiday a working day.
    Remove {
        /// The day (2026-12-24 or 24/12/2026).
        date: String,
        /// Why it is removed.
        #[arg(long, alias = "reason")]
        name: String,
    },
}

#[derive(Args)]
pub struct DueArgs {
    /// Also show what falls due within this many working days.
    #[arg(long, default_value_t = 5)]
    within: u32,
    /// Work out deadlines as at this day instead of today.
    #[arg(long)]
    as_of: Option<String>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Args)]
pub struct SettingsArgs {
    #[command(subcommand)]
    command: Option<SettingsCmd>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Subcommand)]
enum SettingsCmd {
    /// Change a setting: acknowledge_working_days, decision_working_days, investigation_weeks,
    /// council_name or officer_name (blank clears a name).
    Set {
        /// The setting's name.
        key: String,
        /// A whole number, or the name.
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
}

fn day_or_today(field: &str, v: Option<&str>, stamp: &Stamp) -> casebook::Result<NaiveDate> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => text::date(field, s),
        None => Ok(stamp.at.date_naive()),
    }
}

pub fn stage(db: &mut Db, stamp: &Stamp, a: StageArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    if a.undo {
        let reason = a.reason.unwrap_or_default();
        let gone = db.write(|tx| procedure::undo_last(tx, stamp, k.id, &reason))?;
        out!(
            "Took back {} ({} on {}) from {}.",
            gone.stage,
            gone.outcome.as_deref().unwrap_or("step"),
            gone.on,
            k.reference
        );
    } else {
        let m = Move {
            stage: a.stage.unwrap_or_default(),
            on: day_or_today("on", a.on.as_deref(), stamp)?,
            outcome: a.outcome,
            actions: a.measures.into_iter().chain(a.sanctions).collect(),
            reason: a.reason,
        };
        let e = db.write(|tx| procedure::advance(tx, stamp, k.id, &m))?;
        if !a.json.json {
            out!(
                "{} is now at {} (on {}){}.",
                k.reference,
                e.stage,
                e.on,
                e.outcome
                    .as_deref()
                    .map(|o| format!(": {o}"))
                    .unwrap_or_default()
            );
        }
    }
    let p = procedure::status(db.conn(), k.id, stamp.at.date_naive())?;
    if a.json.json {
        return print_json(&p);
    }
    if let Some(n) = &p.next_action {
        out!("Next: {}", next_line(n));
    }
    for w in &p.warnings {
        eprintln!("warning: {w}");
    }
    Ok(())
}

pub fn pause(db: &mut Db, stamp: &Stamp, a: PauseArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let on = day_or_today("on", a.on.as_deref(), stamp)?;
    let p = db.write(|tx| procedure::pause(tx, stamp, k.id, on, &a.reason, a.note.as_deref()))?;
    out!(
        "The clock on {} is paused from {} ({}). Resume it with `casebook case resume {}`.",
        k.reference,
        p.paused_on,
        p.reason,
        k.reference
    );
    Ok(())
}

pub fn resume(db: &mut Db, stamp: &Stamp, a: ResumeArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let on = day_or_today("on", a.on.as_deref(), stamp)?;
    let p = db.write(|tx| procedure::resume(tx, stamp, k.id, on, a.note.as_deref()))?;
    out!(
        "The clock on {} runs again from {} (paused since {}).",
        k.reference,
        p.resumed_on.as_deref().unwrap_or("?"),
        p.paused_on
    );
    let s = procedure::status(db.conn(), k.id, stamp.at.date_naive())?;
    if let Some(n) = &s.next_action {
        out!("Next: {}", next_line(n));
    }
    Ok(())
}

pub fn confidentiality(db: &mut Db, stamp: &Stamp, a: ConfidentialityArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let on = day_or_today("decided_on", a.on.as_deref(), stamp)?;
    let by = a.by.unwrap_or_else(|| stamp.actor.clone());
    let c = db.write(|tx| {
        procedure::decide_confidentiality(tx, stamp, k.id, &a.decision, &by, on, &a.grounds)
    })?;
    out!(
        "Confidentiality {} on {} by {} ({}).",
        c.decision,
        k.reference,
        c.decided_by,
        c.decided_on
    );
    Ok(())
}

pub fn ip(db: &mut Db, stamp: &Stamp, cmd: IpCmd) -> casebook::Result<()> {
    match cmd {
        IpCmd::Add {
            reference,
            person,
            on,
            views,
            stage,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let new = NewConsultation {
                person,
                consulted_on: day_or_today("consulted_on", on.as_deref(), stamp)?,
                stage,
                views,
            };
            let c = db.write(|tx| procedure::add_consultation(tx, stamp, k.id, &new))?;
            out!(
                "Recorded the Independent Person's views on {} ({}, {}, at {}).",
                k.reference,
                c.person,
                c.consulted_on,
                c.stage
            );
        }
        IpCmd::List { reference, json } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let all = procedure::consultations(db.conn(), k.id)?;
            if json.json {
                return print_json(&all);
            }
            if all.is_empty() {
                out!(
                    "The Independent Person has not been consulted on {}.",
                    k.reference
                );
            }
            for c in all {
                out!(
                    "{}  {} (at {}): {}",
                    c.consulted_on,
                    c.person,
                    c.stage,
                    c.views
                );
            }
        }
    }
    Ok(())
}

pub fn holidays(db: &mut Db, stamp: &Stamp, a: HolidaysArgs) -> casebook::Result<()> {
    let year = match &a.command {
        Some(HolidaysCmd::Add { date, name }) => {
            let d = text::date("date", date)?;
            db.write(|tx| calendar::add_holiday(tx, stamp, d, name))?;
            out!("{d} is now a holiday: {name}.");
            d.year()
        }
        Some(HolidaysCmd::Remove { date, name }) => {
            let d = text::date("date", date)?;
            db.write(|tx| calendar::remove_holiday(tx, stamp, d, name))?;
            out!("{d} is now a working day.");
            d.year()
        }
        None => a.year.unwrap_or(stamp.at.year()),
    };
    if !(1900..=9999).contains(&year) {
        return Err(casebook::Error::invalid(
            "year",
            format!("{year} is not a year from 1900 to 9999"),
        ));
    }
    let list = calendar::load(db.conn())?.holidays(year);
    if a.json.json {
        return print_json(&list);
    }
    if a.command.is_some() {
        out!();
    }
    out!("Holidays in {year} (England & Wales bank holidays and the council's own):");
    for h in list {
        let d = NaiveDate::parse_from_str(&h.date, "%Y-%m-%d").ok();
        out!(
            "  {}  {}{}",
            d.map(|d| d.format("%a %e %b").to_string())
                .unwrap_or(h.date.clone()),
            h.name,
            match h.source.as_str() {
                "added" => "  [added by the council]",
                "removed" => "  [a working day here]",
                _ => "",
            }
        );
    }
    Ok(())
}

pub fn due(db: &mut Db, stamp: &Stamp, a: DueArgs) -> casebook::Result<()> {
    let today = day_or_today("as_of", a.as_of.as_deref(), stamp)?;
    let list = procedure::due(db.conn(), today, a.within)?;
    if a.json.json {
        return print_json(&list);
    }
    if list.is_empty() {
        out!(
            "Nothing is overdue or due within {} working day(s) of {today}.",
            a.within
        );
        return Ok(());
    }
    for d in &list {
        let when = match (d.status, d.working_days_left, d.working_days_overdue) {
            ("overdue", _, Some(n)) => format!("OVERDUE by {n} working day(s)"),
            ("overdue", _, _) => "OVERDUE".to_string(),
            ("due today", _, _) => "DUE TODAY".to_string(),
            (_, Some(n), _) => format!("due in {n} working day(s)"),
            _ => d.status.to_string(),
        };
        out!(
            "{:<28} {}  due {}  {}  ({}, {})",
            when,
            d.reference,
            d.due_on,
            d.action,
            d.councillor,
            d.stage
        );
    }
    let overdue = list.iter().filter(|d| d.status == "overdue").count();
    out!(
        "{} case(s): {overdue} overdue, {} due within {} working day(s) of {today}.",
        list.len(),
        list.len() - overdue,
        a.within
    );
    Ok(())
}

pub fn settings(db: &mut Db, stamp: &Stamp, a: SettingsArgs) -> casebook::Result<()> {
    if let Some(SettingsCmd::Set { key, value }) = &a.command {
        if settings::is_text(key) {
            let s = db.write(|tx| settings::set_text(tx, stamp, key, value))?;
            out!(
                "{} = {} ({}).",
                s.key,
                s.value.as_deref().unwrap_or("(not set)"),
                s.label
            );
        } else {
            let s = db.write(|tx| settings::set(tx, stamp, key, value))?;
            out!("{} = {} ({}).", s.key, s.value, s.label);
        }
        return Ok(());
    }
    let all = settings::all(db.conn())?;
    let words = settings::texts(db.conn())?;
    if a.json.json {
        #[derive(serde::Serialize)]
        struct Out {
            targets: Vec<settings::Setting>,
            names: Vec<settings::TextSetting>,
        }
        return print_json(&Out {
            targets: all,
            names: words,
        });
    }
    for s in &words {
        out!(
            "{:<26} {}  ({})",
            s.key,
            s.value.as_deref().unwrap_or("(not set)"),
            s.label
        );
    }
    for s in all {
        out!(
            "{:<26} {:>4}  {}{}",
            s.key,
            s.value,
            s.label,
            if s.value == s.default {
                " (default)".to_string()
            } else {
                format!(" (default {})", s.default)
            }
        );
    }
    Ok(())
}

fn next_line(n: &procedure::NextAction) -> String {
    let when = match (n.status, &n.due_on) {
        (Some("overdue"), Some(d)) => format!(
            " — OVERDUE: was due {d}{}",
            n.working_days_overdue
                .map(|w| format!(", {w} working day(s) ago"))
                .unwrap_or_default()
        ),
        (Some("due today"), Some(d)) => format!(" — DUE TODAY ({d})"),
        (Some("paused"), _) => " — the clock is paused".to_string(),
        (_, Some(d)) => format!(
            " — due {d}{}",
            n.working_days_left
                .map(|w| format!(" ({w} working day(s) left)"))
                .unwrap_or_default()
        ),
        _ => String::new(),
    };
    format!("{}{when}", n.action)
}

/// The procedure part of `case show`.
pub fn print(p: &Procedure) {
    let mut stage = p.stage.clone();
    if let Some(d) = &p.decision {
        stage.push_str(&format!(
            "   Decision: {d} ({}){}",
            p.decided_on.as_deref().unwrap_or("?"),
            if p.measures.is_empty() {
                String::new()
            } else {
                format!(" — {}", p.measures.join(", "))
            }
        ));
    }
    if let Some(o) = &p.outcome {
        stage.push_str(&format!(
            "   Outcome: {o} ({}){}",
            p.outcome_on.as_deref().unwrap_or("?"),
            if p.sanctions.is_empty() {
                String::new()
            } else {
                format!(" — sanctions: {}", p.sanctions.join(", "))
            }
        ));
    }
    out!(
        "Stage: {stage}{}",
        if p.paused { "   [CLOCK PAUSED]" } else { "" }
    );
    if let Some(n) = &p.next_action {
        out!("Next: {}", next_line(n));
    }
    out!("Deadlines (as at {}):", p.as_of);
    for d in &p.deadlines {
        let state = match (d.status, d.working_days_left, d.working_days_overdue) {
            ("overdue", _, Some(n)) => format!("OVERDUE by {n} working day(s)"),
            ("late", _, Some(n)) => format!("late by {n} working day(s)"),
            ("due", Some(n), _) => format!("due, {n} working day(s) left"),
            (s, _, _) => s.to_string(),
        };
        out!(
            "  {:<34} {:<44} due {:<10}  done {:<10}  {}",
            d.label,
            d.target,
            d.due_on.as_deref().unwrap_or("—"),
            d.done_on.as_deref().unwrap_or("—"),
            state
        );
    }
    if !p.stages.is_empty() {
        out!("Steps:");
        for e in &p.stages {
            out!(
                "  {}  {:<18} by {}{}{}{}",
                e.on,
                e.stage,
                e.recorded_by,
                e.outcome
                    .as_deref()
                    .map(|o| format!("  [{o}]"))
                    .unwrap_or_default(),
                if e.actions.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", e.actions.join(", "))
                },
                e.reason
                    .as_deref()
                    .map(|r| format!(" — {r}"))
                    .unwrap_or_default()
            );
        }
    }
    for c in &p.ip_consultations {
        out!(
            "Independent Person: {} consulted {} (at {}): {}",
            c.person,
            c.consulted_on,
            c.stage,
            c.views
        );
    }
    if let Some(c) = &p.confidentiality {
        out!(
            "Confidentiality: {} by {} on {} — {}",
            c.decision,
            c.decided_by,
            c.decided_on,
            c.grounds
        );
    }
    for x in &p.pauses {
        out!(
            "Clock paused {} to {} ({}){}",
            x.paused_on,
            x.resumed_on.as_deref().unwrap_or("now"),
            x.reason,
            x.note
                .as_deref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default()
        );
    }
    for w in &p.warnings {
        out!("WARNING: {w}");
    }
}
