//! The session's retention and subject-access operations: the schedule, the review list, holds
//! and extensions, disposal, and subject access requests up to the point of making the pack
//! (the pack itself is made by `casebook-papers`, which can draw PDFs).

use chrono::{Duration, NaiveDate};

use casebook_store::sql::Sql;

use super::Session;
use crate::json::{RetentionView, SarDetail, SarInput};
use crate::retention::{self, Review};
use crate::retention_rules::Rule;
use crate::sar::{self, Hit, Sar};
use crate::{case, disposal, text, Result};

/// How far ahead the review list looks: cases due within this many days are shown too.
pub const REVIEW_HORIZON_DAYS: i64 = 90;

/// The Retention screen as at `today`, on either store: the schedule, the closed cases due for
/// review (and those due within [`REVIEW_HORIZON_DAYS`]), and past disposals.
pub fn retention_view(conn: &impl Sql, today: NaiveDate) -> Result<RetentionView> {
    Ok(RetentionView {
        as_of: today.to_string(),
        schedule: retention::schedule(conn)?,
        reviews: retention::due(conn, today, today + Duration::days(REVIEW_HORIZON_DAYS))?,
        horizon_days: REVIEW_HORIZON_DAYS,
        disposals: disposal::list(conn)?,
    })
}

impl Session {
    /// The Retention screen: the schedule, cases due for review (and soon due), past disposals.
    pub fn retention_view(&self) -> Result<RetentionView> {
        retention_view(self.db()?.conn(), self.today())
    }

    pub fn set_retention_rule(
        &self,
        ending: &str,
        months: &str,
        start: &str,
        reason: &str,
    ) -> Result<RetentionView> {
        let rule = Rule::from_input(ending, months, start)?;
        self.write(|tx, s| retention::set_rule(tx, s, rule, reason).map(drop))?;
        self.retention_view()
    }

    fn case_review(
        &self,
        reference: &str,
        change: impl FnOnce(&crate::Transaction<'_>, &crate::Stamp, i64) -> Result<Review>,
    ) -> Result<Review> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        let id = case::by_reference(db.conn(), reference)?.id;
        db.write(|tx| change(tx, &stamp, id))
    }

    pub fn hold_case(&self, reference: &str, reason: &str) -> Result<Review> {
        self.case_review(reference, |tx, s, id| retention::hold(tx, s, id, reason))
    }

    pub fn lift_hold(&self, reference: &str, reason: &str) -> Result<Review> {
        self.case_review(reference, |tx, s, id| retention::lift(tx, s, id, reason))
    }

    pub fn extend_retention(&self, reference: &str, to: &str, reason: &str) -> Result<Review> {
        let to = text::date("to", to)?;
        self.case_review(reference, |tx, s, id| {
            retention::extend(tx, s, id, to, reason)
        })
    }

    /// Where case `reference` stands against the schedule.
    pub fn case_retention(&self, reference: &str) -> Result<Review> {
        let db = self.db()?;
        let id = case::by_reference(db.conn(), reference)?.id;
        retention::review(db.conn(), id, self.today())
    }

    /// Disposes of the cases `references` (see [`disposal::dispose`]), then folds the log into
    /// the file so no older copy of a page stays in it.
    pub fn dispose(
        &self,
        references: &[String],
        reason: &str,
        early: bool,
    ) -> Result<disposal::Certificate> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        let done = db.write(|tx| disposal::dispose(tx, &stamp, references, reason, early))?;
        db.checkpoint()?;
        Ok(done)
    }

    // ---- Subject access requests ----

    pub fn sars(&self) -> Result<Vec<Sar>> {
        sar::list(self.db()?.conn())
    }

    pub fn new_sar(&self, input: SarInput) -> Result<Sar> {
        self.write(|tx, s| {
            sar::new(
                tx,
                s,
                &input.name,
                &input.received_on,
                input.contact.as_deref(),
            )
        })
    }

    /// A request and what was found; the look is recorded (it shows personal data).
    pub fn sar_detail(&self, id: i64) -> Result<SarDetail> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        let request = sar::get(db.conn(), id)?;
        db.look(
            &stamp,
            crate::access::Look::Search,
            None,
            &format!("subject access request #{id}"),
        )?;
        Ok(SarDetail {
            hits: sar::hits(db.conn(), id)?,
            request,
        })
    }

    pub fn confirm_sar_hit(&self, id: i64, hit: i64, confirmed: bool) -> Result<Vec<Hit>> {
        self.write(|tx, _| sar::confirm(tx, id, hit, confirmed))
    }

    pub fn set_sar_names(&self, id: i64, aliases: &str, redact: &str, keep: &str) -> Result<Sar> {
        self.write(|tx, s| sar::set_names(tx, s, id, aliases, redact, keep))
    }

    pub fn extend_sar(&self, id: i64, reason: &str) -> Result<Sar> {
        self.write(|tx, s| sar::extend(tx, s, id, reason))
    }

    pub fn sar_sent(&self, id: i64, on: &str) -> Result<Sar> {
        self.write(|tx, s| sar::mark_sent(tx, s, id, on))
    }
}
