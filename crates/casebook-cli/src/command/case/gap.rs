//! `casebook case gap`: flag a case as revealing a gap or an ambiguity in the guidance, list a
//! case's flags, or remove one.

use clap::Subcommand;

use casebook::{case, publication, Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum GapCmd {
    /// Flag a case as revealing a gap or an ambiguity in the guidance.
    Add {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// What the gap or ambiguity is.
        #[arg(long)]
        note: String,
        /// The responsibility or legal issue it concerns (e.g. R4 or L2), if one.
        #[arg(long)]
        item: Option<String>,
    },
    /// List a case's gap flags.
    List {
        reference: String,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Remove a gap flag (the audit trail keeps it and the reason).
    Remove {
        /// The flag's number, from `case gap list`.
        id: i64,
        #[arg(long)]
        reason: String,
    },
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, c: GapCmd) -> casebook::Result<()> {
    match c {
        GapCmd::Add {
            reference,
            note,
            item,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let g =
                db.write(|tx| publication::flag_gap(tx, stamp, k.id, item.as_deref(), &note))?;
            out!("Flagged gap {} on {}.", g.id, g.reference);
        }
        GapCmd::List { reference, json } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let gaps = publication::gaps(db.conn(), k.id)?;
            if json.json {
                return print_json(&gaps);
            }
            if gaps.is_empty() {
                out!("No guidance gaps flagged on {}.", k.reference);
            }
            for g in gaps {
                out!(
                    "{:>4}  {}  {}  {} ({}, {})",
                    g.id,
                    g.item_code.as_deref().unwrap_or("—"),
                    g.note,
                    g.reference,
                    g.flagged_by,
                    g.flagged_at.get(..10).unwrap_or(&g.flagged_at)
                );
            }
        }
        GapCmd::Remove { id, reason } => {
            db.write(|tx| publication::remove_gap(tx, stamp, id, &reason))?;
            out!("Removed gap flag {id}.");
        }
    }
    Ok(())
}
