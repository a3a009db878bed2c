//! `casebook sar`: subject access requests — log one (its deadline worked out), see what was
//! found about the person and confirm it, choose names to redact, extend, export the response
//! pack, and record that it was sent.

use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use casebook::access::Look;
use casebook::sar::{self, Hit, Sar};
use casebook::{Db, Error, Stamp};
use casebook_papers::sar::{self as pack, Redaction};
use casebook_papers::template;
use casebook_papers::template::Templates;

use crate::print::{out, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum SarCmd {
    /// Log a request: it is searched for straight away.
    New {
        /// The person's full name.
        #[arg(long)]
        name: String,
        /// The day it was received (2026-03-02 or 02/03/2026).
        #[arg(long)]
        received_on: String,
        /// How to reach them (address or email), for the covering letter.
        #[arg(long)]
        contact: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Every request, those still to answer first.
    List {
        #[command(flatten)]
        json: JsonFlag,
    },
    /// One request: its deadline, what was found, and the names to redact.
    Show {
        id: i64,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Confirm hits as being about the person (or --clear them).
    Confirm {
        id: i64,
        /// Hit numbers (from `sar show`).
        hits: Vec<i64>,
        /// Every hit.
        #[arg(long)]
        all: bool,
        /// Clear instead of confirm.
        #[arg(long)]
        clear: bool,
    },
    /// Other names to search for, names to redact, and suggested names to leave in (comma
    /// separated); the request is searched again.
    Names {
        id: i64,
        #[arg(long, default_value = "")]
        aliases: String,
        #[arg(long, default_value = "")]
        redact: String,
        #[arg(long, default_value = "")]
        keep: String,
    },
    /// Extend the deadline by two further months (complex or numerous requests).
    Extend {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Record that the response was sent.
    Sent {
        id: i64,
        #[arg(long)]
        on: String,
    },
    /// Write the response pack: covering letter, records as PDF, evidence, index.csv.
    Export {
        id: i64,
        #[arg(long)]
        out: PathBuf,
        /// Folder of templates to use instead of the one beside the database.
        #[arg(long, value_name = "FOLDER")]
        templates: Option<PathBuf>,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    request: Sar,
    hits: Vec<Hit>,
    redactions: Vec<Redaction>,
}

fn print_request(s: &Sar) {
    out!(
        "#{}  {}  received {}  deadline {}  {}{}",
        s.id,
        s.name,
        s.received_on,
        s.deadline,
        s.status,
        s.sent_on
            .as_deref()
            .map(|d| format!(" on {d}"))
            .unwrap_or_default()
    );
}

fn commas(v: &str) -> String {
    v.split(',').map(str::trim).collect::<Vec<_>>().join("\n")
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, c: SarCmd) -> casebook::Result<()> {
    let today = stamp.at.date_naive();
    match c {
        SarCmd::New {
            name,
            received_on,
            contact,
            json,
        } => {
            let s = db.write(|tx| sar::new(tx, stamp, &name, &received_on, contact.as_deref()))?;
            let found = sar::hits(db.conn(), s.id)?.len();
            if json.json {
                return print_json(&s);
            }
            out!(
                "Logged request #{} from {}: answer by {}. {found} item(s) found to check.",
                s.id,
                s.name,
                s.deadline
            );
        }
        SarCmd::List { json } => {
            let all = sar::list(db.conn())?;
            if json.json {
                return print_json(&all);
            }
            if all.is_empty() {
                out!("No subject access requests.");
            }
            all.iter().for_each(print_request);
        }
        SarCmd::Show { id, json } => {
            let request = sar::get(db.conn(), id)?;
            let shown = Shown {
                hits: sar::hits(db.conn(), id)?,
                redactions: pack::redactions(db.conn(), &request, today)?,
                request,
            };
            db.look(
                stamp,
                Look::Search,
                None,
                &format!("subject access request #{id}"),
            )?;
            if json.json {
                return print_json(&shown);
            }
            print_request(&shown.request);
            for h in &shown.hits {
                let mark = if h.confirmed { "[x]" } else { "[ ]" };
                out!(
                    "  {mark} {:>4}  {:<14} {}\n             {}",
                    h.id,
                    h.kind,
                    h.label,
                    h.snippet
                );
            }
            for r in &shown.redactions {
                let what = if r.redacted { "redact" } else { "leave in" };
                out!("  {what}: {} ({})", r.name, r.role);
            }
        }
        SarCmd::Confirm {
            id,
            hits,
            all,
            clear,
        } => {
            let ids: Vec<i64> = if all {
                sar::hits(db.conn(), id)?.iter().map(|h| h.id).collect()
            } else {
                hits
            };
            if ids.is_empty() {
                return Err(Error::invalid(
                    "hits",
                    "name the hits to confirm, or give --all",
                ));
            }
            db.write(|tx| {
                ids.iter()
                    .try_for_each(|h| sar::confirm(tx, id, *h, !clear).map(drop))
            })?;
            out!(
                "{} hit(s) {}.",
                ids.len(),
                if clear { "cleared" } else { "confirmed" }
            );
        }
        SarCmd::Names {
            id,
            aliases,
            redact,
            keep,
        } => {
            db.write(|tx| {
                sar::set_names(
                    tx,
                    stamp,
                    id,
                    &commas(&aliases),
                    &commas(&redact),
                    &commas(&keep),
                )
            })?;
            out!("Names saved; request #{id} searched again.");
        }
        SarCmd::Extend { id, reason } => {
            let s = db.write(|tx| sar::extend(tx, stamp, id, &reason))?;
            out!("Request #{} extended: answer by {}.", s.id, s.deadline);
        }
        SarCmd::Sent { id, on } => {
            let s = db.write(|tx| sar::mark_sent(tx, stamp, id, &on))?;
            out!(
                "Request #{} answered on {}.",
                s.id,
                s.sent_on.unwrap_or_default()
            );
        }
        SarCmd::Export {
            id,
            out,
            templates,
            json,
        } => {
            let folder = templates.unwrap_or_else(|| template::folder_for(db.path()));
            let p = pack::export(
                db.conn(),
                id,
                &out,
                Templates::Folder(&folder),
                today,
                &stamp.at_text(),
            )?;
            db.look(
                stamp,
                Look::MakePaper,
                None,
                &format!("subject access pack #{id}, {}", out.display()),
            )?;
            if json.json {
                return print_json(&p);
            }
            out!(
                "Wrote {} ({} files; {} name(s) redacted).",
                p.path,
                p.files.len() + 1,
                p.redacted_names.len()
            );
        }
    }
    Ok(())
}
