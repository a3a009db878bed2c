//! `casebook backup`: write a consistent copy of the whole database to a new file.

use std::path::PathBuf;

use clap::Args;

use casebook::Db;

use crate::print::out;

#[derive(Args)]
pub(crate) struct BackupArgs {
    /// The backup file to create; it must not exist yet.
    #[arg(long)]
    out: PathBuf,
}

pub(crate) fn run(db: &Db, a: BackupArgs) -> casebook::Result<()> {
    let out = a.out;
    db.backup(&out)?;
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    out!(
        "Backed up {} to {} ({:.1} MiB); the copy passed SQLite's integrity check.",
        db.path().display(),
        out.display(),
        size as f64 / 1_048_576.0
    );
    out!(
        "Check it fully with: casebook --db {} verify",
        out.display()
    );
    if let Some(h) = db.head_of(&out)? {
        out!(
            "It anchors the audit trail at {} (entry {}, {}): later, `casebook verify --anchor {}` \
             shows whether the trail still extends it.",
            h.anchor(),
            h.seq,
            h.at,
            out.display()
        );
    }
    Ok(())
}
