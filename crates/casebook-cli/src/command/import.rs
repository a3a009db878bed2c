//! `casebook import`: import an existing complaints log from CSV, all rows or none.

use std::path::PathBuf;

use clap::Args;

use casebook::{import, Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct ImportArgs {
    /// CSV file with a header row.
    file: PathBuf,
    /// Check every row and report, but store nothing.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: ImportArgs) -> casebook::Result<()> {
    let out = import::import_file(db, stamp, &a.file, a.dry_run)?;
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
