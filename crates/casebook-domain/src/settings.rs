//! The procedure's time targets, as the deadline arithmetic uses them (stored settings are in
//! `casebook-store`).

use serde::Serialize;

/// The procedure's targets, as the deadline arithmetic uses them.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Targets {
    pub acknowledge_working_days: u32,
    pub decision_working_days: u32,
    pub investigation_weeks: u32,
    /// For the councillor's comments on the complaint, and the parties' on a draft report.
    pub comments_working_days: u32,
    /// For deciding a request for review.
    pub review_working_days: u32,
    /// For sending the decision letters after a decision or outcome.
    pub letters_working_days: u32,
}

impl Default for Targets {
    fn default() -> Targets {
        Targets {
            acknowledge_working_days: 5,
            decision_working_days: 20,
            investigation_weeks: 12,
            comments_working_days: 10,
            review_working_days: 15,
            letters_working_days: 5,
        }
    }
}
