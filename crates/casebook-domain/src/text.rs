//! Checking and normalising what people type: required and optional text with length limits,
//! dates in ISO or UK style, yes/no answers, URLs. Each failure names the field.

use chrono::{NaiveDate, NaiveDateTime};

use crate::{Error, Result};

/// Longest single-line value (names, handles, wards).
pub const MAX_LINE: usize = 300;
/// Longest free text (summaries, notes, reasons).
pub const MAX_TEXT: usize = 20_000;

/// Trims `value`; refuses it when empty, too long, or (for single-line values) containing line breaks
/// or control characters.
pub fn required(field: &str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    check_len_and_chars(field, v, max)?;
    Ok(v.to_string())
}

/// Like [`required`] but an empty or missing value is `None`.
pub fn optional(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => {
            check_len_and_chars(field, v, max)?;
            Ok(Some(v.to_string()))
        }
    }
}

fn check_len_and_chars(field: &str, v: &str, max: usize) -> Result<()> {
    let n = v.chars().count();
    if n > max {
        return Err(Error::invalid(
            field,
            format!("is {n} characters long; the limit is {max}"),
        ));
    }
    let multiline = max > MAX_LINE;
    if let Some(c) = v
        .chars()
        .find(|&c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
    {
        return Err(Error::invalid(
            field,
            format!(
                "contains a control character (U+{:04X}){}",
                c as u32,
                if multiline {
                    ""
                } else {
                    "; it must be one line"
                }
            ),
        ));
    }
    Ok(())
}

/// A calendar date written `2026-03-14` or `14/03/2026` (UK day/month order).
/// The years a date a person gives can fall in: every date Casebook records is a real event (a
/// complaint, a post, a step, a term of office), and the working-day arithmetic counts day by day.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;
const YEARS_WORDS: &str = "outside the years 1900 to 2100";

fn in_years(field: &str, d: NaiveDate) -> Result<NaiveDate> {
    use chrono::Datelike;
    if YEARS.contains(&d.year()) {
        Ok(d)
    } else {
        Err(Error::invalid(
            field,
            format!("{d} is {YEARS_WORDS}; check the year"),
        ))
    }
}

pub fn date(field: &str, value: &str) -> Result<NaiveDate> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(
            field,
            "is required (a date like 2026-03-14 or 14/03/2026)",
        ));
    }
    for fmt in ["%Y-%m-%d", "%d/%m/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(v, fmt) {
            return in_years(field, d);
        }
    }
    Err(Error::invalid(
        field,
        format!(
            "'{}' is not a date; write 2026-03-14 or 14/03/2026",
            shorten(v)
        ),
    ))
}

pub fn optional_date(field: &str, value: Option<&str>) -> Result<Option<NaiveDate>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => date(field, v).map(Some),
    }
}

/// When a post was made, as the screenshot shows it (local time, no zone): a date, or a date and
/// time to the minute. Normalised to `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
pub fn posted_at(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    for fmt in [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%d/%m/%Y %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(v, fmt) {
            in_years(field, t.date())?;
            return Ok(t.format("%Y-%m-%dT%H:%M").to_string());
        }
    }
    match date(field, v) {
        Ok(d) => Ok(d.format("%Y-%m-%d").to_string()),
        Err(e @ Error::Invalid { .. }) if e.to_string().contains(YEARS_WORDS) => Err(e),
        Err(_) => Err(Error::invalid(
            field,
            format!(
                "'{}' is not a date or time; write 2026-03-14, 2026-03-14 18:30 or 14/03/2026 18:30",
                shorten(v)
            ),
        )),
    }
}

/// The date part of a value produced by [`posted_at`].
pub fn posted_on(posted_at: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(posted_at.get(..10)?, "%Y-%m-%d").ok()
}

/// yes/no, true/false, y/n, 1/0 (any case); empty is `default`.
pub fn yes_no(field: &str, value: &str, default: bool) -> Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" => Ok(default),
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        other => Err(Error::invalid(
            field,
            format!("'{}' is not yes or no", shorten(other)),
        )),
    }
}

/// An absolute http(s) URL, as a string (kept exactly as given, trimmed).
pub fn optional_url(field: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(v) = optional(field, value, 2_000)? else {
        return Ok(None);
    };
    let lower = v.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host)
            if !host.is_empty() && !host.starts_with('/') && !v.contains(char::is_whitespace) =>
        {
            Ok(Some(v))
        }
        _ => Err(Error::invalid(
            field,
            format!(
                "'{}' is not a web address starting http:// or https://",
                shorten(&v)
            ),
        )),
    }
}

/// Cuts user text for quoting back in an error message.
pub fn shorten(v: &str) -> String {
    const MAX: usize = 60;
    if v.chars().count() <= MAX {
        v.to_string()
    } else {
        let mut s: String = v.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

/// Matches `value` case-insensitively against `allowed` and returns the canonical spelling.
pub fn one_of(field: &str, value: &str, allowed: &[&'static str]) -> Result<&'static str> {
    let v = value.trim();
    allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(v))
        .copied()
        .ok_or_else(|| {
            Error::invalid(
                field,
                format!("'{}' is not one of: {}", shorten(v), allowed.join(", ")),
            )
        })
}

/// A moment as typed: RFC 3339 (`2026-03-14T09:30:00Z`), a date and time (`2026-03-14 09:30`,
/// `14/03/2026 09:30`), or a date alone (midnight). Times without a zone are taken as UTC.
pub fn instant(field: &str, value: &str) -> Result<chrono::DateTime<chrono::Utc>> {
    let v = value.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(v) {
        in_years(field, t.date_naive())?;
        return Ok(t.with_timezone(&chrono::Utc));
    }
    for fmt in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%d/%m/%Y %H:%M",
    ] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(v, fmt) {
            in_years(field, t.date())?;
            return Ok(t.and_utc());
        }
    }
    for fmt in ["%Y-%m-%d", "%d/%m/%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(v, fmt) {
            in_years(field, d)?;
            return Ok(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
        }
    }
    Err(Error::invalid(
        field,
        format!(
            "'{}' is not a time; write 2026-03-14 09:30 or 14/03/2026 09:30",
            shorten(v)
        ),
    ))
}

/// Turns what a person typed into an FTS5 query: every word must appear (in any field); the last
/// word may be the start of a word, so results appear while typing. Quotes and operators in the
/// input are taken literally, never as query syntax.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-' && c != '_')
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-' || c == '_'))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    let (last, rest) = words.split_last()?;
    let mut q = rest.join(" ");
    if !q.is_empty() {
        q.push(' ');
    }
    q.push_str(last);
    q.push('*');
    Some(q)
}

/// Turns what a person typed into a PostgreSQL `to_tsquery` text with the same meaning as
/// [`fts_query`]: every word must appear, the last may be the start of a word. Only letters and
/// digits reach the query (each run of them a word, as the search index splits text), joined by
/// the query's own `&`, so nothing typed is taken as query syntax.
pub fn ts_query(input: &str) -> Option<String> {
    let words: Vec<&str> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let (last, rest) = words.split_last()?;
    let mut q: String = rest.iter().map(|w| format!("{w} & ")).collect();
    q.push_str(last);
    q.push_str(":*");
    Some(q)
}

/// `word` with its first letter in capitals ("decision letter" → "Decision letter").
pub fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
