//! The rest of the day's work on a council's cases over the team server: logging a complaint,
//! tagging a case with the guidance's responsibilities and legal issues, notes, and evidence, its
//! SHA-256 checked on the way in (against the hash the client sent) and on the way out (against
//! the hash recorded when it was added). Every change to an existing case names the version it was
//! based on, as a step of the procedure does.

use chrono::{DateTime, Utc};

use casebook_domain::team::TeamRole;
use casebook_domain::{Error, Result};
use casebook_store::evidence::{self, Evidence};
use casebook_store::{access, assessment, assignment, audit, case, notes};

use super::cases::{stamp_in, Edit};
use super::{CaseOpened, Team};
use crate::intake::{self, File};
use crate::json::ComplaintInput;
use crate::views;

/// A file sent to the server (as evidence, or a case's final report), with the SHA-256 the client
/// computed before sending.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: Option<String>,
    pub description: Option<String>,
    /// Who captured it (default: the officer adding it).
    pub captured_by: Option<String>,
    /// When, as typed: 2026-03-14 09:30, 14/03/2026 09:30 or a date alone (default: now).
    pub captured_at: Option<String>,
    /// The evidence item of the same case this is a redacted copy of.
    pub derived_from: Option<i64>,
    pub sha256: String,
    pub bytes: Vec<u8>,
    /// The words read in it (or in the images attached to it) before it was sent on to be
    /// stored ([`crate::ocr::read_sent`]), kept with it.
    pub readings: Vec<(String, crate::ocr::Reading)>,
}

impl Upload {
    /// Whether the bytes hash to the SHA-256 sent with them ([`Upload::arrived`], asked before
    /// work is done on them).
    pub fn arrived_whole(&self) -> bool {
        self.arrived().is_ok()
    }

    /// How it was captured, as sent with it, for case `case_id` (whose post's address it takes).
    pub(super) fn capture(
        &self,
        tx: &impl casebook_store::sql::Sql,
        case_id: i64,
    ) -> Result<evidence::Capture> {
        let blank = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
        let description = blank(&self.description).or_else(|| {
            let original = self.derived_from?;
            Some(format!("Redacted copy of evidence item {original}"))
        });
        Ok(evidence::Capture {
            description,
            captured_by: blank(&self.captured_by),
            captured_at: blank(&self.captured_at)
                .map(|v| casebook_domain::text::instant("captured_at", &v))
                .transpose()?,
            source_url: case::get(tx, case_id)?.post_url,
            derived_from: self.derived_from,
        })
    }

    /// Refuses bytes that do not hash to the SHA-256 sent with them (changed or cut short on the
    /// way).
    pub(super) fn arrived(&self) -> Result<()> {
        let sent = self.sha256.trim().to_ascii_lowercase();
        let received = audit::sha256_hex(&self.bytes);
        if sent == received {
            return Ok(());
        }
        Err(Error::invalid(
            "sha256",
            format!(
                "the {} bytes received hash to {received}, not to the {} sent with them: the \
                 file was changed or cut short on the way; send it again",
                self.bytes.len(),
                casebook_domain::text::shorten(&sent)
            ),
        ))
    }
}

impl Team {
    /// Logs a complaint in council `council_id` (a Monitoring Officer, Deputy or Standards
    /// officer): the councillor if new, the case and the post's text, in one transaction. Files
    /// follow with [`Team::add_evidence`].
    pub fn log_complaint(
        &mut self,
        token: &str,
        council_id: i64,
        complaint: ComplaintInput,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        if !complaint.files.is_empty() {
            return Err(Error::invalid(
                "files",
                "send each file to the case's evidence once the complaint is logged",
            ));
        }
        let (me, role) = self.member(
            token,
            council_id,
            "log a complaint",
            TeamRole::sees_every_case,
            now,
        )?;
        let intake = complaint.into_intake(Vec::new())?;
        self.council(council_id)?.write(|tx| {
            let stamp = stamp_in(tx, &me, role, now)?;
            let created = intake::log(tx, &stamp, &intake)?;
            let detail = views::case_detail(tx, &created.reference, now.date_naive())?;
            super::cases::opened(tx, created.id, detail)
        })
    }

    /// Tags case `reference` with catalogue item `code` (or changes the tag's note).
    #[allow(clippy::too_many_arguments)]
    pub fn tag(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        based_on: i64,
        code: &str,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        self.change_case(
            Edit {
                token,
                council_id,
                reference,
                based_on,
                action: "tag a case",
            },
            now,
            |tx, s, id| assessment::tag(tx, s, id, code, note).map(drop),
        )
    }

    /// Takes tag `code` off case `reference`.
    pub fn untag(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        based_on: i64,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        self.change_case(
            Edit {
                token,
                council_id,
                reference,
                based_on,
                action: "untag a case",
            },
            now,
            |tx, s, id| assessment::untag(tx, s, id, code),
        )
    }

    /// Answers the acting-in-capacity indicator `code` on case `reference` (yes, no or unknown).
    #[allow(clippy::too_many_arguments)]
    pub fn answer_indicator(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        based_on: i64,
        code: &str,
        answer: &str,
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        let action = "assess whether a councillor was acting in capacity";
        let edit = Edit {
            token,
            council_id,
            reference,
            based_on,
            action,
        };
        self.change_case(edit, now, |tx, s, id| {
            assessment::answer_indicator(tx, s, id, code, answer, note)
        })
    }

    /// Records whether the councillor was acting in capacity on case `reference`, and why.
    #[allow(clippy::too_many_arguments)]
    pub fn determine_capacity(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        based_on: i64,
        determination: &str,
        reasons: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        let action = "assess whether a councillor was acting in capacity";
        let edit = Edit {
            token,
            council_id,
            reference,
            based_on,
            action,
        };
        self.change_case(edit, now, |tx, s, id| {
            assessment::determine(tx, s, id, determination, reasons)
        })
    }

    /// Adds a note to case `reference`.
    pub fn add_note(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        based_on: i64,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        let action = "add a note to a case";
        self.change_case(
            Edit {
                token,
                council_id,
                reference,
                based_on,
                action,
            },
            now,
            |tx, s, id| notes::add(tx, s, id, body).map(drop),
        )
    }

    /// Adds a file to case `reference` as evidence, once its bytes are shown to be the ones the
    /// client hashed; it then goes through intake's checks (size, type sniffed from the bytes,
    /// images decoded).
    pub fn add_evidence(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        based_on: i64,
        upload: Upload,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        let edit = Edit {
            token,
            council_id,
            reference,
            based_on,
            action: "add evidence to a case",
        };
        // Run once the sender is known to be signed in, allowed and on the case's version (so no
        // byte is hashed for anyone else); a refusal here stores nothing.
        self.change_case(edit, now, |tx, s, id| {
            upload.arrived()?;
            let capture = upload.capture(tx, id)?;
            let files = [File::bytes(upload.name, upload.bytes)];
            intake::attach(tx, s, id, None, &files, &capture)?;
            crate::ocr::keep_sent(tx, s, id, &upload.readings).map(drop)
        })
    }

    /// Whether the officer signed in with `token` may add evidence to case `reference` now
    /// (signed in, a role that changes cases, reaching the case): asked before the work done
    /// outside the council's lock for a file sent (reading its words), so it is done for no
    /// one else. A refusal is logged, as any is.
    pub fn may_add_evidence(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let action = "add evidence to a case";
        let (me, role) = self.member(token, council_id, action, TeamRole::may_change, now)?;
        self.check_reach(&me, role, council_id, reference, now)
            .map(drop)
    }

    /// Evidence item `id` and its bytes, once they are shown to hash to the SHA-256 recorded when
    /// it was added (an item whose bytes no longer do is refused, not sent). The look is recorded
    /// in the council's access log. To an officer who may not see its case, an item is "not
    /// found", as one that does not exist is (the refusal is logged).
    pub fn evidence(
        &mut self,
        token: &str,
        council_id: i64,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(Evidence, Vec<u8>)> {
        let (me, role) = self.member(token, council_id, "view evidence", |_| true, now)?;
        let account = me.account_id;
        let found = self
            .council(council_id)?
            .read(|tx| match evidence::get(tx, id) {
                Ok(item) => {
                    let reference = case::get(tx, item.case_id)?.reference;
                    let assigned = assignment::holds(tx, item.case_id, account)?;
                    Ok(Some((item, reference, assigned)))
                }
                Err(Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(e),
            })?;
        let not_found = || Error::not_found("evidence item", id.to_string());
        let Some((item, reference, assigned)) = found else {
            return Err(not_found());
        };
        if !role.sees_every_case() && !assigned {
            // Logged as a refusal, answered as an item that is not there: an id tried at random
            // tells nothing of which case it belongs to.
            let reason = format!(
                "evidence item {id}: {} is an {} and is not assigned to its case",
                me.name,
                role.label()
            );
            self.refused(&me, Some(council_id), reason, now)?;
            return Err(not_found());
        }
        self.council(council_id)?.write(|tx| {
            let stamp = stamp_in(tx, &me, role, now)?;
            let bytes = evidence::bytes(tx, id)?;
            let now_hash = audit::sha256_hex(&bytes);
            if now_hash != item.sha256 {
                return Err(Error::Db(format!(
                    "evidence item {id}'s stored bytes hash to {now_hash}, not to the {} \
                     recorded when it was added; it is not sent. Run `casebook-server verify`",
                    item.sha256
                )));
            }
            let detail = format!("evidence {id} (team server)");
            access::record(
                tx,
                &stamp,
                access::Look::ViewEvidence,
                Some(&reference),
                &detail,
            )?;
            Ok((item, bytes))
        })
    }
}
