//! `casebook dispose`: remove the personal data of closed cases under the retention schedule,
//! keeping their anonymised statistical records, and print the disposal's certificate number.

use std::path::PathBuf;

use clap::Args;

use casebook::access::Look;
use casebook::{disposal, Db, Stamp};
use casebook_papers::template::Templates;
use casebook_papers::{certificate, Format};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct DisposeArgs {
    /// The cases, e.g. SC-2023-004 SC-2023-009.
    #[arg(required = true)]
    references: Vec<String>,
    /// Why (the schedule's review, an accepted erasure request …); on the certificate.
    #[arg(long)]
    reason: String,
    /// Allow cases whose review date has not come (recorded as early).
    #[arg(long)]
    early: bool,
    /// Also write the certificate (pdf or docx, from the file's extension).
    #[arg(long, value_name = "FILE")]
    certificate: Option<PathBuf>,
    #[command(flatten)]
    json: JsonFlag,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: DisposeArgs) -> casebook::Result<()> {
    let d = db.write(|tx| disposal::dispose(tx, stamp, &a.references, &a.reason, a.early))?;
    // Freed pages are already overwritten (secure_delete); fold the log into the file too.
    db.checkpoint()?;
    if let Some(path) = &a.certificate {
        let paper = certificate::paper(
            db.conn(),
            &d.certificate,
            Templates::Builtin,
            &stamp.at_text(),
        )?;
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some("docx") => Format::Docx,
            _ => Format::Pdf,
        };
        casebook_papers::write_whole(path, &paper.render(format)?)?;
        let detail = format!("disposal certificate {}, {}", d.certificate, path.display());
        db.look(stamp, Look::MakePaper, None, &detail)?;
    }
    if a.json.json {
        return print_json(&d);
    }
    out!(
        "Disposed of {} case(s) under certificate {}: {} item(s) destroyed, {} audit and {} access-log entries erased.",
        d.cases.len(),
        d.certificate,
        d.tombstones.len(),
        d.audit_entries,
        d.access_entries
    );
    Ok(())
}
