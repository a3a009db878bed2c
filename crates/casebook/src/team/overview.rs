//! The dashboard over the team server, and the new complaint form's choices: what is overdue and
//! due soon across the council's open cases, the open cases by stage, the retention reviews and
//! subject access requests waiting; the Retention screen and disposal.
//! It covers every case, so it is for the roles that work on every case (a Monitoring Officer,
//! Deputy or Standards officer); an Investigator or Independent Person has "My cases".

use chrono::{DateTime, NaiveDate, Utc};

use casebook_domain::team::TeamRole;
use casebook_domain::Result;
use casebook_store::sql::pg::PgTx;

use super::Team;
use crate::json::{Dashboard, DueLists, IntakeOptions, RetentionView};
use crate::session::DUE_SOON_WORKING_DAYS;
use crate::views;
use casebook_store::disposal::{self, Certificate};

impl Team {
    /// Runs `view` on council `council_id`'s records as at `now`'s day, read only, for a role that
    /// works on every case (refused, and logged, for any other); `doing` names it for a refusal.
    pub(super) fn every_case_view<T>(
        &mut self,
        token: &str,
        council_id: i64,
        doing: &str,
        now: DateTime<Utc>,
        view: impl FnOnce(&PgTx<'_>, NaiveDate) -> Result<T>,
    ) -> Result<T> {
        self.member(token, council_id, doing, TeamRole::sees_every_case, now)?;
        let today = now.date_naive();
        self.council(council_id)?.read(|tx| view(tx, today))
    }

    /// Council `council_id`'s dashboard as at `now`.
    pub fn dashboard(
        &mut self,
        token: &str,
        council_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Dashboard> {
        self.every_case_view(token, council_id, "see the dashboard", now, |tx, today| {
            views::dashboard(tx, today, DUE_SOON_WORKING_DAYS)
        })
    }

    /// Everything overdue or due soon in council `council_id` (the dashboard shows the first).
    pub fn due_lists(
        &mut self,
        token: &str,
        council_id: i64,
        now: DateTime<Utc>,
    ) -> Result<DueLists> {
        self.every_case_view(token, council_id, "see the dashboard", now, |tx, today| {
            views::due_lists(tx, today, DUE_SOON_WORKING_DAYS)
        })
    }

    /// The new complaint form's choices in council `council_id` (its councillors and the
    /// vocabularies), for those who log complaints.
    pub fn intake_options(
        &mut self,
        token: &str,
        council_id: i64,
        now: DateTime<Utc>,
    ) -> Result<IntakeOptions> {
        self.every_case_view(token, council_id, "log a complaint", now, |tx, _| {
            views::intake_options(tx)
        })
    }
}

impl Team {
    /// Council `council_id`'s Retention screen as at `now` (for the roles that see every case).
    pub fn retention_view(
        &mut self,
        token: &str,
        council_id: i64,
        now: DateTime<Utc>,
    ) -> Result<RetentionView> {
        self.every_case_view(
            token,
            council_id,
            "see the retention reviews",
            now,
            |tx, today| crate::session::retention_view(tx, today),
        )
    }

    /// Disposes of the personal data of cases `references` in council `council_id` (its
    /// Monitoring Officer or Deputy; the store checks the officer may): all or none.
    pub fn dispose(
        &mut self,
        token: &str,
        council_id: i64,
        (references, reason, early): (&[String], &str, bool),
        now: DateTime<Utc>,
    ) -> Result<Certificate> {
        let allowed = TeamRole::may_list_accounts;
        self.with_council(
            token,
            council_id,
            "dispose of cases",
            allowed,
            now,
            |tx, s| disposal::dispose(tx, s, references, reason, early),
        )
    }
}
