//! A complaints log kept as the spreadsheet itself (Excel .xlsx, .xlsm or .xls; OpenDocument
//! .ods), read by calamine into the rows a CSV of it gives: the sheet asked for or the first, its
//! first row the header, each row with the row number the spreadsheet shows. A formula is read as
//! the value the spreadsheet last worked out for it, never worked out here. Dates are read
//! whether the cell is a date, an Excel serial number or text.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::{bad, Record, MAX_ROWS};
use crate::{text, Error, Result};

/// Whether `bytes` are a spreadsheet (a zip, as .xlsx and .ods are, or an OLE compound file, as
/// .xls is) rather than CSV text.
pub(super) fn is_spreadsheet(bytes: &[u8]) -> bool {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(OLE)
}

/// The columns whose values are days or times: a number there is an Excel serial date.
const DATE_COLUMNS: &[&str] = &[
    "received_on",
    "posted_at",
    "acknowledged_on",
    "decided_on",
    "closed_on",
    "notified_on",
    "comments_received_on",
    "review_requested_on",
];

/// A sheet read: its header (and the row it is on) and every row below it.
pub(super) struct Read {
    pub header: Vec<String>,
    pub header_line: u64,
    pub rows: Vec<Record>,
}

/// Reads sheet `wanted` (else the first) of the spreadsheet in `bytes`.
pub(super) fn read(bytes: &[u8], wanted: Option<&str>) -> Result<Read> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        Error::invalid(
            "file",
            format!("could not be read as a spreadsheet (Excel or OpenDocument): {e}"),
        )
    })?;
    let names = book.sheet_names();
    let name = match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(w.trim()))
            .cloned()
            .ok_or_else(|| {
                Error::invalid(
                    "sheet",
                    format!(
                        "there is no sheet '{}'; the sheets are {}",
                        text::shorten(w),
                        names.join(", ")
                    ),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::invalid("sheet", "the spreadsheet has no sheets"))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        Error::invalid(
            "sheet",
            format!("sheet '{}' could not be read: {e}", text::shorten(&name)),
        )
    })?;
    if range.height() > MAX_ROWS + 1 {
        return Err(bad(
            0,
            "file",
            format!(
                "has {} rows; an import is limited to {MAX_ROWS}: split it",
                range.height() - 1
            ),
        ));
    }
    // Row numbers as the spreadsheet shows them: the used range may start below row 1.
    let first = range.start().map_or(0, |(row, _)| u64::from(row)) + 1;
    let mut rows = range.rows();
    let Some(header) = rows.next() else {
        return Err(bad(first, "header", format!("sheet '{name}' is empty")));
    };
    let header: Vec<String> = header.iter().map(|c| plain(c, false)).collect();
    let dates: Vec<bool> = header
        .iter()
        .map(|h| {
            let norm = h.trim().to_ascii_lowercase().replace([' ', '-'], "_");
            DATE_COLUMNS.contains(&norm.as_str())
        })
        .collect();
    let rows = rows
        .enumerate()
        .map(|(i, cells)| Record {
            line: first + 1 + i as u64,
            cells: cells
                .iter()
                .enumerate()
                .map(|(c, cell)| cell_text(cell, dates.get(c) == Some(&true), &header, c))
                .collect(),
        })
        .collect();
    Ok(Read {
        header,
        header_line: first,
        rows,
    })
}

/// A cell as the text a CSV would hold; an error cell (#DIV/0!, #REF!, …) names its column.
fn cell_text(
    cell: &Data,
    date: bool,
    header: &[String],
    column: usize,
) -> std::result::Result<String, (String, String)> {
    match cell {
        Data::Error(e) => {
            let field = header
                .get(column)
                .map(|h| h.trim().to_ascii_lowercase().replace([' ', '-'], "_"))
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| "row".into());
            Err((field, format!("the cell holds the error {e}, not a value")))
        }
        other => Ok(plain(other, date)),
    }
}

/// A value as text: whole numbers without a decimal point, yes or no, and in a date column a
/// date (or a date and time) as 2026-03-14 (09:30).
fn plain(cell: &Data, date: bool) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Data::Int(n) if date => serial(*n as f64).unwrap_or_else(|| n.to_string()),
        Data::Float(f) if date => serial(*f).unwrap_or_else(|| f.to_string()),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(when)
            .unwrap_or_else(|| d.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => iso(s),
    }
}

/// An Excel serial date (days since 30 December 1899, as Excel's 1900 system counts them from
/// March 1900) as text; none for a number no log would hold as a date.
fn serial(days: f64) -> Option<String> {
    if !(1.0..=2_958_465.0).contains(&days) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let seconds = (days * 86_400.0).round() as i64;
    Some(when(epoch + Duration::seconds(seconds)))
}

/// A day, or a day and time of day, as the import's dates are written.
fn when(t: NaiveDateTime) -> String {
    if t.time() == chrono::NaiveTime::MIN {
        t.date().format("%Y-%m-%d").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// An OpenDocument date (2026-03-14, or 2026-03-14T09:30:00) as the import's dates are written.
fn iso(s: &str) -> String {
    match NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        Ok(t) => when(t),
        Err(_) => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_numbers_and_cells_read_as_a_csv_would_give_them() {
        assert_eq!(serial(46_095.0).as_deref(), Some("2026-03-14"));
        assert_eq!(
            serial(46_095.395_833_333).as_deref(),
            Some("2026-03-14 09:30")
        );
        assert_eq!(serial(0.5), None);
        assert_eq!(plain(&Data::Float(1250.0), false), "1250");
        assert_eq!(plain(&Data::Float(12.5), false), "12.5");
        assert_eq!(plain(&Data::Int(46_095), true), "2026-03-14");
        assert_eq!(plain(&Data::Bool(true), false), "yes");
        assert_eq!(iso("2026-03-14T09:30:00"), "2026-03-14 09:30");
        assert_eq!(iso("2026-03-14"), "2026-03-14");
        assert!(!is_spreadsheet(b"reference,received_on\n"));
        assert!(is_spreadsheet(b"PK\x03\x04rest"));
    }
}
