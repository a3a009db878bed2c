//! The guidance catalogue, versioned: responsibilities, legal issues, Nolan principles, Code
//! obligations, LGA checklist items and acting-in-capacity indicators. A case is tagged against the
//! version current when it was logged; adding a version never changes an existing case.

use serde::{Deserialize, Serialize};

use crate::sql::{Row, Spelled, Sql};
use crate::{audit, sql_params, text, Error, Result, Stamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemKind {
    Responsibility,
    LegalIssue,
    NolanPrinciple,
    CodeObligation,
    LgaChecklist,
    CapacityIndicator,
}

impl ItemKind {
    pub const ALL: [ItemKind; 6] = [
        ItemKind::Responsibility,
        ItemKind::LegalIssue,
        ItemKind::NolanPrinciple,
        ItemKind::CodeObligation,
        ItemKind::LgaChecklist,
        ItemKind::CapacityIndicator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Responsibility => "responsibility",
            ItemKind::LegalIssue => "legal_issue",
            ItemKind::NolanPrinciple => "nolan_principle",
            ItemKind::CodeObligation => "code_obligation",
            ItemKind::LgaChecklist => "lga_checklist",
            ItemKind::CapacityIndicator => "capacity_indicator",
        }
    }

    /// Heading used in listings.
    pub fn heading(self) -> &'static str {
        match self {
            ItemKind::Responsibility => "General responsibilities",
            ItemKind::LegalIssue => "Potential legal issues",
            ItemKind::NolanPrinciple => "Nolan principles",
            ItemKind::CodeObligation => "Model Code of Conduct obligations",
            ItemKind::LgaChecklist => "LGA checklist",
            ItemKind::CapacityIndicator => "Acting-in-capacity indicators",
        }
    }

    pub fn parse(s: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "CatalogueVersion")]
pub struct Version {
    pub id: i64,
    pub label: String,
    pub title: String,
    pub adopted_on: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "CatalogueItem")]
pub struct Item {
    pub id: i64,
    pub version_id: i64,
    pub kind: ItemKind,
    pub code: String,
    pub title: String,
    pub text: String,
}

/// The columns of a `catalogue_version` row, as [`version_from_row`] reads them.
const VERSION_COLUMNS: &str = "id, label, title, adopted_on, source";

fn version_from_row(r: &Row) -> Result<Version> {
    Ok(Version {
        id: r.get("id")?,
        label: r.get("label")?,
        title: r.get("title")?,
        adopted_on: r.get("adopted_on")?,
        source: r.get("source")?,
    })
}

/// The columns of a `catalogue_item` row, as [`item_from_row`] reads them.
const ITEM_COLUMNS: &str = "id, version_id, kind, code, title, text";

fn item_from_row(r: &Row) -> Result<Item> {
    let kind: String = r.get("kind")?;
    Ok(Item {
        id: r.get("id")?,
        version_id: r.get("version_id")?,
        kind: ItemKind::parse(&kind)
            .ok_or_else(|| Error::Db(format!("column kind: unknown catalogue item kind {kind}")))?,
        code: r.get("code")?,
        title: r.get("title")?,
        text: r.get("text")?,
    })
}

pub fn versions(conn: &impl Sql) -> Result<Vec<Version>> {
    conn.rows(
        &format!("SELECT {VERSION_COLUMNS} FROM catalogue_version ORDER BY id"),
        &[],
    )?
    .iter()
    .map(version_from_row)
    .collect()
}

/// The one version a query finds, or `missing`.
fn one_version(
    conn: &impl Sql,
    condition: &str,
    params: &[crate::sql::Param<'_>],
    missing: impl FnOnce() -> Error,
) -> Result<Version> {
    conn.row_opt(
        &format!("SELECT {VERSION_COLUMNS} FROM catalogue_version {condition}"),
        params,
    )?
    .map(|r| version_from_row(&r))
    .transpose()?
    .ok_or_else(missing)
}

/// The newest version: the one new cases are tagged against.
pub fn current(conn: &impl Sql) -> Result<Version> {
    one_version(conn, "ORDER BY id DESC LIMIT 1", &[], || {
        Error::not_found("catalogue version", "any")
    })
}

pub fn version_by_label(conn: &impl Sql, label: &str) -> Result<Version> {
    one_version(conn, "WHERE label = ?1", &sql_params![label], || {
        Error::not_found("catalogue version", label)
    })
}

pub fn version(conn: &impl Sql, id: i64) -> Result<Version> {
    one_version(conn, "WHERE id = ?1", &sql_params![id], || {
        Error::not_found("catalogue version", id.to_string())
    })
}

pub fn items(conn: &impl Sql, version_id: i64) -> Result<Vec<Item>> {
    conn.rows(
        &format!(
            "SELECT {ITEM_COLUMNS} FROM catalogue_item WHERE version_id = ?1 ORDER BY position"
        ),
        &sql_params![version_id],
    )?
    .iter()
    .map(item_from_row)
    .collect()
}

/// The item `code` (any case) in `version_id`; the error names the field `field`.
pub fn item_by_code(conn: &impl Sql, version_id: i64, code: &str, field: &str) -> Result<Item> {
    let code = code.trim();
    static BY_CODE: Spelled = Spelled::new(|d| {
        format!(
            "SELECT {ITEM_COLUMNS} FROM catalogue_item WHERE version_id = ?1 AND {}",
            d.nocase_eq("code", "?2")
        )
    });
    conn.row_opt(BY_CODE.sql(conn.dialect()), &sql_params![version_id, code])?
        .map(|r| item_from_row(&r))
        .transpose()?
        .ok_or_else(|| {
            let label = version(conn, version_id)
                .map(|v| v.label)
                .unwrap_or_else(|_| version_id.to_string());
            Error::invalid(
                field,
                format!(
                    "'{}' is not a code in guidance catalogue {label} (see `casebook catalogue`)",
                    text::shorten(code)
                ),
            )
        })
}

/// A new catalogue version, as read from JSON by `casebook catalogue add-version FILE` (and sent
/// so to a team server).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewVersion {
    pub label: String,
    pub title: String,
    #[serde(default)]
    pub adopted_on: Option<String>,
    pub source: String,
    pub items: Vec<NewItem>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewItem {
    pub kind: ItemKind,
    pub code: String,
    pub title: String,
    pub text: String,
}

/// Reads a new catalogue version from a JSON file (the format in the README).
/// Largest catalogue version file read (the guidance is a few dozen items of text).
pub const MAX_VERSION_FILE_BYTES: u64 = 4 * 1024 * 1024;

pub fn read_version_file(path: &std::path::Path) -> Result<NewVersion> {
    let bytes = crate::files::read(path, MAX_VERSION_FILE_BYTES, "catalogue version file")?;
    serde_json::from_slice(&bytes)
        .map_err(|e| Error::invalid("file", format!("{}: {e}", path.display())))
}

pub fn add_version(tx: &impl Sql, stamp: &Stamp, new: &NewVersion) -> Result<Version> {
    // Every field, by name: one added to NewVersion must be checked and stored here too.
    let NewVersion {
        label,
        title,
        adopted_on,
        source,
        items,
    } = new;
    let label = text::required("label", label, 40)?;
    let title = text::required("title", title, text::MAX_LINE)?;
    let source = text::required("source", source, text::MAX_TEXT)?;
    let adopted_on =
        text::optional_date("adopted_on", adopted_on.as_deref())?.map(|d| d.to_string());
    if version_by_label(tx, &label).is_ok() {
        return Err(Error::conflict(
            "label",
            format!("catalogue version {label} already exists"),
        ));
    }
    if items.is_empty() {
        return Err(Error::invalid(
            "items",
            "a catalogue version needs at least one item",
        ));
    }
    let version_id = tx.insert(
        "INSERT INTO catalogue_version (label, title, adopted_on, source)
         VALUES (?1, ?2, ?3, ?4)",
        &sql_params![&label, title, adopted_on, source],
    )?;
    for (i, item) in items.iter().enumerate() {
        // Every field, by name: one added to NewItem must be checked and stored here too.
        let NewItem {
            kind,
            code,
            title,
            text: body,
        } = item;
        let field = format!("items[{i}]");
        let code = text::required(&format!("{field}.code"), code, 12)?;
        if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(Error::invalid(
                format!("{field}.code"),
                "use letters, digits and '-' only",
            ));
        }
        let title = text::required(&format!("{field}.title"), title, text::MAX_LINE)?;
        let body = text::required(&format!("{field}.text"), body, text::MAX_TEXT)?;
        let inserted = tx.run(
            "INSERT INTO catalogue_item (version_id, kind, code, title, text, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
            &sql_params![version_id, kind.as_str(), &code, title, body, i as i64 + 1],
        )?;
        if inserted == 0 {
            return Err(Error::conflict(
                format!("{field}.code"),
                format!("code {code} appears twice in this version"),
            ));
        }
    }
    audit::record(tx, stamp, "catalogue_version", version_id, None, None)?;
    version(tx, version_id)
}

/// Records in the audit trail any catalogue version put in place by a migration, so that `verify`
/// can tell if its wording is later changed.
/// Whether a catalogue version is not yet in the audit trail (one a migration seeded).
pub fn has_unrecorded(conn: &impl Sql) -> Result<bool> {
    conn.value(
        "SELECT EXISTS (SELECT 1 FROM catalogue_version v WHERE NOT EXISTS
           (SELECT 1 FROM audit a WHERE a.entity = 'catalogue_version' AND a.entity_id = v.id))",
        &[],
    )
}

pub fn seal_unrecorded(tx: &impl Sql, stamp: &Stamp) -> Result<()> {
    let ids: Vec<i64> = tx
        .rows(
            "SELECT id FROM catalogue_version v WHERE NOT EXISTS
               (SELECT 1 FROM audit a WHERE a.entity = 'catalogue_version' AND a.entity_id = v.id)",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
    for id in ids {
        audit::record(
            tx,
            stamp,
            "catalogue_version",
            id,
            None,
            Some("seeded by database migration"),
        )?;
    }
    Ok(())
}
