//! The committee-paper commands: `report annual|decision|templates`, and marking cases for the
//! papers with `case publication` and `case gap`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use casebook::report::Period;
use casebook::{case, publication, text, Db, Error, Stamp};
use casebook_papers::{annual, decision, template, Format, Paper};

use super::{print_json, JsonFlag};

#[derive(Args)]
pub struct OutputArgs {
    /// md, html, docx, pdf, csv or xlsx (default: from the --out file's extension).
    #[arg(long)]
    format: Option<String>,
    /// The file to write. Nothing is written unless the whole paper is made without error.
    #[arg(long)]
    out: PathBuf,
    /// Folder of templates to use instead of the one beside the database.
    #[arg(long, value_name = "FOLDER")]
    templates: Option<PathBuf>,
}

#[derive(Args)]
pub struct AnnualArgs {
    /// First day of the period (default: the last municipal year, 1 May to 30 April).
    #[arg(long, requires = "to")]
    from: Option<String>,
    /// Last day of the period.
    #[arg(long, requires = "from")]
    to: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args)]
pub struct DecisionArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    #[command(flatten)]
    output: OutputArgs,
}

pub fn period(from: Option<String>, to: Option<String>, stamp: &Stamp) -> casebook::Result<Period> {
    Period::from_input(from.as_deref(), to.as_deref(), stamp.at.date_naive())
}

fn format_of(output: &OutputArgs) -> casebook::Result<Format> {
    match &output.format {
        Some(f) => Format::parse("format", f),
        None => {
            let ext = output
                .out
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            Format::parse("format", ext).map_err(|_| {
                Error::invalid(
                    "format",
                    "give --format (md, html, docx, pdf, csv or xlsx), or an --out file ending in one",
                )
            })
        }
    }
}

fn templates_folder(db: &Db, output: &OutputArgs) -> PathBuf {
    output
        .templates
        .clone()
        .unwrap_or_else(|| template::folder_for(db.path()))
}

fn write_paper(paper: &Paper, output: &OutputArgs) -> casebook::Result<()> {
    let format = format_of(output)?;
    let bytes = paper.render(format)?;
    casebook_papers::write_whole(&output.out, &bytes)?;
    out!(
        "Wrote {} ({}, {} bytes): {}",
        output.out.display(),
        format.label(),
        bytes.len(),
        paper.title
    );
    Ok(())
}

pub fn annual(db: &Db, stamp: &Stamp, a: AnnualArgs) -> casebook::Result<()> {
    let period = period(a.from, a.to, stamp)?;
    let folder = templates_folder(db, &a.output);
    let paper = annual::paper(
        db.conn(),
        period,
        stamp.at.date_naive(),
        Some(&folder),
        &stamp.at_text(),
    )?;
    write_paper(&paper, &a.output)
}

pub fn decision(db: &Db, stamp: &Stamp, a: DecisionArgs) -> casebook::Result<()> {
    let folder = templates_folder(db, &a.output);
    let paper = decision::paper(
        db.conn(),
        &a.reference,
        stamp.at.date_naive(),
        Some(&folder),
        &stamp.at_text(),
    )?;
    write_paper(&paper, &a.output)
}

pub fn templates(db: &Db) -> casebook::Result<()> {
    let folder = template::folder_for(db.path());
    let written = template::write_defaults(&folder)?;
    for b in template::BUILTINS {
        let path = folder.join(b.file);
        let state = if written.contains(&path) {
            "written from the default; edit it to change the paper"
        } else {
            "already there; left as it is"
        };
        out!("{}: {state}", path.display());
    }
    Ok(())
}

#[derive(Args)]
pub struct PublicationArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// The summary to publish (names in it are anonymised in the annual report). "" clears it.
    #[arg(long)]
    summary: Option<String>,
    /// yes: use this case to illustrate the guidance review in the annual report.
    #[arg(long)]
    illustrative: Option<String>,
    /// The day the decision notice was published (2026-03-14); "" clears it.
    #[arg(long)]
    notice_published_on: Option<String>,
    #[command(flatten)]
    json: JsonFlag,
}

pub fn publication(db: &mut Db, stamp: &Stamp, a: PublicationArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let now = publication::get(db.conn(), k.id)?;
    let changing =
        a.summary.is_some() || a.illustrative.is_some() || a.notice_published_on.is_some();
    let p = if changing {
        let summary = a.summary.or(now.summary);
        let illustrative = match &a.illustrative {
            Some(v) => text::yes_no("illustrative", v, false)?,
            None => now.illustrative,
        };
        let published = a.notice_published_on.or(now.notice_published_on);
        db.write(|tx| {
            publication::set(
                tx,
                stamp,
                k.id,
                summary.as_deref(),
                illustrative,
                published.as_deref(),
            )
        })?
    } else {
        now
    };
    if a.json.json {
        return print_json(&p);
    }
    out!("{}", k.reference);
    out!(
        "  summary for publication: {}",
        p.summary.as_deref().unwrap_or("(none)")
    );
    out!(
        "  illustrates the guidance review: {}",
        if p.illustrative { "yes" } else { "no" }
    );
    out!(
        "  decision notice published: {}",
        p.notice_published_on.as_deref().unwrap_or("no")
    );
    Ok(())
}

#[derive(Subcommand)]
pub enum GapCmd {
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

pub fn gap(db: &mut Db, stamp: &Stamp, c: GapCmd) -> casebook::Result<()> {
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
