//! `casebook search`: full-text search over summaries, post text, notes and councillor names.

use clap::Args;

use casebook::access::Look;
use casebook::{search, Db, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct SearchArgs {
    /// Words to find; every word must match; the last may be the start of a word.
    #[arg(required = true)]
    pub(crate) words: Vec<String>,
    /// Most results to show.
    #[arg(long, default_value_t = 50)]
    pub(crate) limit: usize,
    #[command(flatten)]
    pub(crate) json: JsonFlag,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: SearchArgs) -> casebook::Result<()> {
    let words = a.words.join(" ");
    let hits = search::search(db.conn(), &words, a.limit)?;
    db.look(stamp, Look::Search, None, &words)?;
    if a.json.json {
        print_json(&hits)?;
    } else if hits.is_empty() {
        out!("No cases match.");
    } else {
        for h in hits {
            out!(
                "{}  {}  {}\n    {}",
                h.reference,
                h.received_on,
                h.councillor,
                h.snippet.replace('\n', " ")
            );
        }
    }
    Ok(())
}
