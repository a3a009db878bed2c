//! A case's own work over the team server for the layers above the core (the papers make letters):
//! a read of one case for whoever may open it (a change is `Team::change_case`), and a case
//! document's bytes (a kept letter or report), hash checked and the look logged.

use chrono::{DateTime, Utc};

use casebook_domain::{Error, Result};
use casebook_store::access;
use casebook_store::document::{self, Document};
use casebook_store::sql::pg::PgTx;

use super::cases::stamp_in;
use super::Team;

impl Team {
    /// Runs `read` (given case `reference`'s id) on one consistent view of council
    /// `council_id`'s records, for a member who may open that case (refused, and logged, for
    /// anyone else); `doing` names it for a refusal.
    pub fn read_case<T>(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        doing: &str,
        now: DateTime<Utc>,
        read: impl FnOnce(&PgTx<'_>, i64) -> Result<T>,
    ) -> Result<T> {
        let (me, role) = self.member(token, council_id, doing, |_| true, now)?;
        let case_id = self.check_reach(&me, role, council_id, reference, now)?;
        self.council(council_id)?.read(|tx| read(tx, case_id))
    }

    /// Case document `id` of case `reference` and its bytes, once they are shown to hash to the
    /// SHA-256 recorded when it was kept; the look is recorded in the council's access log. A
    /// document of another case is "not found", as a made-up one is.
    pub fn document(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(Document, Vec<u8>)> {
        let (me, role) = self.member(token, council_id, "read a case document", |_| true, now)?;
        let case_id = self.check_reach(&me, role, council_id, reference, now)?;
        self.council(council_id)?.write(|tx| {
            let found = document::get(tx, id).ok().filter(|d| d.case_id == case_id);
            let Some(d) = found else {
                return Err(Error::not_found(
                    "case document",
                    format!("{id} on {reference}"),
                ));
            };
            let (d, bytes) = document::bytes(tx, d.id)?;
            let stamp = stamp_in(tx, &me, role, now)?;
            let what = format!("case document {id} ({}) from the team server", d.file_name);
            access::record(
                tx,
                &stamp,
                access::Look::ExportEvidence,
                Some(reference),
                &what,
            )?;
            Ok((d, bytes))
        })
    }
}
