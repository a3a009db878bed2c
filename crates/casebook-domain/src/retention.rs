//! How long a closed case's personal data is kept (UK GDPR Art 5(1)(e)), and when a subject
//! access request must be answered (Art 12(3)), as pure functions: the council's retention
//! schedule (a period per way a case can end, counted from closure, the final determination or
//! the councillor leaving office), each case's review date, and the one-month deadline.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::Serialize;

use crate::calendar::Calendar;
use crate::procedure::{BREACH_FOUND, WITHDRAWN_BY_COMPLAINANT};
use crate::{text, Error, Result};

words! {
    /// How a closed case ended, as the retention schedule tells cases apart.
    ENDINGS, Ending {
        NoFurtherAction = "no further action",
        OutOfScope = "out of scope",
        InformalResolution = "informal resolution",
        NoBreach = "no breach",
        BreachFound = "breach found",
        Withdrawn = "withdrawn",
        ReferredToPolice = "referred to police",
    }
}

words! {
    /// The day a retention period is counted from.
    STARTS, RetentionStart {
        Closure = "closure",
        FinalDetermination = "final determination",
        LeavingOffice = "leaving office",
    }
}

impl Ending {
    /// How a case with this decision on its initial assessment and this final outcome ended.
    pub fn of(decision: Option<&str>, outcome: Option<&str>) -> Ending {
        match outcome.or(decision).unwrap_or("no further action") {
            BREACH_FOUND => Ending::BreachFound,
            "no breach" => Ending::NoBreach,
            "informal resolution" => Ending::InformalResolution,
            "referred to police" => Ending::ReferredToPolice,
            "withdrawn" | WITHDRAWN_BY_COMPLAINANT => Ending::Withdrawn,
            d if d.starts_with("out of scope") => Ending::OutOfScope,
            _ => Ending::NoFurtherAction,
        }
    }

    pub fn parse(field: &str, value: &str) -> Result<Ending> {
        let word = text::one_of(field, value, ENDINGS)?;
        Ok(ALL_ENDINGS[ENDINGS.iter().position(|e| *e == word).unwrap_or(0)])
    }
}

const ALL_ENDINGS: [Ending; 7] = [
    Ending::NoFurtherAction,
    Ending::OutOfScope,
    Ending::InformalResolution,
    Ending::NoBreach,
    Ending::BreachFound,
    Ending::Withdrawn,
    Ending::ReferredToPolice,
];

impl RetentionStart {
    pub fn parse(field: &str, value: &str) -> Result<RetentionStart> {
        Ok(match text::one_of(field, value, STARTS)? {
            "closure" => RetentionStart::Closure,
            "final determination" => RetentionStart::FinalDetermination,
            _ => RetentionStart::LeavingOffice,
        })
    }
}

/// One line of the schedule: cases that ended so are kept `months` from `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export, rename = "RetentionRule")]
pub struct Rule {
    pub ending: Ending,
    pub months: u32,
    pub start: RetentionStart,
}

/// Longest period a rule may set: 25 years.
pub const MAX_MONTHS: u32 = 300;

impl Rule {
    /// The rule typed as `months` (a whole number, 1 to 300) and `start`, for `ending`.
    pub fn from_input(ending: &str, months: &str, start: &str) -> Result<Rule> {
        let ending = Ending::parse("ending", ending)?;
        let months = months
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=MAX_MONTHS).contains(m))
            .ok_or_else(|| {
                Error::invalid(
                    "months",
                    format!(
                        "'{}' is not a whole number of months from 1 to {MAX_MONTHS}",
                        months.trim()
                    ),
                )
            })?;
        Ok(Rule {
            ending,
            months,
            start: RetentionStart::parse("start", start)?,
        })
    }

    /// "6 years from the final determination".
    pub fn describe(&self) -> String {
        let period = match self.months {
            m if m % 12 == 0 && m / 12 == 1 => "1 year".to_string(),
            m if m % 12 == 0 => format!("{} years", m / 12),
            1 => "1 month".to_string(),
            m => format!("{m} months"),
        };
        let from = match self.start {
            RetentionStart::Closure => "closure",
            RetentionStart::FinalDetermination => "the final determination",
            RetentionStart::LeavingOffice => "the councillor leaving office",
        };
        format!("{period} from {from}")
    }
}

/// The schedule Casebook starts with, each line editable in Settings or with `casebook retention
/// set`. It follows published councils' schedules for standards complaints: 6 years from the
/// final determination where a breach was found (East Riding), 3 years from closure where the
/// complaint was dealt with without a finding (Tonbridge & Malling), 1 year where it was out of
/// scope or withdrawn (North Somerset's "1 year if unfounded").
pub const DEFAULT_SCHEDULE: [Rule; 7] = [
    Rule {
        ending: Ending::NoFurtherAction,
        months: 36,
        start: RetentionStart::Closure,
    },
    Rule {
        ending: Ending::OutOfScope,
        months: 12,
        start: RetentionStart::Closure,
    },
    Rule {
        ending: Ending::InformalResolution,
        months: 36,
        start: RetentionStart::Closure,
    },
    Rule {
        ending: Ending::NoBreach,
        months: 36,
        start: RetentionStart::FinalDetermination,
    },
    Rule {
        ending: Ending::BreachFound,
        months: 72,
        start: RetentionStart::FinalDetermination,
    },
    Rule {
        ending: Ending::Withdrawn,
        months: 12,
        start: RetentionStart::Closure,
    },
    Rule {
        ending: Ending::ReferredToPolice,
        months: 72,
        start: RetentionStart::Closure,
    },
];

/// The dates a review date can be counted from, as a case has them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Dates {
    pub closed_on: Option<NaiveDate>,
    /// The final outcome's date, or the decision's where there was no investigation.
    pub determined_on: Option<NaiveDate>,
    /// The councillor's term end, if they have left (or will leave) office.
    pub left_office_on: Option<NaiveDate>,
}

/// The day a closed case's retention period ends under `rule`: `None` while the day it counts from
/// has not come (the councillor is still in office, or the case is open).
pub fn review_on(rule: &Rule, dates: &Dates) -> Option<NaiveDate> {
    let from = match rule.start {
        RetentionStart::Closure => dates.closed_on,
        RetentionStart::FinalDetermination => dates.determined_on.or(dates.closed_on),
        RetentionStart::LeavingOffice => dates.left_office_on,
    }?;
    dates.closed_on?;
    Some(add_months(from, rule.months))
}

/// The corresponding day `n` months after `d`, or that month's last day where it has none
/// (31 January + 1 month is 28 or 29 February).
pub fn add_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

/// `d`, or the next working day after it if it is a weekend or holiday.
pub fn next_working_day(d: NaiveDate, calendar: &Calendar) -> NaiveDate {
    let mut day = d;
    while !calendar.is_working_day(day) {
        day += Duration::days(1);
    }
    day
}

/// When a subject access request received on `received` must be answered: one calendar month
/// from receipt (the corresponding day of the next month, its last day where there is none),
/// moved to the next working day if that is a weekend or holiday.
pub fn sar_deadline(received: NaiveDate, calendar: &Calendar) -> NaiveDate {
    next_working_day(add_months(received, 1), calendar)
}

/// The deadline of a request extended by up to two further months (Art 12(3)): two months added
/// to the original one-month date by the same rule, counted from receipt (three months from
/// receipt), then moved to the next working day.
pub fn sar_extended_deadline(received: NaiveDate, calendar: &Calendar) -> NaiveDate {
    next_working_day(add_months(received, 3), calendar)
}

words! {
    /// Where a subject access request stands.
    SAR_STATUSES, SarStatus {
        Received = "received",
        Extended = "extended",
        Sent = "sent",
    }
}

/// The year and month of `d`, as the anonymised record keeps the day a case was received.
pub fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a test date")
    }

    #[test]
    fn sar_deadlines_follow_the_corresponding_day_and_working_day_rules() {
        let cal = Calendar::standard();
        for (received, due) in [
            ("2025-01-31", "2025-02-28"), // Fri → Fri: no 31 February
            ("2024-01-31", "2024-02-29"), // leap year
            ("2025-04-30", "2025-05-30"),
            ("2026-02-28", "2026-03-30"), // 28 March 2026 is a Saturday
            ("2026-04-25", "2026-05-26"), // 25 May 2026 is the spring bank holiday
        ] {
            assert_eq!(
                sar_deadline(day(received), &cal),
                day(due),
                "received {received}"
            );
        }
    }

    #[test]
    fn an_extension_adds_two_months_to_the_original_date() {
        let cal = Calendar::standard();
        // 3 Sept → 3 Oct → 3 Dec 2025 (a Wednesday).
        assert_eq!(
            sar_extended_deadline(day("2025-09-03"), &cal),
            day("2025-12-03")
        );
        // 31 Jan 2025 → 28 Feb, extended to 30 April (no 31 April).
        assert_eq!(
            sar_extended_deadline(day("2025-01-31"), &cal),
            day("2025-04-30")
        );
        // 28 Feb 2026 → 28 May 2026 is a Thursday.
        assert_eq!(
            sar_extended_deadline(day("2026-02-28"), &cal),
            day("2026-05-28")
        );
        // 25 Jun 2026 → 25 Sep 2026 (Fri); 27 Jun 2026 → 27 Sep is a Sunday → Mon 28 Sep.
        assert_eq!(
            sar_extended_deadline(day("2026-06-27"), &cal),
            day("2026-09-28")
        );
    }

    #[test]
    fn a_case_is_reviewed_when_its_rule_says() {
        let breach = DEFAULT_SCHEDULE[4];
        assert_eq!(breach.ending, Ending::BreachFound);
        let dates = Dates {
            closed_on: Some(day("2020-03-10")),
            determined_on: Some(day("2020-02-29")),
            left_office_on: None,
        };
        assert_eq!(review_on(&breach, &dates), Some(day("2026-02-28")));
        assert_eq!(breach.describe(), "6 years from the final determination");
        let office = Rule {
            start: RetentionStart::LeavingOffice,
            ..breach
        };
        assert_eq!(review_on(&office, &dates), None, "still in office");
        let open = Dates {
            closed_on: None,
            ..dates
        };
        assert_eq!(review_on(&DEFAULT_SCHEDULE[0], &open), None, "an open case");
    }

    #[test]
    fn endings_come_from_the_decision_or_outcome() {
        assert_eq!(
            Ending::of(Some("investigation"), Some("breach found")),
            Ending::BreachFound
        );
        assert_eq!(
            Ending::of(Some("out of scope: not a member"), None),
            Ending::OutOfScope
        );
        assert_eq!(
            Ending::of(Some("withdrawn by complainant"), None),
            Ending::Withdrawn
        );
        assert_eq!(
            Ending::of(Some("no further action"), None),
            Ending::NoFurtherAction
        );
        assert!(Rule::from_input("breach found", "0", "closure").is_err());
        let e = Rule::from_input("breach found", "x", "closure").expect_err("not a number");
        assert!(e.to_string().contains("months"), "{e}");
        assert!(Rule::from_input("lost", "12", "closure").is_err());
    }
}
