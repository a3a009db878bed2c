//! Importing an existing complaints log (CSV, as councils keep them in spreadsheets). Every row is
//! checked exactly as a real import would store it; any bad row is reported with its line number and
//! the whole import is refused, so an import is all-or-nothing. A dry run checks and stores nothing.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;

use serde::Serialize;

mod parties;

use crate::case::NewCase;
use crate::councillor::NewCouncillor;
use crate::evidence::Capture;
use crate::procedure::{self, Move};
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

/// Told how far an import has got: `(rows done, rows in all)`, every [`PROGRESS_EVERY`] rows and
/// at the end. Returning `Break` cancels the import: nothing is stored.
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> ControlFlow<()>;

/// How often (in rows) an import reports its progress.
pub const PROGRESS_EVERY: usize = 250;

/// Imports `path` into `db`. With `dry_run`, checks everything and stores nothing.
pub fn import_file(db: &mut Db, stamp: &Stamp, path: &Path, dry_run: bool) -> Result<Outcome> {
    import_file_with(db, stamp, path, dry_run, &mut |_, _| {
        ControlFlow::Continue(())
    })
}

/// As [`import_file`], telling `progress` how far it has got (and stopping, storing nothing, if
/// it says so).
pub fn import_file_with(
    db: &mut Db,
    stamp: &Stamp,
    path: &Path,
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<Outcome> {
    let bytes = files::read(path, MAX_FILE_BYTES, "import file")?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "CSV".into());
    let run = |tx: &Transaction<'_>| import_with(tx, stamp, &bytes, &source, dry_run, progress);
    if dry_run {
        db.trial(run)
    } else {
        db.write(run)
    }
}

/// Imports CSV `bytes` in `tx`. Returns [`Error::Import`] listing every bad row if any row fails,
/// leaving the caller to roll back.
pub fn import(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    bytes: &[u8],
    source: &str,
    dry_run: bool,
) -> Result<Outcome> {
    import_with(tx, stamp, bytes, source, dry_run, &mut |_, _| {
        ControlFlow::Continue(())
    })
}

/// As [`import`], telling `progress` how far it has got; cancelled (an error, for the caller to
/// roll back) if it says so.
pub fn import_with(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    bytes: &[u8],
    source: &str,
    dry_run: bool,
    progress: Progress<'_>,
) -> Result<Outcome> {
    let bad = |line: u64, field: &str, reason: String| {
        Error::Import(vec![RowError {
            line,
            field: field.into(),
            reason,
        }])
    };
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
    let lines = Lines::of(bytes);
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
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    let mut outcome = Outcome {
        dry_run,
        ..Outcome::default()
    };
    for (i, h) in headers.iter().enumerate() {
        let norm = h.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        match COLUMNS.iter().find(|c| **c == norm) {
            Some(c) => {
                if index.insert(c, i).is_some() {
                    return Err(bad(1, c, "this column appears twice".into()));
                }
            }
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
            1,
            "header",
            format!("required column(s) missing: {}", missing.join(", ")),
        ));
    }

    let mut errors = Vec::new();
    let mut seen = 0;
    for record in reader.records() {
        seen += 1;
        if seen % PROGRESS_EVERY == 0 && progress(seen, total).is_break() {
            return Err(cancelled());
        }
        outcome.rows += 1;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.at(p.byte()));
                errors.push(RowError {
                    line,
                    field: "row".into(),
                    reason: format!("could not be read as CSV: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.at(p.byte()));
        if record.iter().all(|v| v.trim().is_empty()) {
            outcome.rows -= 1;
            continue;
        }
        let row = Row {
            record: &record,
            index: &index,
        };
        let reason = format!("imported from {source} line {line}");
        match db::savepoint(tx, || import_row(tx, stamp, &row, &reason, &mut outcome)) {
            Ok(()) => {}
            Err(e) => {
                let (field, reason) = match e {
                    Error::Invalid { field, reason } | Error::Conflict { field, reason } => {
                        (field, reason)
                    }
                    Error::NotFound { what, key } => (what.to_string(), format!("{key} not found")),
                    other => return Err(other),
                };
                errors.push(RowError {
                    line,
                    field,
                    reason,
                });
            }
        }
    }
    if progress(total, total).is_break() {
        return Err(cancelled());
    }
    if !errors.is_empty() {
        return Err(Error::Import(errors));
    }
    Ok(outcome)
}

fn cancelled() -> Error {
    Error::invalid("import", "was cancelled; nothing was stored")
}

/// One CSV record, read by column name; a missing column reads as empty.
struct Row<'a> {
    record: &'a csv::StringRecord,
    index: &'a HashMap<&'static str, usize>,
}

impl<'a> Row<'a> {
    fn get(&self, column: &str) -> &'a str {
        self.index
            .get(column)
            .and_then(|&i| self.record.get(i))
            .unwrap_or("")
    }
}

fn import_row(
    tx: &Transaction<'_>,
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
    import_procedure(tx, stamp, created.id, row, reason)?;
    outcome.cases.push(created.reference);
    Ok(())
}

/// Recreates where an imported case stands in the procedure from the log's `stage`, `outcome`,
/// `acknowledged_on`, `decided_on`, `closed_on` and `sanctions` columns, recording each step the
/// case must have passed through. Steps the log has no date for take the latest date it gives.
fn import_procedure(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    case_id: i64,
    row: &Row<'_>,
    reason: &str,
) -> Result<()> {
    let get = |column: &str| row.get(column).trim();
    let mut extras = parties::Extras::read(|c| row.get(c))?;
    let acknowledged = text::optional_date("acknowledged_on", Some(get("acknowledged_on")))?;
    let decided = text::optional_date("decided_on", Some(get("decided_on")))?;
    let closed = text::optional_date("closed_on", Some(get("closed_on")))?;
    let actions: Vec<String> = get("sanctions")
        .split([';', ','])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect();
    let stage = match get("stage") {
        "" if closed.is_some() => "closed",
        "" if decided.is_some() => "decision",
        "" if acknowledged.is_some() => "acknowledged",
        "" if get("outcome").is_empty() && actions.is_empty() => {
            return extras.finish(tx, stamp, case_id)
        }
        "" => {
            return Err(Error::invalid(
                "stage",
                "is required with an outcome (or give decided_on / closed_on)",
            ))
        }
        s => text::one_of("stage", s, procedure::STAGES)?,
    };
    let rank = |s: &str| procedure::STAGES.iter().position(|x| *x == s).unwrap_or(0);
    let investigating_stage = rank(stage) >= rank("investigation") && stage != "closed";

    // What the outcome column means: a decision on the initial assessment, or the final outcome
    // of an investigation (which implies the decision to investigate).
    let given = get("outcome");
    let (decision, last): (Option<&'static str>, Option<&'static str>) = if given.is_empty() {
        (None, None)
    } else if let Some(d) = procedure::DECISIONS
        .iter()
        .find(|d| d.eq_ignore_ascii_case(given))
        .filter(|_| !(investigating_stage && given.eq_ignore_ascii_case("no further action")))
    {
        (Some(*d), None)
    } else if given.eq_ignore_ascii_case("withdrawn") && !investigating_stage {
        (Some(procedure::WITHDRAWN_BY_COMPLAINANT), None)
    } else {
        let o = text::one_of("outcome", given, procedure::FINAL_OUTCOMES).map_err(|_| {
            Error::invalid(
                "outcome",
                format!(
                    "'{}' is neither a decision ({}) nor an outcome ({})",
                    text::shorten(given),
                    procedure::DECISIONS.join(", "),
                    procedure::FINAL_OUTCOMES.join(", ")
                ),
            )
        })?;
        (Some("investigation"), Some(o))
    };
    if rank(stage) >= rank("decision") && decision.is_none() {
        return Err(Error::invalid(
            "outcome",
            format!("is required when the stage is {stage} (the decision, or the final outcome)"),
        ));
    }
    if rank(stage) < rank("decision") && decision.is_some() {
        return Err(Error::invalid(
            "outcome",
            format!("a case at {stage} has no decision yet"),
        ));
    }

    // The steps, each with the column its date comes from: the acknowledgement and initial
    // assessment when the log gives them (a complaint withdrawn before it was acknowledged has
    // neither), then the procedure's own shortest route to where the log says the case is.
    let early_withdrawal =
        decision == Some(procedure::WITHDRAWN_BY_COMPLAINANT) && acknowledged.is_none();
    let mut path: Vec<&'static str> = ["acknowledged", "initial assessment"]
        .into_iter()
        .filter(|s| !early_withdrawal && rank(s) <= rank(stage))
        .collect();
    let from = path.last().copied().unwrap_or("received");
    if from != stage {
        let rest = procedure::route(from, stage, decision, last).ok_or_else(|| {
            Error::invalid(
                "stage",
                format!("'{stage}' does not fit the outcome given in the log"),
            )
        })?;
        path.extend(rest);
    }
    if last.is_some() && !path.contains(&"outcome") {
        return Err(Error::invalid(
            "stage",
            format!("'{stage}' does not fit the outcome given (the log's outcome puts the case at outcome or later)"),
        ));
    }
    let later = if closed.is_some() {
        "closed_on"
    } else {
        "decided_on"
    };
    let steps: Vec<(&str, &str, Option<&str>)> = path
        .iter()
        .map(|s| match *s {
            "acknowledged" | "initial assessment" => (*s, "acknowledged_on", None),
            "decision" => (*s, "decided_on", decision),
            "investigation" => (*s, "decided_on", None),
            "outcome" => (*s, later, last),
            "closed" => (*s, "closed_on", None),
            _ => (*s, later, None),
        })
        .collect();

    let takes_actions = |o: Option<&str>| matches!(o, Some("informal resolution" | "breach found"));
    if !actions.is_empty() && !steps.iter().any(|s| takes_actions(s.2)) {
        return Err(Error::invalid(
            "sanctions",
            "only an informal resolution (its measures) or a breach found (its sanctions) takes them",
        ));
    }
    let mut last_on = None;
    for (step, column, outcome) in &steps {
        let on = match *column {
            "acknowledged_on" => acknowledged,
            "decided_on" => decided,
            _ => closed,
        }
        // Only the steps the log has no column for (report, hearing, outcome) borrow a date.
        .or(last_on.filter(|_| matches!(*step, "report" | "hearing" | "outcome")))
        .ok_or_else(|| Error::invalid(*column, format!("is required when the stage is {stage}")))?;
        last_on = Some(on);
        let m = Move {
            stage: step.to_string(),
            on,
            outcome: outcome.map(String::from),
            actions: if takes_actions(*outcome) {
                actions.clone()
            } else {
                Vec::new()
            },
            reason: Some(reason.to_string()),
        };
        extras.before(tx, stamp, case_id, step)?;
        procedure::advance(tx, stamp, case_id, &m).map_err(|e| match e {
            Error::Invalid { field, reason } if field == "on" => Error::invalid(*column, reason),
            Error::Invalid { field, reason } if field == "measures" => {
                Error::invalid("sanctions", reason)
            }
            other => other,
        })?;
        extras.after(tx, stamp, case_id, (step, on))?;
    }
    extras.finish(tx, stamp, case_id)
}

/// Where each line of a file starts, so a byte offset can be given as the line a person sees in an
/// editor: LF (Unix), CRLF (Windows, as Excel writes) and a lone CR (old Mac) each end one line;
/// the header is line 1.
struct Lines<'a> {
    bytes: &'a [u8],
    starts: Vec<u64>,
}

impl<'a> Lines<'a> {
    fn of(bytes: &'a [u8]) -> Lines<'a> {
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    i += 1;
                    starts.push(i as u64 + 1);
                }
                b'\r' | b'\n' => starts.push(i as u64 + 1),
                _ => {}
            }
            i += 1;
        }
        Lines { bytes, starts }
    }

    /// The line (from 1) of the first thing at or after `offset` that is not a line break (the
    /// reader counts blank lines before a record as part of it).
    fn at(&self, offset: u64) -> u64 {
        let skipped = self
            .bytes
            .iter()
            .skip(offset as usize)
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count() as u64;
        let offset = offset + skipped;
        self.starts.partition_point(|start| *start <= offset) as u64
    }
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
