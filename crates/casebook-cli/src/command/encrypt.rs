//! `casebook encrypt`: turn a plain database into an encrypted one. The copy is made, checked and
//! swapped in by the store; the plain file is overwritten and removed.

use std::path::Path;

use casebook::{db, Db, Error, Stamp};

use crate::passphrase;
use crate::print::out;

pub(crate) fn run(db: Db, file: Option<&Path>, stamp: &Stamp) -> casebook::Result<()> {
    let _lock = db::lock(db.path())?;
    let path = db.path().to_path_buf();
    if db.encrypted() {
        return Err(Error::invalid(
            "database",
            format!(
                "{} is already encrypted; change its passphrase with `casebook rekey`",
                path.display()
            ),
        ));
    }
    let new = passphrase::new(
        &format!("{}", path.display()),
        file,
        passphrase::ENV,
        &[&stamp.actor],
        &format!(
            "give the new passphrase in {} or with --passphrase-file PATH, or run at a terminal \
             to choose one",
            passphrase::ENV
        ),
    )?;
    let db = db.encrypt(new, stamp)?;
    let report = casebook::verify::verify(db.conn())?;
    out!(
        "Encrypted {} with SQLCipher (AES-256). The copy was checked before it replaced the plain \
         file, which has been overwritten and removed.",
        path.display()
    );
    out!(
        "verify: {} audit entries, {} evidence items re-hashed, {} records checked, {} problem(s).",
        report.audit_entries,
        report.blobs_rehashed,
        report.records_checked,
        report.problems.len()
    );
    out!("Backups made before today are still plain files: make a new backup and delete them.");
    Ok(())
}
