//! The schema's migrations, in order: each file in `migrations/`, embedded in the binary. The
//! schema version a database is at is the number of them applied.

use rusqlite_migration::{Migrations, M};

/// Schema migrations, in order. Append only: a shipped migration is never edited.
/// `tests/it/migrations.rs` checks this list matches the files in `migrations/`.
pub const MIGRATION_FILES: &[(&str, &str)] = &[
    (
        "0001_core_schema.sql",
        include_str!("../migrations/0001_core_schema.sql"),
    ),
    (
        "0002_guidance_catalogue_v1.sql",
        include_str!("../migrations/0002_guidance_catalogue_v1.sql"),
    ),
    (
        "0003_search_index.sql",
        include_str!("../migrations/0003_search_index.sql"),
    ),
    (
        "0004_procedure.sql",
        include_str!("../migrations/0004_procedure.sql"),
    ),
    (
        "0005_case_notes.sql",
        include_str!("../migrations/0005_case_notes.sql"),
    ),
    (
        "0006_committee_papers.sql",
        include_str!("../migrations/0006_committee_papers.sql"),
    ),
    (
        "0007_officers_and_access.sql",
        include_str!("../migrations/0007_officers_and_access.sql"),
    ),
    (
        "0008_retention.sql",
        include_str!("../migrations/0008_retention.sql"),
    ),
    (
        "0009_parties_and_letters.sql",
        include_str!("../migrations/0009_parties_and_letters.sql"),
    ),
    (
        "0010_kept_progress.sql",
        include_str!("../migrations/0010_kept_progress.sql"),
    ),
    (
        "0011_unsealed_index.sql",
        include_str!("../migrations/0011_unsealed_index.sql"),
    ),
    (
        "0012_councillor_lookup.sql",
        include_str!("../migrations/0012_councillor_lookup.sql"),
    ),
    (
        "0013_audit_hash_unindexed.sql",
        include_str!("../migrations/0013_audit_hash_unindexed.sql"),
    ),
    (
        "0014_check_lists_spelled_out.sql",
        include_str!("../migrations/0014_check_lists_spelled_out.sql"),
    ),
    (
        "0015_cases_kept_index.sql",
        include_str!("../migrations/0015_cases_kept_index.sql"),
    ),
    (
        "0016_kept_review_date.sql",
        include_str!("../migrations/0016_kept_review_date.sql"),
    ),
    (
        "0017_video_parts.sql",
        include_str!("../migrations/0017_video_parts.sql"),
    ),
];

pub fn migrations() -> Migrations<'static> {
    migrations_from(MIGRATION_FILES)
}

pub(crate) fn migrations_from<'a>(files: &[(&str, &'a str)]) -> Migrations<'a> {
    Migrations::new(files.iter().map(|(_, sql)| M::up(sql)).collect())
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATION_FILES.len() as i64
}
