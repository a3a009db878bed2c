//! The officer register: the people who work on cases, each with a role. Every change in the
//! audit trail and every look in the access log names one of them by id.

use crate::cached::Cached;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

pub use casebook_domain::officer::{Role, Via, ROLES};

use crate::{audit, text, Error, Result, Stamp};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Officer {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// The role as an officer reads it ("Deputy Monitoring Officer").
    pub role_label: String,
    /// The day they were added to the register.
    pub added_on: String,
}

impl Officer {
    /// The stamp of this officer working through `via` at `at`.
    pub fn stamp(&self, via: Via, at: chrono::DateTime<chrono::Utc>) -> Stamp {
        Stamp::officer(self.id, &self.name, self.role, via, at)
    }
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, String)> {
    Ok((
        r.get("id")?,
        r.get("name")?,
        r.get("role")?,
        r.get("added_on")?,
    ))
}

fn officer((id, name, role, added_on): (i64, String, String, String)) -> Result<Officer> {
    let role = Role::parse("role", &role)?;
    Ok(Officer {
        id,
        name,
        role,
        role_label: role.label().into(),
        added_on,
    })
}

/// Every registered officer, in the order they were added.
pub fn list(conn: &Connection) -> Result<Vec<Officer>> {
    let rows = conn
        .prepare_cached("SELECT id, name, role, added_on FROM officer ORDER BY id")?
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(officer).collect()
}

/// Whether the register is empty (a new database, or one from before the register).
pub fn none(conn: &Connection) -> Result<bool> {
    Ok(conn
        .row("SELECT 1 FROM officer LIMIT 1", [], |_| Ok(()))
        .optional()?
        .is_none())
}

pub fn get(conn: &Connection, id: i64) -> Result<Officer> {
    let row = conn
        .prepare_cached("SELECT id, name, role, added_on FROM officer WHERE id = ?1")?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("officer", id.to_string()))?;
    officer(row)
}

/// The registered officer `given` names: an officer number, or a name (any case). The error
/// names the `actor` field and lists who is registered.
pub fn resolve(conn: &Connection, given: &str) -> Result<Officer> {
    let g = given.trim();
    let row = match g.parse::<i64>() {
        Ok(id) => conn
            .prepare_cached("SELECT id, name, role, added_on FROM officer WHERE id = ?1")?
            .query_row([id], from_row)
            .optional()?,
        Err(_) => conn
            .prepare_cached("SELECT id, name, role, added_on FROM officer WHERE name = ?1")?
            .query_row([g], from_row)
            .optional()?,
    };
    match row {
        Some(r) => officer(r),
        None => {
            let names: Vec<String> = list(conn)?.into_iter().map(|o| o.name).collect();
            Err(Error::invalid(
                "actor",
                format!(
                    "'{}' is not a registered officer (registered: {}); a Monitoring Officer or \
                     Deputy adds officers with `casebook officer add`",
                    text::shorten(g),
                    names.join(", ")
                ),
            ))
        }
    }
}

/// Adds `name` in `role` to the register. Only a Monitoring Officer or Deputy may.
pub fn add(tx: &Transaction<'_>, stamp: &Stamp, name: &str, role: Role) -> Result<Officer> {
    stamp.officer_id()?;
    if !stamp.role.is_some_and(Role::may_manage_officers) {
        return Err(Error::invalid(
            "actor",
            format!(
                "{} may not add officers: only a Monitoring Officer or Deputy may",
                stamp.actor
            ),
        ));
    }
    insert(tx, stamp, name, role)
}

fn insert(tx: &Transaction<'_>, stamp: &Stamp, name: &str, role: Role) -> Result<Officer> {
    let name = casebook_domain::officer::name(name)?;
    let taken: Option<String> = tx
        .row("SELECT name FROM officer WHERE name = ?1", [&name], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(t) = taken {
        return Err(Error::conflict(
            "name",
            format!("{t} is already a registered officer"),
        ));
    }
    let added_on = stamp.at.date_naive().to_string();
    tx.run(
        "INSERT INTO officer (name, role, added_on) VALUES (?1, ?2, ?3)",
        params![name, role.word(), added_on],
    )?;
    let id = tx.last_insert_rowid();
    // The first officer records their own registration.
    let by = match stamp.officer {
        Some(_) => stamp.clone(),
        None => Stamp::officer(id, &name, role, stamp.via, stamp.at),
    };
    audit::record(tx, &by, "officer", id, None, None)?;
    get(tx, id)
}

/// Registers the person opening an empty register (`opener.actor`) as its first officer, the
/// Monitoring Officer.
pub fn register_first(tx: &Transaction<'_>, opener: &Stamp) -> Result<Officer> {
    let name = if opener.actor.trim().is_empty() {
        "Monitoring Officer"
    } else {
        opener.actor.as_str()
    };
    let stamp = Stamp {
        officer: None,
        ..opener.clone()
    };
    insert(tx, &stamp, name, Role::MonitoringOfficer)
}

/// The stamp for what Casebook records as it opens a database (a new catalogue sealed, say): the
/// opener's, if they are registered, else the first Monitoring Officer's.
pub fn opening_stamp(conn: &Connection, opener: &Stamp) -> Result<Stamp> {
    if opener.officer.is_some() {
        return Ok(opener.clone());
    }
    let found = match resolve(conn, &opener.actor) {
        Ok(o) => o,
        Err(_) => list(conn)?
            .into_iter()
            .find(|o| o.role == Role::MonitoringOfficer)
            .ok_or_else(|| Error::not_found("officer", "a Monitoring Officer"))?,
    };
    Ok(found.stamp(opener.via, opener.at))
}
