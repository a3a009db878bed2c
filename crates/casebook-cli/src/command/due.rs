//! `casebook due`: what is overdue or due soon across all open cases.

use clap::Args;

use casebook::{procedure, Db, Stamp};

use crate::input::day_or_today;
use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct DueArgs {
    /// Also show what falls due within this many working days.
    #[arg(long, default_value_t = 5)]
    within: u32,
    /// Work out deadlines as at this day instead of today.
    #[arg(long)]
    as_of: Option<String>,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(db: &Db, stamp: &Stamp, a: DueArgs) -> casebook::Result<()> {
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
