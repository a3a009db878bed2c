//! The audited tables and their columns, each written once. An audit snapshot of a record is
//! exactly these columns (never `SELECT *`), so the trail survives the schema growing:
//!
//! - A migration that adds a column to an audited table lists it in that table's `added`: an
//!   added column is in a record's snapshot only once it holds a value, so every record written
//!   before the column existed keeps the snapshot (and hash) the audit trail recorded for it.
//!   A value set through Casebook is recorded like any other change; a migration that fills the
//!   new column for existing rows must record that in the audit trail too.
//! - `tests/it/audit.rs` checks these lists against the tables the migrations make.

/// An audited table: the entity name the audit trail uses (the table's name) and its columns.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    pub entity: &'static str,
    /// The columns every snapshot holds.
    pub columns: &'static [&'static str],
    /// Columns added by later migrations: in a snapshot only when not NULL.
    pub added: &'static [&'static str],
}

impl Table {
    /// Every column, for reading a record.
    pub fn all_columns(&self) -> impl Iterator<Item = &'static str> {
        self.columns.iter().chain(self.added.iter()).copied()
    }
}

/// `"table": [columns…]`, then `added [columns…]` once a migration adds one.
macro_rules! tables {
    ($($entity:literal: [$($col:literal),* $(,)?] $(added [$($new:literal),* $(,)?])?),* $(,)?) => {
        /// Every audited table, in the order `verify` checks them.
        pub const AUDITED: &[Table] = &[
            $(Table { entity: $entity, columns: &[$($col),*], added: &[$($($new),*)?] }),*
        ];
    };
}

tables! {
    "catalogue_version": ["id", "label", "title", "adopted_on", "source"],
    "councillor": ["id", "name", "council", "ward", "party", "membership", "term_start", "term_end"],
    "social_account": [
        "id", "councillor_id", "platform", "handle", "profile_says_councillor", "account_use",
        "visibility",
    ],
    "cases": [
        "id", "reference", "received_on", "channel", "complainant_name", "complainant_contact",
        "complainant_type", "confidentiality_requested", "confidentiality_reason", "councillor_id",
        "platform", "post_url", "posted_at", "summary", "catalogue_version_id",
        "capacity_determination", "capacity_reasons", "capacity_determined_by",
        "capacity_determined_at",
    ] added ["disposal_id"],
    "case_link": ["id", "case_id", "other_case_id", "kind"],
    "evidence": [
        "id", "case_id", "kind", "sha256", "size", "media_type", "original_name", "width", "height",
        "captured_by", "captured_at", "source_url", "derived_from", "description", "added_at",
    ],
    "case_tag": ["id", "case_id", "item_id", "note"],
    "capacity_answer": ["id", "case_id", "item_id", "answer", "note"],
    "stage_event": [
        "id", "case_id", "stage", "on_date", "outcome", "actions", "reason", "recorded_by",
        "recorded_at",
    ],
    "ip_consultation": ["id", "case_id", "person", "consulted_on", "stage", "views"]
        added ["ip_id"],
    "confidentiality_decision": ["id", "case_id", "decision", "decided_by", "decided_on", "grounds"],
    "clock_pause": ["id", "case_id", "paused_on", "resumed_on", "reason", "note"],
    "setting": ["id", "key", "value"],
    "holiday_override": ["id", "day", "kind", "name"],
    "case_note": ["id", "case_id", "body", "author", "written_at"],
    "case_publication": ["id", "case_id", "summary", "illustrative", "notice_published_on"],
    "guidance_gap": ["id", "case_id", "item_id", "note", "flagged_by", "flagged_at"],
    "officer": ["id", "name", "role", "added_on"],
    "retention_rule": ["id", "ending", "months", "start"],
    "retention_extension": ["id", "case_id", "review_on", "reason", "decided_by", "decided_at"],
    "legal_hold": [
        "id", "case_id", "reason", "placed_by", "placed_at", "lifted_by", "lifted_at", "lift_reason",
    ],
    "disposal": [
        "id", "certificate", "disposed_at", "officer_id", "authorised_by", "reason", "early",
        "cases", "audit_entries", "access_entries",
    ],
    "sar": [
        "id", "name", "contact", "received_on", "due_on", "extended_to", "extension_reason",
        "sent_on", "aliases", "redact", "keep", "logged_by", "logged_at",
    ],
    "independent_person": ["id", "name", "term_start", "term_end", "contact"],
    "councillor_notification": [
        "id", "case_id", "notified_on", "method", "sent", "comments_received_on", "comments",
        "comments_evidence_id", "recorded_by", "recorded_at",
    ],
    "case_document": [
        "id", "case_id", "kind", "title", "sha256", "size", "media_type", "file_name", "added_by",
        "added_at",
    ],
    "investigation": [
        "id", "case_id", "investigator", "kind", "appointed_on", "draft_sent_on",
        "draft_comments_received_on", "final_report_on", "final_report_document_id",
    ],
    "investigation_cost": [
        "id", "case_id", "on_date", "hours", "cost_pence", "note", "recorded_by", "recorded_at",
    ],
    "review_request": [
        "id", "case_id", "requested_on", "requested_by", "grounds", "reviewer", "decision",
        "decided_on", "reasons", "recorded_by", "recorded_at",
    ],
    "letter": [
        "id", "case_id", "kind", "party", "recipient", "dated", "document_id", "sent_on", "sent_by",
        "made_by", "made_at",
    ],
}

/// The audited table named `entity`. Only names from [`AUDITED`] are ever put into SQL.
pub fn table(entity: &str) -> Option<&'static Table> {
    AUDITED.iter().find(|t| t.entity == entity)
}
