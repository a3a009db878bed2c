//! `casebook case publication`: what is published about a case — its anonymised summary, whether
//! it illustrates the guidance review, and when its decision notice was published.

use clap::Args;

use casebook::{case, publication, text, Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct PublicationArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// The summary to publish (names in it are anonymised in the annual report). "" clears it.
    #[arg(long)]
    summary: Option<String>,
    /// yes: use this case to illustrate the guidance review in the annual report.
    #[arg(long)]
    illustrative: Option<String>,
    /// The day the decision notice was published (2026-03-14); "" clears it.
    #[arg(long)]
    notice_published_on: Option<String>,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: PublicationArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let now = publication::get(db.conn(), k.id)?;
    let changing =
        a.summary.is_some() || a.illustrative.is_some() || a.notice_published_on.is_some();
    let p = if changing {
        let summary = a.summary.or(now.summary);
        let illustrative = match &a.illustrative {
            Some(v) => text::yes_no("illustrative", v, false)?,
            None => now.illustrative,
        };
        let published = a.notice_published_on.or(now.notice_published_on);
        db.write(|tx| {
            publication::set(
                tx,
                stamp,
                k.id,
                summary.as_deref(),
                illustrative,
                published.as_deref(),
            )
        })?
    } else {
        now
    };
    if a.json.json {
        return print_json(&p);
    }
    out!("{}", k.reference);
    out!(
        "  summary for publication: {}",
        p.summary.as_deref().unwrap_or("(none)")
    );
    out!(
        "  illustrates the guidance review: {}",
        if p.illustrative { "yes" } else { "no" }
    );
    out!(
        "  decision notice published: {}",
        p.notice_published_on.as_deref().unwrap_or("no")
    );
    Ok(())
}
