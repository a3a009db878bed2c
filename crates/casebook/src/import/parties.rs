//! The rest of the procedure from a legacy log, where it has the columns: when the councillor was
//! told (`notified_on`, and how: `notified_by`, email unless given) and when their comments came
//! (`comments_received_on`), what the investigation cost (`investigation_cost`, in pounds, with
//! `investigator_kind`, external unless given), and when a review was asked for
//! (`review_requested_on`, by `review_requested_by`, the complainant unless given). Each is
//! recorded at its place among the steps, through the same checks as when an officer records it.

use chrono::NaiveDate;

use crate::parties;
use crate::procedure::parse_cost;
use crate::sql::Sql;
use crate::{text, Error, Result, Stamp};

/// What the log says of the rest of the procedure, checked as text.
pub(super) struct Extras<'a> {
    notified: Option<(NaiveDate, &'a str)>,
    comments: Option<NaiveDate>,
    cost: Option<(i64, &'a str)>,
    review: Option<(NaiveDate, &'a str)>,
}

fn or<'a>(value: &'a str, default: &'a str) -> &'a str {
    match value.trim() {
        "" => default,
        v => v,
    }
}

impl<'a> Extras<'a> {
    pub(super) fn read(get: impl Fn(&str) -> &'a str) -> Result<Extras<'a>> {
        let date = |column: &str| text::optional_date(column, Some(get(column).trim()));
        let notified = date("notified_on")?.map(|on| (on, or(get("notified_by"), "email")));
        let comments = date("comments_received_on")?;
        if comments.is_some() && notified.is_none() {
            return Err(Error::invalid(
                "comments_received_on",
                "needs notified_on: the councillor comments once told of the complaint",
            ));
        }
        let cost = match get("investigation_cost").trim() {
            "" => None,
            c => Some((
                parse_cost("investigation_cost", c)?,
                or(get("investigator_kind"), "external"),
            )),
        };
        let review = date("review_requested_on")?
            .map(|on| (on, or(get("review_requested_by"), "complainant")));
        Ok(Extras {
            notified,
            comments,
            cost,
            review,
        })
    }

    /// Before the step `stage`: the councillor told (and their comments), before the
    /// decision or the case's closing.
    pub(super) fn before(
        &mut self,
        tx: &impl Sql,
        stamp: &Stamp,
        case_id: i64,
        stage: &str,
    ) -> Result<()> {
        if matches!(stage, "decision" | "closed") {
            self.notify(tx, stamp, case_id)?;
        }
        Ok(())
    }

    fn notify(&mut self, tx: &impl Sql, stamp: &Stamp, case_id: i64) -> Result<()> {
        let Some((on, by)) = self.notified.take() else {
            return Ok(());
        };
        let sent = "the complaint";
        parties::notify(tx, stamp, case_id, on, by, sent)
            .map_err(|e| rename(e, "on", "notified_on"))
            .map_err(|e| rename(e, "method", "notified_by"))?;
        if let Some(on) = self.comments.take() {
            let said = "Received (recorded in the imported complaints log; not kept there)";
            parties::comments_received(tx, stamp, case_id, on, Some(said), None)?;
        }
        Ok(())
    }

    /// After the step `stage` on `on`: the investigator's cost once investigating.
    pub(super) fn after(
        &mut self,
        tx: &impl Sql,
        stamp: &Stamp,
        case_id: i64,
        (stage, on): (&str, NaiveDate),
    ) -> Result<()> {
        if stage == "investigation" {
            if let Some((pence, kind)) = self.cost.take() {
                parties::appoint(tx, stamp, case_id, NOT_RECORDED, kind, on)
                    .map_err(|e| rename(e, "kind", "investigator_kind"))?;
                let note = Some("Total as recorded in the imported complaints log");
                parties::add_cost(tx, stamp, case_id, (on, 0.0, pence), note)
                    .map_err(|e| rename(e, "cost", "investigation_cost"))?;
            }
        }
        Ok(())
    }

    /// Once every step is recorded: what is left, or why it cannot be.
    pub(super) fn finish(mut self, tx: &impl Sql, stamp: &Stamp, case_id: i64) -> Result<()> {
        self.notify(tx, stamp, case_id)?;
        if self.cost.is_some() {
            return Err(Error::invalid(
                "investigation_cost",
                "is given, but the log does not put the case under investigation",
            ));
        }
        if let Some((on, by)) = self.review {
            parties::request_review(tx, stamp, case_id, on, by, NOT_RECORDED)
                .map_err(|e| rename(e, "requested_by", "review_requested_by"))
                .map_err(|e| rename(e, "requested_on", "review_requested_on"))?;
        }
        Ok(())
    }
}

const NOT_RECORDED: &str = "Not recorded in the imported complaints log";

/// `e` naming the log's `column` where the core named its own field `from`.
fn rename(e: Error, from: &str, column: &str) -> Error {
    match e {
        Error::Invalid { field, reason } if field == from => Error::invalid(column, reason),
        other => other,
    }
}
