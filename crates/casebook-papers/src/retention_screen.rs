//! The Retention and Subject access screens' papers, on an officer's [`Session`]: a disposal's
//! certificate, and a subject access request's suggested redactions and response pack.

use std::path::Path;

use casebook::access::Look;
use casebook::{sar, Result, Session};

use crate::sar::{Pack, Redaction};
use crate::screen::Rendered;
use crate::template::Templates;
use crate::{certificate, template, Format};

/// The certificate of disposal `number` in `format` (pdf or docx), ready to save.
pub fn certificate(session: &Session, number: &str, format: &str) -> Result<Rendered> {
    let format = Format::parse("format", format)?;
    let db = session.db()?;
    let stamp = db.stamp();
    let folder = template::folder_for(db.path());
    let paper = certificate::paper(
        db.conn(),
        number,
        Templates::Folder(&folder),
        &stamp.at_text(),
    )?;
    Ok(Rendered {
        format,
        bytes: paper.render(format)?,
        file_name: format!("{}.{}", paper.file_stem, format.extension()),
        reference: None,
        what: format!("disposal certificate {}", number.trim()),
    })
}

/// The names suggested for redaction from request `id`'s pack.
pub fn redactions(session: &Session, id: i64) -> Result<Vec<Redaction>> {
    let db = session.db()?;
    let s = sar::get(db.conn(), id)?;
    crate::sar::redactions(db.conn(), &s, session.today())
}

/// The file name a pack is offered under.
pub fn pack_file_name(id: i64) -> String {
    format!("subject-access-response-{id}.zip")
}

/// Makes request `id`'s pack at `out`, and records the look (it holds personal data).
pub fn export_pack(session: &Session, id: i64, out: &Path) -> Result<Pack> {
    let pack = {
        let db = session.db()?;
        let stamp = db.stamp();
        let folder = template::folder_for(db.path());
        crate::sar::export(
            db.conn(),
            id,
            out,
            Templates::Folder(&folder),
            session.today(),
            &stamp.at_text(),
        )?
    };
    let detail = format!("subject access pack #{id}, {}", out.display());
    session.looked(Look::MakePaper, None, &detail)?;
    Ok(pack)
}
