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
