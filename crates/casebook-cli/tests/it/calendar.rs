//! The council's own changes to the working-day calendar, through the store and into the audit
//! trail. The pure calendar checks (bank holidays, Easter, working-day arithmetic, pauses) are the
//! domain crate's tests: `crates/casebook-domain/tests/it/calendar.rs`.

on_both_stores! {
    use casebook::{calendar, verify};
    use chrono::NaiveDate;

    use crate::support::stamp;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_council_adds_and_removes_holidays_in_the_audit_trail() {
        let mut t = open();
        let s = stamp();
        // Christmas Eve 2026 (a Thursday) as a council closure day.
        t.db.write(|tx| calendar::add_holiday(tx, &s, d("2026-12-24"), "Council offices closed"))
            .unwrap();
        let cal = casebook::calendar::load(t.db.conn()).unwrap();
        assert!(!cal.is_working_day(d("2026-12-24")));
        assert_eq!(
            cal.add_working_days(d("2026-12-18"), 5, &[]),
            Some(d("2026-12-30"))
        );
        let listed = cal.holidays(2026);
        assert!(listed
            .iter()
            .any(|h| h.date == "2026-12-24" && h.source == "added"));

        // A bank holiday the council works (e.g. moved by a proclamation after this build).
        t.db.write(|tx| calendar::remove_holiday(tx, &s, d("2026-08-31"), "Moved by proclamation"))
            .unwrap();
        let cal = casebook::calendar::load(t.db.conn()).unwrap();
        assert!(cal.is_working_day(d("2026-08-31")));
        assert!(cal
            .holidays(2026)
            .iter()
            .any(|h| h.date == "2026-08-31" && h.source == "removed"));

        // Refusals name the field, and nothing changes.
        let err =
            t.db.write(|tx| calendar::add_holiday(tx, &s, d("2026-12-26"), "Saturday"))
                .unwrap_err();
        assert!(err.to_string().starts_with("date:"), "{err}");
        let err =
            t.db.write(|tx| calendar::add_holiday(tx, &s, d("2026-12-25"), "Christmas again"))
                .unwrap_err();
        assert!(err.to_string().contains("already a bank holiday"), "{err}");
        let err =
            t.db.write(|tx| calendar::remove_holiday(tx, &s, d("2026-11-24"), "Not a holiday"))
                .unwrap_err();
        assert!(err.to_string().contains("not a holiday"), "{err}");
        let err =
            t.db.write(|tx| calendar::add_holiday(tx, &s, d("2026-12-24"), "  "))
                .unwrap_err();
        assert!(err.to_string().starts_with("name:"), "{err}");

        // Removing the added day and restoring the bank holiday leave the standard calendar.
        t.db.write(|tx| calendar::remove_holiday(tx, &s, d("2026-12-24"), "Offices open after all"))
            .unwrap();
        t.db.write(|tx| calendar::add_holiday(tx, &s, d("2026-08-31"), "Restored"))
            .unwrap();
        let cal = casebook::calendar::load(t.db.conn()).unwrap();
        assert!(cal.is_working_day(d("2026-12-24")));
        assert!(!cal.is_working_day(d("2026-08-31")));
        assert_eq!(t.count("SELECT count(*) FROM holiday_override"), 0);
        assert_eq!(
            t.count("SELECT count(*) FROM audit WHERE entity = 'holiday_override'"),
            4
        );
        assert!(verify::verify(t.db.conn()).unwrap().ok());
    }
}
