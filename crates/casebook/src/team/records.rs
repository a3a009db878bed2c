//! The procedure's other records on a case over the team server, each made on the version the
//! officer has open, as on a file: an Independent Person's views, pausing and restarting the
//! clock, the decision on a complainant's request for confidentiality, and taking back the last
//! step with a reason. Also the council's register of Independent People, for the consultation
//! form.

use chrono::{DateTime, Utc};

use casebook_domain::{text, Result};
use casebook_store::procedure::{self, NewConsultation};

use super::cases::Edit;
use super::{CaseOpened, Team};
use crate::json::{CaseRecord, IpRegister};
use crate::views;

/// What the officer is doing, for a refusal.
fn action(record: &CaseRecord) -> &'static str {
    match record {
        CaseRecord::Consultation(_) => "record an Independent Person's views",
        CaseRecord::Pause { .. } => "pause a case's clock",
        CaseRecord::Resume { .. } => "restart a case's clock",
        CaseRecord::Confidentiality(_) => "decide on confidentiality",
        CaseRecord::Undo { .. } => "take back a case's last step",
    }
}

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
            action: action(record),
        };
        self.change_case(edit, now, |tx, s, id| match record {
            CaseRecord::Consultation(c) => {
                let c = NewConsultation {
                    ip_id: c.ip_id,
                    person: c.person.clone(),
                    consulted_on: text::date("consulted_on", &c.on)?,
                    stage: c.stage.clone(),
                    views: c.views.clone(),
                };
                procedure::add_consultation(tx, s, id, &c).map(drop)
            }
            CaseRecord::Pause { on, reason, note } => {
                let on = text::date("on", on)?;
                procedure::pause(tx, s, id, on, reason, note.as_deref()).map(drop)
            }
            CaseRecord::Resume { on, note } => {
                let on = text::date("on", on)?;
                procedure::resume(tx, s, id, on, note.as_deref()).map(drop)
            }
            CaseRecord::Confidentiality(d) => {
                let on = text::date("decided_on", &d.on)?;
                procedure::decide_confidentiality(
                    tx,
                    s,
                    id,
                    &d.decision,
                    &d.decided_by,
                    on,
                    &d.grounds,
                )
                .map(drop)
            }
            CaseRecord::Undo { reason } => procedure::undo_last(tx, s, id, reason).map(drop),
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
