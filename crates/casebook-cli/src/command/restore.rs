//! `casebook restore BACKUP`: check a backup and only then put it in the database's place, keeping
//! the database it replaces beside it.

use std::path::{Path, PathBuf};

use clap::Args;

use casebook::{cipher, db, officer, Db, FileKind, Key, Stamp};

use crate::passphrase;
use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct RestoreArgs {
    /// The backup file (made by `casebook backup`, or the app's Back up).
    backup: PathBuf,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(
    path: &Path,
    file: Option<&Path>,
    opener: &Stamp,
    a: RestoreArgs,
) -> casebook::Result<()> {
    let _lock = db::lock(path)?;
    let key = match cipher::probe(&a.backup)? {
        FileKind::Encrypted => Key::Passphrase(passphrase::existing(&a.backup, file)?),
        _ => Key::Plain,
    };
    let restored = db::restore(&a.backup, path, &key, &opener.at_text())?;
    // Opening brings an older backup's schema up to date; the officer must be on its register.
    let db = Db::open(path, &key, opener)?;
    officer::resolve(db.conn(), &opener.actor)?;
    if a.json.json {
        return print_json(&restored);
    }
    out!(
        "Restored {} from {}: {} cases, {} audit entries, {} evidence items; the backup passed \
         SQLite's integrity check and verify before anything was replaced.",
        restored.path,
        a.backup.display(),
        restored.cases,
        restored.audit_entries,
        restored.evidence_items
    );
    if let Some(kept) = &restored.kept {
        out!("The database it replaced is kept at {kept}; delete it once you are sure.");
    }
    if !restored.encrypted {
        out!("The restored database is NOT encrypted: encrypt it with `casebook encrypt`.");
    }
    Ok(())
}
