//! `casebook case`: complaints. This file owns the `CaseCmd` enum, its dispatch and `case link`;
//! each other `case` subcommand has its own file here.

mod clock;
mod confidentiality;
mod gap;
pub(crate) mod list;
mod new;
mod publication;
pub(crate) mod show;
pub(crate) mod stage;

use clap::Subcommand;

use casebook::{case, Db, Stamp};

use crate::print::out;

#[derive(Subcommand)]
pub(crate) enum CaseCmd {
    /// Log a new complaint; prints its reference (SC-YYYY-NNN).
    New(new::NewCaseArgs),
    /// Show one complaint: details, tags, capacity assessment, evidence, related cases, history.
    Show(show::ShowArgs),
    /// List complaints, newest first; every option narrows the list.
    List(list::ListArgs),
    /// Record that two complaints concern the same post or the same incident.
    Link {
        /// Case reference, e.g. SC-2026-014.
        reference: String,
        /// The other case's reference.
        other: String,
        /// "same post" or "same incident".
        #[arg(long, default_value = "same post")]
        kind: String,
    },
    /// Move a case to its next stage (with the decision or outcome and reasons), or --undo the last step.
    Stage(stage::StageArgs),
    /// Stop a case's working-day clock (awaiting information, pre-election period, police referral).
    Pause(clock::PauseArgs),
    /// Restart a paused clock.
    Resume(clock::ResumeArgs),
    /// Record whether the complainant's request for confidentiality is granted or refused.
    Confidentiality(confidentiality::ConfidentialityArgs),
    /// What is published about a case: an anonymised summary, whether it illustrates the guidance
    /// review, and when its decision notice was published. Without options, shows them.
    Publication(publication::PublicationArgs),
    /// Flag a case as revealing a gap or an ambiguity in the guidance, list or remove flags.
    #[command(subcommand)]
    Gap(gap::GapCmd),
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, cmd: CaseCmd) -> casebook::Result<()> {
    match cmd {
        CaseCmd::New(a) => new::run(db, stamp, a)?,
        CaseCmd::Show(a) => show::run(db, stamp, a)?,
        CaseCmd::List(a) => list::run(db, stamp, a)?,
        CaseCmd::Link {
            reference,
            other,
            kind,
        } => {
            let a = case::by_reference(db.conn(), &reference)?;
            let b = case::by_reference(db.conn(), &other)?;
            db.write(|tx| case::link(tx, stamp, a.id, b.id, &kind))?;
            out!("Linked {} and {} ({kind}).", a.reference, b.reference);
        }
        CaseCmd::Stage(a) => stage::run(db, stamp, a)?,
        CaseCmd::Pause(a) => clock::pause(db, stamp, a)?,
        CaseCmd::Resume(a) => clock::resume(db, stamp, a)?,
        CaseCmd::Confidentiality(a) => confidentiality::run(db, stamp, a)?,
        CaseCmd::Publication(a) => publication::run(db, stamp, a)?,
        CaseCmd::Gap(c) => gap::run(db, stamp, c)?,
    }
    Ok(())
}
