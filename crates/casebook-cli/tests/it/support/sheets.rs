//! A complaints log saved as a council saves it: CSV, or the same rows as an Excel workbook (made
//! with rust_xlsxwriter) or an OpenDocument spreadsheet (its content.xml written here, zipped),
//! with the day columns held as real dates and the council column as a formula whose cached value
//! is the council's name (so a test passes only if formulas are read as their values, never
//! worked out: worked out, the formula gives "X").

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format as Look, Formula, Workbook};

/// How a log is saved.
#[derive(Clone, Copy, Debug)]
pub enum Format {
    Csv,
    Xlsx,
    Ods,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Ods => "ods",
        }
    }
}

/// Writes the log whose CSV text is `csv` into `dir` as `stem`.<format>; its path.
pub fn save(dir: &Path, stem: &str, format: Format, csv: &str) -> PathBuf {
    let path = dir.join(format!("{stem}.{}", format.extension()));
    match format {
        Format::Csv => std::fs::write(&path, csv).unwrap(),
        Format::Xlsx => xlsx(&path, &rows(csv)),
        Format::Ods => ods(&path, &rows(csv)),
    }
    path
}

fn rows(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// A cell as the spreadsheet holds it.
enum Cell<'a> {
    Text(&'a str),
    /// A day written 2025-03-14 in the CSV, held as a date.
    Day(u16, u8, u8),
    /// The council's name, held as a formula whose cached value it is.
    Council(&'a str),
}

fn cell<'a>(column: &str, value: &'a str) -> Cell<'a> {
    // A day the calendar has (one a test gets wrong on purpose stays text, as it was typed).
    let day = chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
    if let (true, Some(d)) = (column.ends_with("_on"), day) {
        use chrono::Datelike;
        return Cell::Day(d.year() as u16, d.month() as u8, d.day() as u8);
    }
    if column == "council" && !value.is_empty() {
        return Cell::Council(value);
    }
    Cell::Text(value)
}

fn xlsx(path: &Path, rows: &[Vec<String>]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Complaints log").unwrap();
    let date = Look::new().set_num_format("dd/mm/yyyy");
    let header = &rows[0];
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c16) = (r as u32, c as u16);
            let column = if r == 0 { "" } else { header[c].as_str() };
            match cell(column, value) {
                Cell::Text("") => {}
                Cell::Text(v) => {
                    sheet.write_string(r, c16, v).unwrap();
                }
                Cell::Day(y, m, d) => {
                    let day = ExcelDateTime::from_ymd(y, m, d).unwrap();
                    sheet
                        .write_datetime_with_format(r, c16, &day, &date)
                        .unwrap();
                }
                Cell::Council(name) => {
                    let f = Formula::new("=UPPER(\"x\")").set_result(name);
                    sheet.write_formula(r, c16, f).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

fn escape(v: &str) -> String {
    v.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn ods(path: &Path, rows: &[Vec<String>]) {
    let header = &rows[0];
    let mut table = String::new();
    for (r, row) in rows.iter().enumerate() {
        table.push_str("<table:table-row>");
        for (c, value) in row.iter().enumerate() {
            let column = if r == 0 { "" } else { header[c].as_str() };
            let v = escape(value);
            table.push_str(&match cell(column, value) {
                Cell::Text("") => "<table:table-cell/>".to_string(),
                Cell::Text(_) => format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
                ),
                Cell::Day(y, m, d) => format!(
                    "<table:table-cell office:value-type=\"date\" office:date-value=\"{y:04}-{m:02}-{d:02}\"><text:p>{d:02}/{m:02}/{y:04}</text:p></table:table-cell>"
                ),
                Cell::Council(_) => format!(
                    "<table:table-cell table:formula=\"of:=UPPER(&quot;x&quot;)\" office:value-type=\"string\" office:string-value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
                ),
            });
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
<office:body><office:spreadsheet><table:table table:name=\"Complaints log\">{table}</table:table>\
</office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}
