//! Where the command line gets a database passphrase: `--passphrase-file` (its first line), else
//! `CASEBOOK_PASSPHRASE`, else typed at the terminal (asked twice, and judged, for a new one).
//! Scripts and tests use the first two; nothing else reads a passphrase.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use casebook::{files, passphrase, Error, Passphrase, Result};

/// The environment variable holding the passphrase.
pub(crate) const ENV: &str = "CASEBOOK_PASSPHRASE";
/// The environment variable holding the new passphrase for `rekey`.
pub(crate) const NEW_ENV: &str = "CASEBOOK_NEW_PASSPHRASE";

/// The passphrase given in `file` or in the environment variable `env`, if any.
pub(crate) fn given(file: Option<&Path>, env: &str) -> Result<Option<Passphrase>> {
    if let Some(path) = file {
        let text = files::read_text(path, 4096, "passphrase file")?;
        let line = text
            .strip_suffix("\r\n")
            .or_else(|| text.strip_suffix('\n'))
            .unwrap_or(&text);
        return Passphrase::new(line).map(Some).map_err(|e| match e {
            Error::Invalid { reason, .. } => Error::invalid(
                "passphrase_file",
                format!("{}: the passphrase {reason}", path.display()),
            ),
            e => e,
        });
    }
    match std::env::var(env) {
        Ok(v) if !v.is_empty() => Passphrase::new(v).map(Some),
        _ => Ok(None),
    }
}

/// Whether a person is at a terminal to be asked.
fn interactive() -> bool {
    std::io::stdin().is_terminal()
}

fn prompt(text: &str) -> Result<String> {
    rpassword::prompt_password(text).map_err(|e| Error::io(PathBuf::from("/dev/tty"), e))
}

/// The passphrase of the encrypted database at `db`.
pub(crate) fn existing(db: &Path, file: Option<&Path>) -> Result<Passphrase> {
    if let Some(p) = given(file, ENV)? {
        return Ok(p);
    }
    if interactive() {
        return Passphrase::new(prompt(&format!("Passphrase for {}: ", db.display()))?);
    }
    Err(Error::invalid(
        "passphrase",
        format!(
            "{} is encrypted: give its passphrase in {ENV} or with --passphrase-file PATH, or run \
             the command at a terminal to be asked for it",
            db.display()
        ),
    ))
}

/// A new passphrase for `purpose` ("the new database"), from `file` or `env`, else typed twice
/// at the terminal; refused, with the reason, unless strong enough. `missing` says what to do
/// when it cannot be asked for.
pub(crate) fn new(
    purpose: &str,
    file: Option<&Path>,
    env: &str,
    context: &[&str],
    missing: &str,
) -> Result<Passphrase> {
    if let Some(p) = given(file, env)? {
        passphrase::check_new(p.expose(), p.expose(), context)?;
        return Ok(p);
    }
    if !interactive() {
        return Err(Error::invalid("passphrase", missing.to_string()));
    }
    eprintln!(
        "Choose a passphrase for {purpose}: at least {} characters; four or five unrelated \
         words are strong and easy to remember. Without it, nobody can read the database: keep \
         it somewhere safe.",
        passphrase::MIN_CHARS
    );
    loop {
        let first = prompt("New passphrase: ")?;
        let strength = passphrase::strength(&first, context);
        if !strength.acceptable {
            eprintln!("{}.", strength.verdict);
            for s in strength.suggestions {
                eprintln!("  {s}");
            }
            continue;
        }
        let again = prompt("The same passphrase again: ")?;
        match passphrase::check_new(&first, &again, context) {
            Ok(()) => return Passphrase::new(first),
            Err(e) => eprintln!("{e}"),
        }
    }
}
