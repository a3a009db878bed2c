//! `casebook letter`: make a letter to a party from its template, keep it on the case as a hashed
//! document, list a case's letters, and record one as sent.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use casebook::letters;
use casebook::{case, evidence, files, Db, Stamp};
use casebook_papers::letter::{self, Draft};
use casebook_papers::template;
use casebook_papers::template::Templates;

use crate::input::day_or_today;
use crate::print::{out, print_json, JsonFlag};

#[derive(Subcommand)]
pub(crate) enum LetterCmd {
    /// The acknowledgement of a complaint, to the complainant.
    Acknowledgement(MakeArgs),
    /// Telling the councillor of the complaint and asking for their comments.
    Notification(MakeArgs),
    /// A request for comments: to the councillor, or a party on the draft report.
    Comments(MakeArgs),
    /// The decision on the initial assessment (complainant, councillor, ip or clerk).
    Decision(MakeArgs),
    /// The outcome of an investigation (complainant, councillor, ip or clerk).
    Outcome(MakeArgs),
    /// The outcome of a request for review (complainant or councillor).
    Review(MakeArgs),
    /// Record that a letter was sent: when, and by email or post.
    Sent {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// The letter's number (from `letter list`).
        id: i64,
        /// The day it was sent (default: today).
        #[arg(long)]
        on: Option<String>,
        /// email or post.
        #[arg(long)]
        by: String,
    },
    /// A case's letters: what, to whom, dated, sent.
    List {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        #[command(flatten)]
        json: JsonFlag,
    },
}

#[derive(Args)]
pub(crate) struct MakeArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// complainant, councillor, ip (the Independent Person) or clerk (the parish clerk).
    #[arg(long)]
    to: String,
    /// The file to write: .pdf, .docx, .html or .md (the format follows the extension). The
    /// same file is kept on the case.
    #[arg(long)]
    out: PathBuf,
    /// The letter's Markdown as the officer edited it (start from `--out letter.md`), used
    /// instead of the template's.
    #[arg(long, value_name = "FILE.md")]
    text: Option<PathBuf>,
    /// Folder of templates to use instead of the one beside the database.
    #[arg(long, value_name = "FOLDER")]
    templates: Option<PathBuf>,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, cmd: LetterCmd) -> casebook::Result<()> {
    let (kind, a) = match cmd {
        LetterCmd::Acknowledgement(a) => ("acknowledgement", a),
        LetterCmd::Notification(a) => ("notification", a),
        LetterCmd::Comments(a) => ("comments", a),
        LetterCmd::Decision(a) => ("decision", a),
        LetterCmd::Outcome(a) => ("outcome", a),
        LetterCmd::Review(a) => ("review", a),
        LetterCmd::Sent {
            reference,
            id,
            on,
            by,
        } => {
            let k = case::by_reference(db.conn(), &reference)?;
            let on = day_or_today("on", on.as_deref(), stamp)?;
            let l = db.write(|tx| letters::mark_sent(tx, stamp, k.id, id, on, &by))?;
            out!(
                "Letter {} on {} ({} to the {}) recorded as sent by {} on {}.",
                l.id,
                k.reference,
                l.kind,
                letters::party_words(&l.party),
                l.sent_by.unwrap_or_default(),
                l.sent_on.unwrap_or_default()
            );
            return Ok(());
        }
        LetterCmd::List { reference, json } => return list(db, &reference, json),
    };
    make(db, stamp, kind, a)
}

fn make(db: &mut Db, stamp: &Stamp, kind: &str, a: MakeArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let format = letter::format_of(&a.out)?;
    let folder = a
        .templates
        .clone()
        .unwrap_or_else(|| template::folder_for(db.path()));
    let draft: Draft = letter::draft(
        db.conn(),
        &k.reference,
        (kind, &a.to),
        stamp.at.date_naive(),
        Templates::Folder(&folder),
    )?;
    let markdown = match &a.text {
        Some(path) => files::read_text(path, evidence::MAX_TEXT_BYTES as u64, "letter text")?,
        None => draft.markdown.clone(),
    };
    let kept = letter::keep(&draft, &markdown, format, &stamp.at_text(), |new| {
        db.write(|tx| letters::save(tx, stamp, k.id, new))
    })?;
    casebook_papers::write_whole(&a.out, &kept.bytes)?;
    if a.json.json {
        return print_json(&kept.letter);
    }
    out!(
        "Letter {} ({} to the {}) kept on {} and written to {} (SHA-256 {}).",
        kept.letter.id,
        kept.letter.kind,
        letters::party_words(&kept.letter.party),
        k.reference,
        a.out.display(),
        &casebook::audit::sha256_hex(&kept.bytes)[..16]
    );
    out!(
        "When it has gone: casebook letter sent {} {} --on YYYY-MM-DD --by email|post",
        k.reference,
        kept.letter.id
    );
    Ok(())
}

fn list(db: &Db, reference: &str, json: JsonFlag) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), reference)?;
    let all = letters::list(db.conn(), k.id)?;
    if json.json {
        return print_json(&all);
    }
    if all.is_empty() {
        out!("No letters have been made on {}.", k.reference);
    }
    for l in all {
        let sent = match (&l.sent_on, &l.sent_by) {
            (Some(on), Some(by)) => format!("sent {on} by {by}"),
            _ => "not yet sent".to_string(),
        };
        out!(
            "{:>4}  {}  {} to the {}{}: {sent}",
            l.id,
            l.dated,
            l.kind,
            letters::party_words(&l.party),
            l.recipient.map(|r| format!(" ({r})")).unwrap_or_default()
        );
    }
    Ok(())
}
