//! The officer register: the people who work on cases, each with a role. Every change in the
//! audit trail and every look in the access log names one of them by id.

use serde::Serialize;

pub use casebook_domain::officer::{Role, Via, ROLES};

use crate::sql::{Row, Sql};
use crate::{audit, sql_params, text, Error, Result, Stamp};

const COLUMNS: &str = "SELECT id, name, role, added_on FROM officer";

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

fn officer(r: &Row) -> Result<Officer> {
    let role = Role::parse("role", &r.get::<String>("role")?)?;
    Ok(Officer {
        id: r.get("id")?,
        name: r.get("name")?,
        role,
        role_label: role.label().into(),
        added_on: r.get("added_on")?,
    })
}

/// Every registered officer, in the order they were added.
pub fn list(conn: &impl Sql) -> Result<Vec<Officer>> {
    conn.rows(&format!("{COLUMNS} ORDER BY id"), &[])?
        .iter()
        .map(officer)
        .collect()
}

/// Whether the register is empty (a new database, or one from before the register).
pub fn none(conn: &impl Sql) -> Result<bool> {
    Ok(conn
        .row_opt("SELECT 1 FROM officer LIMIT 1", &[])?
        .is_none())
}

pub fn get(conn: &impl Sql, id: i64) -> Result<Officer> {
    let row = conn
        .row_opt(&format!("{COLUMNS} WHERE id = ?1"), &sql_params![id])?
        .ok_or_else(|| Error::not_found("officer", id.to_string()))?;
    officer(&row)
}

/// The registered officer `given` names: an officer number, or a name (any case). The error
/// names the `actor` field and lists who is registered.
pub fn resolve(conn: &impl Sql, given: &str) -> Result<Officer> {
    let g = given.trim();
    let row = match g.parse::<i64>() {
        Ok(id) => conn.row_opt(&format!("{COLUMNS} WHERE id = ?1"), &sql_params![id])?,
        // Names match in any case (ASCII letters, as SQLite's NOCASE and the unique index).
        Err(_) => conn.row_opt(
            &format!("{COLUMNS} WHERE lower(name) = lower(?1)"),
            &sql_params![g],
        )?,
    };
    match row {
        Some(r) => officer(&r),
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
pub fn add(tx: &impl Sql, stamp: &Stamp, name: &str, role: Role) -> Result<Officer> {
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

fn insert(tx: &impl Sql, stamp: &Stamp, name: &str, role: Role) -> Result<Officer> {
    let name = casebook_domain::officer::name(name)?;
    let taken: Option<String> = tx
        .row_opt(
            "SELECT name FROM officer WHERE lower(name) = lower(?1)",
            &sql_params![&name],
        )?
        .map(|r| r.get(0))
        .transpose()?;
    if let Some(t) = taken {
        return Err(Error::conflict(
            "name",
            format!("{t} is already a registered officer"),
        ));
    }
    let added_on = stamp.at.date_naive().to_string();
    let id = tx.insert(
        "INSERT INTO officer (name, role, added_on) VALUES (?1, ?2, ?3)",
        &sql_params![&name, role.word(), added_on],
    )?;
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
pub fn register_first(tx: &impl Sql, opener: &Stamp) -> Result<Officer> {
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
pub fn opening_stamp(conn: &impl Sql, opener: &Stamp) -> Result<Stamp> {
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

/// Registers `name` in `role`: an officer signed in to the team server, whose account (and role)
/// the council's Monitoring Officer gave them, enrolled in the council's register at their first
/// look or change there. The registration is their own first entry, or, for a read-only officer
/// (who makes no entries), the register's Monitoring Officer's.
pub fn enrol(
    tx: &impl Sql,
    name: &str,
    role: Role,
    via: casebook_domain::officer::Via,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<Officer> {
    let mut stamp = Stamp::new(name, at);
    stamp.via = via;
    if !role.may_change() {
        stamp = opening_stamp(tx, &Stamp::new("", at))?;
        stamp.via = via;
    }
    insert(tx, &stamp, name, role)
}
