//! Tauri commands: each takes the state, calls the core, and maps the error. No SQL or rules here.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use chrono::Utc;
use tauri::State;

use casebook::councillor::NewCouncillor;
use casebook::procedure::{self, Move, NewConsultation, Procedure};
use casebook::{
    assessment, audit, calendar, case, catalogue, councillor, db, demo, evidence, import, intake,
    notes, settings, text, verify, Db, Stamp,
};

use crate::dto::{
    AccountInput, AppInfo, CaptureInput, CaseFilter, CaseRow, ComplaintInput, ConfidentialityInput,
    ConsultationInput, CouncillorInput, Dashboard, ImportCheck, IntakeOptions, ListOptions,
    ProcedureOptions, SettingsView, StagedFile, StepInput,
};
use crate::error::{CommandError, CommandResult};
use crate::{dialogs, dto};

pub struct AppState {
    db: Mutex<Db>,
    /// Held while the app runs: one window per database.
    _lock: std::fs::File,
    /// `--actor` / CASEBOOK_ACTOR: recorded in the audit trail whatever Settings say.
    given_actor: Option<String>,
    /// The officer name from Settings.
    officer: Mutex<Option<String>>,
    login: String,
    /// Files offered for a new complaint, already checked, by token, until it is saved.
    staged: Mutex<HashMap<String, intake::File>>,
}

impl AppState {
    pub fn new(
        db: Db,
        lock: std::fs::File,
        given_actor: Option<String>,
        officer: Option<String>,
        login: String,
    ) -> AppState {
        AppState {
            db: Mutex::new(db),
            _lock: lock,
            given_actor,
            officer: Mutex::new(officer),
            login,
            staged: Mutex::default(),
        }
    }

    /// Who changes are recorded as: `--actor`, else the officer name in Settings, else the login.
    fn actor(&self) -> String {
        let officer = self.officer.lock().ok().and_then(|o| o.clone());
        self.given_actor
            .clone()
            .or(officer)
            .unwrap_or_else(|| self.login.clone())
    }

    pub(crate) fn db(&self) -> CommandResult<MutexGuard<'_, Db>> {
        self.db.lock().map_err(|_| {
            CommandError::internal(
                "the database is unavailable after an earlier failure; restart Casebook",
            )
        })
    }

    pub(crate) fn stamp(&self) -> Stamp {
        Stamp::new(self.actor(), Utc::now())
    }

    /// Runs `change` on case `reference` in one transaction, then returns where the case stands.
    fn change_case(
        &self,
        reference: &str,
        change: impl FnOnce(&casebook::Transaction<'_>, &Stamp, i64) -> casebook::Result<()>,
    ) -> CommandResult<Procedure> {
        let mut db = self.db()?;
        let stamp = self.stamp();
        let id = case::by_reference(db.conn(), reference)?.id;
        db.write(|tx| change(tx, &stamp, id))?;
        Ok(procedure::status(db.conn(), id, stamp.at.date_naive())?)
    }
}

impl AppState {
    /// Runs `change` on case `reference` in one transaction, then returns the whole case.
    pub(crate) fn change_detail(
        &self,
        reference: &str,
        change: impl FnOnce(&casebook::Transaction<'_>, &Stamp, i64) -> casebook::Result<()>,
    ) -> CommandResult<casebook::views::Detail> {
        let mut db = self.db()?;
        let stamp = self.stamp();
        let k = case::by_reference(db.conn(), reference)?;
        db.write(|tx| change(tx, &stamp, k.id))?;
        Ok(casebook::views::case_detail(
            db.conn(),
            &k.reference,
            stamp.at.date_naive(),
        )?)
    }
}

impl AppState {
    /// The files offered (by `stage_file`) under these tokens.
    fn staged_files(&self, tokens: &[String]) -> CommandResult<Vec<intake::File>> {
        let staged = self.staged.lock().map_err(|_| {
            CommandError::internal("the list of offered files is unavailable; restart Casebook")
        })?;
        tokens
            .iter()
            .map(|t| {
                staged.get(t).cloned().ok_or_else(|| {
                    casebook::Error::invalid("files", "a file is no longer held; add it again")
                        .into()
                })
            })
            .collect()
    }

    /// Holds an offered (and checked) file until it is stored; returns its token (its SHA-256).
    fn stage(&self, bytes: &[u8], name: Option<String>) -> CommandResult<String> {
        let token = audit::sha256_hex(bytes);
        let mut staged = self.staged.lock().map_err(|_| {
            CommandError::internal("the list of offered files is unavailable; restart Casebook")
        })?;
        if staged.len() >= MAX_STAGED && !staged.contains_key(&token) {
            return Err(casebook::Error::invalid(
                "files",
                format!("at most {MAX_STAGED} files can be offered at once"),
            )
            .into());
        }
        let file = intake::File {
            name,
            bytes: bytes.to_vec(),
        };
        staged.insert(token.clone(), file);
        Ok(token)
    }

    /// Lets go of offered files once they are stored.
    fn unstage(&self, tokens: &[String]) {
        if let Ok(mut staged) = self.staged.lock() {
            for t in tokens {
                staged.remove(t);
            }
        }
    }
}

/// The dashboard's "due soon" horizon: this week, in working days.
const DUE_SOON_WORKING_DAYS: u32 = 5;

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    let db = state.db()?;
    info(&db)
}

#[tauri::command(async)]
pub fn list_cases(
    state: State<'_, AppState>,
    filter: Option<CaseFilter>,
) -> CommandResult<Vec<CaseRow>> {
    let db = state.db()?;
    let rows = case::list(db.conn(), &filter.unwrap_or_default().into())?;
    Ok(rows.into_iter().map(CaseRow::from).collect())
}

#[tauri::command(async)]
pub fn list_options(state: State<'_, AppState>) -> CommandResult<ListOptions> {
    Ok(ListOptions::load(state.db()?.conn())?)
}

#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    let mut db = state.db()?;
    demo::load(&mut db, &state.stamp())?;
    info(&db)
}

#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> CommandResult<Dashboard> {
    let today = state.stamp().at.date_naive();
    Ok(Dashboard::load(
        state.db()?.conn(),
        today,
        DUE_SOON_WORKING_DAYS,
    )?)
}

#[tauri::command(async)]
pub fn case_detail(
    state: State<'_, AppState>,
    reference: String,
) -> CommandResult<casebook::views::Detail> {
    let db = state.db()?;
    Ok(casebook::views::case_detail(
        db.conn(),
        &reference,
        state.stamp().at.date_naive(),
    )?)
}

#[tauri::command]
pub fn procedure_options() -> ProcedureOptions {
    ProcedureOptions::new()
}

#[tauri::command(async)]
pub fn record_step(
    state: State<'_, AppState>,
    reference: String,
    step: StepInput,
) -> CommandResult<Procedure> {
    let m = Move {
        on: text::date("on", &step.on)?,
        stage: step.stage,
        outcome: step.outcome,
        actions: step.actions,
        reason: step.reason,
    };
    state.change_case(&reference, |tx, s, id| {
        procedure::advance(tx, s, id, &m).map(drop)
    })
}

#[tauri::command(async)]
pub fn undo_step(
    state: State<'_, AppState>,
    reference: String,
    reason: String,
) -> CommandResult<Procedure> {
    state.change_case(&reference, |tx, s, id| {
        procedure::undo_last(tx, s, id, &reason).map(drop)
    })
}

#[tauri::command(async)]
pub fn add_consultation(
    state: State<'_, AppState>,
    reference: String,
    consultation: ConsultationInput,
) -> CommandResult<Procedure> {
    let c = NewConsultation {
        person: consultation.person,
        consulted_on: text::date("consulted_on", &consultation.on)?,
        stage: consultation.stage,
        views: consultation.views,
    };
    state.change_case(&reference, |tx, s, id| {
        procedure::add_consultation(tx, s, id, &c).map(drop)
    })
}

#[tauri::command(async)]
pub fn pause_clock(
    state: State<'_, AppState>,
    reference: String,
    on: String,
    reason: String,
    note: Option<String>,
) -> CommandResult<Procedure> {
    let on = text::date("on", &on)?;
    state.change_case(&reference, |tx, s, id| {
        procedure::pause(tx, s, id, on, &reason, note.as_deref()).map(drop)
    })
}

#[tauri::command(async)]
pub fn resume_clock(
    state: State<'_, AppState>,
    reference: String,
    on: String,
    note: Option<String>,
) -> CommandResult<Procedure> {
    let on = text::date("on", &on)?;
    state.change_case(&reference, |tx, s, id| {
        procedure::resume(tx, s, id, on, note.as_deref()).map(drop)
    })
}

#[tauri::command(async)]
pub fn decide_confidentiality(
    state: State<'_, AppState>,
    reference: String,
    decision: ConfidentialityInput,
) -> CommandResult<Procedure> {
    let on = text::date("decided_on", &decision.on)?;
    state.change_case(&reference, |tx, s, id| {
        procedure::decide_confidentiality(
            tx,
            s,
            id,
            &decision.decision,
            &decision.decided_by,
            on,
            &decision.grounds,
        )
        .map(drop)
    })
}

/// The items of a guidance catalogue version, in order (the assessment lists show their words).
#[tauri::command(async)]
pub fn catalogue_items(
    state: State<'_, AppState>,
    version_id: i64,
) -> CommandResult<Vec<catalogue::Item>> {
    Ok(catalogue::items(state.db()?.conn(), version_id)?)
}

#[tauri::command(async)]
pub fn set_tag(
    state: State<'_, AppState>,
    reference: String,
    code: String,
    note: Option<String>,
) -> CommandResult<casebook::views::Detail> {
    state.change_detail(&reference, |tx, s, id| {
        assessment::tag(tx, s, id, &code, note.as_deref()).map(drop)
    })
}

#[tauri::command(async)]
pub fn remove_tag(
    state: State<'_, AppState>,
    reference: String,
    code: String,
) -> CommandResult<casebook::views::Detail> {
    state.change_detail(&reference, |tx, s, id| assessment::untag(tx, s, id, &code))
}

#[tauri::command(async)]
pub fn answer_indicator(
    state: State<'_, AppState>,
    reference: String,
    code: String,
    answer: String,
    note: Option<String>,
) -> CommandResult<casebook::views::Detail> {
    state.change_detail(&reference, |tx, s, id| {
        assessment::answer_indicator(tx, s, id, &code, &answer, note.as_deref())
    })
}

#[tauri::command(async)]
pub fn determine_capacity(
    state: State<'_, AppState>,
    reference: String,
    determination: String,
    reasons: Option<String>,
) -> CommandResult<casebook::views::Detail> {
    state.change_detail(&reference, |tx, s, id| {
        assessment::determine(tx, s, id, &determination, reasons.as_deref())
    })
}

/// An evidence item's original bytes, sent raw (the UI shows them through a blob: URL).
#[tauri::command(async)]
pub fn evidence_file(state: State<'_, AppState>, id: i64) -> CommandResult<tauri::ipc::Response> {
    Ok(tauri::ipc::Response::new(evidence::bytes(
        state.db()?.conn(),
        id,
    )?))
}

/// An image evidence item's JPEG thumbnail, raw; empty if it has none.
#[tauri::command(async)]
pub fn evidence_thumbnail(
    state: State<'_, AppState>,
    id: i64,
) -> CommandResult<tauri::ipc::Response> {
    let thumb = evidence::thumbnail(state.db()?.conn(), id)?.unwrap_or_default();
    Ok(tauri::ipc::Response::new(thumb))
}

/// Most files held for one complaint at once.
const MAX_STAGED: usize = 40;

/// Checks a file offered for a new complaint (raw bytes; its name in the `x-file-name` header,
/// percent-encoded) and holds it until the complaint is saved. A file Casebook would refuse is
/// refused now, naming the file and why.
/// Checks a file offered for a new complaint (raw bytes; its name in the `x-file-name` header,
/// percent-encoded) and holds it until the complaint is saved. A file Casebook would refuse is
/// refused now, naming the file and why.
#[tauri::command(async)]
pub fn stage_file(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> CommandResult<StagedFile> {
    let (bytes, name) = dto::offered_file(&request)?;
    let checked = evidence::check(bytes, name.as_deref()).map_err(|e| dto::name_file(e, &name))?;
    let token = state.stage(bytes, name.clone())?;
    Ok(StagedFile {
        token,
        name,
        checked,
    })
}

#[tauri::command(async)]
pub fn intake_options(state: State<'_, AppState>) -> CommandResult<IntakeOptions> {
    Ok(IntakeOptions::load(state.db()?.conn())?)
}

/// Saves a new complaint, its councillor if new, the post's text and the offered files in one
/// step; returns its reference.
#[tauri::command(async)]
pub fn log_complaint(
    state: State<'_, AppState>,
    complaint: ComplaintInput,
) -> CommandResult<String> {
    let files = {
        let staged = state.staged.lock().map_err(|_| {
            CommandError::internal("the list of offered files is unavailable; restart Casebook")
        })?;
        complaint
            .files
            .iter()
            .map(|t| {
                staged.get(t).cloned().ok_or_else(|| {
                    casebook::Error::invalid("files", "a file is no longer held; add it again")
                })
            })
            .collect::<Result<Vec<_>, _>>()?
    };
    let tokens = complaint.files.clone();
    let new = complaint.into_intake(files)?;
    let stamp = state.stamp();
    let created = state.db()?.write(|tx| intake::log(tx, &stamp, &new))?;
    state.unstage(&tokens);
    Ok(created.reference)
}

#[tauri::command(async)]
pub fn settings_get(state: State<'_, AppState>) -> CommandResult<SettingsView> {
    let (actor, given) = (state.actor(), state.given_actor.is_some());
    Ok(SettingsView::load(&*state.db()?, actor, given)?)
}

#[tauri::command(async)]
pub fn save_names(
    state: State<'_, AppState>,
    council_name: String,
    officer_name: String,
) -> CommandResult<SettingsView> {
    {
        let mut db = state.db()?;
        let stamp = state.stamp();
        let officer = db.write(|tx| {
            settings::set_text(tx, &stamp, settings::COUNCIL_NAME, &council_name)?;
            Ok(settings::set_text(tx, &stamp, settings::OFFICER_NAME, &officer_name)?.value)
        })?;
        if let Ok(mut o) = state.officer.lock() {
            *o = officer;
        }
    }
    settings_get(state)
}

#[tauri::command(async)]
pub fn set_target(
    state: State<'_, AppState>,
    key: String,
    value: String,
) -> CommandResult<SettingsView> {
    {
        let mut db = state.db()?;
        let stamp = state.stamp();
        db.write(|tx| settings::set(tx, &stamp, &key, &value))?;
    }
    settings_get(state)
}

#[tauri::command(async)]
pub fn holidays(state: State<'_, AppState>, year: i32) -> CommandResult<Vec<calendar::Holiday>> {
    if !(2000..=2100).contains(&year) {
        return Err(casebook::Error::invalid(
            "year",
            format!("{year} is not a year from 2000 to 2100"),
        )
        .into());
    }
    Ok(calendar::load(state.db()?.conn())?.holidays(year))
}

#[tauri::command(async)]
pub fn add_holiday(state: State<'_, AppState>, date: String, name: String) -> CommandResult<()> {
    let day = text::date("date", &date)?;
    let stamp = state.stamp();
    Ok(state
        .db()?
        .write(|tx| calendar::add_holiday(tx, &stamp, day, &name))?)
}

#[tauri::command(async)]
pub fn remove_holiday(
    state: State<'_, AppState>,
    date: String,
    reason: String,
) -> CommandResult<()> {
    let day = text::date("date", &date)?;
    let stamp = state.stamp();
    Ok(state
        .db()?
        .write(|tx| calendar::remove_holiday(tx, &stamp, day, &reason))?)
}

/// The whole integrity check: SQLite, the audit chain, every evidence hash, every record.
#[tauri::command(async)]
pub fn verify_database(state: State<'_, AppState>) -> CommandResult<verify::Report> {
    Ok(verify::verify(state.db()?.conn())?)
}

/// Asks where to save a backup (the system's save dialog), writes it, and returns its path;
/// `None` if the officer cancelled.
#[tauri::command(async)]
pub fn backup_database(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<String>> {
    let name = format!("casebook-backup-{}.sqlite3", Utc::now().format("%Y-%m-%d"));
    let filter = ("SQLite database", &["sqlite3"][..]);
    let Some(path) = dialogs::save_to(&app, "Back up the Casebook database", &name, Some(filter))?
    else {
        return Ok(None);
    };
    state.db()?.backup(&path)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command(async)]
pub fn add_note(
    state: State<'_, AppState>,
    reference: String,
    body: String,
) -> CommandResult<casebook::views::Detail> {
    state.change_detail(&reference, |tx, s, id| {
        notes::add(tx, s, id, &body).map(drop)
    })
}

#[tauri::command(async)]
pub fn councillors(state: State<'_, AppState>) -> CommandResult<Vec<councillor::Councillor>> {
    Ok(councillor::list(state.db()?.conn())?)
}

#[tauri::command(async)]
pub fn add_councillor(
    state: State<'_, AppState>,
    councillor: CouncillorInput,
) -> CommandResult<councillor::Councillor> {
    let new = NewCouncillor {
        term_start: text::optional_date("term_start", councillor.term_start.as_deref())?,
        term_end: text::optional_date("term_end", councillor.term_end.as_deref())?,
        name: councillor.name,
        council: councillor.council,
        ward: councillor.ward,
        party: councillor.party,
        co_opted: councillor.co_opted,
    };
    let stamp = state.stamp();
    Ok(state.db()?.write(|tx| councillor::add(tx, &stamp, &new))?)
}

#[tauri::command(async)]
pub fn add_account(
    state: State<'_, AppState>,
    councillor_id: i64,
    account: AccountInput,
) -> CommandResult<councillor::Councillor> {
    let new = councillor::NewAccount {
        platform: account.platform,
        handle: account.handle,
        profile_says_councillor: account.profile_says_councillor,
        account_use: account.account_use,
        visibility: account.visibility,
    };
    let stamp = state.stamp();
    let mut db = state.db()?;
    db.write(|tx| councillor::add_account(tx, &stamp, councillor_id, &new))?;
    Ok(councillor::get(db.conn(), councillor_id)?)
}

#[tauri::command(async)]
pub fn catalogue_versions(state: State<'_, AppState>) -> CommandResult<Vec<catalogue::Version>> {
    Ok(catalogue::versions(state.db()?.conn())?)
}

/// Adds files offered with `stage_file`, and the post's text if given, to an existing case.
#[tauri::command(async)]
pub fn add_evidence(
    state: State<'_, AppState>,
    reference: String,
    files: Vec<String>,
    post_text: Option<String>,
    capture: Option<CaptureInput>,
) -> CommandResult<casebook::views::Detail> {
    let staged = state.staged_files(&files)?;
    let post_url = case::by_reference(state.db()?.conn(), &reference)?.post_url;
    let capture = capture.unwrap_or_default().into_capture(post_url)?;
    let detail = state.change_detail(&reference, |tx, s, id| {
        intake::attach(tx, s, id, post_text.as_deref(), &staged, &capture)
    })?;
    state.unstage(&files);
    Ok(detail)
}

#[tauri::command(async)]
pub fn set_summary(
    state: State<'_, AppState>,
    reference: String,
    summary: String,
) -> CommandResult<casebook::views::Detail> {
    state.change_detail(&reference, |tx, s, id| {
        case::set_summary(tx, s, id, &summary).map(drop)
    })
}

#[tauri::command(async)]
pub fn edit_note(
    state: State<'_, AppState>,
    reference: String,
    id: i64,
    body: String,
) -> CommandResult<casebook::views::Detail> {
    state.change_detail(&reference, |tx, s, case_id| {
        if !notes::list(tx, case_id)?.iter().any(|n| n.id == id) {
            return Err(casebook::Error::not_found(
                "note",
                format!("{id} on {reference}"),
            ));
        }
        notes::edit(tx, s, id, &body).map(drop)
    })
}

/// Adds a file offered with `stage_file` as a redacted copy of evidence item `original`.
#[tauri::command(async)]
pub fn add_redacted_copy(
    state: State<'_, AppState>,
    reference: String,
    original: i64,
    file: String,
) -> CommandResult<casebook::views::Detail> {
    let tokens = [file];
    let staged = state.staged_files(&tokens)?;
    let capture = evidence::Capture {
        derived_from: Some(original),
        description: Some(format!("Redacted copy of evidence item {original}")),
        ..evidence::Capture::default()
    };
    let detail = state.change_detail(&reference, |tx, s, id| {
        intake::attach(tx, s, id, None, &staged, &capture)
    })?;
    state.unstage(&tokens);
    Ok(detail)
}

#[tauri::command(async)]
pub fn link_case(
    state: State<'_, AppState>,
    reference: String,
    other: String,
    kind: String,
) -> CommandResult<casebook::views::Detail> {
    let other_id = case::by_reference(state.db()?.conn(), &other)
        .map_err(|_| casebook::Error::invalid("other", format!("no case {}", other.trim())))?
        .id;
    state.change_detail(&reference, |tx, s, id| {
        case::link(tx, s, id, other_id, &kind)
    })
}

/// Saves an evidence item's original bytes where the officer chooses; the path, or `None` if
/// cancelled.
#[tauri::command(async)]
pub fn export_evidence(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> CommandResult<Option<String>> {
    let item = evidence::get(state.db()?.conn(), id)?;
    let name = item
        .original_name
        .unwrap_or_else(|| format!("evidence-{id}"));
    let Some(path) = dialogs::save_to(&app, "Export the original", &name, None)? else {
        return Ok(None);
    };
    let bytes = evidence::bytes(state.db()?.conn(), id)?;
    std::fs::write(&path, bytes).map_err(|e| casebook::Error::io(&path, e))?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a complaints log (CSV) and checks every row without storing anything.
/// Asks for a complaints log (CSV) and checks every row without storing anything.
#[tauri::command(async)]
pub fn check_import(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<ImportCheck>> {
    let Some(path) = dialogs::pick(&app, "Import a complaints log", ("CSV", &["csv"]))? else {
        return Ok(None);
    };
    let result = import::import_file(&mut *state.db()?, &state.stamp(), &path, true);
    Ok(Some(ImportCheck::from_result(
        path.display().to_string(),
        result,
    )?))
}

/// Imports the complaints log checked by `check_import` (all rows or none).
#[tauri::command(async)]
pub fn import_log(state: State<'_, AppState>, path: String) -> CommandResult<ImportCheck> {
    let stamp = state.stamp();
    let result = import::import_file(
        &mut *state.db()?,
        &stamp,
        std::path::Path::new(&path),
        false,
    );
    ImportCheck::from_result(path, result)
}

/// Asks for a catalogue version (JSON) and adds it; new cases are assessed against it.
/// Asks for a catalogue version (JSON) and adds it; new cases are assessed against it.
#[tauri::command(async)]
pub fn add_catalogue_version(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> CommandResult<Option<catalogue::Version>> {
    let title = "Add a guidance catalogue version";
    let Some(path) = dialogs::pick(&app, title, ("JSON", &["json"]))? else {
        return Ok(None);
    };
    let new = catalogue::read_version_file(&path)?;
    let stamp = state.stamp();
    Ok(Some(
        state
            .db()?
            .write(|tx| catalogue::add_version(tx, &stamp, &new))?,
    ))
}

fn info(db: &Db) -> CommandResult<AppInfo> {
    let count = |sql: &str| -> CommandResult<i64> {
        db.conn()
            .query_row(sql, [], |r| r.get(0))
            .map_err(|e| casebook::Error::from(e).into())
    };
    Ok(AppInfo {
        database_path: db.path().display().to_string(),
        schema_version: db::schema_version(),
        case_count: count("SELECT count(*) FROM cases")?,
        councillor_count: count("SELECT count(*) FROM councillor")?,
    })
}
