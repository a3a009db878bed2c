//! The team server session's token, kept in the OS keyring (the `keyring` crate: the kernel's key
//! store on Linux, the Keychain on macOS, the Credential Manager on Windows), one entry per front
//! end and server address, so signing in or out in the app leaves the command line's session as
//! it is; never in a file, never printed. `CASEBOOK_TOKEN`, when set, is used instead (for a
//! script that signs in itself).

use casebook::{Error, Result};

pub const ENV: &str = "CASEBOOK_TOKEN";

/// Which front end keeps the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keeper {
    Cli,
    App,
}

impl Keeper {
    /// The keyring's service name for this front end's sessions.
    fn service(self) -> &'static str {
        match self {
            Keeper::Cli => "casebook-cli-session",
            Keeper::App => "casebook-app-session",
        }
    }
}

fn entry(keeper: Keeper, server: &str) -> Result<keyring::Entry> {
    keyring::Entry::new(keeper.service(), server).map_err(|e| unavailable(server, &e))
}

fn unavailable(server: &str, e: &keyring::Error) -> Error {
    Error::Unavailable(format!(
        "the OS keyring cannot keep the session for {server} ({e}). On Linux the session is kept \
         in the login session's keyring: sign in to this computer through a login (a desktop or \
         ssh session), or run the commands inside `keyctl session`"
    ))
}

/// Keeps `token` for `server`, replacing any kept before.
pub fn keep(keeper: Keeper, server: &str, token: &str) -> Result<()> {
    entry(keeper, server)?
        .set_password(token)
        .map_err(|e| unavailable(server, &e))
}

/// The token kept for `server` (or given in `CASEBOOK_TOKEN`); signed out if there is none.
pub fn kept(keeper: Keeper, server: &str) -> Result<String> {
    if let Some(t) = std::env::var(ENV).ok().filter(|t| !t.trim().is_empty()) {
        return Ok(t.trim().to_string());
    }
    match entry(keeper, server)?.get_password() {
        Ok(t) => Ok(t),
        Err(keyring::Error::NoEntry) => Err(Error::SignedOut(format!(
            "not signed in to {server}: run `casebook --server {server} login` first"
        ))),
        Err(e) => Err(unavailable(server, &e)),
    }
}

/// Forgets the token kept for `server` (nothing to forget is not an error).
pub fn forget(keeper: Keeper, server: &str) -> Result<()> {
    match entry(keeper, server)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(unavailable(server, &e)),
    }
}
