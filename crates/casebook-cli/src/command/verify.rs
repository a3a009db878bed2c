//! `casebook verify`: check the database and report every problem (exit code 4 if any).

use std::process::ExitCode;

use casebook::{verify, Db};

use crate::print::{out, print_json, JsonFlag};

pub(crate) fn run(db: &Db, j: JsonFlag) -> casebook::Result<ExitCode> {
    let report = verify::verify(db.conn())?;
    if j.json {
        print_json(&report)?;
    } else {
        out!(
            "Checked {} audit entries, {} evidence items ({} stored files re-hashed), {} records.",
            report.audit_entries,
            report.evidence_items,
            report.blobs_rehashed,
            report.records_checked
        );
        for p in &report.problems {
            out!("PROBLEM [{}] {}: {}", p.area, p.location, p.detail);
        }
        if report.ok() {
            out!("OK: no problems found.");
        } else {
            out!("{} problem(s) found.", report.problems.len());
        }
    }
    if !report.ok() {
        return Ok(ExitCode::from(4));
    }
    Ok(ExitCode::SUCCESS)
}
