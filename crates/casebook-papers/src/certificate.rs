//! The certificate of a disposal under the retention schedule: which cases, when, the rule
//! applied, who authorised it, and the SHA-256 of each destroyed item.

use std::path::Path;

use serde::Serialize;

use casebook::disposal::{self, DisposedCase, Tombstone};
use casebook::{settings, Connection, Result};

use crate::{template, Paper};

#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub council: String,
    pub certificate: String,
    pub disposed_at: String,
    pub authorised_by: String,
    pub reason: String,
    pub early: bool,
    pub cases: Vec<DisposedCase>,
    pub tombstones: Vec<Tombstone>,
    pub audit_entries: usize,
    pub access_entries: usize,
}

pub fn context(conn: &Connection, certificate: &str) -> Result<Context> {
    let d = disposal::get(conn, certificate)?;
    Ok(Context {
        council: settings::text_value(conn, settings::COUNCIL_NAME)?
            .unwrap_or_else(|| "The Council".to_string()),
        certificate: d.certificate,
        disposed_at: d.disposed_at,
        authorised_by: d.authorised_by,
        reason: d.reason,
        early: d.early,
        cases: d.cases,
        tombstones: d.tombstones,
        audit_entries: d.audit_entries,
        access_entries: d.access_entries,
    })
}

/// The certificate of disposal `certificate` (its number, DC-2026-001).
pub fn paper(
    conn: &Connection,
    certificate: &str,
    templates: Option<&Path>,
    made_at: &str,
) -> Result<Paper> {
    let source = template::load(templates, template::DISPOSAL)?;
    let context = context(conn, certificate)?;
    let markdown = crate::anchored(conn, template::render(&source, &context)?)?;
    Paper::new(
        markdown,
        format!("disposal-certificate-{}", context.certificate),
        made_at,
    )
}
