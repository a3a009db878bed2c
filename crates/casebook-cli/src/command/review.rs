//! `casebook review`: requests for a decision to be reviewed, and the review's decision.

use clap::Subcommand;

use casebook::{case, parties, Db, Stamp};

use crate::input::day_or_today;
use crate::print::{out, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum ReviewCmd {
    /// Record a request for the case's latest decision to be reviewed.
    Request {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// The day the request was received (default: today).
        #[arg(long)]
        on: Option<String>,
        /// complainant or councillor.
        #[arg(long)]
        by: String,
        /// Why they say the decision should be reviewed.
        #[arg(long)]
        grounds: String,
    },
    /// Record the decision on the open request for review.
    Decide {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// Who reviewed it (not the officer who made the decision).
        #[arg(long)]
        reviewer: String,
        /// decision upheld, decision changed or request not accepted.
        #[arg(long)]
        decision: String,
        /// The day it was decided (default: today).
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        reasons: String,
    },
    /// A case's requests for review and their decisions.
    List {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, cmd: ReviewCmd) -> casebook::Result<()> {
    match cmd {
        ReviewCmd::Request {
            reference,
            on,
            by,
            grounds,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let on = day_or_today("on", on.as_deref(), stamp)?;
            let r = db.write(|tx| parties::request_review(tx, stamp, k.id, on, &by, &grounds))?;
            out!(
                "Recorded the {}'s request of {} for a review of {}.",
                r.requested_by,
                r.requested_on,
                k.reference
            );
        }
        ReviewCmd::Decide {
            reference,
            reviewer,
            decision,
            on,
            reasons,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let on = day_or_today("on", on.as_deref(), stamp)?;
            let r = db.write(|tx| {
                parties::decide_review(tx, stamp, k.id, (&reviewer, &decision, on), &reasons)
            })?;
            out!(
                "Recorded the review of {}: {} on {}.",
                k.reference,
                r.decision.unwrap_or_default(),
                r.decided_on.unwrap_or_default()
            );
        }
        ReviewCmd::List { reference, json } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let all = parties::reviews(db.conn(), k.id)?;
            if json.json {
                return print_json(&all);
            }
            if all.is_empty() {
                out!("No review of {} has been requested.", k.reference);
            }
            for r in all {
                out!(
                    "{}  from the {}: {}",
                    r.requested_on,
                    r.requested_by,
                    r.grounds
                );
                match (&r.decided_on, &r.decision) {
                    (Some(on), Some(d)) => out!(
                        "            {on}: {d} by {} ({})",
                        r.reviewer.as_deref().unwrap_or(""),
                        r.reasons.as_deref().unwrap_or("")
                    ),
                    _ => out!("            not yet decided"),
                }
            }
        }
    }
    Ok(())
}
