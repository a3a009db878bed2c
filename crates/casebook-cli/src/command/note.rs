//! `casebook note`: the officer's notes on a case (add, edit, list).

use clap::Subcommand;

use casebook::{case, notes, Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum NoteCmd {
    /// Add a note to a case.
    Add {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// The note, in Markdown.
        #[arg(long)]
        text: String,
    },
    /// Rewrite a note (the audit trail keeps what it said).
    Edit {
        /// Note number (from `note list`).
        id: i64,
        /// The new text, in Markdown.
        #[arg(long)]
        text: String,
    },
    /// List a case's notes.
    List {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, c: NoteCmd) -> casebook::Result<()> {
    match c {
        NoteCmd::Add { reference, text } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let n = db.write(|tx| notes::add(tx, stamp, k.id, &text))?;
            out!("Added note {} to {}.", n.id, k.reference);
        }
        NoteCmd::Edit { id, text } => {
            let n = db.write(|tx| notes::edit(tx, stamp, id, &text))?;
            out!("Note {} rewritten.", n.id);
        }
        NoteCmd::List { reference, json } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let all = notes::list(db.conn(), k.id)?;
            if json.json {
                return print_json(&all);
            }
            if all.is_empty() {
                out!("No notes on {}.", k.reference);
            }
            for n in all {
                out!("#{} {} by {}\n{}\n", n.id, n.written_at, n.author, n.body);
            }
        }
    }
    Ok(())
}
