//! `casebook holidays`: list a year's holidays, or add and remove the council's own.

use chrono::{Datelike, NaiveDate};
use clap::{Args, Subcommand};

use casebook::{calendar, text, Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct HolidaysArgs {
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

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: HolidaysArgs) -> casebook::Result<()> {
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
