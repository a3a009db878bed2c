//! Shared reading of command-line values that several subcommands take: a day that defaults to
//! today, and a file given with a case's record.

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

/// The bytes of the file at `path` (if given), within the evidence size limit, and its name.
pub(crate) fn read_named(
    path: Option<&std::path::Path>,
    what: &str,
) -> casebook::Result<Option<(Vec<u8>, Option<String>)>> {
    path.map(|p| {
        let bytes = casebook::files::read(p, casebook::evidence::MAX_FILE_BYTES, what)?;
        Ok((
            bytes,
            p.file_name().map(|n| n.to_string_lossy().into_owned()),
        ))
    })
    .transpose()
}
