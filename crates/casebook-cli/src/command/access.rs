//! `casebook access`: the access log — who opened a case, viewed or exported evidence, made a
//! paper naming people, or searched; when, and from where.

use clap::Args;

use casebook::access::{self, Filter};
use casebook::{officer, text, Db};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct AccessArgs {
    /// Only looks at this case (its reference, e.g. SC-2026-014).
    reference: Option<String>,
    /// Only looks by this officer (number or name).
    #[arg(long)]
    officer: Option<String>,
    /// Only looks on or after this day.
    #[arg(long)]
    from: Option<String>,
    /// Only looks on or before this day.
    #[arg(long)]
    to: Option<String>,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(db: &Db, a: AccessArgs) -> casebook::Result<()> {
    let officer = match &a.officer {
        Some(o) => Some(officer::resolve(db.conn(), o).map_err(|_| {
            casebook::Error::invalid("officer", format!("'{o}' is not a registered officer"))
        })?),
        None => None,
    };
    let filter = Filter {
        reference: a.reference.map(|r| r.trim().to_string()),
        officer: officer.map(|o| o.id),
        from: text::optional_date("from", a.from.as_deref())?,
        to: text::optional_date("to", a.to.as_deref())?,
    };
    if let (Some(f), Some(t)) = (filter.from, filter.to) {
        if f > t {
            return Err(casebook::Error::invalid("to", "is before --from"));
        }
    }
    let looks = access::list(db.conn(), &filter)?;
    if a.json.json {
        return print_json(&looks);
    }
    if looks.is_empty() {
        out!("No looks are recorded that match.");
    }
    for l in looks {
        out!(
            "{:>5}  {}  {:<24}  {:<3}  {:<15}  {}  {}",
            l.seq,
            l.at,
            l.officer,
            l.via,
            l.action,
            l.reference.as_deref().unwrap_or("-"),
            l.detail
        );
    }
    Ok(())
}
