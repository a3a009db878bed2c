//! The procedure's other records on a case over the team server ([`crate::records`]), each made
//! on the version the officer has open, as on a file, and the final investigation report with its
//! file. Also the council's register of Independent People, for the consultation form.

use chrono::{DateTime, Utc};

use casebook_domain::{text, Result};
use casebook_store::parties::{self, File};

use crate::procedure::Report;

use super::cases::Edit;
use super::changes::Upload;
use super::{CaseOpened, Team};
use crate::json::{CaseRecord, IpRegister};
use crate::{records, views};

impl Team {
    /// Records `record` on case `reference` of council `council_id`, on version `based_on`.
    pub fn record(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        based_on: i64,
        record: &CaseRecord,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        let edit = Edit {
            token,
            council_id,
            reference,
            based_on,
            action: records::action(record),
        };
        self.change_case(edit, now, |tx, s, id| records::apply(tx, s, id, record))
    }

    /// Records the investigation's final report on case `reference`, received on `on`, on version
    /// `based_on`: its file is kept on the case as a document once its bytes are shown to be the
    /// ones the client hashed (then checked as a file's Casebook checks it: PDF, Word, Markdown or
    /// HTML, within the size limit).
    #[allow(clippy::too_many_arguments)]
    pub fn final_report(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        based_on: i64,
        on: &str,
        upload: Upload,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        let edit = Edit {
            token,
            council_id,
            reference,
            based_on,
            action: "record an investigation's report",
        };
        let on = text::date("on", on)?;
        self.change_case(edit, now, |tx, s, id| {
            upload.arrived()?;
            let file = File {
                bytes: &upload.bytes,
                name: upload.name.as_deref(),
            };
            parties::report(tx, s, id, Report::Final, on, Some(file)).map(drop)
        })
    }

    /// Council `council_id`'s register of Independent People, and who serves today.
    pub fn ip_register(
        &mut self,
        token: &str,
        council_id: i64,
        now: DateTime<Utc>,
    ) -> Result<IpRegister> {
        self.every_case_view(
            token,
            council_id,
            "see the Independent People",
            now,
            |tx, today| views::ip_register(tx, today),
        )
    }
}
