//! `casebook catalogue`: read the guidance catalogue, list its versions, or add a new version.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use casebook::{catalogue, Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct CatalogueArgs {
    #[command(subcommand)]
    command: Option<CatalogueCmd>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Subcommand)]
enum CatalogueCmd {
    /// List the catalogue versions.
    List(JsonFlag),
    /// Show every item of a version (default: the current one).
    Show {
        /// Version label, e.g. v1.
        #[arg(value_name = "VERSION")]
        label: Option<String>,
        #[command(flatten)]
        json: JsonFlag,
    },
    /// Add a new catalogue version from a JSON file (format in the README). Existing cases keep theirs.
    AddVersion {
        /// JSON file: {"label", "title", "adopted_on", "source", "items": [{"kind", "code", "title", "text"}]}.
        file: PathBuf,
    },
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: CatalogueArgs) -> casebook::Result<()> {
    let show = |db: &Db, label: Option<String>, json: bool| -> casebook::Result<()> {
        let v = match label {
            Some(l) => catalogue::version_by_label(db.conn(), &l)?,
            None => catalogue::current(db.conn())?,
        };
        let items = catalogue::items(db.conn(), v.id)?;
        if json {
            #[derive(Serialize)]
            struct Out<'a> {
                #[serde(flatten)]
                version: &'a catalogue::Version,
                items: &'a [catalogue::Item],
            }
            return print_json(&Out {
                version: &v,
                items: &items,
            });
        }
        out!("Guidance catalogue {} — {}", v.label, v.title);
        let mut last = None;
        for i in &items {
            if last != Some(i.kind) {
                out!("\n{}", i.kind.heading());
                last = Some(i.kind);
            }
            out!("  {:<5} {}", i.code, i.title);
        }
        Ok(())
    };
    match a.command {
        None => show(db, None, a.json.json)?,
        Some(CatalogueCmd::Show { label, json }) => show(db, label, json.json)?,
        Some(CatalogueCmd::List(j)) => {
            let vs = catalogue::versions(db.conn())?;
            if j.json {
                return print_json(&vs);
            }
            for v in vs {
                out!(
                    "{:<8} {}{}",
                    v.label,
                    v.title,
                    v.adopted_on
                        .map(|d| format!(" (adopted {d})"))
                        .unwrap_or_default()
                );
            }
        }
        Some(CatalogueCmd::AddVersion { file }) => {
            let new = catalogue::read_version_file(&file)?;
            let v = db.write(|tx| catalogue::add_version(tx, stamp, &new))?;
            out!("Added guidance catalogue {} — {}. New cases are assessed against it; existing cases keep theirs.", v.label, v.title);
        }
    }
    Ok(())
}
