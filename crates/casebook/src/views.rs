//! Views that gather from several records: the whole case on one screen, the dashboard, the
//! options the forms offer, the Settings screen.

use chrono::NaiveDate;
use serde::Serialize;

use crate::json::{
    AppInfo, CodeOption, CouncillorOption, Dashboard, IntakeOptions, ListOptions, MonthCount,
    ProcedureOptions, SettingsView, StageCount,
};
use crate::{
    assessment, audit, case, catalogue, councillor, db, evidence, notes, procedure, publication,
    settings, Connection, Db, Result,
};

/// Everything about one case, as `casebook case show --json` prints it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "CaseDetail")]
pub struct Detail {
    #[serde(flatten)]
    pub case: case::Case,
    pub tags: Vec<assessment::Tag>,
    pub capacity: assessment::Capacity,
    pub evidence: Vec<evidence::Evidence>,
    pub related: Vec<case::Link>,
    /// The officer's notes, each with its Markdown rendered to safe HTML.
    pub notes: Vec<notes::Note>,
    /// What is marked for the committee papers, and the guidance gaps flagged on the case.
    pub publication: publication::Publication,
    pub gaps: Vec<publication::Gap>,
    /// Where the case stands in the procedure: stage, decision, outcome, the steps taken,
    /// Independent Person consultations, pauses and each deadline, as at `as_of`.
    #[serde(flatten)]
    pub procedure: procedure::Procedure,
    /// The audit trail of the case and everything hanging off it.
    pub history: Vec<audit::Entry>,
}

/// Everything about the case `reference`, with its deadlines worked out as at `today`.
pub fn case_detail(conn: &Connection, reference: &str, today: NaiveDate) -> Result<Detail> {
    let case = case::by_reference(conn, reference)?;
    Ok(Detail {
        procedure: procedure::status(conn, case.id, today)?,
        tags: assessment::tags(conn, case.id)?,
        capacity: assessment::capacity(conn, case.id)?,
        evidence: evidence::list(conn, case.id)?,
        related: case::links(conn, case.id)?,
        notes: notes::list(conn, case.id)?,
        publication: publication::get(conn, case.id)?,
        gaps: publication::gaps(conn, case.id)?,
        history: audit::for_case(conn, case.id)?,
        case,
    })
}

/// The database the app has open, and how much it holds.
pub fn app_info(db: &Db) -> Result<AppInfo> {
    Ok(AppInfo {
        database_path: db.path().display().to_string(),
        encrypted: db.encrypted(),
        schema_version: db::schema_version(),
        case_count: case::held(db.conn())?,
        councillor_count: councillor::count(db.conn())?,
    })
}

/// What the case list's filters offer.
pub fn list_options(conn: &Connection) -> Result<ListOptions> {
    let version = catalogue::current(conn)?;
    Ok(ListOptions {
        years: case::years(conn)?,
        councillors: councillor_options(conn)?,
        platforms: case::PLATFORMS,
        stages: procedure::STAGES,
        determinations: assessment::DETERMINATIONS,
        tags: catalogue::items(conn, version.id)?
            .into_iter()
            .filter(|i| i.kind != catalogue::ItemKind::CapacityIndicator)
            .map(|i| CodeOption {
                code: i.code,
                title: i.title,
            })
            .collect(),
    })
}

fn councillor_options(conn: &Connection) -> Result<Vec<CouncillorOption>> {
    Ok(councillor::list(conn)?
        .into_iter()
        .map(CouncillorOption::from)
        .collect())
}

/// What the new complaint form offers.
pub fn intake_options(conn: &Connection) -> Result<IntakeOptions> {
    let councillors = councillor_options(conn)?;
    let mut councils: Vec<String> = councillors.iter().map(|c| c.council.clone()).collect();
    councils.sort();
    councils.dedup();
    Ok(IntakeOptions {
        councillors,
        councils,
        platforms: case::PLATFORMS,
        channels: case::CHANNELS,
        complainant_types: case::COMPLAINANT_TYPES,
        max_file_bytes: evidence::MAX_FILE_BYTES,
    })
}

/// The fixed lists the procedure forms offer.
pub fn procedure_options() -> ProcedureOptions {
    ProcedureOptions {
        stages: procedure::STAGES,
        measures: procedure::MEASURES,
        sanctions: procedure::SANCTIONS,
        pause_reasons: procedure::PAUSE_REASONS,
        deadline_keys: procedure::DEADLINE_KEYS,
        deadline_statuses: procedure::DEADLINE_STATUSES,
    }
}

/// What is overdue and due within `within` working days of `today`, open cases by stage,
/// complaints per month for a year, and the latest changes.
pub fn dashboard(conn: &Connection, today: NaiveDate, within: u32) -> Result<Dashboard> {
    let (overdue, due_soon) = procedure::due(conn, today, within)?
        .into_iter()
        .partition(|d| d.status == "overdue");
    Ok(Dashboard {
        as_of: today.to_string(),
        overdue,
        due_soon,
        within_working_days: within,
        open_by_stage: procedure::open_by_stage(conn)?
            .into_iter()
            .map(|(stage, count)| StageCount { stage, count })
            .collect(),
        per_month: case::per_month(conn, 12, today)?
            .into_iter()
            .map(|(month, count)| MonthCount { month, count })
            .collect(),
        recent: audit::recent(conn, 12)?,
        reviews_due: crate::retention::due(conn, today, today)?,
        open_sars: crate::sar::list(conn)?
            .into_iter()
            .filter(|s| s.sent_on.is_none())
            .collect(),
    })
}

/// The Settings screen; changes are recorded as `recorded_as` (fixed by `--actor` when
/// `actor_given`).
pub fn settings(db: &Db, recorded_as: String, actor_given: bool) -> Result<SettingsView> {
    let names = settings::texts(db.conn())?;
    let name = |key: &str| {
        names
            .iter()
            .find(|t| t.key == key)
            .and_then(|t| t.value.clone())
    };
    Ok(SettingsView {
        council_name: name(settings::COUNCIL_NAME),
        officer_name: name(settings::OFFICER_NAME),
        recorded_as,
        actor_given,
        database_path: db.path().display().to_string(),
        encrypted: db.encrypted(),
        officers: crate::officer::list(db.conn())?,
        schema_version: db::schema_version(),
        targets: settings::all(db.conn())?,
    })
}
