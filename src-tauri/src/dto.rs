//! What crosses to the UI, shaped for it; `ui/src/lib/api/types.ts` mirrors these.

use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize)]
pub struct CaseRow {
    pub reference: String,
    pub received_on: String,
    pub councillor: String,
    pub council: String,
    pub platform: String,
    pub summary: String,
    pub capacity_determination: String,
    pub stage: String,
    pub tags: Vec<String>,
    pub evidence_count: i64,
}

impl From<casebook::case::Summary> for CaseRow {
    fn from(s: casebook::case::Summary) -> Self {
        CaseRow {
            reference: s.reference,
            received_on: s.received_on,
            councillor: s.councillor,
            council: s.council,
            platform: s.platform,
            summary: s.summary,
            capacity_determination: s.capacity_determination,
            stage: s.stage,
            tags: s.tags,
            evidence_count: s.evidence_count,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub database_path: String,
    pub schema_version: i64,
    pub case_count: i64,
    pub councillor_count: i64,
}

#[derive(Debug, Serialize)]
pub struct StageCount {
    pub stage: &'static str,
    pub count: i64,
}

/// The dashboard: what is overdue, what falls due this week, and the open cases by stage.
#[derive(Debug, Serialize)]
pub struct Dashboard {
    pub as_of: String,
    pub overdue: Vec<casebook::procedure::Due>,
    pub due_soon: Vec<casebook::procedure::Due>,
    /// The horizon of `due_soon`, in working days.
    pub within_working_days: u32,
    pub open_by_stage: Vec<StageCount>,
    /// Complaints received per month, the last 12 months, oldest first.
    pub per_month: Vec<MonthCount>,
    /// The latest changes to cases.
    pub recent: Vec<casebook::audit::Activity>,
}

#[derive(Debug, Serialize)]
pub struct MonthCount {
    /// 2026-03
    pub month: String,
    pub count: i64,
}

/// The fixed lists the procedure forms offer.
#[derive(Debug, Serialize)]
pub struct ProcedureOptions {
    pub stages: &'static [&'static str],
    pub measures: &'static [&'static str],
    pub sanctions: &'static [&'static str],
    pub pause_reasons: &'static [&'static str],
}

/// A step to record, as the case view's form sends it.
#[derive(Debug, Deserialize)]
pub struct StepInput {
    pub stage: String,
    /// As typed: 2026-03-14 or 14/03/2026.
    pub on: String,
    pub outcome: Option<String>,
    #[serde(default)]
    pub actions: Vec<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ConsultationInput {
    pub person: String,
    pub on: String,
    pub views: String,
    pub stage: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ConfidentialityInput {
    pub decision: String,
    pub decided_by: String,
    pub on: String,
    pub grounds: String,
}

/// The case list's filters, as the UI sends them (every one narrows the list).
#[derive(Debug, Default, Deserialize)]
pub struct CaseFilter {
    pub year: Option<i32>,
    pub councillor_id: Option<i64>,
    pub platform: Option<String>,
    pub tag: Option<String>,
    pub determination: Option<String>,
    pub stage: Option<String>,
    pub words: Option<String>,
}

impl From<CaseFilter> for casebook::case::Filter {
    fn from(f: CaseFilter) -> Self {
        casebook::case::Filter {
            year: f.year,
            councillor_id: f.councillor_id,
            council: None,
            platform: f.platform,
            tag: f.tag,
            determination: f.determination,
            stage: f.stage,
            words: f.words,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct CouncillorOption {
    pub id: i64,
    pub name: String,
    pub council: String,
}

#[derive(Debug, Serialize)]
pub struct CodeOption {
    pub code: String,
    pub title: String,
}

/// What the case list's filters offer.
#[derive(Debug, Serialize)]
pub struct ListOptions {
    pub years: Vec<i32>,
    pub councillors: Vec<CouncillorOption>,
    pub platforms: &'static [&'static str],
    pub stages: &'static [&'static str],
    pub determinations: &'static [&'static str],
    pub tags: Vec<CodeOption>,
}

/// A file offered for a new complaint, checked and held until the complaint is saved.
#[derive(Debug, Serialize)]
pub struct StagedFile {
    pub token: String,
    pub name: Option<String>,
    #[serde(flatten)]
    pub checked: casebook::evidence::Checked,
}

#[derive(Debug, Deserialize)]
pub struct NewCouncillorInput {
    pub name: String,
    pub council: String,
    pub ward: Option<String>,
    pub party: Option<String>,
}

/// The new complaint form, as sent.
#[derive(Debug, Deserialize)]
pub struct ComplaintInput {
    pub councillor_id: Option<i64>,
    pub new_councillor: Option<NewCouncillorInput>,
    pub complainant_name: String,
    pub complainant_contact: Option<String>,
    pub complainant_type: String,
    pub confidentiality_requested: bool,
    pub confidentiality_reason: Option<String>,
    /// As typed: 2026-03-14 or 14/03/2026.
    pub received_on: String,
    pub channel: String,
    pub platform: String,
    pub post_url: Option<String>,
    pub posted_at: Option<String>,
    pub summary: String,
    pub post_text: Option<String>,
    /// Tokens of files staged with `stage_file`.
    #[serde(default)]
    pub files: Vec<String>,
    /// Who captured the evidence and when (default: the officer, now).
    #[serde(default)]
    pub capture: CaptureInput,
}

/// How evidence was captured, as typed; blanks take the defaults (the officer, now).
#[derive(Debug, Default, Deserialize)]
pub struct CaptureInput {
    pub captured_by: Option<String>,
    /// 2026-03-14 09:30, 14/03/2026 09:30 or a date alone.
    pub captured_at: Option<String>,
    pub description: Option<String>,
}

impl CaptureInput {
    /// The core's capture details, the time checked; `source_url` is where it came from.
    pub fn into_capture(
        self,
        source_url: Option<String>,
    ) -> casebook::Result<casebook::evidence::Capture> {
        let blank = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        Ok(casebook::evidence::Capture {
            captured_by: blank(self.captured_by),
            captured_at: blank(self.captured_at)
                .map(|v| casebook::text::instant("captured_at", &v))
                .transpose()?,
            source_url,
            description: blank(self.description),
            derived_from: None,
        })
    }
}

/// What the new complaint form offers.
#[derive(Debug, Serialize)]
pub struct IntakeOptions {
    pub councillors: Vec<CouncillorOption>,
    pub councils: Vec<String>,
    pub platforms: &'static [&'static str],
    pub channels: &'static [&'static str],
    pub complainant_types: &'static [&'static str],
    pub max_file_bytes: u64,
}

/// The Settings screen.
#[derive(Debug, Serialize)]
pub struct SettingsView {
    pub council_name: Option<String>,
    pub officer_name: Option<String>,
    /// The name changes are recorded under now.
    pub recorded_as: String,
    /// Whether `--actor` / CASEBOOK_ACTOR fixes that name for this session.
    pub actor_given: bool,
    pub database_path: String,
    pub schema_version: i64,
    pub targets: Vec<casebook::settings::Setting>,
}

/// A councillor to add, as the register's form sends it.
#[derive(Debug, Deserialize)]
pub struct CouncillorInput {
    pub name: String,
    pub council: String,
    pub ward: Option<String>,
    pub party: Option<String>,
    #[serde(default)]
    pub co_opted: bool,
    /// As typed: 2026-05-07 or 07/05/2026.
    pub term_start: Option<String>,
    pub term_end: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct AccountInput {
    pub platform: String,
    pub handle: String,
    pub profile_says_councillor: bool,
    pub account_use: String,
    pub visibility: String,
}

impl ComplaintInput {
    /// The core's intake, with the offered `files`.
    pub fn into_intake(
        self,
        files: Vec<casebook::intake::File>,
    ) -> casebook::Result<casebook::intake::Intake> {
        if self.councillor_id.is_none() && self.new_councillor.is_none() {
            return Err(casebook::Error::invalid(
                "councillor",
                "choose the councillor, or add them",
            ));
        }
        Ok(casebook::intake::Intake {
            case: casebook::case::NewCase {
                reference: None,
                received_on: casebook::text::date("received_on", &self.received_on)?,
                channel: self.channel,
                complainant_name: self.complainant_name,
                complainant_contact: self.complainant_contact,
                complainant_type: self.complainant_type,
                confidentiality_requested: self.confidentiality_requested,
                confidentiality_reason: self.confidentiality_reason,
                councillor_id: self.councillor_id.unwrap_or_default(),
                platform: self.platform,
                post_url: self.post_url,
                posted_at: self.posted_at,
                summary: self.summary,
            },
            new_councillor: self
                .new_councillor
                .map(|c| casebook::councillor::NewCouncillor {
                    name: c.name,
                    council: c.council,
                    ward: c.ward,
                    party: c.party,
                    ..Default::default()
                }),
            post_text: self.post_text,
            files,
            capture: self.capture.into_capture(None)?,
        })
    }
}

/// A complaints log checked (or imported): what it holds, or every bad row.
#[derive(Debug, Serialize)]
pub struct ImportCheck {
    pub path: String,
    pub outcome: Option<casebook::import::Outcome>,
    pub errors: Vec<casebook::import::RowError>,
}

impl ImportCheck {
    /// Row errors become a list to show; any other failure stays an error.
    pub fn from_result(
        path: String,
        result: casebook::Result<casebook::import::Outcome>,
    ) -> Result<ImportCheck, crate::error::CommandError> {
        match result {
            Ok(outcome) => Ok(ImportCheck {
                path,
                outcome: Some(outcome),
                errors: Vec::new(),
            }),
            Err(casebook::Error::Import(errors)) => Ok(ImportCheck {
                path,
                outcome: None,
                errors,
            }),
            Err(e) => Err(e.into()),
        }
    }
}

impl ListOptions {
    pub fn load(conn: &casebook::Connection) -> casebook::Result<ListOptions> {
        use casebook::{assessment, case, catalogue, procedure};
        let version = catalogue::current(conn)?;
        Ok(ListOptions {
            years: case::years(conn)?,
            councillors: CouncillorOption::all(conn)?,
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
}

impl CouncillorOption {
    pub fn all(conn: &casebook::Connection) -> casebook::Result<Vec<CouncillorOption>> {
        Ok(casebook::councillor::list(conn)?
            .into_iter()
            .map(|c| CouncillorOption {
                id: c.id,
                name: c.name,
                council: c.council,
            })
            .collect())
    }
}

impl IntakeOptions {
    pub fn load(conn: &casebook::Connection) -> casebook::Result<IntakeOptions> {
        let councillors = CouncillorOption::all(conn)?;
        let mut councils: Vec<String> = councillors.iter().map(|c| c.council.clone()).collect();
        councils.sort();
        councils.dedup();
        Ok(IntakeOptions {
            councillors,
            councils,
            platforms: casebook::case::PLATFORMS,
            channels: casebook::case::CHANNELS,
            complainant_types: casebook::case::COMPLAINANT_TYPES,
            max_file_bytes: casebook::evidence::MAX_FILE_BYTES,
        })
    }
}

impl Dashboard {
    /// What is overdue and due within `within` working days of `today`, open cases by stage,
    /// complaints per month for a year, and the latest changes.
    pub fn load(
        conn: &casebook::Connection,
        today: chrono::NaiveDate,
        within: u32,
    ) -> casebook::Result<Dashboard> {
        use casebook::{audit, case, procedure};
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
        })
    }
}

impl ProcedureOptions {
    pub fn new() -> ProcedureOptions {
        use casebook::procedure;
        ProcedureOptions {
            stages: procedure::STAGES,
            measures: procedure::MEASURES,
            sanctions: procedure::SANCTIONS,
            pause_reasons: procedure::PAUSE_REASONS,
        }
    }
}

impl SettingsView {
    pub fn load(
        db: &casebook::Db,
        recorded_as: String,
        actor_given: bool,
    ) -> casebook::Result<SettingsView> {
        use casebook::settings;
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
            schema_version: casebook::db::schema_version(),
            targets: settings::all(db.conn())?,
        })
    }
}

/// The bytes of a file offered raw, and its name from the percent-encoded `x-file-name` header.
pub fn offered_file<'a>(
    request: &'a tauri::ipc::Request<'_>,
) -> casebook::Result<(&'a [u8], Option<String>)> {
    let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
        return Err(casebook::Error::invalid(
            "files",
            "expected the file's bytes",
        ));
    };
    let name = request
        .headers()
        .get("x-file-name")
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            percent_encoding::percent_decode_str(v)
                .decode_utf8_lossy()
                .into_owned()
        })
        .filter(|n| !n.trim().is_empty());
    Ok((bytes, name))
}

/// A refusal of an offered file, naming the file.
pub fn name_file(e: casebook::Error, name: &Option<String>) -> casebook::Error {
    match e {
        casebook::Error::Invalid { reason, .. } => casebook::Error::invalid(
            "files",
            format!("{} {reason}", name.as_deref().unwrap_or("The pasted image")),
        ),
        other => other,
    }
}
