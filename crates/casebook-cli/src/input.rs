//! Shared reading of command-line values that several subcommands take: a day that defaults to
//! today.

use chrono::NaiveDate;

use casebook::{text, Stamp};

/// The day given (2026-03-14 or 14/03/2026), or today when it is missing or blank.
pub(crate) fn day_or_today(
    field: &str,
    v: Option<&str>,
    stamp: &Stamp,
) -> casebook::Result<NaiveDate> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => text::date(field, s),
        None => Ok(stamp.at.date_naive()),
    }
}
