//! `casebook investigator`: appoint the investigator, record their time and cost as they accrue,
//! and the draft and final reports.

use std::path::PathBuf;

use clap::Subcommand;

use casebook::procedure::{parse_cost, parse_hours, pounds, Investigation, Report};
use casebook::{case, parties, Db, Stamp};

use crate::input::{day_or_today, read_named};
use crate::print::{out, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum InvestigatorCmd {
    /// Appoint the investigator of a case the decision sent for investigation.
    Appoint {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        #[arg(long)]
        name: String,
        /// internal (an officer of the council) or external.
        #[arg(long)]
        kind: String,
        /// The day they were appointed (default: today).
        #[arg(long)]
        on: Option<String>,
    },
    /// Record hours and cost the investigation accrued.
    Cost {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// The day (default: today).
        #[arg(long)]
        on: Option<String>,
        /// Hours, e.g. 7.5.
        #[arg(long, default_value = "")]
        hours: String,
        /// Cost in pounds, e.g. 450 or £1,250.50.
        #[arg(long, default_value = "")]
        cost: String,
        /// What it was for (an invoice number, interviews).
        #[arg(long)]
        note: Option<String>,
    },
    /// Record the draft report sent for comments, the comments received, or the final report.
    Report {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// draft-sent, draft-comments or final.
        which: String,
        /// The day (default: today).
        #[arg(long)]
        on: Option<String>,
        /// The final report's file (PDF or DOCX), kept as a case document.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// The investigation of a case: investigator, reports, hours and cost.
    Show {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

fn print(reference: &str, i: &Investigation) {
    out!(
        "{reference}: investigated by {} ({}), appointed {}",
        i.investigator,
        i.kind,
        i.appointed_on
    );
    for (label, on) in [
        ("Draft report sent", &i.draft_sent_on),
        ("Comments on the draft", &i.draft_comments_received_on),
        ("Final report", &i.final_report_on),
    ] {
        out!("  {label}: {}", on.as_deref().unwrap_or("not yet"));
    }
    for c in &i.costs {
        out!(
            "  {}  {:>6} h  {:>12}  {}",
            c.on,
            c.hours,
            pounds(c.cost_pence),
            c.note.as_deref().unwrap_or("")
        );
    }
    out!("  Total: {} hours, {}", i.hours(), pounds(i.cost_pence()));
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, cmd: InvestigatorCmd) -> casebook::Result<()> {
    let i = match cmd {
        InvestigatorCmd::Appoint {
            reference,
            name,
            kind,
            on,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let on = day_or_today("on", on.as_deref(), stamp)?;
            (
                k.reference,
                db.write(|tx| parties::appoint(tx, stamp, k.id, &name, &kind, on))?,
            )
        }
        InvestigatorCmd::Cost {
            reference,
            on,
            hours,
            cost,
            note,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let on = day_or_today("on", on.as_deref(), stamp)?;
            let hours = parse_hours("hours", &hours)?;
            let pence = if cost.trim().is_empty() {
                0
            } else {
                parse_cost("cost", &cost)?
            };
            let i = db.write(|tx| {
                parties::add_cost(tx, stamp, k.id, (on, hours, pence), note.as_deref())
            })?;
            (k.reference, i)
        }
        InvestigatorCmd::Report {
            reference,
            which,
            on,
            file,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let on = day_or_today("on", on.as_deref(), stamp)?;
            let which = match casebook::text::one_of(
                "which",
                &which,
                &["draft-sent", "draft-comments", "final"],
            )? {
                "draft-sent" => Report::DraftSent,
                "draft-comments" => Report::DraftComments,
                _ => Report::Final,
            };
            let file = read_named(file.as_deref(), "report file")?;
            let i = db.write(|tx| {
                let f = file.as_ref().map(|(bytes, name)| parties::File {
                    bytes,
                    name: name.as_deref(),
                });
                parties::report(tx, stamp, k.id, which, on, f)
            })?;
            (k.reference, i)
        }
        InvestigatorCmd::Show { reference, json } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let Some(i) = parties::investigation(db.conn(), k.id)? else {
                out!("No investigator has been appointed on {}.", k.reference);
                return Ok(());
            };
            if json.json {
                return print_json(&i);
            }
            (k.reference, i)
        }
    };
    print(&i.0, &i.1);
    Ok(())
}
