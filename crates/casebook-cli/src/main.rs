//! The `casebook` command line: the core, scriptable. This file owns the parser (`Cli`, with the
//! global `--db`, `--actor` and `--passphrase-file` options), opening the database with its key
//! and as a registered officer, and turning errors into exit codes; each subcommand lives in its
//! own module under `command`.

mod command;
mod input;
mod passphrase;
mod print;
mod remote;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::Parser;

use casebook::officer::Via;
use casebook::{audit, cipher, db, officer, Db, Error, FileKind, Key, Stamp};

use command::Command;

/// Casebook: complaints about councillors' social media use, from intake to the Standards Committee.
///
/// Every command works on one database, encrypted with SQLCipher: by default casebook.sqlite3 in
/// the app-data folder (the same one the desktop app uses); --db or CASEBOOK_DB chooses another.
/// Its passphrase comes from --passphrase-file, else CASEBOOK_PASSPHRASE, else the terminal. Every
/// change is recorded in the audit trail under --actor (default: CASEBOOK_ACTOR, else the login
/// name), which must name a registered officer; every look at a case is in the access log.
///
/// With --server URL (or CASEBOOK_SERVER) the commands go to the standards team's server instead
/// of a file, as the officer signed in with `casebook --server URL login`.
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

    /// The registered officer (name or number) this command works as.
    #[arg(long, global = true, env = "CASEBOOK_ACTOR", value_name = "NAME")]
    actor: Option<String>,

    /// Read the database passphrase from the first line of this file (else CASEBOOK_PASSPHRASE,
    /// else it is asked for at the terminal).
    #[arg(long, global = true, value_name = "PATH")]
    passphrase_file: Option<PathBuf>,

    /// Work on a team server instead of a file: its address, https://HOST[:PORT]. Sign in first
    /// with `casebook --server URL login`.
    #[arg(long, global = true, env = "CASEBOOK_SERVER", value_name = "URL")]
    server: Option<String>,

    /// With --server: the council to work in (its number), when your account works for several.
    #[arg(
        long = "council-id",
        global = true,
        env = "CASEBOOK_COUNCIL",
        value_name = "ID"
    )]
    council_id: Option<i64>,

    /// With --server: make the change on this version of the case (as `case show` gives it), so
    /// a change someone else made since is refused as a conflict instead of built on.
    #[arg(long, global = true, value_name = "VERSION")]
    based_on: Option<i64>,

    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    let matches = match <Cli as clap::CommandFactory>::command().try_get_matches() {
        Ok(m) => m,
        Err(e) if e.kind() == clap::error::ErrorKind::InvalidUtf8 => {
            eprintln!("error: {}", not_utf8(std::env::args_os()));
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    let name = subcommand_name(&matches);
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) if e.kind() == clap::error::ErrorKind::InvalidUtf8 => {
            eprintln!("error: {}", not_utf8(std::env::args_os()));
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    let result = match cli.server.clone() {
        Some(server) => {
            let on = remote::On {
                council: cli.council_id,
                based_on: cli.based_on,
            };
            remote::run(&server, on, cli.command, &name).map(|()| ExitCode::SUCCESS)
        }
        None => run(cli),
    };
    print::flush();
    match result {
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

/// The subcommand as typed, its own subcommands with it ("case show").
fn subcommand_name(matches: &clap::ArgMatches) -> String {
    let mut words = Vec::new();
    let mut m = matches;
    while let Some((name, sub)) = m.subcommand() {
        words.push(name.to_string());
        m = sub;
    }
    words.join(" ")
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

fn run(cli: Cli) -> casebook::Result<ExitCode> {
    let now = Utc::now();
    let opener = Stamp::new(audit::actor_name(cli.actor.as_deref()), now);
    let path = match &cli.db {
        Some(p) => p.clone(),
        None => db::default_path()?,
    };
    let file = cli.passphrase_file.as_deref();
    if let Command::Restore(a) = cli.command {
        return command::restore::run(&path, file, &opener, a).map(|()| ExitCode::SUCCESS);
    }
    let key = key(&path, file, &cli.command)?;
    let mut db = Db::open(&path, &key, &opener)?;
    if cli.command.reads_once() {
        db.cache_for_one_pass()?;
    }
    let stamp = officer::resolve(db.conn(), &opener.actor)?.stamp(Via::Cli, now);
    match cli.command {
        Command::Encrypt => command::encrypt::run(db, file, &stamp).map(|()| ExitCode::SUCCESS),
        command => command::run(command, &mut db, &stamp),
    }
}

/// The key to open the database at `path` with: its passphrase if it is encrypted; for a new
/// one, a new passphrase (unless `init --unencrypted`); none for a plain one.
fn key(
    path: &std::path::Path,
    file: Option<&std::path::Path>,
    command: &Command,
) -> casebook::Result<Key> {
    Ok(match cipher::probe(path)? {
        FileKind::Encrypted => Key::Passphrase(passphrase::existing(path, file)?),
        FileKind::Plain => {
            if !matches!(command, Command::Encrypt)
                && passphrase::given(file, passphrase::ENV)?.is_some()
            {
                eprintln!(
                    "note: {} is not encrypted, so the passphrase was not used; `casebook encrypt` \
                     encrypts it",
                    path.display()
                );
            }
            Key::Plain
        }
        FileKind::Missing if command.creates_unencrypted() => Key::Plain,
        FileKind::Missing => Key::Passphrase(passphrase::new(
            &format!("the new database at {}", path.display()),
            file,
            passphrase::ENV,
            &[],
            &format!(
                "{} does not exist yet, and a new database is encrypted: give its passphrase in \
                 {} or with --passphrase-file PATH (or run at a terminal to choose one), or \
                 create an unencrypted one with `casebook init --unencrypted`",
                path.display(),
                passphrase::ENV
            ),
        )?),
    })
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
