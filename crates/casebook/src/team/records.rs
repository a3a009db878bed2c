//! The procedure's other records on a case over the team server ([`crate::records`]), each made
//! on the version the officer has open, as on a file. Also the council's register of Independent
//! People, for the consultation form.

use chrono::{DateTime, Utc};

use casebook_domain::Result;

use super::cases::Edit;
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
