//! What crosses to the UI, shaped for it; `ui/src/lib/api/types.ts` mirrors these.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CaseRow {
    pub reference: String,
    pub received_on: String,
    pub councillor: String,
    pub council: String,
    pub platform: String,
    pub summary: String,
    pub capacity_determination: String,
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
