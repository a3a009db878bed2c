//! `casebook-server`: the standards team's one server. `init` sets up a PostgreSQL database with
//! its first council and Monitoring Officer; `serve` answers the team's requests over HTTPS
//! (plain HTTP on loopback only, for tests and a reverse proxy on the same host).

mod api;
mod cases;
mod changes;
mod http;
mod letters;
mod papers;
mod records;
mod register;
mod retention;
mod sars;
mod settings;
mod uploads;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use casebook::team::Team;
use casebook::Error;

#[derive(Parser)]
#[command(name = "casebook-server", version, about, help_expected = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct DatabaseArg {
    /// The PostgreSQL database: any libpq URL, e.g. postgresql://casebook@db.example/casebook
    /// or, over a Unix socket, postgresql:///postgres?host=DIR&port=N&user=U.
    #[arg(long, env = "CASEBOOK_DATABASE", value_name = "URL")]
    database: String,
}

/// A council and its Monitoring Officer, for `init` and `add-council`.
#[derive(Args)]
struct SetUpArgs {
    #[command(flatten)]
    db: DatabaseArg,
    /// The council, e.g. "Kingsmere City Council".
    #[arg(long)]
    council: String,
    /// Its Monitoring Officer's account name (for add-council, new or an existing account's).
    #[arg(long)]
    admin_name: String,
    /// Their password (asked for at a terminal when not given).
    #[arg(long, env = "CASEBOOK_ADMIN_PASSWORD")]
    admin_password: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Create the schema, the first council and its Monitoring Officer.
    Init(SetUpArgs),
    /// Add a council (a shared service taking on another) with its Monitoring Officer: a new
    /// account, or an existing one that becomes Monitoring Officer of this council too.
    AddCouncil(SetUpArgs),
    /// Move a desktop Casebook (FILE.sqlite3) into a council with no cases yet: the file is
    /// checked first as `casebook verify` checks it, copied whole in one transaction, and the
    /// copy checked again before it is kept.
    Import {
        #[command(flatten)]
        db: DatabaseArg,
        /// The desktop database file.
        file: PathBuf,
        /// The council it moves into (made by init or add-council).
        #[arg(long)]
        council: String,
        /// A file holding the database's passphrase, if it is encrypted (else CASEBOOK_PASSPHRASE,
        /// else asked for at a terminal).
        #[arg(long, value_name = "PATH")]
        passphrase_file: Option<PathBuf>,
        /// The officer recorded as opening the file (its first registered officer by default).
        #[arg(long, env = "CASEBOOK_ACTOR")]
        actor: Option<String>,
    },
    /// Check every council's records (or one council's) as `casebook verify` checks a file:
    /// the audit and access-log chains, every stored file's hash, every record against its trail.
    Verify {
        #[command(flatten)]
        db: DatabaseArg,
        /// Only this council.
        #[arg(long)]
        council: Option<String>,
        /// Print the reports as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Serve the team's requests.
    Serve {
        #[command(flatten)]
        db: DatabaseArg,
        /// Address and port to listen on (port 0: any free port, printed at start).
        #[arg(long, default_value = "127.0.0.1:8443")]
        listen: SocketAddr,
        /// The TLS certificate chain (PEM); with --key, serves HTTPS.
        #[arg(long, value_name = "PEM", requires = "key")]
        cert: Option<PathBuf>,
        /// The TLS private key (PEM).
        #[arg(long, value_name = "PEM", requires = "cert")]
        key: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(match e {
                Error::Invalid { .. } | Error::Conflict { .. } => 2,
                _ => 1,
            })
        }
    }
}

fn run(cli: Cli) -> casebook::Result<()> {
    match cli.command {
        Command::Init(a) => set_up(a, true),
        Command::AddCouncil(a) => set_up(a, false),
        Command::Serve {
            db,
            listen,
            cert,
            key,
        } => {
            let tls = match (cert, key) {
                (Some(c), Some(k)) => Some((c, k)),
                _ if listen.ip().is_loopback() => None,
                _ => {
                    return Err(Error::invalid(
                        "listen",
                        format!(
                            "{listen} is not a loopback address, so the server must use HTTPS: \
                             give --cert and --key"
                        ),
                    ))
                }
            };
            let mut team = Team::connect(&db.database)?;
            team.claim_for_serving()?;
            api::serve(team, listen, tls)
        }
        Command::Import {
            db,
            file,
            council,
            passphrase_file,
            actor,
        } => import(&db.database, &file, &council, passphrase_file, actor),
        Command::Verify { db, council, json } => verify(&db.database, council.as_deref(), json),
    }
}

/// `import`: opens the desktop file (its passphrase first, if it is encrypted) and moves it in.
fn import(
    url: &str,
    file: &std::path::Path,
    council: &str,
    passphrase_file: Option<PathBuf>,
    actor: Option<String>,
) -> casebook::Result<()> {
    use casebook::{cipher, Db, FileKind, Key, Passphrase, Stamp};
    let key = match cipher::probe(file)? {
        FileKind::Missing => {
            return Err(Error::invalid(
                "file",
                format!("{} does not exist", file.display()),
            ))
        }
        FileKind::Plain => Key::Plain,
        FileKind::Encrypted => {
            let text = match (passphrase_file, std::env::var("CASEBOOK_PASSPHRASE")) {
                (Some(p), _) => std::fs::read_to_string(&p)
                    .map_err(|e| Error::io(&p, e))?
                    .trim_end_matches(['\r', '\n'])
                    .to_string(),
                (None, Ok(p)) => p,
                (None, Err(_)) => rpassword::prompt_password("The file's passphrase: ")
                    .map_err(|e| Error::invalid("passphrase", e.to_string()))?,
            };
            Key::Passphrase(Passphrase::new(text)?)
        }
    };
    let opener = Stamp::new(actor.unwrap_or_default(), chrono::Utc::now());
    let db = Db::open(file, &key, &opener)?;
    let mut team = Team::connect(url)?;
    let moved = team.import(council, &db)?;
    let rows: usize = moved.tables.values().sum();
    println!(
        "Moved {} into {} (council {}): {rows} rows in {} tables, {} audit entries, {} evidence \
         items; every stored file's SHA-256 checked ({} files), and the copy passes verify.",
        file.display(),
        council.trim(),
        moved.council_id,
        moved.tables.len(),
        moved.audit_entries,
        moved.evidence_items,
        moved.blobs_rehashed
    );
    Ok(())
}

/// `verify`: every council's report; an error (exit 1) if any has a problem.
fn verify(url: &str, council: Option<&str>, json: bool) -> casebook::Result<()> {
    let mut team = Team::connect(url)?;
    let reports = team.verify(council)?;
    let mut problems = 0;
    for (c, r) in &reports {
        problems += r.problems.len();
        if !json {
            println!(
                "{} (council {}): {} audit entries, {} evidence items, {} files re-hashed, {} \
                 records checked, {} access-log entries: {}",
                c.name,
                c.id,
                r.audit_entries,
                r.evidence_items,
                r.blobs_rehashed,
                r.records_checked,
                r.access_entries,
                if r.ok() { "OK" } else { "PROBLEMS" }
            );
            for p in &r.problems {
                println!("  {} {}: {}", p.area, p.location, p.detail);
            }
        }
    }
    if json {
        let out: Vec<serde_json::Value> = reports
            .iter()
            .map(|(c, r)| serde_json::json!({"council": c, "report": r}))
            .collect();
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    }
    if problems > 0 {
        return Err(Error::Unavailable(format!(
            "verify found {problems} problem(s)"
        )));
    }
    Ok(())
}

/// `init` (the first council of a new server) or `add-council`, with its Monitoring Officer.
fn set_up(a: SetUpArgs, first: bool) -> casebook::Result<()> {
    let SetUpArgs {
        db,
        council,
        admin_name,
        admin_password,
    } = a;
    let password = match admin_password {
        Some(p) => p,
        None => rpassword::prompt_password("Monitoring Officer's password: ")
            .map_err(|e| Error::invalid("admin_password", e.to_string()))?,
    };
    let mut team = Team::connect(&db.database)?;
    let now = chrono::Utc::now();
    let me = if first {
        team.init(&council, &admin_name, &password, now)?
    } else {
        team.add_council(&council, &admin_name, &password, now)?
    };
    let done = if first { "Set up" } else { "Added" };
    println!(
        "{done} {} with {} as its Monitoring Officer.",
        council.trim(),
        me.name
    );
    Ok(())
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
