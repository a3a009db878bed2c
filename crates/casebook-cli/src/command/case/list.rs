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
    /// Only the cases assigned to you (over a team server: --server).
    #[arg(long)]
    mine: bool,
    #[command(flatten)]
    pub(crate) json: JsonFlag,
}

impl ListArgs {
    /// The filters as the team server's case list takes them (a councillor is chosen there by
    /// name in the app, not here).
    pub(crate) fn server_query(&self) -> casebook::Result<Vec<(&'static str, String)>> {
        if self.councillor.is_some() {
            return Err(casebook::Error::invalid(
                "councillor",
                "over a team server, find a councillor's cases with --search NAME",
            ));
        }
        let mut q = Vec::new();
        let mut put = |k: &'static str, v: &Option<String>| {
            if let Some(v) = v {
                q.push((k, v.clone()));
            }
        };
        put("council", &self.council);
        put("platform", &self.platform);
        put("tag", &self.tag);
        put("determination", &self.determination);
        put("stage", &self.stage);
        put("words", &self.search);
        if let Some(y) = self.year {
            q.push(("year", y.to_string()));
        }
        if self.mine {
            q.push(("mine", "true".to_string()));
        }
        Ok(q)
    }
}

/// Prints cases one to a line (or as JSON); `searched` says what to print when there are none.
pub(crate) fn print_rows(
    cases: Vec<case::Summary>,
    json: bool,
    searched: bool,
) -> casebook::Result<()> {
    if json {
        return print_json(&cases);
    }
    if cases.is_empty() {
        if searched {
            out!("No cases match.");
        } else {
            out!("No cases. Log one with `casebook case new`, or load the demo with `casebook demo`.");
        }
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

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: ListArgs) -> casebook::Result<()> {
    if a.mine {
        return Err(casebook::Error::invalid(
            "mine",
            "cases are assigned to officers on a team server: give its address with --server URL",
        ));
    }
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
    print_rows(cases, a.json.json, false)
}
