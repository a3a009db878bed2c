//! `casebook import`: import an existing complaints log from CSV or a spreadsheet (.xlsx, .xls,
//! .ods), all rows or none.

use std::ops::ControlFlow;
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use clap::Args;

use casebook::{import, Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct ImportArgs {
    /// The log: a CSV file with a header row, or a spreadsheet (.xlsx, .xls or .ods) whose sheet's
    /// first row is the header.
    file: PathBuf,
    /// The spreadsheet's sheet to import (by name); the first if not given.
    #[arg(long)]
    sheet: Option<String>,
    /// Check every row and report, but store nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: ImportArgs) -> casebook::Result<()> {
    // A bar on stderr, drawn only when stderr is a terminal (indicatif hides it otherwise).
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} rows ({per_sec}, {eta} left)")
            .map_err(|e| casebook::Error::invalid("progress", e.to_string()))?
            .progress_chars("=> "),
    );
    bar.set_message(if a.dry_run { "Checking" } else { "Importing" });
    let sheet = a.sheet.as_deref();
    let result =
        import::import_file_with(db, stamp, &a.file, sheet, a.dry_run, &mut |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            ControlFlow::Continue(())
        });
    bar.finish_and_clear();
    let out = result?;
    if a.json.json {
        print_json(&out)?;
    } else {
        let verb = if a.dry_run {
            "Dry run: would import"
        } else {
            "Imported"
        };
        out!(
            "{verb} {} case(s) from {} row(s); {} new councillor(s), {} tag(s), {} post text(s).",
            out.cases.len(),
            out.rows,
            out.councillors_added.len(),
            out.tags,
            out.post_texts
        );
        if !out.ignored_columns.is_empty() {
            out!(
                "Ignored unknown column(s): {}",
                out.ignored_columns.join(", ")
            );
        }
        if a.dry_run {
            out!("Nothing was stored.");
        }
    }
    Ok(())
}
