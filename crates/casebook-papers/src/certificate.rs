//! The certificate of a disposal under the retention schedule: which cases, when, the rule
//! applied, who authorised it, and the SHA-256 of each destroyed item.

use serde::Serialize;

use casebook::disposal::{self, Certificate};
use casebook::sql::Sql;
use casebook::{settings, Result};

use crate::template::Templates;
use crate::{template, Paper};

#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub council: String,
    #[serde(flatten)]
    pub disposal: Certificate,
}

pub fn context(conn: &impl Sql, certificate: &str) -> Result<Context> {
    Ok(Context {
        council: settings::text_value(conn, settings::COUNCIL_NAME)?
            .unwrap_or_else(|| "The Council".to_string()),
        disposal: disposal::get(conn, certificate)?,
    })
}

/// The certificate of disposal `certificate` (its number, DC-2026-001).
pub fn paper(
    conn: &impl Sql,
    certificate: &str,
    templates: Templates<'_>,
    made_at: &str,
) -> Result<Paper> {
    let source = template::load(templates, template::DISPOSAL)?;
    let context = context(conn, certificate)?;
    let markdown = crate::anchored(conn, template::render(&source, &context)?)?;
    Paper::new(
        markdown,
        format!("disposal-certificate-{}", context.disposal.certificate),
        made_at,
    )
}
