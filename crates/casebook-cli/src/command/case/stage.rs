//! `casebook case stage`: move a case to its next stage with the decision or outcome and reasons,
//! or take back the last step.

use clap::Args;

use casebook::procedure::{self, Move};
use casebook::{case, Db, Stamp};

use crate::input::day_or_today;
use crate::print::{next_line, out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct StageArgs {
    /// Case reference, e.g. SC-2026-014.
    reference: String,
    /// acknowledged, initial assessment, decision, investigation, report, hearing, outcome or closed.
    #[arg(required_unless_present = "undo")]
    stage: Option<String>,
    /// The day it happened (2026-03-14 or 14/03/2026; default: today).
    #[arg(long)]
    on: Option<String>,
    /// With decision: no further action, informal resolution, investigation, referred to police,
    /// withdrawn by complainant, "out of scope: not a member", "out of scope: not acting in
    /// capacity" or "out of scope: not a Code matter". With outcome: no breach, breach found,
    /// withdrawn or no further action.
    #[arg(long)]
    outcome: Option<String>,
    /// For an informal resolution: training, apology, mediation or referral to group leader.
    /// Repeatable.
    #[arg(long = "measure", value_name = "MEASURE")]
    measures: Vec<String>,
    /// For a breach found: formal letter, censure, publication of findings, report to council,
    /// removal from committees, removal from outside appointments, training, apology, withdrawal
    /// of facilities or exclusion from offices. Repeatable.
    #[arg(long = "sanction", value_name = "SANCTION")]
    sanctions: Vec<String>,
    /// Why (required for a decision and an outcome; it goes in the decision notice).
    #[arg(long)]
    reason: Option<String>,
    /// Take back the last step recorded (needs --reason).
    #[arg(long, conflicts_with_all = ["stage", "outcome", "measures", "sanctions", "on"], requires = "reason")]
    undo: bool,
    #[command(flatten)]
    json: JsonFlag,
}

impl StageArgs {
    /// The case's reference.
    pub(crate) fn reference(&self) -> &str {
        &self.reference
    }

    /// The step as the team server takes it (`--undo` is not offered over a server).
    pub(crate) fn server_step(&self) -> casebook::Result<serde_json::Value> {
        if self.undo {
            return Err(casebook::Error::invalid(
                "undo",
                "taking back a step is done in the app over a team server",
            ));
        }
        let today = chrono::Utc::now().date_naive().to_string();
        let actions: Vec<&String> = self.measures.iter().chain(&self.sanctions).collect();
        Ok(serde_json::json!({
            "stage": self.stage.clone().unwrap_or_default(),
            "on": self.on.clone().unwrap_or(today),
            "outcome": self.outcome,
            "actions": actions,
            "reason": self.reason,
        }))
    }
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: StageArgs) -> casebook::Result<()> {
    let k = case::by_reference(db.conn(), &a.reference)?;
    if a.undo {
        let reason = a.reason.unwrap_or_default();
        let gone = db.write(|tx| procedure::undo_last(tx, stamp, k.id, &reason))?;
        out!(
            "Took back {} ({} on {}) from {}.",
            gone.stage,
            gone.outcome.as_deref().unwrap_or("step"),
            gone.on,
            k.reference
        );
    } else {
        let m = Move {
            stage: a.stage.unwrap_or_default(),
            on: day_or_today("on", a.on.as_deref(), stamp)?,
            outcome: a.outcome,
            actions: a.measures.into_iter().chain(a.sanctions).collect(),
            reason: a.reason,
        };
        let e = db.write(|tx| procedure::advance(tx, stamp, k.id, &m))?;
        if !a.json.json {
            out!(
                "{} is now at {} (on {}){}.",
                k.reference,
                e.stage,
                e.on,
                e.outcome
                    .as_deref()
                    .map(|o| format!(": {o}"))
                    .unwrap_or_default()
            );
        }
    }
    let p = procedure::status(db.conn(), k.id, stamp.at.date_naive())?;
    if a.json.json {
        return print_json(&p);
    }
    if let Some(n) = &p.next_action {
        out!("Next: {}", next_line(n));
    }
    for w in &p.warnings {
        eprintln!("warning: {w}");
    }
    Ok(())
}
