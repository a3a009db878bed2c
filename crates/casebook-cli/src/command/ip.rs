//! `casebook ip`: Independent Person consultations on a case (record one, list them).

use clap::Subcommand;

use casebook::procedure::{self, NewConsultation};
use casebook::{case, Db, Stamp};

use crate::input::day_or_today;
use crate::print::{out, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum IpCmd {
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

pub(crate) fn run(db: &mut Db, stamp: &Stamp, cmd: IpCmd) -> casebook::Result<()> {
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
