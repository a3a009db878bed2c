//! `casebook ip`: the register of Independent Persons (appoint, change a term, list), and
//! consultations on a case (record one, picking from the register; list them).

use clap::Subcommand;

use casebook::independent_person::{self, NewPerson};
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
        /// The Independent Person's name (from the register, when they are on it).
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
    /// The register: the Independent Persons appointed, their terms and contacts.
    People {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Add an Independent Person to the register.
    Appoint {
        #[arg(long)]
        name: String,
        /// First day of their term.
        #[arg(long)]
        from: String,
        /// Last day of their term, if fixed.
        #[arg(long)]
        to: Option<String>,
        /// How to reach them (an address or email), for letters.
        #[arg(long)]
        contact: Option<String>,
    },
    /// Change an Independent Person's term or contact.
    Term {
        /// Their number on the register (from `ip people`).
        id: i64,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        contact: Option<String>,
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
            let ip_id = independent_person::list(db.conn())?
                .into_iter()
                .find(|p| p.name.eq_ignore_ascii_case(person.trim()))
                .map(|p| p.id);
            let new = NewConsultation {
                ip_id,
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
        IpCmd::People { json } => {
            let all = independent_person::list(db.conn())?;
            if json.json {
                return print_json(&all);
            }
            for p in &all {
                out!(
                    "{:>4}  {}  {} to {}{}",
                    p.id,
                    p.name,
                    p.term_start,
                    p.term_end.as_deref().unwrap_or("(open)"),
                    p.contact
                        .as_deref()
                        .map(|c| format!("  {c}"))
                        .unwrap_or_default()
                );
            }
            if let Some(w) = independent_person::shortfall(db.conn(), stamp.at.date_naive())? {
                out!("Warning: {w}.");
            }
        }
        IpCmd::Appoint {
            name,
            from,
            to,
            contact,
        } => {
            let p = NewPerson {
                name,
                term_start: from,
                term_end: to,
                contact,
            };
            let p = db.write(|tx| independent_person::add(tx, stamp, &p))?;
            out!("Added {} to the register (number {}).", p.name, p.id);
        }
        IpCmd::Term {
            id,
            from,
            to,
            contact,
        } => {
            let p = NewPerson {
                term_start: from,
                term_end: to,
                contact,
                ..NewPerson::default()
            };
            let p = db.write(|tx| independent_person::update(tx, stamp, id, &p))?;
            out!(
                "{}'s term is now {} to {}.",
                p.name,
                p.term_start,
                p.term_end.as_deref().unwrap_or("(open)")
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
