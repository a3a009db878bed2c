//! `casebook case list`: list complaints, newest first, narrowed by any of its options.

use clap::Args;

use casebook::access::Look;
use casebook::case::{self, Filter};
use casebook::{councillor, Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct ListArgs {
    /// Year received.
    #[arg(long)]
    year: Option<i32>,
    /// Register number or exact name.
    #[arg(long)]
    councillor: Option<String>,
    /// Council name, e.g. "Kingsmere City Council".
    #[arg(long)]
    council: Option<String>,
    /// Platform, e.g. Facebook or X.
    #[arg(long)]
    platform: Option<String>,
    /// A catalogue code the case is tagged with (R5, L8, C1…).
    #[arg(long)]
    tag: Option<String>,
    /// in capacity, not in capacity or undetermined.
    #[arg(long)]
    determination: Option<String>,
    /// A stage (received … closed), or "open" for every case not yet closed.
    #[arg(long)]
    stage: Option<String>,
    /// Only cases matching these words (as `casebook search`).
    #[arg(long)]
    search: Option<String>,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: ListArgs) -> casebook::Result<()> {
    let councillor_id = match &a.councillor {
        Some(k) => Some(councillor::resolve(db.conn(), k, "councillor")?.id),
        None => None,
    };
    let cases = case::list(
        db.conn(),
        &Filter {
            year: a.year,
            councillor_id,
            council: a.council,
            platform: a.platform,
            tag: a.tag,
            determination: a.determination,
            stage: a.stage,
            words: a.search.clone(),
            assigned_to: None,
        },
    )?;
    if let Some(words) = a.search.as_deref().filter(|w| !w.trim().is_empty()) {
        db.look(stamp, Look::Search, None, words)?;
    }
    if a.json.json {
        return print_json(&cases);
    }
    if cases.is_empty() {
        out!("No cases. Log one with `casebook case new`, or load the demo with `casebook demo`.");
    }
    for k in cases {
        out!(
            "{}  {}  {:<22} {:<10} {:<18} {:<16} {}",
            k.reference,
            k.received_on,
            k.councillor,
            k.platform,
            k.stage,
            k.capacity_determination,
            k.tags.join(",")
        );
    }
    Ok(())
}
