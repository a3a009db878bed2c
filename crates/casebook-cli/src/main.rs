//! The `casebook` command line: the core, scriptable. This file owns the parser (`Cli`, with the
//! global `--db` and `--actor` options), opening the database, and turning errors into exit codes;
//! each subcommand lives in its own module under `command`.

mod command;
mod input;
mod print;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::Parser;

use casebook::{audit, db, Db, Error, Stamp};

use command::Command;

/// Casebook: complaints about councillors' social media use, from intake to the Standards Committee.
///
/// Every command works on one SQLite database: by default casebook.sqlite3 in the app-data folder
/// (the same one the desktop app uses); --db or CASEBOOK_DB chooses another. Every change is
/// recorded in the audit trail under --actor (default: CASEBOOK_ACTOR, else the login name).
#[derive(Parser)]
#[command(
    name = "casebook",
    version,
    propagate_version = true,
    max_term_width = 100
)]
struct Cli {
    /// Database file (created if missing).
    #[arg(long, global = true, env = "CASEBOOK_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    /// Name recorded in the audit trail for changes made by this command.
    #[arg(long, global = true, env = "CASEBOOK_ACTOR", value_name = "NAME")]
    actor: Option<String>,

    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.kind() == clap::error::ErrorKind::InvalidUtf8 => {
            eprintln!("error: {}", not_utf8(std::env::args_os()));
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            if let Error::Import(rows) = &e {
                for r in rows {
                    eprintln!("  {r}");
                }
            }
            ExitCode::from(match e {
                Error::Invalid { .. } | Error::Conflict { .. } | Error::Import(_) => 2,
                Error::NotFound { .. } => 3,
                _ => 1,
            })
        }
    }
}

/// Names the argument that is not UTF-8 (clap says only that one is): the option it was given to,
/// or its place, and that text must be UTF-8.
fn not_utf8(args: impl Iterator<Item = std::ffi::OsString>) -> String {
    let args: Vec<std::ffi::OsString> = args.collect();
    let Some(i) = args.iter().position(|a| a.to_str().is_none()) else {
        return "an argument is not valid UTF-8 text".into();
    };
    let shown = args[i].to_string_lossy();
    let lossy = shown.split('=').next().unwrap_or_default();
    let field = if lossy.starts_with("--") && shown.contains('=') {
        lossy.trim_start_matches('-').replace('-', "_")
    } else {
        match args[..i].last().and_then(|a| a.to_str()) {
            Some(flag) if flag.starts_with("--") => flag.trim_start_matches('-').replace('-', "_"),
            _ => format!("argument {i}"),
        }
    };
    format!("{field}: is not valid UTF-8 text ('{shown}'); give it as UTF-8")
}

fn stamp(cli: &Cli) -> Stamp {
    Stamp::new(audit::actor_name(cli.actor.as_deref()), Utc::now())
}

fn run(cli: Cli) -> casebook::Result<ExitCode> {
    let stamp = stamp(&cli);
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => db::default_path()?,
    };
    let mut db = Db::open(&path, &stamp)?;
    command::run(cli.command, &mut db, &stamp)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn every_argument_has_help() {
        // With help_expected, clap's debug assertions fail on any undocumented argument.
        super::Cli::command().debug_assert();
    }
}
