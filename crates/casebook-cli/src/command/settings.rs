//! `casebook settings`: show the council's procedure time targets and names, or change one.

use clap::{Args, Subcommand};

use casebook::{settings, Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct SettingsArgs {
    #[command(subcommand)]
    command: Option<SettingsCmd>,
    #[command(flatten)]
    json: JsonFlag,
}

#[derive(Subcommand)]
enum SettingsCmd {
    /// Change a setting: acknowledge_working_days, decision_working_days, investigation_weeks,
    /// council_name or officer_name (blank clears a name).
    Set {
        /// The setting's name.
        key: String,
        /// A whole number, or the name.
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: SettingsArgs) -> casebook::Result<()> {
    if let Some(SettingsCmd::Set { key, value }) = &a.command {
        if settings::is_text(key) {
            let s = db.write(|tx| settings::set_text(tx, stamp, key, value))?;
            out!(
                "{} = {} ({}).",
                s.key,
                s.value.as_deref().unwrap_or("(not set)"),
                s.label
            );
        } else {
            let s = db.write(|tx| settings::set(tx, stamp, key, value))?;
            out!("{} = {} ({}).", s.key, s.value, s.label);
        }
        return Ok(());
    }
    let all = settings::all(db.conn())?;
    let words = settings::texts(db.conn())?;
    if a.json.json {
        #[derive(serde::Serialize)]
        struct Out {
            targets: Vec<settings::Setting>,
            names: Vec<settings::TextSetting>,
        }
        return print_json(&Out {
            targets: all,
            names: words,
        });
    }
    for s in &words {
        out!(
            "{:<26} {}  ({})",
            s.key,
            s.value.as_deref().unwrap_or("(not set)"),
            s.label
        );
    }
    for s in all {
        out!(
            "{:<26} {:>4}  {}{}",
            s.key,
            s.value,
            s.label,
            if s.value == s.default {
                " (default)".to_string()
            } else {
                format!(" (default {})", s.default)
            }
        );
    }
    Ok(())
}
