//! The annual report's figures on the rest of the procedure: the
//! requests for review and their decisions, and what each investigation cost and how long it took.

use serde::Serialize;

use super::{median, percent, tally, Count, Timeliness};
use crate::procedure::{self, parse_day, Clock, Procedure, REVIEW_DECISIONS};

/// One investigation of the period's complaints: its cost and time.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct InvestigationCost {
    pub reference: String,
    /// internal or external.
    pub kind: String,
    pub hours: f64,
    pub cost_pence: i64,
    pub appointed_on: String,
    /// The final report, or the outcome where there was none.
    pub completed_on: Option<String>,
    /// Working days from appointment to completion (pauses not counted).
    pub working_days: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Investigations {
    pub count: i64,
    pub completed: i64,
    pub total_hours: f64,
    pub total_cost_pence: i64,
    /// Of the completed ones.
    pub median_working_days: Option<f64>,
    pub each: Vec<InvestigationCost>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Reviews {
    pub requested: i64,
    pub by_requester: Vec<Count>,
    /// Decisions on the requests, and "not yet decided".
    pub decisions: Vec<Count>,
    /// Decided within the target from the request.
    pub decided: Timeliness,
}

/// The tallies, filled case by case.
#[derive(Default)]
pub(super) struct Tally {
    requesters: Vec<String>,
    review_decisions: Vec<String>,
    review_days: Vec<i64>,
    reviews_on_time: i64,
    reviews_outstanding: i64,
    each: Vec<InvestigationCost>,
}

impl Tally {
    pub(super) fn add(&mut self, clock: &Clock, reference: &str, p: &Procedure) {
        let stopped = procedure::stopped(&p.pauses);
        let cal = &clock.calendar;
        for r in &p.reviews {
            self.requesters.push(r.requested_by.clone());
            self.review_decisions.push(
                r.decision
                    .clone()
                    .unwrap_or_else(|| "not yet decided".into()),
            );
            let asked = parse_day(&r.requested_on);
            match (asked, r.decided_on.as_deref().and_then(parse_day)) {
                (Some(a), Some(done)) => {
                    let days = cal.working_days_between(a, done, &stopped);
                    if days <= i64::from(clock.targets.review_working_days) {
                        self.reviews_on_time += 1;
                    }
                    self.review_days.push(days);
                }
                _ => self.reviews_outstanding += 1,
            }
        }
        if let Some(i) = &p.investigation {
            let completed_on = i.final_report_on.clone().or_else(|| p.outcome_on.clone());
            let working_days = match (
                parse_day(&i.appointed_on),
                completed_on.as_deref().and_then(parse_day),
            ) {
                (Some(a), Some(c)) => Some(cal.working_days_between(a, c, &stopped)),
                _ => None,
            };
            self.each.push(InvestigationCost {
                reference: reference.to_string(),
                kind: i.kind.clone(),
                hours: i.hours(),
                cost_pence: i.cost_pence(),
                appointed_on: i.appointed_on.clone(),
                completed_on,
                working_days,
            });
        }
    }

    /// (reviews, investigations)
    pub(super) fn finish(self, clock: &Clock) -> (Reviews, Investigations) {
        let t = clock.targets;
        let requesters: Vec<(&str, &str)> =
            procedure::REQUESTERS.iter().map(|r| (*r, *r)).collect();
        let decisions: Vec<(&str, &str)> = REVIEW_DECISIONS
            .iter()
            .chain(["not yet decided"].iter())
            .map(|d| (*d, *d))
            .collect();
        let reviews = Reviews {
            requested: self.requesters.len() as i64,
            by_requester: tally(&requesters, self.requesters.iter().map(String::as_str)),
            decisions: tally(&decisions, self.review_decisions.iter().map(String::as_str)),
            decided: Timeliness {
                target_working_days: t.review_working_days,
                done: self.review_days.len() as i64,
                within_target: self.reviews_on_time,
                percent_within_target: percent(self.reviews_on_time, self.review_days.len() as i64),
                median_working_days: median(self.review_days),
                outstanding: self.reviews_outstanding,
            },
        };
        let done: Vec<i64> = self.each.iter().filter_map(|i| i.working_days).collect();
        let investigations = Investigations {
            count: self.each.len() as i64,
            completed: done.len() as i64,
            total_hours: self.each.iter().map(|i| i.hours).sum(),
            total_cost_pence: self.each.iter().map(|i| i.cost_pence).sum(),
            median_working_days: median(done),
            each: self.each,
        };
        (reviews, investigations)
    }
}
