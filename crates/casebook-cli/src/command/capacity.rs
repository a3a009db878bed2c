//! `casebook capacity`: show or record the acting-in-capacity assessment of a case.

use clap::Args;

use casebook::{assessment, case, text, Db, Error, Stamp};

use crate::print::{print_capacity, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct CapacityArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// Answer an indicator: CODE=yes|no|unknown, e.g. I1=yes. Repeatable.
    #[arg(long = "answer", value_name = "CODE=ANSWER")]
    answers: Vec<String>,
    /// A note on an indicator: CODE=TEXT. Repeatable; goes with an --answer for the same code.
    #[arg(long = "note", value_name = "CODE=TEXT")]
    notes: Vec<String>,
    /// The officer's determination: in capacity, not in capacity or undetermined.
    #[arg(long, requires = "reasons")]
    determination: Option<String>,
    /// The officer's reasons for the determination.
    #[arg(long)]
    reasons: Option<String>,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: CapacityArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    let split = |field: &str, v: &str| -> casebook::Result<(String, String)> {
        v.split_once('=')
            .map(|(c, x)| (c.trim().to_string(), x.trim().to_string()))
            .ok_or_else(|| {
                Error::invalid(
                    field,
                    format!("'{}' should be CODE=VALUE, e.g. I1=yes", text::shorten(v)),
                )
            })
    };
    let answers = a
        .answers
        .iter()
        .map(|v| split("answer", v))
        .collect::<casebook::Result<Vec<_>>>()?;
    let notes = a
        .notes
        .iter()
        .map(|v| split("note", v))
        .collect::<casebook::Result<Vec<_>>>()?;
    for (code, _) in &notes {
        if !answers.iter().any(|(c, _)| c.eq_ignore_ascii_case(code)) {
            return Err(Error::invalid(
                "note",
                format!("note for {code} needs an --answer {code}=… too"),
            ));
        }
    }
    if !answers.is_empty() || a.determination.is_some() {
        db.write(|tx| {
            for (code, answer) in &answers {
                let note = notes
                    .iter()
                    .find(|(c, _)| c.eq_ignore_ascii_case(code))
                    .map(|(_, n)| n.as_str());
                assessment::answer_indicator(tx, stamp, k.id, code, answer, note)?;
            }
            if let Some(d) = &a.determination {
                assessment::determine(tx, stamp, k.id, d, a.reasons.as_deref())?;
            }
            Ok(())
        })?;
    }
    let c = assessment::capacity(db.conn(), k.id)?;
    if a.json.json {
        return print_json(&c);
    }
    print_capacity(&c, &k.reference);
    Ok(())
}
