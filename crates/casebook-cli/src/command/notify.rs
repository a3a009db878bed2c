//! `casebook notify` and `casebook comments`: the councillor told of the complaint, and their
//! comments on it.

use std::path::PathBuf;

use clap::Args;

use casebook::{case, parties, Db, Stamp};

use crate::input::{day_or_today, read_named};
use crate::print::out;

#[derive(Args)]
pub(crate) struct NotifyArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// The day they were told (default: today).
    #[arg(long)]
    on: Option<String>,
    /// email, post or "in person".
    #[arg(long)]
    by: String,
    /// "the complaint", or "a summary" (where the complainant's confidentiality was granted).
    #[arg(long)]
    sent: String,
}

#[derive(Args)]
pub(crate) struct CommentsArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// The day they were received (default: today).
    #[arg(long)]
    on: Option<String>,
    /// The comments' text.
    #[arg(long)]
    text: Option<String>,
    /// A file of the comments (image or PDF), kept as evidence.
    #[arg(long)]
    file: Option<PathBuf>,
}

pub(crate) fn notify(db: &mut Db, stamp: &Stamp, a: NotifyArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let on = day_or_today("on", a.on.as_deref(), stamp)?;
    let n = db.write(|tx| parties::notify(tx, stamp, k.id, on, &a.by, &a.sent))?;
    let p = casebook::procedure::status(db.conn(), k.id, stamp.at.date_naive())?;
    let due = p
        .deadlines
        .iter()
        .find(|d| d.key == "comments")
        .and_then(|d| d.due_on.clone())
        .unwrap_or_default();
    out!(
        "Recorded that the councillor was told of {} on {} ({}, {}); their comments are due by {due}.",
        k.reference,
        n.notified_on,
        n.sent,
        n.method
    );
    Ok(())
}

pub(crate) fn comments(db: &mut Db, stamp: &Stamp, a: CommentsArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let on = day_or_today("on", a.on.as_deref(), stamp)?;
    let file = read_named(a.file.as_deref(), "comments file")?;
    let n = db.write(|tx| {
        let f = file.as_ref().map(|(bytes, name)| parties::File {
            bytes,
            name: name.as_deref(),
        });
        parties::comments_received(tx, stamp, k.id, on, a.text.as_deref(), f)
    })?;
    out!(
        "Recorded the councillor's comments on {}, received {}{}.",
        k.reference,
        n.comments_received_on.unwrap_or_default(),
        n.comments_evidence_id
            .map(|id| format!(" (file kept as evidence item {id})"))
            .unwrap_or_default()
    );
    Ok(())
}
