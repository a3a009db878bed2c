//! `casebook case pause` and `case resume`: stop and restart a case's working-day clock.

use clap::Args;

use casebook::{case, procedure, Db, Stamp};

use crate::input::day_or_today;
use crate::print::{next_line, out};

#[derive(Args)]
pub(crate) struct PauseArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// awaiting information, pre-election period, police referral or other.
    #[arg(long)]
    reason: String,
    /// First day the clock is stopped (default: today).
    #[arg(long)]
    on: Option<String>,
    /// Details (required when the reason is other).
    #[arg(long)]
    note: Option<String>,
}

#[derive(Args)]
pub(crate) struct ResumeArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// The day the clock runs again (default: today).
    #[arg(long)]
    on: Option<String>,
    /// Details, e.g. "information received from the complainant".
    #[arg(long)]
    note: Option<String>,
}

pub(crate) fn pause(db: &mut Db, stamp: &Stamp, a: PauseArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let on = day_or_today("on", a.on.as_deref(), stamp)?;
    let p = db.write(|tx| procedure::pause(tx, stamp, k.id, on, &a.reason, a.note.as_deref()))?;
    out!(
        "The clock on {} is paused from {} ({}). Resume it with `casebook case resume {}`.",
        k.reference,
        p.paused_on,
        p.reason,
        k.reference
    );
    Ok(())
}

pub(crate) fn resume(db: &mut Db, stamp: &Stamp, a: ResumeArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let on = day_or_today("on", a.on.as_deref(), stamp)?;
    let p = db.write(|tx| procedure::resume(tx, stamp, k.id, on, a.note.as_deref()))?;
    out!(
        "The clock on {} runs again from {} (paused since {}).",
        k.reference,
        p.resumed_on.as_deref().unwrap_or("?"),
        p.paused_on
    );
    let s = procedure::status(db.conn(), k.id, stamp.at.date_naive())?;
    if let Some(n) = &s.next_action {
        out!("Next: {}", next_line(n));
    }
    Ok(())
}
