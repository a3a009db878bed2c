//! The council's settings: the procedure's time targets (from its arrangements), the council's
//! name and the officer's name. Each is stored only once changed from its default, and every
//! change is in the audit trail.

use serde::Serialize;

pub use casebook_domain::settings::Targets;

use crate::sql::Sql;
use crate::{audit, sql_params, text, Error, Result, Stamp};

/// A setting Casebook knows: its key, what it means, its default and the range it may take.
pub struct Known {
    pub key: &'static str,
    pub label: &'static str,
    pub default: u32,
    pub min: u32,
    pub max: u32,
}

pub const ACKNOWLEDGE_DAYS: &str = "acknowledge_working_days";
pub const DECISION_DAYS: &str = "decision_working_days";
pub const INVESTIGATION_WEEKS: &str = "investigation_weeks";
pub const COMMENTS_DAYS: &str = "comments_working_days";
pub const REVIEW_DAYS: &str = "review_working_days";
pub const LETTERS_DAYS: &str = "letters_working_days";
/// Minutes without use after which the desktop app locks itself.
pub const IDLE_LOCK_MINUTES: &str = "idle_lock_minutes";

pub const KNOWN: &[Known] = &[
    Known {
        key: ACKNOWLEDGE_DAYS,
        label: "Acknowledge a complaint within this many working days of receipt",
        default: 5,
        min: 1,
        max: 60,
    },
    Known {
        key: DECISION_DAYS,
        label: "Decide on the initial assessment within this many working days of receipt",
        default: 20,
        min: 1,
        max: 120,
    },
    Known {
        key: INVESTIGATION_WEEKS,
        label: "Complete an investigation (the report) within this many weeks of the decision",
        default: 12,
        min: 1,
        max: 104,
    },
    Known {
        key: COMMENTS_DAYS,
        label:
            "Ask for the councillor's comments (and the parties' on a draft report) within this \
                many working days",
        default: 10,
        min: 1,
        max: 60,
    },
    Known {
        key: REVIEW_DAYS,
        label: "Decide a request for review within this many working days of receiving it",
        default: 15,
        min: 1,
        max: 120,
    },
    Known {
        key: LETTERS_DAYS,
        label: "Send the decision letters within this many working days of the decision",
        default: 5,
        min: 1,
        max: 60,
    },
    Known {
        key: IDLE_LOCK_MINUTES,
        label: "Lock the desktop app after this many minutes without use",
        default: 15,
        min: 1,
        max: 240,
    },
];

fn known(key: &str) -> Result<&'static Known> {
    let keys: Vec<&str> = KNOWN.iter().map(|k| k.key).collect();
    KNOWN
        .iter()
        .find(|k| k.key.eq_ignore_ascii_case(key.trim()))
        .ok_or_else(|| {
            Error::invalid(
                "setting",
                format!(
                    "'{}' is not a setting; the settings are {}",
                    text::shorten(key.trim()),
                    keys.join(", ")
                ),
            )
        })
}

/// A setting with its current value, for listing.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "Target")]
pub struct Setting {
    pub key: &'static str,
    pub label: &'static str,
    pub value: u32,
    pub default: u32,
}

fn stored(conn: &impl Sql, key: &str) -> Result<Option<(i64, String)>> {
    conn.row_opt(
        "SELECT id, value FROM setting WHERE key = ?1",
        &sql_params![key],
    )?
    .map(|r| Ok((r.get(0)?, r.get(1)?)))
    .transpose()
}

/// Stores `value` for `key` (none: back to its default), recording the change.
fn store(tx: &impl Sql, stamp: &Stamp, key: &str, value: Option<&str>) -> Result<()> {
    match (stored(tx, key)?, value) {
        (Some((id, _)), None) => {
            let before = audit::snapshot(tx, "setting", id)?;
            tx.run("DELETE FROM setting WHERE id = ?1", &sql_params![id])?;
            audit::record(tx, stamp, "setting", id, before, None)
        }
        (Some((id, _)), Some(v)) => {
            let before = audit::snapshot(tx, "setting", id)?;
            tx.run(
                "UPDATE setting SET value = ?2 WHERE id = ?1",
                &sql_params![id, v],
            )?;
            audit::record(tx, stamp, "setting", id, before, None)
        }
        (None, Some(v)) => {
            let id = tx.insert(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)",
                &sql_params![key, v],
            )?;
            audit::record(tx, stamp, "setting", id, None, None)
        }
        (None, None) => Ok(()),
    }
}

fn value(conn: &impl Sql, k: &Known) -> Result<u32> {
    Ok(stored(conn, k.key)?
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(k.default))
}

pub fn all(conn: &impl Sql) -> Result<Vec<Setting>> {
    KNOWN
        .iter()
        .map(|k| {
            Ok(Setting {
                key: k.key,
                label: k.label,
                value: value(conn, k)?,
                default: k.default,
            })
        })
        .collect()
}

/// Minutes without use after which the desktop app locks itself.
pub fn idle_lock_minutes(conn: &impl Sql) -> Result<u32> {
    value(conn, known(IDLE_LOCK_MINUTES)?)
}

pub fn targets(conn: &impl Sql) -> Result<Targets> {
    let get = |key: &str| -> Result<u32> { value(conn, known(key)?) };
    Ok(Targets {
        acknowledge_working_days: get(ACKNOWLEDGE_DAYS)?,
        decision_working_days: get(DECISION_DAYS)?,
        investigation_weeks: get(INVESTIGATION_WEEKS)?,
        comments_working_days: get(COMMENTS_DAYS)?,
        review_working_days: get(REVIEW_DAYS)?,
        letters_working_days: get(LETTERS_DAYS)?,
    })
}

/// Sets `key` to `value` (a whole number within the setting's range).
pub fn set(tx: &impl Sql, stamp: &Stamp, key: &str, value: &str) -> Result<Setting> {
    let k = known(key)?;
    let v: u32 = value.trim().parse().map_err(|_| {
        Error::invalid(
            k.key,
            format!("'{}' is not a whole number", text::shorten(value.trim())),
        )
    })?;
    if v < k.min || v > k.max {
        return Err(Error::invalid(
            k.key,
            format!("{v} is outside {}–{}", k.min, k.max),
        ));
    }
    store(tx, stamp, k.key, Some(&v.to_string()))?;
    Ok(Setting {
        key: k.key,
        label: k.label,
        value: v,
        default: k.default,
    })
}

pub const COUNCIL_NAME: &str = "council_name";
pub const COUNCIL_ADDRESS: &str = "council_address";
pub const OFFICER_NAME: &str = "officer_name";
pub const PUBLICATION_RULE: &str = "publication_rule";
pub const REVIEW_RECOMMENDATIONS: &str = "review_recommendations";

/// The settings that are words, with what each is for.
pub const TEXTS: &[(&str, &str)] = &[
    (
        COUNCIL_NAME,
        "The council's name, as committee papers give it",
    ),
    (
        COUNCIL_ADDRESS,
        "The council's postal address, one line per line, as letters give it",
    ),
    (
        OFFICER_NAME,
        "The officer's name, recorded in the audit trail for changes made in the desktop app",
    ),
    (
        PUBLICATION_RULE,
        "When published papers may name a councillor: 'breach found and notice published' \
         (the default), 'breach found', or 'never'",
    ),
    (
        REVIEW_RECOMMENDATIONS,
        "The officer's recommendations that close the annual guidance review (Markdown)",
    ),
];

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TextSetting {
    pub key: &'static str,
    pub label: &'static str,
    pub value: Option<String>,
}

fn text_key(key: &str) -> Result<(&'static str, &'static str)> {
    TEXTS
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key.trim()))
        .copied()
        .ok_or_else(|| {
            Error::invalid(
                "setting",
                format!("'{}' is not a setting", text::shorten(key)),
            )
        })
}

/// Whether `key` names a setting that is words (rather than a number).
pub fn is_text(key: &str) -> bool {
    text_key(key).is_ok()
}

pub fn text_value(conn: &impl Sql, key: &str) -> Result<Option<String>> {
    let (k, _) = text_key(key)?;
    Ok(stored(conn, k)?.map(|(_, v)| v))
}

pub fn texts(conn: &impl Sql) -> Result<Vec<TextSetting>> {
    TEXTS
        .iter()
        .map(|(key, label)| {
            Ok(TextSetting {
                key,
                label,
                value: stored(conn, key)?.map(|(_, v)| v),
            })
        })
        .collect()
}

/// Sets a words setting; blank clears it.
pub fn set_text(tx: &impl Sql, stamp: &Stamp, key: &str, value: &str) -> Result<TextSetting> {
    let (k, label) = text_key(key)?;
    let max = if k == REVIEW_RECOMMENDATIONS {
        text::MAX_TEXT
    } else if k == COUNCIL_ADDRESS {
        500
    } else {
        200
    };
    let mut value = text::optional(k, Some(value), max)?;
    if k == PUBLICATION_RULE {
        if let Some(v) = &value {
            let rules: Vec<&'static str> = casebook_domain::vocabulary::RULES
                .iter()
                .map(|r| r.0)
                .collect();
            value = Some(text::one_of(k, v, &rules)?.to_string());
        }
    }
    store(tx, stamp, k, value.as_deref())?;
    Ok(TextSetting {
        key: k,
        label,
        value,
    })
}

/// The key a council's own copy of a template is kept under on a team server (a desktop file
/// keeps its copies as files in a folder beside it).
const TEMPLATE_KEY: &str = "template:";

/// Largest template kept: the longest that ships is a few kilobytes.
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// The council's own templates kept in its settings: each one's file name and text.
pub fn templates(conn: &impl Sql) -> Result<Vec<(String, String)>> {
    conn.rows(
        &format!("SELECT key, value FROM setting WHERE key LIKE '{TEMPLATE_KEY}%' ORDER BY key"),
        &[],
    )?
    .iter()
    .map(|r| {
        let key: String = r.get(0)?;
        Ok((key[TEMPLATE_KEY.len()..].to_string(), r.get(1)?))
    })
    .collect()
}

/// Keeps the council's own copy of template `file` (which the caller has checked is one Casebook
/// has, and parses), or with `None` goes back to the one that ships; the change is in the audit
/// trail.
pub fn set_template(tx: &impl Sql, stamp: &Stamp, file: &str, text: Option<&str>) -> Result<()> {
    if let Some(t) = text {
        if t.trim().is_empty() {
            return Err(Error::invalid(
                "text",
                "a template cannot be empty; go back to the one that ships instead",
            ));
        }
        if t.contains('\0') {
            return Err(Error::invalid("text", "the template holds a NUL character"));
        }
        if t.len() > MAX_TEMPLATE_BYTES {
            return Err(Error::invalid(
                "text",
                format!(
                    "the template is {} KiB; the most kept is {} KiB",
                    t.len() / 1024,
                    MAX_TEMPLATE_BYTES / 1024
                ),
            ));
        }
    }
    store(tx, stamp, &format!("{TEMPLATE_KEY}{file}"), text)
}
