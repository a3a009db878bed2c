//! `casebook tag`: tag a case with guidance catalogue items, or remove tags.

use clap::Args;

use casebook::{assessment, case, Db, Stamp};

use crate::print::out;

#[derive(Args)]
pub(crate) struct TagArgs {
    /// Case reference, e.g. SC-2026-014.
    pub(crate) reference: String,
    /// Catalogue codes: R1–R10, L1–L9, N1–N7, C1–C10, LGA1–LGA6 (see `casebook catalogue`).
    #[arg(required = true)]
    pub(crate) codes: Vec<String>,
    /// Why it applies (kept with each tag given).
    #[arg(long)]
    pub(crate) note: Option<String>,
    /// Remove these tags instead.
    #[arg(long, conflicts_with = "note")]
    pub(crate) remove: bool,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: TagArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    db.write(|tx| {
        for code in &a.codes {
            if a.remove {
                assessment::untag(tx, stamp, k.id, code)?;
            } else {
                assessment::tag(tx, stamp, k.id, code, a.note.as_deref())?;
            }
        }
        Ok(())
    })?;
    let tags = assessment::tags(db.conn(), k.id)?;
    let codes: Vec<&str> = tags.iter().map(|t| t.code.as_str()).collect();
    out!(
        "{} is tagged: {}",
        k.reference,
        if codes.is_empty() {
            "(none)".to_string()
        } else {
            codes.join(", ")
        }
    );
    Ok(())
}
