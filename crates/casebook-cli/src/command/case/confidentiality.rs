//! `casebook case confidentiality`: record whether the complainant's request for confidentiality
//! is granted or refused.

use clap::Args;

use casebook::{case, procedure, Db, Stamp};

use crate::input::day_or_today;
use crate::print::out;

#[derive(Args)]
pub(crate) struct ConfidentialityArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// granted or refused.
    decision: String,
    /// Why: the grounds for the decision.
    #[arg(long)]
    grounds: String,
    /// Who decided (default: --actor).
    #[arg(long)]
    by: Option<String>,
    /// The day it was decided (default: today).
    #[arg(long)]
    on: Option<String>,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: ConfidentialityArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let on = day_or_today("decided_on", a.on.as_deref(), stamp)?;
    let by = a.by.unwrap_or_else(|| stamp.actor.clone());
    let c = db.write(|tx| {
        procedure::decide_confidentiality(tx, stamp, k.id, &a.decision, &by, on, &a.grounds)
    })?;
    out!(
        "Confidentiality {} on {} by {} ({}).",
        c.decision,
        k.reference,
        c.decided_by,
        c.decided_on
    );
    Ok(())
}
