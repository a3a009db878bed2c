//! The tables behind a report, as CSV (one file, each table under its heading) and XLSX (one
//! sheet per table, header row frozen and filterable). A text cell that a spreadsheet would read
//! as a formula (starting `=`, `+`, `-`, `@`, tab or carriage return) is neutralised with a
//! leading apostrophe; numbers are written as numbers.

use rust_xlsxwriter::{Format, Workbook};

use crate::document::Table;
use casebook::{Error, Result};

/// The cell as it is safe to put in a spreadsheet.
pub fn neutralise(cell: &str) -> String {
    if number(cell).is_some() {
        return cell.to_string();
    }
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

fn number(cell: &str) -> Option<f64> {
    let c = cell.trim();
    if c.is_empty() || c.starts_with('+') || c.contains(|ch: char| ch.is_ascii_alphabetic()) {
        return None;
    }
    c.parse::<f64>().ok().filter(|n| n.is_finite())
}

pub fn csv(tables: &[&Table]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let failed = |e: csv::Error| Error::invalid("csv", format!("could not be written: {e}"));
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            w.write_record([""]).map_err(failed)?;
        }
        w.write_record([neutralise(&t.caption)]).map_err(failed)?;
        w.write_record(t.head.iter().map(|c| neutralise(c)))
            .map_err(failed)?;
        for row in &t.rows {
            w.write_record(row.iter().map(|c| neutralise(c)))
                .map_err(failed)?;
        }
    }
    w.into_inner()
        .map_err(|e| Error::invalid("csv", format!("could not be written: {e}")))
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
fn sheet_name(caption: &str, taken: &mut Vec<String>) -> String {
    let clean: String = caption
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c) && !c.is_control())
        .collect();
    let base: String = clean.trim().chars().take(28).collect();
    let base = if base.is_empty() {
        "Table".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{base} {n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

pub fn xlsx(tables: &[&Table]) -> Result<Vec<u8>> {
    let failed = |e: rust_xlsxwriter::XlsxError| {
        Error::invalid("xlsx", format!("could not be written: {e}"))
    };
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_background_color("E6ECF5");
    let mut taken = Vec::new();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet
            .set_name(sheet_name(&t.caption, &mut taken))
            .map_err(failed)?;
        for (c, h) in t.head.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, neutralise(h), &bold)
                .map_err(failed)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                match number(cell) {
                    Some(n) => sheet.write_number(r, c as u16, n),
                    None => sheet.write_string(r, c as u16, neutralise(cell)),
                }
                .map_err(failed)?;
            }
        }
        if !t.head.is_empty() {
            sheet.set_freeze_panes(1, 0).map_err(failed)?;
            sheet
                .autofilter(0, 0, t.rows.len() as u32, t.head.len() as u16 - 1)
                .map_err(failed)?;
        }
        sheet.autofit();
    }
    if tables.is_empty() {
        book.add_worksheet()
            .write_string(0, 0, "This report has no tables.")
            .map_err(failed)?;
    }
    book.save_to_buffer().map_err(failed)
}
