//! `casebook verify`: check the database and report every problem (exit code 4 if any),
//! optionally against an anchor: a head of the audit trail recorded earlier.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use casebook::{audit, files, verify, Db, Error};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct VerifyArgs {
    /// Also check that the audit trail still extends a head recorded earlier: HASH@SEQ (as this
    /// command prints it), a backup made then, or a file that contains HASH@SEQ (a paper, say).
    #[arg(long, value_name = "FILE|HASH@SEQ")]
    anchor: Option<String>,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(db: &Db, a: VerifyArgs) -> casebook::Result<ExitCode> {
    let mut report = verify::verify(db.conn())?;
    if let Some(given) = &a.anchor {
        let (seq, hash) = anchor(db, given)?;
        report
            .problems
            .extend(verify::check_anchor(db.conn(), seq, &hash)?);
    }
    if a.json.json {
        print_json(&report)?;
    } else {
        out!(
            "Checked {} audit entries, {} evidence items ({} stored files re-hashed), {} records, \
             {} access log entries, and the kept stage, due dates and retention review dates of {} cases.",
            report.audit_entries,
            report.evidence_items,
            report.blobs_rehashed,
            report.records_checked,
            report.access_entries,
            report.cases_progress_checked
        );
        out!(
            "The database is {}.",
            if db.encrypted() {
                "encrypted (SQLCipher, AES-256)"
            } else {
                "NOT encrypted"
            }
        );
        if report.disposed_entries > 0 {
            out!(
                "{} entries disposed of under retention (certificate {}).",
                report.disposed_entries,
                report.disposal_certificates.join(", ")
            );
        }
        for p in &report.problems {
            out!("PROBLEM [{}] {}: {}", p.area, p.location, p.detail);
        }
        if report.ok() {
            out!("OK: no problems found.");
        } else {
            out!("{} problem(s) found.", report.problems.len());
        }
        if let Some(h) = &report.head {
            out!(
                "Audit trail head: {} (entry {}, {}). Record it to check against later with --anchor.",
                h.anchor(),
                h.seq,
                h.at
            );
        }
    }
    if !report.ok() {
        return Ok(ExitCode::from(4));
    }
    Ok(ExitCode::SUCCESS)
}

/// The anchored head: `HASH@SEQ` as given, the head of a database file (a backup, plain or
/// encrypted with this database's key), or the first `HASH@SEQ` in a text file or a paper.
fn anchor(db: &Db, given: &str) -> casebook::Result<(i64, String)> {
    let path = Path::new(given);
    if !path.exists() {
        return audit::find_anchor(given).ok_or_else(|| {
            Error::invalid(
                "anchor",
                format!("'{given}' is neither HASH@SEQ nor a file"),
            )
        });
    }
    let plain_db = files::starts_with(path, b"SQLite format 3\0", "anchor file")?;
    let paper = files::starts_with(path, b"%PDF", "anchor file")?
        || files::starts_with(path, b"PK", "anchor file")?;
    // Not plain SQLite, not a paper: an encrypted backup, if it opens with this database's key.
    let encrypted_db = !plain_db && !paper && db.head_of(path).is_ok();
    if plain_db || encrypted_db {
        let head = db.head_of(path)?.ok_or_else(|| {
            Error::invalid("anchor", format!("{} has no audit trail", path.display()))
        })?;
        return Ok((head.seq, head.hash));
    }
    let text = files::read(path, 64 * 1024 * 1024, "anchor file")?;
    audit::find_anchor(&String::from_utf8_lossy(&text)).ok_or_else(|| {
        Error::invalid(
            "anchor",
            format!(
                "{} holds no HASH@SEQ as text (for a PDF or Word paper, give the HASH@SEQ \
                     printed at its end)",
                path.display()
            ),
        )
    })
}
