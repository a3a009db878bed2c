//! `casebook retention`: the council's retention schedule, which closed cases are due for review,
//! legal holds, extensions, and the certificates of past disposals. (`casebook dispose` disposes.)

use chrono::Duration;
use clap::Subcommand;

use casebook::access::Look;
use casebook::retention::{self, Review};
use casebook::retention_rules::Rule;
use casebook::{case, disposal, text, Db, Stamp};
use casebook_papers::certificate;
use casebook_papers::template::Templates;

use super::report::{templates_folder, write_paper, OutputArgs};
use crate::print::{out, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum RetentionCmd {
    /// The schedule in force: how long each kind of closed case is kept, and from when.
    Rules {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Change one line of the schedule (setting it back to the default removes the change).
    Set {
        /// How the case ended: no further action, out of scope, informal resolution, no breach,
        /// breach found, withdrawn, referred to police.
        ending: String,
        /// The period, in months (1 to 300).
        #[arg(long)]
        months: String,
        /// Counted from: closure, final determination, leaving office.
        #[arg(long)]
        start: String,
        /// Why the schedule changes (recorded in the audit trail).
        #[arg(long)]
        reason: String,
    },
    /// Closed cases due for review (their retention period has ended), soonest first.
    Due {
        /// Also those due within this many days.
        #[arg(long, default_value_t = 0)]
        within: u32,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Where one case stands against the schedule.
    Show {
        reference: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Keep a closed case past its review date, to a new date, for a reason.
    Extend {
        reference: String,
        /// The new review date.
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: String,
    },
    /// Place a legal hold (litigation, an Ombudsman enquiry): the case cannot be disposed of.
    Hold {
        reference: String,
        #[arg(long)]
        reason: String,
    },
    /// Lift a case's legal hold.
    Lift {
        reference: String,
        #[arg(long)]
        reason: String,
    },
    /// Past disposals, newest first.
    Disposals {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// The certificate of one disposal, as pdf, docx, html or md.
    Certificate {
        /// Its number, e.g. DC-2026-001.
        certificate: String,
        #[command(flatten)]
        output: OutputArgs,
    },
}

fn print_review(r: &Review) {
    out!(
        "{:<13}  closed {:<10}  {:<20}  review {:<10}  {}",
        r.reference,
        r.closed_on.as_deref().unwrap_or("-"),
        r.ending.map(|e| e.word()).unwrap_or("-"),
        r.review_on.as_deref().unwrap_or("-"),
        match (&r.blocked, r.due) {
            (Some(why), _) => format!("blocked: {why}"),
            (None, true) => format!("due ({})", r.rule.as_deref().unwrap_or("")),
            (None, false) => r.rule.clone().unwrap_or_default(),
        }
    );
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, c: RetentionCmd) -> casebook::Result<()> {
    let today = stamp.at.date_naive();
    match c {
        RetentionCmd::Rules { json } => {
            let lines = retention::schedule(db.conn())?;
            if json.json {
                return print_json(&lines);
            }
            for l in lines {
                let mark = if l.default {
                    ""
                } else {
                    "  (changed from the default)"
                };
                out!("{:<20}  {}{mark}", l.rule.ending.word(), l.describe);
            }
        }
        RetentionCmd::Set {
            ending,
            months,
            start,
            reason,
        } => {
            let rule = Rule::from_input(&ending, &months, &start)?;
            let l = db.write(|tx| retention::set_rule(tx, stamp, rule, &reason))?;
            out!(
                "Cases ending in {} are now kept {}.",
                l.rule.ending.word(),
                l.describe
            );
        }
        RetentionCmd::Due { within, json } => {
            let until = today + Duration::days(i64::from(within));
            let due = retention::due(db.conn(), today, until)?;
            if json.json {
                return print_json(&due);
            }
            if due.is_empty() {
                out!("No closed case is due for review by {until}.");
            }
            due.iter().for_each(print_review);
        }
        RetentionCmd::Show { reference, json } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let r = retention::review(db.conn(), k.id, today)?;
            if json.json {
                return print_json(&r);
            }
            print_review(&r);
        }
        RetentionCmd::Extend {
            reference,
            to,
            reason,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let to = text::date("to", &to)?;
            let r = db.write(|tx| retention::extend(tx, stamp, k.id, to, &reason))?;
            out!(
                "{} is kept until {}.",
                r.reference,
                r.review_on.unwrap_or_default()
            );
        }
        RetentionCmd::Hold { reference, reason } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let r = db.write(|tx| retention::hold(tx, stamp, k.id, &reason))?;
            out!(
                "{} is on legal hold: it cannot be disposed of until the hold is lifted.",
                r.reference
            );
        }
        RetentionCmd::Lift { reference, reason } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let r = db.write(|tx| retention::lift(tx, stamp, k.id, &reason))?;
            out!("{}'s legal hold is lifted.", r.reference);
        }
        RetentionCmd::Disposals { json } => {
            let all = disposal::list(db.conn())?;
            if json.json {
                return print_json(&all);
            }
            if all.is_empty() {
                out!("Nothing has been disposed of.");
            }
            for d in all {
                let refs: Vec<&str> = d.cases.iter().map(|c| c.reference.as_str()).collect();
                out!(
                    "{}  {}  by {}  {}  ({} items)",
                    d.certificate,
                    d.disposed_at,
                    d.authorised_by,
                    refs.join(", "),
                    d.tombstones.len()
                );
            }
        }
        RetentionCmd::Certificate {
            certificate,
            output,
        } => {
            let folder = templates_folder(db, &output);
            let paper = certificate::paper(
                db.conn(),
                &certificate,
                Templates::Folder(&folder),
                &stamp.at_text(),
            )?;
            write_paper(&paper, &output)?;
            let detail = format!(
                "disposal certificate {}, {}",
                certificate.trim(),
                output.out.display()
            );
            db.look(stamp, Look::MakePaper, None, &detail)?;
        }
    }
    Ok(())
}
