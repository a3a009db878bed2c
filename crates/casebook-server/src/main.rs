//! `casebook-server`: the standards team's one server. `init` sets up a PostgreSQL database with
//! its first council and Monitoring Officer; `serve` answers the team's requests over HTTPS
//! (plain HTTP on loopback only, for tests and a reverse proxy on the same host).

mod api;

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
            let team = Team::connect(&db.database)?;
            api::serve(team, listen, tls)
        }
    }
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
