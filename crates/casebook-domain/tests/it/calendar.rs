//! Bank holidays against the published England & Wales dates, working-day arithmetic across
//! Christmas, Easter, weekends, one-off holidays and pauses, the council's own changes to the
//! calendar, and properties of the arithmetic checked over 2020–2030.

use casebook_domain::calendar::{bank_holidays, easter_sunday, Calendar, Stopped};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The published England & Wales bank holidays (gov.uk/bank-holidays), 2020–2030, with the
/// moved and extra days: VE Day 2020, the Platinum Jubilee and the State Funeral in 2022, the
/// coronation in 2023.
const PUBLISHED: &[(i32, &[&str])] = &[
    (
        2020,
        &[
            "01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28",
        ],
    ),
    (
        2021,
        &[
            "01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28",
        ],
    ),
    (
        2022,
        &[
            "01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26",
            "12-27",
        ],
    ),
    (
        2023,
        &[
            "01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26",
        ],
    ),
    (
        2024,
        &[
            "01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26",
        ],
    ),
    (
        2025,
        &[
            "01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26",
        ],
    ),
    (
        2026,
        &[
            "01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28",
        ],
    ),
    (
        2027,
        &[
            "01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28",
        ],
    ),
    (
        2028,
        &[
            "01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26",
        ],
    ),
    (
        2029,
        &[
            "01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26",
        ],
    ),
    (
        2030,
        &[
            "01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26",
        ],
    ),
];

#[test]
fn bank_holidays_match_the_published_dates_2020_to_2030() {
    for (year, days) in PUBLISHED {
        let want: Vec<NaiveDate> = days.iter().map(|md| d(&format!("{year}-{md}"))).collect();
        let got: Vec<NaiveDate> = bank_holidays(*year).into_iter().map(|(d, _)| d).collect();
        assert_eq!(got, want, "bank holidays in {year}");
    }
}

#[test]
fn one_off_changes_are_named_and_replace_the_rule_day() {
    let named = |day: &str| {
        let day = d(day);
        bank_holidays(day.year())
            .into_iter()
            .find(|(h, _)| *h == day)
            .map(|(_, n)| n.to_string())
    };
    assert!(named("2020-05-08").unwrap().contains("VE Day"));
    assert_eq!(
        named("2020-05-04"),
        None,
        "the first Monday of May 2020 was worked"
    );
    assert_eq!(
        named("2022-05-30"),
        None,
        "the spring holiday moved to 2 June 2022"
    );
    assert!(named("2022-06-03").unwrap().contains("Platinum Jubilee"));
    assert!(named("2022-09-19").unwrap().contains("State Funeral"));
    assert!(named("2023-05-08").unwrap().contains("coronation"));
    // Earlier one-offs are built in too.
    assert!(named("2011-04-29").is_some());
    assert!(named("2012-06-05").is_some());
    assert_eq!(named("2012-05-28"), None);
    assert!(named("1999-12-31").is_some());
    // Substitute days are named as such.
    assert_eq!(
        named("2027-12-27").as_deref(),
        Some("Christmas Day (substitute day)")
    );
}

#[test]
fn easter_follows_the_gregorian_computus() {
    for (year, easter) in [
        (2000, "2000-04-23"),
        (2008, "2008-03-23"),
        (2019, "2019-04-21"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ] {
        assert_eq!(easter_sunday(year), d(easter), "Easter {year}");
    }
    // Any year: eight holidays a normal year, all on weekdays.
    for year in 2031..2100 {
        let days = bank_holidays(year);
        assert_eq!(days.len(), 8, "{year}");
        assert!(days
            .iter()
            .all(|(day, _)| !Calendar::standard().is_working_day(*day)));
        assert!(days
            .iter()
            .all(|(day, _)| day.weekday().num_days_from_monday() < 5));
    }
}

#[test]
fn working_days_count_from_the_day_after_receipt() {
    let cal = Calendar::standard();
    let due = |start: &str, n: u32| cal.add_working_days(d(start), n, &[]).unwrap();
    // Weekends: received on a Friday, 5 working days later is the next Friday.
    assert_eq!(due("2026-11-06", 5), d("2026-11-13"));
    // Received on a Saturday: the Saturday is day 0.
    assert_eq!(due("2026-11-07", 5), d("2026-11-13"));
    assert_eq!(due("2026-11-06", 1), d("2026-11-09"));
    assert_eq!(due("2026-11-06", 0), d("2026-11-06"));
    // Christmas 2026: the 25th is a Friday, Boxing Day's substitute is Monday the 28th.
    assert_eq!(due("2026-12-18", 5), d("2026-12-29"));
    // ... and New Year's Day 2027 is a Friday.
    assert_eq!(due("2026-12-18", 20), d("2027-01-20"));
    // Christmas 2027 falls on a Saturday: both substitutes (27th, 28th) are skipped.
    assert_eq!(due("2027-12-24", 1), d("2027-12-29"));
    // Easter 2026: Good Friday 3 April and Easter Monday 6 April.
    assert_eq!(due("2026-04-01", 5), d("2026-04-10"));
    // The State Funeral, Monday 19 September 2022.
    assert_eq!(due("2022-09-16", 1), d("2022-09-20"));
    // Counting back: working days between two dates.
    assert_eq!(
        cal.working_days_between(d("2026-12-18"), d("2026-12-29"), &[]),
        5
    );
    assert_eq!(
        cal.working_days_between(d("2026-12-29"), d("2026-12-18"), &[]),
        0
    );
    assert_eq!(
        cal.working_days_between(d("2026-04-02"), d("2026-04-06"), &[]),
        0
    );
}

#[test]
fn paused_days_do_not_count() {
    let cal = Calendar::standard();
    // Received Monday 2 November 2026, paused Wednesday 4th, resumed Monday 9th.
    let stopped = [Stopped {
        from: d("2026-11-04"),
        until: Some(d("2026-11-09")),
    }];
    assert_eq!(
        cal.add_working_days(d("2026-11-02"), 5, &[]),
        Some(d("2026-11-09"))
    );
    assert_eq!(
        cal.add_working_days(d("2026-11-02"), 5, &stopped),
        Some(d("2026-11-12")),
        "three working days paused push the deadline three working days"
    );
    // A pause over a weekend only costs its working days.
    let weekend = [Stopped {
        from: d("2026-11-07"),
        until: Some(d("2026-11-09")),
    }];
    assert_eq!(
        cal.add_working_days(d("2026-11-02"), 5, &weekend),
        Some(d("2026-11-09"))
    );
    // A pause still running: no due date until it is resumed.
    let open = [Stopped {
        from: d("2026-11-04"),
        until: None,
    }];
    assert_eq!(cal.add_working_days(d("2026-11-02"), 5, &open), None);
    // ... unless the deadline falls before it.
    assert_eq!(
        cal.add_working_days(d("2026-11-02"), 1, &open),
        Some(d("2026-11-03"))
    );
    assert_eq!(
        cal.working_days_between(d("2026-11-02"), d("2026-11-12"), &stopped),
        5
    );
    // Weeks: 12 weeks on, pushed by paused days, and off a bank holiday.
    assert_eq!(
        cal.add_weeks(d("2026-11-02"), 12, &[]),
        Some(d("2027-01-25"))
    );
    assert_eq!(
        cal.add_weeks(d("2026-11-02"), 12, &stopped),
        Some(d("2027-02-01")),
        "five calendar days paused, then off the weekend to Monday"
    );
    assert_eq!(
        cal.add_weeks(d("2026-10-05"), 12, &[]),
        Some(d("2026-12-29")),
        "28 December 2026 is Boxing Day's substitute"
    );
    assert_eq!(cal.add_weeks(d("2026-11-02"), 12, &open), None);
}

#[test]
fn the_councils_own_days_change_the_arithmetic() {
    // A closure day on Wednesday 23 December 2026 and the summer bank holiday worked.
    let cal = Calendar::standard()
        .with_holiday(d("2026-12-23"), "Council offices closed")
        .with_working_day(d("2026-08-31"), "Moved by proclamation");
    assert!(!cal.is_working_day(d("2026-12-23")));
    assert_eq!(
        cal.holiday(d("2026-12-23")).as_deref(),
        Some("Council offices closed")
    );
    assert!(cal.is_working_day(d("2026-08-31")));
    assert_eq!(cal.holiday(d("2026-08-31")), None);
    // 21, 22, 24, 29 and 30 December.
    assert_eq!(
        cal.add_working_days(d("2026-12-18"), 5, &[]),
        Some(d("2026-12-30"))
    );
    // Friday 28 August + 1 is the worked Monday.
    assert_eq!(
        cal.add_working_days(d("2026-08-28"), 1, &[]),
        Some(d("2026-08-31"))
    );
    assert_eq!(
        Calendar::standard().add_working_days(d("2026-08-28"), 1, &[]),
        Some(d("2026-09-01"))
    );
    // Listed in date order, the worked day marked so.
    let listed: Vec<(String, String, String)> = cal
        .holidays(2026)
        .into_iter()
        .map(|h| (h.date, h.name, h.source))
        .collect();
    assert_eq!(listed.len(), 9);
    assert!(listed.contains(&(
        "2026-08-31".into(),
        "Summer bank holiday — worked: Moved by proclamation".into(),
        "removed".into()
    )));
    assert_eq!(
        listed[6],
        (
            "2026-12-23".into(),
            "Council offices closed".into(),
            "added".into()
        )
    );
    assert!(listed.windows(2).all(|w| w[0].0 <= w[1].0));
    assert!(cal
        .holidays(2027)
        .iter()
        .all(|h| h.source == "bank holiday"));
}

/// Whether `day` is a working day by the published table above: independent of the calendar's
/// own rules. Only for 2020–2030.
fn published_working_day(day: NaiveDate) -> bool {
    assert!(
        (2020..=2030).contains(&day.year()),
        "{day} is outside the table"
    );
    let md = day.format("%m-%d").to_string();
    let holiday = PUBLISHED
        .iter()
        .any(|(y, days)| *y == day.year() && days.contains(&md.as_str()));
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !holiday
}

/// Every day from 1 January 2020 to 31 October 2030 (so that 40 working days on stays in the
/// table), one in every `stride`.
fn starts(stride: usize) -> impl Iterator<Item = NaiveDate> {
    d("2020-01-01")
        .iter_days()
        .take_while(|s| *s <= d("2030-10-31"))
        .step_by(stride)
}

#[test]
fn working_days_added_land_on_a_working_day_and_count_back() {
    let cal = Calendar::standard();
    // Every working day of 2020–2030 is one by the published table, and every other day is not.
    for day in d("2020-01-01")
        .iter_days()
        .take_while(|x| *x <= d("2030-12-31"))
    {
        assert_eq!(cal.is_working_day(day), published_working_day(day), "{day}");
    }
    let mut checked = 0;
    for start in starts(3) {
        let mut prev = start;
        for n in 0..40u32 {
            let got = cal.add_working_days(start, n, &[]).unwrap();
            if n == 0 {
                assert_eq!(got, start);
            } else {
                assert!(got > prev, "{start} + {n}");
                assert!(cal.is_working_day(got), "{start} + {n} = {got}");
                assert!(published_working_day(got), "{start} + {n} = {got}");
                // The next working day after the last: nothing between them counts.
                let mut between = prev + Duration::days(1);
                while between < got {
                    assert!(
                        !published_working_day(between),
                        "{start} + {n} skips {between}"
                    );
                    between += Duration::days(1);
                }
            }
            assert_eq!(
                cal.working_days_between(start, got, &[]),
                i64::from(n),
                "{start} + {n} = {got}"
            );
            assert_eq!(cal.working_days_between(got, start, &[]), 0);
            prev = got;
            checked += 1;
        }
    }
    assert!(checked > 50_000, "{checked}");
}

#[test]
fn paused_days_are_skipped_and_not_counted_back() {
    let cal = Calendar::standard();
    for start in starts(11) {
        // A pause of a week from the third day on, resumed.
        let stopped = [Stopped {
            from: start + Duration::days(3),
            until: Some(start + Duration::days(10)),
        }];
        let mut prev = start;
        for n in 1..40u32 {
            let got = cal.add_working_days(start, n, &stopped).unwrap();
            assert!(published_working_day(got), "{start} + {n} = {got}");
            assert!(
                got < stopped[0].from || got >= stopped[0].until.unwrap(),
                "{start} + {n} = {got} is a paused day"
            );
            assert!(got > prev);
            assert_eq!(cal.working_days_between(start, got, &stopped), i64::from(n));
            // Never earlier than without the pause.
            assert!(got >= cal.add_working_days(start, n, &[]).unwrap());
            prev = got;
        }
        // Still paused: a due date only if it falls before the pause.
        let open = [Stopped {
            from: start + Duration::days(3),
            until: None,
        }];
        for n in 0..40u32 {
            let plain = cal.add_working_days(start, n, &[]).unwrap();
            let want = (plain < open[0].from).then_some(plain);
            assert_eq!(cal.add_working_days(start, n, &open), want, "{start} + {n}");
        }
    }
}

#[test]
fn weeks_added_land_on_the_first_working_day_from_that_date() {
    let cal = Calendar::standard();
    for start in starts(2) {
        for weeks in [1, 4, 8, 12] {
            let on = start + Duration::days(7 * i64::from(weeks));
            if on > d("2030-12-20") {
                continue;
            }
            let got = cal.add_weeks(start, weeks, &[]).unwrap();
            assert!(got >= on, "{start} + {weeks} weeks");
            assert!(
                published_working_day(got),
                "{start} + {weeks} weeks = {got}"
            );
            let mut x = on;
            while x < got {
                assert!(
                    !published_working_day(x),
                    "{start} + {weeks} weeks skips {x}"
                );
                x += Duration::days(1);
            }
        }
    }
}
