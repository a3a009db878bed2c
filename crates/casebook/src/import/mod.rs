//! Importing an existing complaints log: CSV, or the spreadsheet itself (Excel .xlsx/.xls,
//! OpenDocument .ods: [`sheet`]). Every row is checked exactly as a real import would store it; any
//! bad row is reported with its line (a CSV's line in an editor, a spreadsheet's row number) and
//! the whole import is refused, so an import is all-or-nothing. A dry run checks and stores
//! nothing.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;

use serde::Serialize;

mod lines;
mod parties;
mod sheet;
mod steps;

use lines::Lines;

use crate::case::NewCase;
use crate::councillor::NewCouncillor;
use crate::evidence::Capture;
use crate::sql::Sql;
use crate::{
    assessment, case, councillor, db, evidence, files, text, Db, Error, Result, Stamp, Transaction,
};
pub use casebook_domain::RowError;

/// The canonical columns, in the order the README documents them.
pub const COLUMNS: &[&str] = &[
    "reference",
    "received_on",
    "channel",
    "complainant_name",
    "complainant_contact",
    "complainant_type",
    "confidential",
    "confidentiality_reason",
    "councillor_name",
    "council",
    "ward",
    "party",
    "co_opted",
    "platform",
    "post_url",
    "posted_at",
    "summary",
    "post_text",
    "tags",
    "capacity_determination",
    "capacity_reasons",
    "stage",
    "outcome",
    "acknowledged_on",
    "decided_on",
    "closed_on",
    "sanctions",
    "notified_on",
    "notified_by",
    "comments_received_on",
    "investigation_cost",
    "investigator_kind",
    "review_requested_on",
    "review_requested_by",
];
pub const REQUIRED: &[&str] = &[
    "received_on",
    "complainant_name",
    "complainant_type",
    "councillor_name",
    "council",
    "platform",
    "summary",
];
/// The largest log accepted in one import: ten years of the busiest shared service several times
/// over. It is read into memory whole (about 1 KiB a row at most), so this bounds what it takes.
pub const MAX_ROWS: usize = 1_000_000;
/// The largest file accepted (a million rows with long summaries and post text fit within it).
pub const MAX_FILE_BYTES: u64 = 1024 * 1024 * 1024;

#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
#[ts(export, rename = "ImportOutcome")]
pub struct Outcome {
    pub dry_run: bool,
    pub rows: usize,
    pub cases: Vec<String>,
    pub councillors_added: Vec<String>,
    pub tags: usize,
    pub post_texts: usize,
    /// Columns present in the file that Casebook does not know (they are ignored).
    pub ignored_columns: Vec<String>,
}

/// What an [`Outcome`] held at some point, to go back to when what was stored since is undone.
#[derive(Clone, Copy)]
struct Mark {
    rows: usize,
    cases: usize,
    councillors_added: usize,
    tags: usize,
    post_texts: usize,
}

impl Outcome {
    fn mark(&self) -> Mark {
        Mark {
            rows: self.rows,
            cases: self.cases.len(),
            councillors_added: self.councillors_added.len(),
            tags: self.tags,
            post_texts: self.post_texts,
        }
    }

    /// Forgets what was stored since `mark` was taken.
    fn undo(&mut self, mark: Mark) {
        self.rows = mark.rows;
        self.cases.truncate(mark.cases);
        self.councillors_added.truncate(mark.councillors_added);
        self.tags = mark.tags;
        self.post_texts = mark.post_texts;
    }
}

/// Told how far an import has got: `(rows done, rows in all)`, after every [`PROGRESS_EVERY`] rows
/// and at the end. Returning `Break` cancels the import: nothing is stored.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> ControlFlow<()>;

/// How often (in rows) an import reports its progress.
pub const PROGRESS_EVERY: usize = BATCH_ROWS;

/// Imports `path` (CSV, or the first sheet of a spreadsheet) into `db`. With `dry_run`, checks
/// everything and stores nothing.
pub fn import_file(db: &mut Db, stamp: &Stamp, path: &Path, dry_run: bool) -> Result<Outcome> {
    import_file_with(db, stamp, path, None, dry_run, &mut |_, _| {
        ControlFlow::Continue(())
    })
}

/// As [`import_file`], from the spreadsheet's sheet named `sheet` if given (else its first),
/// telling `progress` how far it has got (and stopping, storing nothing, if it says so).
pub fn import_file_with(
    db: &mut Db,
    stamp: &Stamp,
    path: &Path,
    sheet: Option<&str>,
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<Outcome> {
    let bytes = files::read(path, MAX_FILE_BYTES, "import file")?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "the log".into());
    let log = Log {
        bytes: &bytes,
        source: &source,
        sheet,
    };
    let run = |tx: &Transaction<'_>| import_with(tx, stamp, &log, dry_run, progress);
    if dry_run {
        db.trial(run)
    } else {
        db.write(run)
    }
}

/// A complaints log to import: its bytes (CSV, or a spreadsheet, told apart by its first bytes),
/// its name for the audit trail, and for a spreadsheet the sheet wanted (else its first).
pub struct Log<'a> {
    pub bytes: &'a [u8],
    pub source: &'a str,
    pub sheet: Option<&'a str>,
}

/// Imports the log `bytes` (CSV, or the first sheet of a spreadsheet) in `tx`. Returns
/// [`Error::Import`] listing every bad row if any row fails, leaving the caller to roll back.
pub fn import(
    tx: &impl Sql,
    stamp: &Stamp,
    bytes: &[u8],
    source: &str,
    dry_run: bool,
) -> Result<Outcome> {
    let log = Log {
        bytes,
        source,
        sheet: None,
    };
    import_with(tx, stamp, &log, dry_run, &mut |_, _| {
        ControlFlow::Continue(())
    })
}

/// One row of a log as read: the line a person finds it on (a CSV's line in an editor, a
/// spreadsheet's row number) and its cells, or why it could not be read (and in which column).
struct Record {
    line: u64,
    cells: std::result::Result<Vec<String>, (String, String)>,
}

fn bad(line: u64, field: &str, reason: String) -> Error {
    Error::Import(vec![RowError {
        line,
        field: field.into(),
        reason,
    }])
}

/// As [`import`], telling `progress` how far it has got; cancelled (an error, for the caller to
/// roll back) if it says so.
pub fn import_with(
    tx: &impl Sql,
    stamp: &Stamp,
    log: &Log<'_>,
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<Outcome> {
    if sheet::is_spreadsheet(log.bytes) {
        let read = sheet::read(log.bytes, log.sheet)?;
        let total = read.rows.len();
        let header = Header {
            line: read.header_line,
            names: read.header,
        };
        let rows = read.rows.into_iter();
        return import_rows(
            tx, stamp, log.source, header, rows, total, dry_run, progress,
        );
    }
    if let Some(name) = log.sheet {
        return Err(Error::invalid(
            "sheet",
            format!(
                "'{}' was asked for, but {} is a CSV file, which has no sheets",
                text::shorten(name),
                log.source
            ),
        ));
    }
    let bytes = log.bytes;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    // Counted first, in one quick pass, so an over-long file is refused before any work on it.
    let total = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes)
        .records()
        .count();
    if total > MAX_ROWS {
        return Err(bad(
            0,
            "file",
            format!("has {total} rows; an import is limited to {MAX_ROWS}: split it"),
        ));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| {
            bad(
                1,
                "header",
                format!("the header row could not be read: {e}"),
            )
        })?
        .clone();
    let header = Header {
        line: 1,
        names: headers.iter().map(str::to_string).collect(),
    };
    let lines = Lines::of(bytes);
    let line_at = |p: Option<&csv::Position>| p.map_or(0, |p| lines.at(p.byte()));
    let rows = reader.records().map(|r| match r {
        Ok(record) => Record {
            line: line_at(record.position()),
            cells: Ok(record.iter().map(str::to_string).collect()),
        },
        Err(e) => Record {
            line: line_at(e.position()),
            cells: Err(("row".into(), format!("could not be read as CSV: {e}"))),
        },
    });
    import_rows(
        tx, stamp, log.source, header, rows, total, dry_run, progress,
    )
}

/// A log's header row: the line it is on and its column names as written.
struct Header {
    line: u64,
    names: Vec<String>,
}

/// Imports the `total` rows of a log under `header`, in batches.
#[allow(clippy::too_many_arguments)]
fn import_rows(
    tx: &impl Sql,
    stamp: &Stamp,
    source: &str,
    header: Header,
    mut rows: impl Iterator<Item = Record>,
    total: usize,
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<Outcome> {
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    let mut outcome = Outcome {
        dry_run,
        ..Outcome::default()
    };
    for (i, h) in header.names.iter().enumerate() {
        let norm = h.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        match COLUMNS.iter().find(|c| **c == norm) {
            Some(c) => {
                if index.insert(c, i).is_some() {
                    return Err(bad(header.line, c, "this column appears twice".into()));
                }
            }
            None if h.trim().is_empty() => {}
            None => outcome.ignored_columns.push(h.to_string()),
        }
    }
    let missing: Vec<&str> = REQUIRED
        .iter()
        .filter(|c| !index.contains_key(*c))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(bad(
            header.line,
            "header",
            format!("required column(s) missing: {}", missing.join(", ")),
        ));
    }
    let file = File { source, index };

    let mut errors = Vec::new();
    let mut seen = 0;
    loop {
        let batch: Vec<_> = rows.by_ref().take(BATCH_ROWS).collect();
        if batch.is_empty() {
            break;
        }
        import_batch(tx, stamp, &file, &batch, &mut outcome, &mut errors)?;
        seen += batch.len();
        if progress(seen, total).is_break() {
            return Err(cancelled());
        }
    }
    if !errors.is_empty() {
        return Err(Error::Import(errors));
    }
    Ok(outcome)
}

/// How many rows an import stores in one savepoint. Few enough that the savepoint's journal (a
/// copy of every page the batch changes, which SQLite walks from its start whenever a statement
/// in it ends) stays short however large the database: one savepoint round a whole import made
/// each row cost more as the database grew. Many enough that opening the savepoint costs nothing
/// beside its rows.
const BATCH_ROWS: usize = 100;

/// A log being imported: its name, and where each known column is.
struct File<'a> {
    source: &'a str,
    index: HashMap<&'static str, usize>,
}

/// Stores the `batch` of records of `file` in `tx`, adding every bad row to `errors`. The batch
/// is stored in one savepoint; if a row is bad, the batch is undone and stored again with each
/// row in a savepoint of its own, so a bad row leaves nothing that later rows are checked
/// against: the same as storing every row in its own savepoint, which would copy the pages each
/// row changes once more.
fn import_batch(
    tx: &impl Sql,
    stamp: &Stamp,
    file: &File<'_>,
    batch: &[Record],
    outcome: &mut Outcome,
    errors: &mut Vec<RowError>,
) -> Result<()> {
    let mark = outcome.mark();
    let quick = db::savepoint(tx, || {
        for record in batch {
            if import_record(tx, stamp, file, false, record, outcome)?.is_some() {
                return Err(Error::Import(Vec::new()));
            }
        }
        Ok(())
    });
    match quick {
        Ok(()) => {}
        Err(Error::Import(_)) => {
            outcome.undo(mark);
            for record in batch {
                errors.extend(import_record(tx, stamp, file, true, record, outcome)?);
            }
        }
        Err(other) => return Err(other),
    }
    Ok(())
}

/// Stores one record of `file` (in its own savepoint when `guarded`); returns what is wrong with
/// it, if anything is, and fails only on an error that is not the row's fault.
fn import_record(
    tx: &impl Sql,
    stamp: &Stamp,
    file: &File<'_>,
    guarded: bool,
    record: &Record,
    outcome: &mut Outcome,
) -> Result<Option<RowError>> {
    let line = record.line;
    let cells = match &record.cells {
        Ok(cells) => cells,
        Err((field, reason)) => {
            outcome.rows += 1;
            return Ok(Some(RowError {
                line,
                field: field.clone(),
                reason: reason.clone(),
            }));
        }
    };
    if cells.iter().all(|v| v.trim().is_empty()) {
        return Ok(None);
    }
    outcome.rows += 1;
    let row = Row {
        cells,
        index: &file.index,
    };
    let reason = format!("imported from {} line {line}", file.source);
    let stored = if guarded {
        db::savepoint(tx, || import_row(tx, stamp, &row, &reason, outcome))
    } else {
        import_row(tx, stamp, &row, &reason, outcome)
    };
    let (field, reason) = match stored {
        Ok(()) => return Ok(None),
        Err(Error::Invalid { field, reason } | Error::Conflict { field, reason }) => {
            (field, reason)
        }
        Err(Error::NotFound { what, key }) => (what.to_string(), format!("{key} not found")),
        Err(other) => return Err(other),
    };
    Ok(Some(RowError {
        line,
        field,
        reason,
    }))
}

fn cancelled() -> Error {
    Error::invalid("import", "was cancelled; nothing was stored")
}

/// One row of a log, read by column name; a missing column reads as empty.
struct Row<'a> {
    cells: &'a [String],
    index: &'a HashMap<&'static str, usize>,
}

impl<'a> Row<'a> {
    fn get(&self, column: &str) -> &'a str {
        self.index
            .get(column)
            .and_then(|&i| self.cells.get(i))
            .map_or("", String::as_str)
    }
}

fn import_row(
    tx: &impl Sql,
    stamp: &Stamp,
    row: &Row<'_>,
    reason: &str,
    outcome: &mut Outcome,
) -> Result<()> {
    let get = |column: &str| row.get(column);
    let name = text::required("councillor_name", get("councillor_name"), 120)?;
    let council = text::required("council", get("council"), 120)?;
    let councillor = match councillor::find(tx, &name, &council)? {
        Some(c) => c,
        None => {
            let c = councillor::add(
                tx,
                stamp,
                &NewCouncillor {
                    name,
                    council,
                    ward: Some(get("ward").to_string()),
                    party: Some(get("party").to_string()),
                    co_opted: text::yes_no("co_opted", get("co_opted"), false)?,
                    term_start: None,
                    term_end: None,
                },
            )?;
            outcome
                .councillors_added
                .push(format!("{} ({})", c.name, c.council));
            c
        }
    };
    let confidential = text::yes_no("confidential", get("confidential"), false)?;
    let mut confidentiality_reason = Some(get("confidentiality_reason").to_string());
    if confidential && get("confidentiality_reason").trim().is_empty() {
        confidentiality_reason = Some("Not recorded in the imported complaints log".into());
    }
    let channel = match get("channel").trim() {
        "" => "other".to_string(),
        c => c.to_string(),
    };
    let new = NewCase {
        reference: Some(get("reference").to_string()),
        received_on: text::date("received_on", get("received_on"))?,
        channel,
        complainant_name: get("complainant_name").to_string(),
        complainant_contact: Some(get("complainant_contact").to_string()),
        complainant_type: get("complainant_type").to_string(),
        confidentiality_requested: confidential,
        confidentiality_reason,
        councillor_id: councillor.id,
        platform: get("platform").to_string(),
        post_url: Some(get("post_url").to_string()),
        posted_at: Some(get("posted_at").to_string()),
        summary: get("summary").to_string(),
    };
    let created = case::create(tx, stamp, &new, Some(reason))?;
    let post_text = get("post_text");
    if !post_text.trim().is_empty() {
        evidence::add_text(
            tx,
            stamp,
            created.id,
            post_text,
            &Capture {
                description: Some("Post text as recorded in the imported complaints log".into()),
                ..Capture::default()
            },
        )
        .map_err(|e| rename_field(e, "post_text"))?;
        outcome.post_texts += 1;
    }
    for code in get("tags")
        .split([';', ','])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        assessment::tag(tx, stamp, created.id, code, None).map_err(|e| rename_field(e, "tags"))?;
        outcome.tags += 1;
    }
    let determination = get("capacity_determination").trim();
    if !determination.is_empty() {
        let reasons = match get("capacity_reasons").trim() {
            "" if !determination.eq_ignore_ascii_case("undetermined") => {
                "As recorded in the imported complaints log (no reasons given there)"
            }
            r => r,
        };
        assessment::determine(tx, stamp, created.id, determination, Some(reasons))
            .map_err(|e| rename_field(e, "capacity_determination"))?;
    }
    steps::import_procedure(tx, stamp, created.id, row, reason)?;
    outcome.cases.push(created.reference);
    Ok(())
}

/// Errors from shared code name their own field; in an import, name the column instead.
fn rename_field(e: Error, column: &str) -> Error {
    match e {
        Error::Invalid { field, reason } if field != column => {
            Error::invalid(column, format!("{field}: {reason}"))
        }
        other => other,
    }
}
