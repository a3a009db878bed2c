//! The dashboard over the team server, and the new complaint form's choices: what is overdue and due soon across the council's open
//! cases, the open cases by stage, the retention reviews and subject access requests waiting.
//! It covers every case, so it is for the roles that work on every case (a Monitoring Officer,
//! Deputy or Standards officer); an Investigator or Independent Person has "My cases".

use chrono::{DateTime, Utc};

use casebook_domain::team::TeamRole;
use casebook_domain::Result;

use super::Team;
use crate::json::{Dashboard, DueLists, IntakeOptions};
use crate::session::DUE_SOON_WORKING_DAYS;
use crate::views;

impl Team {
    /// Council `council_id`'s dashboard as at `now`.
    pub fn dashboard(
        &mut self,
        token: &str,
        council_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Dashboard> {
        self.member(
            token,
            council_id,
            "see the dashboard",
            TeamRole::sees_every_case,
            now,
        )?;
        let today = now.date_naive();
        self.council(council_id)?
            .read(|tx| views::dashboard(tx, today, DUE_SOON_WORKING_DAYS))
    }

    /// Everything overdue or due soon in council `council_id` (the dashboard shows the first).
    pub fn due_lists(
        &mut self,
        token: &str,
        council_id: i64,
        now: DateTime<Utc>,
    ) -> Result<DueLists> {
        self.member(
            token,
            council_id,
            "see the dashboard",
            TeamRole::sees_every_case,
            now,
        )?;
        let today = now.date_naive();
        self.council(council_id)?
            .read(|tx| views::due_lists(tx, today, DUE_SOON_WORKING_DAYS))
    }

    /// The new complaint form's choices in council `council_id` (its councillors and the
    /// vocabularies), for those who log complaints.
    pub fn intake_options(
        &mut self,
        token: &str,
        council_id: i64,
        now: DateTime<Utc>,
    ) -> Result<IntakeOptions> {
        self.member(
            token,
            council_id,
            "log a complaint",
            TeamRole::sees_every_case,
            now,
        )?;
        self.council(council_id)?
            .read(|tx| views::intake_options(tx))
    }
}
