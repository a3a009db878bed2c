//! The session's operations on the councillor's side, the investigation, reviews and the
//! Independent Persons register. Letters are made by `casebook-papers` (which can draw PDFs) and
//! kept and marked sent here.

use std::path::Path;

use super::Session;
use crate::access::Look;
use crate::independent_person::{self, NewPerson};
use crate::json::{
    CaseRecord, CommentsInput, CostInput, IndependentPersonInput, InvestigatorInput, IpRegister,
    NotificationInput, ReportInput, ReviewDecisionInput, ReviewRequestInput, SettingsView,
    StagedDocument,
};
use crate::letters::{self, NewLetter};
use crate::parties::{self, File};
use crate::procedure::{Letter, Procedure};
use crate::{document, records, settings, text, views, Error, Result};

impl From<IndependentPersonInput> for NewPerson {
    fn from(p: IndependentPersonInput) -> NewPerson {
        NewPerson {
            name: p.name,
            term_start: p.term_start,
            term_end: p.term_end,
            contact: p.contact,
        }
    }
}

impl Session {
    pub fn notify_councillor(&self, reference: &str, n: NotificationInput) -> Result<Procedure> {
        let on = text::date("on", &n.on)?;
        self.change_case(reference, |tx, s, id| {
            parties::notify(tx, s, id, on, &n.method, &n.sent).map(drop)
        })
    }

    pub fn councillor_comments(&self, reference: &str, c: CommentsInput) -> Result<Procedure> {
        let on = text::date("on", &c.on)?;
        self.with_staged(c.file.as_ref(), |file| {
            self.change_case(reference, |tx, s, id| {
                parties::comments_received(tx, s, id, on, c.comments.as_deref(), file).map(drop)
            })
        })
    }

    /// Runs `f` with the offered file `token` names (if any), and lets go of it once `f` succeeds.
    fn with_staged<T>(
        &self,
        token: Option<&String>,
        f: impl FnOnce(Option<File<'_>>) -> Result<T>,
    ) -> Result<T> {
        let tokens: Vec<String> = token.into_iter().cloned().collect();
        let staged = self.staged_files(&tokens)?;
        let file = staged.first().map(|f| File {
            bytes: &f.bytes,
            name: f.name.as_deref(),
        });
        let out = f(file)?;
        self.unstage(&tokens);
        Ok(out)
    }

    /// Checks a document offered for the case (a report: PDF, Word, Markdown or HTML) and holds
    /// it until it is recorded. A file Casebook would refuse is refused now, saying why.
    pub fn stage_document(&self, bytes: &[u8], name: &str) -> Result<StagedDocument> {
        let media_type = document::media_type(bytes, name)?;
        let token = crate::audit::sha256_hex(bytes);
        self.hold(
            &token,
            crate::intake::File::bytes(Some(name.to_string()), bytes.to_vec()),
        )?;
        Ok(StagedDocument {
            token,
            name: name.to_string(),
            media_type,
        })
    }

    pub fn appoint_investigator(&self, reference: &str, i: InvestigatorInput) -> Result<Procedure> {
        self.record(reference, &CaseRecord::Investigator(i))
    }

    pub fn add_cost(&self, reference: &str, c: CostInput) -> Result<Procedure> {
        self.record(reference, &CaseRecord::Cost(c))
    }

    pub fn record_report(&self, reference: &str, r: ReportInput) -> Result<Procedure> {
        let which = records::report_kind(&r.which)?;
        let on = text::date("on", &r.on)?;
        self.with_staged(r.file.as_ref(), |file| {
            self.change_case(reference, |tx, s, id| {
                parties::report(tx, s, id, which, on, file).map(drop)
            })
        })
    }

    pub fn request_review(&self, reference: &str, r: ReviewRequestInput) -> Result<Procedure> {
        self.record(reference, &CaseRecord::ReviewRequest(r))
    }

    pub fn decide_review(&self, reference: &str, r: ReviewDecisionInput) -> Result<Procedure> {
        self.record(reference, &CaseRecord::ReviewDecision(r))
    }

    // ---- The Independent Persons register ----

    pub fn ip_register(&self) -> Result<IpRegister> {
        views::ip_register(self.db()?.conn(), self.today())
    }

    pub fn add_independent_person(&self, p: IndependentPersonInput) -> Result<IpRegister> {
        let p = p.into();
        self.write(|tx, s| independent_person::add(tx, s, &p).map(drop))?;
        self.ip_register()
    }

    pub fn update_independent_person(
        &self,
        id: i64,
        p: IndependentPersonInput,
    ) -> Result<IpRegister> {
        let p = p.into();
        self.write(|tx, s| independent_person::update(tx, s, id, &p).map(drop))?;
        self.ip_register()
    }

    pub fn save_council_address(&self, address: &str) -> Result<SettingsView> {
        self.write(|tx, s| {
            settings::set_text(tx, s, settings::COUNCIL_ADDRESS, address).map(drop)
        })?;
        self.settings()
    }

    // ---- Letters ----

    /// Keeps a letter the officer made (and perhaps edited) for case `reference`.
    pub fn save_letter(&self, reference: &str, letter: &NewLetter<'_>) -> Result<Letter> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        let k = crate::case::by_reference(db.conn(), reference)?;
        db.write(|tx| letters::save(tx, &stamp, k.id, letter))
    }

    /// Records that letter `id` of case `reference` was sent on `on` by `by` (email or post).
    pub fn letter_sent(&self, reference: &str, id: i64, on: &str, by: &str) -> Result<Procedure> {
        let (on, by) = (on.to_string(), by.to_string());
        self.record(reference, &CaseRecord::LetterSent { id, on, by })
    }

    /// Document `id` of case `reference` (what it is and the name to save it under, not its
    /// bytes); refused if it belongs to another case.
    pub fn document(&self, reference: &str, id: i64) -> Result<document::Document> {
        let db = self.db()?;
        let k = crate::case::by_reference(db.conn(), reference)?;
        let d = document::get(db.conn(), id)?;
        if d.case_id != k.id {
            return Err(Error::not_found(
                "case document",
                format!("{id} on {}", k.reference),
            ));
        }
        Ok(d)
    }

    /// Writes document `id` of case `reference` to `path` (its hash checked first) and records
    /// the look; returns the path written.
    pub fn export_document(&self, reference: &str, id: i64, path: &Path) -> Result<String> {
        let d = self.document(reference, id)?;
        let (_, bytes) = document::bytes(self.db()?.conn(), d.id)?;
        crate::files::write_whole(path, &bytes)?;
        let detail = format!("case document {id} ({}) to {}", d.file_name, path.display());
        self.looked(Look::ExportEvidence, Some(reference), &detail)?;
        Ok(path.display().to_string())
    }
}
