//! One officer's session at one database, as an interactive front end (the desktop app) holds it:
//! the open database, who changes are recorded as, and the files offered for a new complaint that
//! is not saved yet. Every operation the app offers is one method here, taking and giving the
//! transport types of [`crate::json`], so a front end only forwards calls.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

mod importing;
mod parties;
mod reading;
mod retention;
mod staging;
mod unlock;
pub use reading::OcrProgress;
pub use retention::retention_view;
pub use unlock::{strength, DbGuard, Start};

use chrono::{DateTime, NaiveDate, Utc};

use crate::access::{self, Look};
use crate::json::{
    AccountInput, AppInfo, CaptureInput, CaseFilter, CasePage, CaseRecord, CaseRow, ComplaintInput,
    ConfidentialityInput, ConsultationInput, CouncillorInput, ImportProgress, IntakeOptions,
    ListOptions, PublicationInput, SettingsView, StepInput,
};
use crate::procedure::{self, Move, Procedure};
use crate::views::{self, Detail};
use crate::{
    assessment, calendar, case, catalogue, councillor, demo, evidence, intake, notes, records,
    settings, text, verify, Error, Result, Stamp, Transaction,
};
use casebook_domain::redaction::Area;

/// Most files held for one complaint at once.
pub const MAX_STAGED: usize = 40;

/// The dashboard's "due soon" horizon: this week, in working days.
pub const DUE_SOON_WORKING_DAYS: u32 = 5;

pub struct Session {
    /// The database file: opened only once unlocked.
    path: PathBuf,
    /// The open database and the officer working, or neither while locked.
    lock: Mutex<unlock::Lock>,
    /// `--actor` / CASEBOOK_ACTOR: the officer this session must work as.
    given_actor: Option<String>,
    /// The computer login name: the first officer of a new database, and the one offered first.
    login: String,
    /// `--idle-lock-seconds`: the idle time, overriding Settings (kiosks and tests).
    idle_override: Option<u64>,
    /// The clock, passed in: nothing below the front end reads it.
    now: fn() -> DateTime<Utc>,
    /// Files offered for a new complaint, already checked, by token, until it is saved.
    staged: Mutex<HashMap<String, intake::File>>,
    /// How far the import running now has got, and whether the officer asked to stop it: read
    /// and set without the database's lock, which the import holds.
    importing: Mutex<ImportProgress>,
    cancel_import: AtomicBool,
    /// How far reading the screenshots has got (read without the database's lock).
    reading: Mutex<reading::OcrProgress>,
}

fn unavailable(what: &str) -> Error {
    Error::Unavailable(format!(
        "{what} is unavailable after an earlier failure; restart Casebook"
    ))
}

impl Session {
    /// A locked session on the database at `path` (which need not exist yet); it works as
    /// `given_actor` if given, else as the officer chosen when it is unlocked.
    pub fn new(
        path: PathBuf,
        given_actor: Option<String>,
        login: String,
        idle_override: Option<u64>,
        now: fn() -> DateTime<Utc>,
    ) -> Session {
        Session {
            path,
            lock: Mutex::new(unlock::Lock::new(now())),
            given_actor,
            login,
            idle_override,
            now,
            staged: Mutex::default(),
            importing: Mutex::default(),
            cancel_import: AtomicBool::new(false),
            reading: Mutex::default(),
        }
    }

    pub fn today(&self) -> NaiveDate {
        (self.now)().date_naive()
    }

    /// Runs `change` on case `reference` in one transaction, then returns where the case stands.
    fn change_case(
        &self,
        reference: &str,
        change: impl FnOnce(&Transaction<'_>, &Stamp, i64) -> Result<()>,
    ) -> Result<Procedure> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        let id = case::by_reference(db.conn(), reference)?.id;
        db.write(|tx| change(tx, &stamp, id))?;
        procedure::status(db.conn(), id, stamp.at.date_naive())
    }

    /// Runs `change` on case `reference` in one transaction, then returns the whole case.
    pub fn change_detail(
        &self,
        reference: &str,
        change: impl FnOnce(&Transaction<'_>, &Stamp, i64) -> Result<()>,
    ) -> Result<Detail> {
        self.change_streaming(reference, false, change)
    }

    /// [`Session::change_detail`]; with `streaming`, the change streams a video in (see
    /// [`casebook_store::Db::write_appending`]).
    fn change_streaming(
        &self,
        reference: &str,
        streaming: bool,
        change: impl FnOnce(&Transaction<'_>, &Stamp, i64) -> Result<()>,
    ) -> Result<Detail> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        let k = case::by_reference(db.conn(), reference)?;
        db.write_appending(streaming, |tx| change(tx, &stamp, k.id))?;
        views::case_detail(db.conn(), &k.reference, stamp.at.date_naive())
    }

    /// Runs `change` in one transaction as the officer, now.
    fn write<T>(&self, change: impl FnOnce(&Transaction<'_>, &Stamp) -> Result<T>) -> Result<T> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        db.write(|tx| change(tx, &stamp))
    }

    // ---- The database and the app ----

    pub fn info(&self) -> Result<AppInfo> {
        views::app_info(&*self.db()?)
    }

    /// Loads the demo council, then runs `hook` in the same transaction (the letters, which
    /// `casebook-papers` makes).
    pub fn load_demo(&self, hook: demo::Hook<'_>) -> Result<AppInfo> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        demo::load_with(&mut db, &stamp, hook)?;
        views::app_info(&db)
    }

    /// The whole integrity check: SQLite, the audit chain, every evidence hash, every record.
    pub fn verify(&self) -> Result<verify::Report> {
        verify::verify(self.db()?.conn())
    }

    /// The file name a backup made today is offered under.
    pub fn backup_file_name(&self) -> String {
        format!(
            "casebook-backup-{}.sqlite3",
            self.today().format("%Y-%m-%d")
        )
    }

    /// Writes a backup to `path`; returns the path written.
    pub fn backup(&self, path: &Path) -> Result<String> {
        self.db()?.backup(path)?;
        Ok(path.display().to_string())
    }

    // ---- Cases ----

    /// The case list; a search for words is recorded in the access log.
    pub fn list_cases(&self, filter: Option<CaseFilter>) -> Result<Vec<CaseRow>> {
        let filter: case::Filter = filter.unwrap_or_default().into();
        let mut db = self.db()?;
        let rows = case::list(db.conn(), &filter)?;
        if let Some(words) = filter.words.as_deref().filter(|w| !w.trim().is_empty()) {
            let stamp = db.stamp();
            db.look(&stamp, Look::Search, None, words)?;
        }
        Ok(rows.into_iter().map(CaseRow::from).collect())
    }

    /// One page of the case list, filtered and sorted by the core; a search for words is recorded
    /// in the access log (once, for the first page).
    pub fn list_case_page(
        &self,
        filter: Option<CaseFilter>,
        sort: case::Sort,
        offset: u32,
        limit: u32,
    ) -> Result<CasePage> {
        let filter: case::Filter = filter.unwrap_or_default().into();
        let mut db = self.db()?;
        let page = case::page(db.conn(), &filter, sort, offset, limit)?;
        if let Some(words) = filter.words.as_deref().filter(|w| !w.trim().is_empty()) {
            if offset == 0 {
                let stamp = db.stamp();
                db.look(&stamp, Look::Search, None, words)?;
            }
        }
        Ok(page.into())
    }

    pub fn list_options(&self) -> Result<ListOptions> {
        views::list_options(self.db()?.conn())
    }

    pub fn dashboard(&self) -> Result<crate::json::Dashboard> {
        views::dashboard(self.db()?.conn(), self.today(), DUE_SOON_WORKING_DAYS)
    }

    /// Everything overdue or due soon (the dashboard shows the first of each).
    pub fn due_lists(&self) -> Result<crate::json::DueLists> {
        views::due_lists(self.db()?.conn(), self.today(), DUE_SOON_WORKING_DAYS)
    }

    /// The whole case, after recording in the access log that the officer opened it (so the
    /// list of who has opened it includes this look).
    pub fn case_detail(&self, reference: &str) -> Result<Detail> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        let reference = case::by_reference(db.conn(), reference)?.reference;
        db.look(&stamp, Look::OpenCase, Some(&reference), "case view")?;
        views::case_detail(db.conn(), &reference, self.today())
    }

    /// Records in the access log that the officer working made `look`.
    pub fn looked(&self, look: Look, reference: Option<&str>, detail: &str) -> Result<()> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        db.look(&stamp, look, reference, detail)
    }

    /// The access log entries at case `reference`, oldest first.
    pub fn case_access(&self, reference: &str) -> Result<Vec<access::Access>> {
        let db = self.db()?;
        let reference = case::by_reference(db.conn(), reference)?.reference;
        let filter = access::Filter {
            reference: Some(reference),
            ..access::Filter::default()
        };
        access::list(db.conn(), &filter)
    }

    pub fn set_summary(&self, reference: &str, summary: &str) -> Result<Detail> {
        self.change_detail(reference, |tx, s, id| {
            case::set_summary(tx, s, id, summary).map(drop)
        })
    }

    pub fn link_case(&self, reference: &str, other: &str, kind: &str) -> Result<Detail> {
        let other_id = case::by_reference(self.db()?.conn(), other)
            .map_err(|_| Error::invalid("other", format!("no case {}", other.trim())))?
            .id;
        self.change_detail(reference, |tx, s, id| case::link(tx, s, id, other_id, kind))
    }

    pub fn add_note(&self, reference: &str, body: &str) -> Result<Detail> {
        self.change_detail(reference, |tx, s, id| notes::add(tx, s, id, body).map(drop))
    }

    /// Rewrites note `id`, which must be on case `reference`.
    pub fn edit_note(&self, reference: &str, id: i64, body: &str) -> Result<Detail> {
        self.change_detail(reference, |tx, s, case_id| {
            if !notes::list(tx, case_id)?.iter().any(|n| n.id == id) {
                return Err(Error::not_found("note", format!("{id} on {reference}")));
            }
            notes::edit(tx, s, id, body).map(drop)
        })
    }

    // ---- The procedure ----

    pub fn record_step(&self, reference: &str, step: StepInput) -> Result<Procedure> {
        let m = Move {
            on: text::date("on", &step.on)?,
            stage: step.stage,
            outcome: step.outcome,
            actions: step.actions,
            reason: step.reason,
        };
        self.change_case(reference, |tx, s, id| {
            procedure::advance(tx, s, id, &m).map(drop)
        })
    }

    pub fn undo_step(&self, reference: &str, reason: &str) -> Result<Procedure> {
        let reason = reason.to_string();
        self.record(reference, &CaseRecord::Undo { reason })
    }

    pub fn add_consultation(&self, reference: &str, c: ConsultationInput) -> Result<Procedure> {
        self.record(reference, &CaseRecord::Consultation(c))
    }

    pub fn pause_clock(
        &self,
        reference: &str,
        on: &str,
        reason: &str,
        note: Option<&str>,
    ) -> Result<Procedure> {
        let (on, reason, note) = (on.into(), reason.into(), note.map(String::from));
        self.record(reference, &CaseRecord::Pause { on, reason, note })
    }

    pub fn resume_clock(&self, reference: &str, on: &str, note: Option<&str>) -> Result<Procedure> {
        let (on, note) = (on.into(), note.map(String::from));
        self.record(reference, &CaseRecord::Resume { on, note })
    }

    pub fn decide_confidentiality(
        &self,
        reference: &str,
        d: ConfidentialityInput,
    ) -> Result<Procedure> {
        self.record(reference, &CaseRecord::Confidentiality(d))
    }

    /// Makes one of the procedure's records on case `reference` ([`records::apply`]).
    pub fn record(&self, reference: &str, record: &CaseRecord) -> Result<Procedure> {
        self.change_case(reference, |tx, s, id| records::apply(tx, s, id, record))
    }

    // ---- Assessment ----

    /// The items of a guidance catalogue version, in order.
    pub fn catalogue_items(&self, version_id: i64) -> Result<Vec<catalogue::Item>> {
        catalogue::items(self.db()?.conn(), version_id)
    }

    pub fn catalogue_versions(&self) -> Result<Vec<catalogue::Version>> {
        catalogue::versions(self.db()?.conn())
    }

    /// Reads a catalogue version (JSON) from `path` and adds it.
    pub fn add_catalogue_version(&self, path: &Path) -> Result<catalogue::Version> {
        let new = catalogue::read_version_file(path)?;
        self.write(|tx, s| catalogue::add_version(tx, s, &new))
    }

    pub fn set_tag(&self, reference: &str, code: &str, note: Option<&str>) -> Result<Detail> {
        self.change_detail(reference, |tx, s, id| {
            assessment::tag(tx, s, id, code, note).map(drop)
        })
    }

    pub fn remove_tag(&self, reference: &str, code: &str) -> Result<Detail> {
        self.change_detail(reference, |tx, s, id| assessment::untag(tx, s, id, code))
    }

    pub fn answer_indicator(
        &self,
        reference: &str,
        code: &str,
        answer: &str,
        note: Option<&str>,
    ) -> Result<Detail> {
        self.change_detail(reference, |tx, s, id| {
            assessment::answer_indicator(tx, s, id, code, answer, note)
        })
    }

    pub fn determine_capacity(
        &self,
        reference: &str,
        determination: &str,
        reasons: Option<&str>,
    ) -> Result<Detail> {
        self.change_detail(reference, |tx, s, id| {
            assessment::determine(tx, s, id, determination, reasons)
        })
    }

    // ---- Evidence and intake ----

    /// An evidence item's original bytes.
    /// An evidence item's original bytes, for viewing it; the view is recorded in the access log.
    pub fn evidence_bytes(&self, id: i64) -> Result<Vec<u8>> {
        self.evidence_look(id, Look::ViewEvidence, &format!("evidence {id}"))
    }

    /// Evidence item `id`'s bytes, after recording `look` at it.
    fn evidence_look(&self, id: i64, look: Look, detail: &str) -> Result<Vec<u8>> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        let item = evidence::get(db.conn(), id)?;
        let reference = case::get(db.conn(), item.case_id)?.reference;
        let bytes = evidence::bytes(db.conn(), id)?;
        db.look(&stamp, look, Some(&reference), detail)?;
        Ok(bytes)
    }

    /// An image evidence item's JPEG thumbnail; empty if it has none.
    pub fn evidence_thumbnail(&self, id: i64) -> Result<Vec<u8>> {
        Ok(evidence::thumbnail(self.db()?.conn(), id)?.unwrap_or_default())
    }

    /// The name an exported original is offered under: its own, else `evidence-ID`.
    pub fn evidence_file_name(&self, id: i64) -> Result<String> {
        let item = evidence::get(self.db()?.conn(), id)?;
        Ok(item
            .original_name
            .unwrap_or_else(|| format!("evidence-{id}")))
    }

    /// Writes evidence item `id`'s original bytes to `path`; returns the path written.
    pub fn export_evidence(&self, id: i64, path: &Path) -> Result<String> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        let item = evidence::get(db.conn(), id)?;
        let reference = case::get(db.conn(), item.case_id)?.reference;
        // Copied out a part at a time (a video is never held whole), whole or not at all.
        crate::files::write_whole_with(path, &mut |w| evidence::copy(db.conn(), id, w).map(drop))?;
        let detail = format!("evidence {id} to {}", path.display());
        db.look(&stamp, Look::ExportEvidence, Some(&reference), &detail)?;
        Ok(path.display().to_string())
    }

    pub fn intake_options(&self) -> Result<IntakeOptions> {
        views::intake_options(self.db()?.conn())
    }

    /// Saves a new complaint, its councillor if new, the post's text and the offered files in one
    /// step; returns its reference.
    pub fn log_complaint(&self, complaint: ComplaintInput) -> Result<String> {
        let tokens = complaint.files.clone();
        let new = complaint.into_intake(self.staged_files(&tokens)?)?;
        let created = {
            let mut db = self.db()?;
            let stamp = db.stamp();
            let streams = intake::streams(&new.files);
            db.write_appending(streams, |tx| intake::log(tx, &stamp, &new))?
        };
        self.unstage(&tokens);
        Ok(created.reference)
    }

    /// Adds offered files, and the post's text if given, to an existing case.
    pub fn add_evidence(
        &self,
        reference: &str,
        files: &[String],
        post_text: Option<&str>,
        capture: Option<CaptureInput>,
    ) -> Result<Detail> {
        let staged = self.staged_files(files)?;
        let post_url = case::by_reference(self.db()?.conn(), reference)?.post_url;
        let capture = capture.unwrap_or_default().into_capture(post_url)?;
        let detail = self.change_streaming(reference, intake::streams(&staged), |tx, s, id| {
            intake::attach(tx, s, id, post_text, &staged, &capture)
        })?;
        self.unstage(files);
        Ok(detail)
    }

    /// Adds an offered file as a redacted copy of evidence item `original`.
    pub fn add_redacted_copy(&self, reference: &str, original: i64, file: &str) -> Result<Detail> {
        let tokens = [file.to_string()];
        let staged = self.staged_files(&tokens)?;
        let capture = evidence::Capture {
            derived_from: Some(original),
            description: Some(format!("Redacted copy of evidence item {original}")),
            ..evidence::Capture::default()
        };
        let detail = self.change_detail(reference, |tx, s, id| {
            intake::attach(tx, s, id, None, &staged, &capture)
        })?;
        self.unstage(&tokens);
        Ok(detail)
    }

    /// Makes a redacted copy of evidence item `original` with each of `areas` covered, for
    /// `reason` ([`intake::redact`]).
    pub fn redact_evidence(
        &self,
        reference: &str,
        original: i64,
        areas: &[Area],
        reason: &str,
    ) -> Result<Detail> {
        self.change_detail(reference, |tx, s, id| {
            intake::redact(tx, s, id, original, areas, reason)
        })
    }

    // ---- Committee-paper marks on a case ----

    pub fn set_publication(&self, reference: &str, p: PublicationInput) -> Result<Detail> {
        self.record_detail(reference, &CaseRecord::Publication(p))
    }

    pub fn flag_gap(&self, reference: &str, item: Option<&str>, note: &str) -> Result<Detail> {
        let (item, note) = (item.map(String::from), note.to_string());
        self.record_detail(reference, &CaseRecord::Gap { item, note })
    }

    /// Takes back guidance-gap flag `id`, which must be on case `reference`.
    pub fn remove_gap(&self, reference: &str, id: i64, reason: &str) -> Result<Detail> {
        let reason = reason.to_string();
        self.record_detail(reference, &CaseRecord::RemoveGap { id, reason })
    }

    /// Makes one of the procedure's records on case `reference`; the whole case after it.
    fn record_detail(&self, reference: &str, record: &CaseRecord) -> Result<Detail> {
        self.change_detail(reference, |tx, s, id| records::apply(tx, s, id, record))
    }

    /// Sets the publication rule and the review's recommendations together.
    pub fn save_report_settings(&self, rule: &str, recommendations: &str) -> Result<()> {
        self.write(|tx, s| {
            settings::set_text(tx, s, settings::PUBLICATION_RULE, rule)?;
            settings::set_text(tx, s, settings::REVIEW_RECOMMENDATIONS, recommendations)?;
            Ok(())
        })
    }

    // ---- Councillors ----

    pub fn councillors(&self) -> Result<Vec<councillor::Councillor>> {
        councillor::list(self.db()?.conn())
    }

    pub fn add_councillor(&self, c: CouncillorInput) -> Result<councillor::Councillor> {
        let new = c.into_new()?;
        self.write(|tx, s| councillor::add(tx, s, &new))
    }

    pub fn add_account(&self, id: i64, a: AccountInput) -> Result<councillor::Councillor> {
        let new = a.into();
        self.write(|tx, s| councillor::add_account(tx, s, id, &new))?;
        councillor::get(self.db()?.conn(), id)
    }

    // ---- Settings ----

    pub fn settings(&self) -> Result<SettingsView> {
        let db = self.db()?;
        let given = self.given_actor.is_some();
        views::settings(&db, db.stamp().actor, given, self.today())
    }

    pub fn save_names(&self, council_name: &str, officer_name: &str) -> Result<SettingsView> {
        self.write(|tx, s| {
            settings::set_text(tx, s, settings::COUNCIL_NAME, council_name)?;
            settings::set_text(tx, s, settings::OFFICER_NAME, officer_name).map(drop)
        })?;
        self.settings()
    }

    pub fn set_target(&self, key: &str, value: &str) -> Result<SettingsView> {
        self.write(|tx, s| settings::set(tx, s, key, value))?;
        self.settings()
    }

    pub fn holidays(&self, year: i32) -> Result<Vec<calendar::Holiday>> {
        views::holidays(self.db()?.conn(), year)
    }

    pub fn add_holiday(&self, date: &str, name: &str) -> Result<()> {
        let day = text::date("date", date)?;
        self.write(|tx, s| calendar::add_holiday(tx, s, day, name))
    }

    pub fn remove_holiday(&self, date: &str, reason: &str) -> Result<()> {
        let day = text::date("date", date)?;
        self.write(|tx, s| calendar::remove_holiday(tx, s, day, reason))
    }
}
