//! `casebook rekey`: change an encrypted database's passphrase.

use std::path::PathBuf;

use clap::Args;

use casebook::{db, Db};

use crate::passphrase;
use crate::print::out;

#[derive(Args)]
pub(crate) struct RekeyArgs {
    /// Read the new passphrase from the first line of this file (else CASEBOOK_NEW_PASSPHRASE,
    /// else it is asked for, twice, at the terminal).
    #[arg(long, value_name = "PATH")]
    new_passphrase_file: Option<PathBuf>,
}

pub(crate) fn run(db: &mut Db, a: RekeyArgs) -> casebook::Result<()> {
    let _lock = db::lock(db.path())?;
    let new = passphrase::new(
        "the database",
        a.new_passphrase_file.as_deref(),
        passphrase::NEW_ENV,
        &[],
        &format!(
            "give the new passphrase in {} or with --new-passphrase-file PATH, or run at a \
             terminal to choose one",
            passphrase::NEW_ENV
        ),
    )?;
    db.rekey(new)?;
    out!(
        "The passphrase of {} has changed; the old one no longer opens it. Backups made before \
         now still open only with the old passphrase.",
        db.path().display()
    );
    Ok(())
}
