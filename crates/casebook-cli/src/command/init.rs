//! `casebook init`: create the database (encrypted unless `--unencrypted`), or bring an older one
//! up to date, and say where it is, whether it is encrypted, and who its officers are.

use clap::Args;

use casebook::{db, officer, Db, Stamp};

use crate::print::out;

#[derive(Args)]
pub(crate) struct InitArgs {
    /// Make a new database without encryption: anyone with a copy of the file can read it. Only
    /// for test data; a database of real complaints should be encrypted.
    #[arg(long)]
    pub(crate) unencrypted: bool,
}

pub(crate) fn run(db: &Db, stamp: &Stamp, a: InitArgs) -> casebook::Result<()> {
    if a.unencrypted && db.encrypted() {
        out!(
            "{} already exists and is encrypted; it stays encrypted.",
            db.path().display()
        );
    }
    out!(
        "Database ready at {} (schema version {}).",
        db.path().display(),
        db::schema_version()
    );
    if db.encrypted() {
        out!(
            "It is encrypted with SQLCipher (AES-256): without its passphrase the file, its \
              write-ahead log and its backups cannot be read."
        );
    } else {
        out!(
            "It is NOT encrypted: anyone with a copy of the file can read it. Encrypt it with \
              `casebook encrypt`."
        );
    }
    let officers = officer::list(db.conn())?;
    let names: Vec<String> = officers
        .iter()
        .map(|o| format!("{} ({})", o.name, o.role_label))
        .collect();
    out!(
        "Officers: {}. You are working as {}.",
        names.join(", "),
        stamp.actor
    );
    Ok(())
}
