//! The transport types: what crosses to the UI, shaped for it, and the forms it sends back. The
//! UI's TypeScript (`ui/src/lib/api/generated/`) is generated from these and from the records
//! that pass through unchanged (ts-rs, when the tests run); nothing here is hand-copied to
//! TypeScript.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod parties;
pub use parties::*;

use casebook_domain::procedure::{DeadlineKey, DeadlineStatus, Stage};
use casebook_domain::vocabulary::Determination;

use crate::{case, councillor, evidence, import, intake, text, Error, Result};

/// One row of the case list.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct CaseRow {
    pub reference: String,
    pub received_on: String,
    pub councillor: String,
    pub council: String,
    pub platform: String,
    pub summary: String,
    #[ts(as = "Determination")]
    pub capacity_determination: String,
    #[ts(as = "Stage")]
    pub stage: String,
    pub tags: Vec<String>,
    pub evidence_count: i64,
}

/// How far an import has got, for the app's progress bar: rows done of the rows in the file.
#[derive(Debug, Clone, Copy, Default, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    pub running: bool,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// One page of the case list: the rows from `offset`, and how many cases match the filter in all.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct CasePage {
    pub total: i64,
    pub offset: i64,
    pub rows: Vec<CaseRow>,
}

impl From<case::Page> for CasePage {
    fn from(p: case::Page) -> Self {
        CasePage {
            total: p.total,
            offset: p.offset,
            rows: p.rows.into_iter().map(CaseRow::from).collect(),
        }
    }
}

impl From<case::Summary> for CaseRow {
    fn from(s: case::Summary) -> Self {
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

/// The database the app has open.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub database_path: String,
    /// Whether the database is encrypted (SQLCipher).
    pub encrypted: bool,
    pub schema_version: i64,
    pub case_count: i64,
    pub councillor_count: i64,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct StageCount {
    #[ts(as = "Stage")]
    pub stage: &'static str,
    pub count: i64,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct MonthCount {
    /// 2026-03
    pub month: String,
    pub count: i64,
}

/// The dashboard: what is overdue, what falls due this week, and the open cases by stage.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct Dashboard {
    pub as_of: String,
    /// The most overdue deadlines (at most [`crate::views::DASHBOARD_FIRST`]); all of them are
    /// in [`crate::views::due_lists`].
    pub overdue: Vec<crate::procedure::Due>,
    /// How many deadlines are overdue in all.
    pub overdue_count: usize,
    /// The deadlines due soonest (at most [`crate::views::DASHBOARD_FIRST`]).
    pub due_soon: Vec<crate::procedure::Due>,
    /// How many fall due today or within `within_working_days` in all.
    pub due_soon_count: usize,
    /// The horizon of `due_soon`, in working days.
    pub within_working_days: u32,
    pub open_by_stage: Vec<StageCount>,
    /// Complaints received per month, the last 12 months, oldest first.
    pub per_month: Vec<MonthCount>,
    /// The latest changes to cases.
    pub recent: Vec<crate::audit::Activity>,
    /// How many closed cases' review date under the retention schedule has come (the cases
    /// themselves are on the Data protection screen: a council's ten years can hold tens of
    /// thousands, which the dashboard has no need to carry).
    pub reviews_due: usize,
    /// Subject access requests not yet answered, soonest deadline first.
    pub open_sars: Vec<crate::sar::Sar>,
}

/// Every deadline overdue, and every one due within `within_working_days`, soonest first.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct DueLists {
    pub overdue: Vec<crate::procedure::Due>,
    pub due_soon: Vec<crate::procedure::Due>,
    pub within_working_days: u32,
}

/// The Retention screen.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct RetentionView {
    pub as_of: String,
    pub schedule: Vec<crate::retention::Line>,
    /// Closed cases due for review, or due within `horizon_days`, soonest first.
    pub reviews: Vec<crate::retention::Review>,
    pub horizon_days: i64,
    pub disposals: Vec<crate::disposal::Certificate>,
}

/// A subject access request as the form sends it.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SarInput {
    pub name: String,
    pub received_on: String,
    pub contact: Option<String>,
}

/// One request and what was found about the person.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SarDetail {
    pub request: crate::sar::Sar,
    pub hits: Vec<crate::sar::Hit>,
}

/// The fixed lists the procedure forms offer.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ProcedureOptions {
    #[ts(as = "Vec<Stage>")]
    pub stages: &'static [&'static str],
    pub measures: &'static [&'static str],
    pub sanctions: &'static [&'static str],
    pub pause_reasons: &'static [&'static str],
    #[ts(as = "Vec<DeadlineKey>")]
    pub deadline_keys: &'static [&'static str],
    #[ts(as = "Vec<DeadlineStatus>")]
    pub deadline_statuses: &'static [&'static str],
}

/// A step to record, as the case view's form sends it.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct StepInput {
    #[ts(as = "Stage")]
    pub stage: String,
    /// As typed: 2026-03-14 or 14/03/2026.
    pub on: String,
    pub outcome: Option<String>,
    #[serde(default)]
    pub actions: Vec<String>,
    pub reason: Option<String>,
}

/// An Independent Person consultation, as the form sends it.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct ConsultationInput {
    /// The Independent Person from the register.
    pub ip_id: Option<i64>,
    /// Who was consulted, when not from the register.
    pub person: String,
    pub on: String,
    pub views: String,
    #[ts(as = "Option<Stage>")]
    pub stage: Option<String>,
}

/// The decision on a complainant's request for confidentiality, as the form sends it.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct ConfidentialityInput {
    #[ts(type = "\"granted\" | \"refused\"")]
    pub decision: String,
    pub decided_by: String,
    pub on: String,
    pub grounds: String,
}

/// One of the procedure's records on a case, as a form over the team server sends it (dates as
/// typed: 2026-03-14 or 14/03/2026).
#[derive(Debug, Deserialize, TS)]
#[serde(tag = "record", rename_all = "snake_case")]
#[ts(export)]
pub enum CaseRecord {
    /// An Independent Person's views.
    Consultation(ConsultationInput),
    /// The clock stopped from `on`, for one of the procedure's reasons.
    Pause {
        on: String,
        reason: String,
        note: Option<String>,
    },
    /// The clock running again from `on`.
    Resume { on: String, note: Option<String> },
    /// Confidentiality granted or refused.
    Confidentiality(ConfidentialityInput),
    /// The last step taken back, and why.
    Undo { reason: String },
    /// An investigator appointed.
    Investigator(InvestigatorInput),
    /// Time and cost of the investigation.
    Cost(CostInput),
    /// A report's milestone (a final report's file goes with the session that offered it).
    Report(ReportInput),
    /// A review of the decision requested.
    ReviewRequest(ReviewRequestInput),
    /// A review decided.
    ReviewDecision(ReviewDecisionInput),
    /// Kept letter `id` sent on `on`, by email or post.
    LetterSent { id: i64, on: String, by: String },
    /// The case's marks for the committee papers.
    Publication(PublicationInput),
    /// A gap in the guidance flagged (`item`: the catalogue code it is about, if any).
    Gap { item: Option<String>, note: String },
    /// Guidance-gap flag `id` taken back, and why.
    RemoveGap { id: i64, reason: String },
    /// A legal hold on a closed case's disposal, and why.
    Hold { reason: String },
    /// The legal hold lifted, and why.
    Lift { reason: String },
    /// The retention review moved on to `to`, and why.
    Extend { to: String, reason: String },
}

/// The case list's filters, as the UI sends them (every one narrows the list).
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct CaseFilter {
    pub year: Option<i32>,
    pub councillor_id: Option<i64>,
    pub platform: Option<String>,
    pub tag: Option<String>,
    pub determination: Option<String>,
    pub stage: Option<String>,
    pub words: Option<String>,
}

impl From<CaseFilter> for case::Filter {
    fn from(f: CaseFilter) -> Self {
        case::Filter {
            year: f.year,
            councillor_id: f.councillor_id,
            council: None,
            platform: f.platform,
            tag: f.tag,
            determination: f.determination,
            stage: f.stage,
            words: f.words,
            assigned_to: None,
        }
    }
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct CouncillorOption {
    pub id: i64,
    pub name: String,
    pub council: String,
}

#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct CodeOption {
    pub code: String,
    pub title: String,
}

/// What the case list's filters offer.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ListOptions {
    pub years: Vec<i32>,
    pub councillors: Vec<CouncillorOption>,
    pub platforms: &'static [&'static str],
    #[ts(as = "Vec<Stage>")]
    pub stages: &'static [&'static str],
    #[ts(as = "Vec<Determination>")]
    pub determinations: &'static [&'static str],
    pub tags: Vec<CodeOption>,
}

/// A file offered for a new complaint, checked and held until the complaint is saved.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct StagedFile {
    pub token: String,
    pub name: Option<String>,
    #[serde(flatten)]
    pub checked: evidence::Checked,
}

/// A councillor added from the new complaint form.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct NewCouncillorInput {
    pub name: String,
    pub council: String,
    pub ward: Option<String>,
    pub party: Option<String>,
}

/// The new complaint form, as sent.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
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
#[derive(Debug, Default, Deserialize, TS)]
#[ts(export)]
pub struct CaptureInput {
    pub captured_by: Option<String>,
    /// 2026-03-14 09:30, 14/03/2026 09:30 or a date alone.
    pub captured_at: Option<String>,
    pub description: Option<String>,
}

impl CaptureInput {
    /// The core's capture details, the time checked; `source_url` is where it came from.
    pub fn into_capture(self, source_url: Option<String>) -> Result<evidence::Capture> {
        let blank = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        Ok(evidence::Capture {
            captured_by: blank(self.captured_by),
            captured_at: blank(self.captured_at)
                .map(|v| text::instant("captured_at", &v))
                .transpose()?,
            source_url,
            description: blank(self.description),
            derived_from: None,
        })
    }
}

impl ComplaintInput {
    /// The core's intake, with the offered `files`.
    pub fn into_intake(self, files: Vec<intake::File>) -> Result<intake::Intake> {
        if self.councillor_id.is_none() && self.new_councillor.is_none() {
            return Err(Error::invalid(
                "councillor",
                "choose the councillor, or add them",
            ));
        }
        Ok(intake::Intake {
            case: case::NewCase {
                reference: None,
                received_on: text::date("received_on", &self.received_on)?,
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
            new_councillor: self.new_councillor.map(|c| councillor::NewCouncillor {
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

/// What the new complaint form offers.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct IntakeOptions {
    pub councillors: Vec<CouncillorOption>,
    pub councils: Vec<String>,
    pub platforms: &'static [&'static str],
    pub channels: &'static [&'static str],
    pub complainant_types: &'static [&'static str],
    pub max_file_bytes: u64,
}

/// The Settings screen.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct SettingsView {
    pub council_name: Option<String>,
    /// The council's postal address, as letters give it.
    pub council_address: Option<String>,
    pub independent_persons: IpRegister,
    pub officer_name: Option<String>,
    /// The name changes are recorded under now.
    pub recorded_as: String,
    /// Whether `--actor` / CASEBOOK_ACTOR fixes that name for this session.
    pub actor_given: bool,
    pub database_path: String,
    /// Whether the database (and so its backups) is encrypted.
    pub encrypted: bool,
    /// The officer register.
    pub officers: Vec<crate::officer::Officer>,
    pub schema_version: i64,
    pub targets: Vec<crate::settings::Setting>,
}

/// A councillor to add, as the register's form sends it.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
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

impl CouncillorInput {
    pub fn into_new(self) -> Result<councillor::NewCouncillor> {
        Ok(councillor::NewCouncillor {
            term_start: text::optional_date("term_start", self.term_start.as_deref())?,
            term_end: text::optional_date("term_end", self.term_end.as_deref())?,
            name: self.name,
            council: self.council,
            ward: self.ward,
            party: self.party,
            co_opted: self.co_opted,
        })
    }
}

/// A social media account to register, as the form sends it.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct AccountInput {
    pub platform: String,
    pub handle: String,
    pub profile_says_councillor: bool,
    pub account_use: String,
    pub visibility: String,
}

impl From<AccountInput> for councillor::NewAccount {
    fn from(a: AccountInput) -> Self {
        councillor::NewAccount {
            platform: a.platform,
            handle: a.handle,
            profile_says_councillor: a.profile_says_councillor,
            account_use: a.account_use,
            visibility: a.visibility,
        }
    }
}

/// A complaints log checked (or imported): what it holds, or every bad row.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct ImportCheck {
    pub path: String,
    pub outcome: Option<import::Outcome>,
    pub errors: Vec<crate::RowError>,
}

impl ImportCheck {
    /// Row errors become a list to show; any other failure stays an error.
    pub fn from_result(path: String, result: Result<import::Outcome>) -> Result<ImportCheck> {
        match result {
            Ok(outcome) => Ok(ImportCheck {
                path,
                outcome: Some(outcome),
                errors: Vec::new(),
            }),
            Err(Error::Import(errors)) => Ok(ImportCheck {
                path,
                outcome: None,
                errors,
            }),
            Err(e) => Err(e),
        }
    }
}

/// What is marked on a case for the committee papers, as the form sends it.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct PublicationInput {
    pub summary: Option<String>,
    pub illustrative: bool,
    pub notice_published_on: Option<String>,
}

/// The one error shape every command rejects with: `code` is stable (`invalid`, `not_found`,
/// `conflict`, `database`, …, or `internal`); `field` names the refused value, if any.
#[derive(Debug, Serialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        let field = match &e {
            Error::Invalid { field, .. } | Error::Conflict { field, .. } => Some(field.clone()),
            _ => None,
        };
        CommandError {
            code: e.code().to_string(),
            message: e.to_string(),
            field,
        }
    }
}
