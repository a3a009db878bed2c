//! Working days for England & Wales, computed offline: bank holidays by rule for any year (with the
//! one-off changes of the past built in), plus the one-off holidays an officer adds or removes, and
//! deadline arithmetic in working days with paused periods.
//!
//! A deadline of N working days falls on the Nth working day after the start day (the start is day
//! 0). A pause from day P, resumed on day R, stops the clock for the days P..R (P included, R not):
//! those days never count, even when they are working days.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

/// Easter Sunday in the Gregorian calendar (the anonymous algorithm, as published by Meeus).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    // Every caller passes a day that exists (fixed dates, or ones computed within their month).
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    let first = ymd(year, month, 1);
    let ahead = (7 - first.weekday().num_days_from_monday()) % 7;
    first + Duration::days(i64::from(ahead))
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        ymd(year + 1, 1, 1)
    } else {
        ymd(year, month + 1, 1)
    };
    let last = next - Duration::days(1);
    last - Duration::days(i64::from(last.weekday().num_days_from_monday()))
}

pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// One-off changes to the rules, as proclaimed: a holiday moved, or an extra one.
enum OneOff {
    Moved {
        from: (i32, u32, u32),
        to: (i32, u32, u32),
        name: &'static str,
    },
    Extra {
        on: (i32, u32, u32),
        name: &'static str,
    },
}

const ONE_OFFS: &[OneOff] = &[
    OneOff::Extra {
        on: (1977, 6, 7),
        name: "Silver Jubilee of Elizabeth II",
    },
    OneOff::Extra {
        on: (1981, 7, 29),
        name: "Wedding of Charles and Diana",
    },
    OneOff::Moved {
        from: (1995, 5, 1),
        to: (1995, 5, 8),
        name: "Early May bank holiday (VE Day)",
    },
    OneOff::Extra {
        on: (1999, 12, 31),
        name: "Millennium celebrations",
    },
    OneOff::Moved {
        from: (2002, 5, 27),
        to: (2002, 6, 4),
        name: "Spring bank holiday",
    },
    OneOff::Extra {
        on: (2002, 6, 3),
        name: "Golden Jubilee of Elizabeth II",
    },
    OneOff::Extra {
        on: (2011, 4, 29),
        name: "Wedding of William and Catherine",
    },
    OneOff::Moved {
        from: (2012, 5, 28),
        to: (2012, 6, 4),
        name: "Spring bank holiday",
    },
    OneOff::Extra {
        on: (2012, 6, 5),
        name: "Diamond Jubilee of Elizabeth II",
    },
    OneOff::Moved {
        from: (2020, 5, 4),
        to: (2020, 5, 8),
        name: "Early May bank holiday (VE Day)",
    },
    OneOff::Moved {
        from: (2022, 5, 30),
        to: (2022, 6, 2),
        name: "Spring bank holiday",
    },
    OneOff::Extra {
        on: (2022, 6, 3),
        name: "Platinum Jubilee bank holiday",
    },
    OneOff::Extra {
        on: (2022, 9, 19),
        name: "Bank Holiday for the State Funeral of Queen Elizabeth II",
    },
    OneOff::Extra {
        on: (2023, 5, 8),
        name: "Bank holiday for the coronation of King Charles III",
    },
];

fn date_of((y, m, d): (i32, u32, u32)) -> NaiveDate {
    ymd(y, m, d)
}

/// The bank holidays of England & Wales in `year`, in date order: the standing rules (with their
/// substitute days when a fixed holiday falls at a weekend) and the known one-off changes.
pub fn bank_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut days: Vec<(NaiveDate, &'static str)> = Vec::with_capacity(10);

    let new_year = ymd(year, 1, 1);
    days.push(match new_year.weekday() {
        Weekday::Sat => (ymd(year, 1, 3), "New Year's Day (substitute day)"),
        Weekday::Sun => (ymd(year, 1, 2), "New Year's Day (substitute day)"),
        _ => (new_year, "New Year's Day"),
    });
    let easter = easter_sunday(year);
    days.push((easter - Duration::days(2), "Good Friday"));
    days.push((easter + Duration::days(1), "Easter Monday"));
    days.push((first_monday(year, 5), "Early May bank holiday"));
    days.push((last_monday(year, 5), "Spring bank holiday"));
    days.push((last_monday(year, 8), "Summer bank holiday"));

    let christmas = ymd(year, 12, 25);
    let boxing = ymd(year, 12, 26);
    match christmas.weekday() {
        Weekday::Sat => {
            days.push((ymd(year, 12, 27), "Christmas Day (substitute day)"));
            days.push((ymd(year, 12, 28), "Boxing Day (substitute day)"));
        }
        Weekday::Sun => {
            days.push((boxing, "Boxing Day"));
            days.push((ymd(year, 12, 27), "Christmas Day (substitute day)"));
        }
        Weekday::Fri => {
            days.push((christmas, "Christmas Day"));
            days.push((ymd(year, 12, 28), "Boxing Day (substitute day)"));
        }
        _ => {
            days.push((christmas, "Christmas Day"));
            days.push((boxing, "Boxing Day"));
        }
    }

    for change in ONE_OFFS {
        match change {
            OneOff::Moved { from, to, name } if from.0 == year => {
                let from = date_of(*from);
                days.retain(|(d, _)| *d != from);
                days.push((date_of(*to), name));
            }
            OneOff::Extra { on, name } if on.0 == year => days.push((date_of(*on), name)),
            _ => {}
        }
    }
    days.sort_by_key(|(d, _)| *d);
    days
}

/// The years whose bank holidays are worked out once and kept: every year a complaint can be
/// received in (from 2000) and its deadlines run into, with room to spare.
const KEPT_YEARS: std::ops::RangeInclusive<i32> = 1990..=2199;

/// The bank holiday on `d` by the rules of [`bank_holidays`], if it is one. Each year's list is
/// worked out once (a deadline asks about every day it counts over).
fn bank_holiday(d: NaiveDate) -> Option<&'static str> {
    static KEPT: OnceLock<Vec<Vec<(NaiveDate, &'static str)>>> = OnceLock::new();
    let find = |days: &[(NaiveDate, &'static str)]| {
        days.iter().find(|(h, _)| *h == d).map(|(_, name)| *name)
    };
    if !KEPT_YEARS.contains(&d.year()) {
        return find(&bank_holidays(d.year()));
    }
    let kept = KEPT.get_or_init(|| KEPT_YEARS.map(bank_holidays).collect());
    find(&kept[(d.year() - KEPT_YEARS.start()) as usize])
}

/// A day off (or a bank holiday the council works), as listed by `casebook holidays`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct Holiday {
    pub date: String,
    pub name: String,
    /// "bank holiday" (England & Wales, by rule), "added" (by the council) or "removed" (a bank
    /// holiday the council has declared a working day; listed but not counted as a holiday).
    pub source: String,
}

/// Bank holidays plus the council's own changes; answers "is this a working day?".
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    added: BTreeMap<NaiveDate, String>,
    removed: BTreeMap<NaiveDate, String>,
}

/// A stretch of days on which a case's clock was stopped: `from` included, `until` (the day it was
/// resumed) not; `until: None` means it is still stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Stopped {
    fn covers(&self, d: NaiveDate) -> bool {
        d >= self.from && self.until.is_none_or(|u| d < u)
    }
}

impl Calendar {
    /// England & Wales bank holidays only.
    pub fn standard() -> Calendar {
        Calendar::default()
    }

    /// A bank holiday the council works on `d` (with why).
    pub fn with_working_day(mut self, d: NaiveDate, why: &str) -> Calendar {
        self.removed.insert(d, why.to_string());
        self
    }

    /// A council holiday on `d` (in addition to the bank holidays).
    pub fn with_holiday(mut self, d: NaiveDate, name: &str) -> Calendar {
        self.added.insert(d, name.to_string());
        self
    }

    /// The name of the holiday on `d`, if it is one (bank or council).
    pub fn holiday(&self, d: NaiveDate) -> Option<String> {
        self.holiday_name(d).map(String::from)
    }

    /// [`Calendar::holiday`] without making a copy of the name: asked for every day a deadline
    /// counts over.
    fn holiday_name(&self, d: NaiveDate) -> Option<&str> {
        if let Some(name) = self.added.get(&d) {
            return Some(name);
        }
        if self.removed.contains_key(&d) {
            return None;
        }
        bank_holiday(d)
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !is_weekend(d) && self.holiday_name(d).is_none()
    }

    /// Every holiday in `year`: bank holidays, the council's added days, and bank holidays it has
    /// removed (marked so), in date order.
    pub fn holidays(&self, year: i32) -> Vec<Holiday> {
        let mut out: Vec<Holiday> = bank_holidays(year)
            .into_iter()
            .map(|(d, name)| Holiday {
                date: d.to_string(),
                name: match self.removed.get(&d) {
                    Some(why) => format!("{name} — worked: {why}"),
                    None => name.to_string(),
                },
                source: if self.removed.contains_key(&d) {
                    "removed"
                } else {
                    "bank holiday"
                }
                .into(),
            })
            .collect();
        for (d, name) in self.added.range(ymd(year, 1, 1)..=ymd(year, 12, 31)) {
            out.push(Holiday {
                date: d.to_string(),
                name: name.clone(),
                source: "added".into(),
            });
        }
        out.sort_by(|a, b| a.date.cmp(&b.date));
        out
    }

    /// Whether `d` counts towards a deadline: a working day on which the clock was not stopped.
    fn counts(&self, d: NaiveDate, stopped: &[Stopped]) -> bool {
        self.is_working_day(d) && !stopped.iter().any(|s| s.covers(d))
    }

    /// The day on which the `n`th counted working day after `start` falls (`start` is day 0).
    /// `None` when a stop that has not been resumed halts the clock first.
    pub fn add_working_days(
        &self,
        start: NaiveDate,
        n: u32,
        stopped: &[Stopped],
    ) -> Option<NaiveDate> {
        let open_from = stopped
            .iter()
            .filter(|s| s.until.is_none())
            .map(|s| s.from)
            .min();
        let mut d = start;
        let mut counted = 0;
        while counted < n {
            d = d.succ_opt()?;
            if open_from.is_some_and(|f| d >= f) {
                return None;
            }
            if self.counts(d, stopped) {
                counted += 1;
            }
        }
        Some(d)
    }

    /// Counted working days after `from`, up to and including `to` (0 when `to <= from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate, stopped: &[Stopped]) -> i64 {
        let mut d = from;
        let mut n = 0;
        while d < to {
            let Some(next) = d.succ_opt() else { break };
            d = next;
            if self.counts(d, stopped) {
                n += 1;
            }
        }
        n
    }

    /// The deadline `weeks` calendar weeks after `start`, pushed back by every stopped day in
    /// between, and onto the next working day if it lands on a weekend or holiday. `None` while
    /// the clock is stopped.
    pub fn add_weeks(
        &self,
        start: NaiveDate,
        weeks: u32,
        stopped: &[Stopped],
    ) -> Option<NaiveDate> {
        let mut due = start + Duration::days(i64::from(weeks) * 7);
        let mut d = start;
        while d < due {
            d = d.succ_opt()?;
            if let Some(s) = stopped.iter().find(|s| s.covers(d)) {
                s.until?;
                due += Duration::days(1);
            }
        }
        while !self.is_working_day(due) {
            due = due.succ_opt()?;
        }
        Some(due)
    }
}
