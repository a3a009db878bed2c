//! The register of the Independent Persons the council has appointed (Localism Act 2011 s28(7)):
//! name, term and contact. A consultation picks one who is serving on its date. Every change is in
//! the audit trail; a person is never deleted (consultations point at them), their term is ended.

use chrono::NaiveDate;
use serde::Serialize;

use crate::sql::{Row, Spelled, Sql};
use crate::{audit, sql_params, text, Error, Result, Stamp};
use casebook_domain::procedure::parse_day;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IndependentPerson {
    pub id: i64,
    pub name: String,
    pub term_start: String,
    pub term_end: Option<String>,
    pub contact: Option<String>,
}

impl IndependentPerson {
    /// Whether their term covers `on`.
    pub fn serving_on(&self, on: NaiveDate) -> bool {
        parse_day(&self.term_start).is_some_and(|s| s <= on)
            && self
                .term_end
                .as_deref()
                .and_then(parse_day)
                .is_none_or(|e| on <= e)
    }
}

/// An appointment to record.
#[derive(Debug, Clone, Default)]
pub struct NewPerson {
    pub name: String,
    pub term_start: String,
    pub term_end: Option<String>,
    pub contact: Option<String>,
}

/// The fewest Independent Persons a council should have serving: one to consult, and another when
/// the first is conflicted or away.
pub const FEWEST: usize = 2;

fn from_row(r: &Row) -> Result<IndependentPerson> {
    Ok(IndependentPerson {
        id: r.get("id")?,
        name: r.get("name")?,
        term_start: r.get("term_start")?,
        term_end: r.get("term_end")?,
        contact: r.get("contact")?,
    })
}

/// Everyone on the register, by name.
pub fn list(conn: &impl Sql) -> Result<Vec<IndependentPerson>> {
    conn.rows(
        "SELECT id, name, term_start, term_end, contact FROM independent_person ORDER BY name",
        &[],
    )?
    .iter()
    .map(from_row)
    .collect()
}

pub fn get(conn: &impl Sql, id: i64) -> Result<IndependentPerson> {
    conn.row_opt(
        "SELECT id, name, term_start, term_end, contact FROM independent_person WHERE id = ?1",
        &sql_params![id],
    )?
    .map(|r| from_row(&r))
    .transpose()?
    .ok_or_else(|| Error::not_found("Independent Person", id.to_string()))
}

/// Those serving on `on`.
pub fn serving(conn: &impl Sql, on: NaiveDate) -> Result<Vec<IndependentPerson>> {
    Ok(list(conn)?
        .into_iter()
        .filter(|p| p.serving_on(on))
        .collect())
}

/// A warning when fewer than [`FEWEST`] are serving on `on`.
pub fn shortfall(conn: &impl Sql, on: NaiveDate) -> Result<Option<String>> {
    let n = serving(conn, on)?.len();
    Ok((n < FEWEST).then(|| {
        format!(
            "{n} Independent Person{} serving: appoint at least {FEWEST}, so one can be consulted \
             when another is unavailable or has a conflict of interest",
            if n == 1 { " is" } else { "s are" }
        )
    }))
}

fn checked(p: &NewPerson) -> Result<(String, NaiveDate, Option<NaiveDate>, Option<String>)> {
    let name = text::required("name", &p.name, 200)?;
    let start = text::date("term_start", &p.term_start)?;
    let end = text::optional_date("term_end", p.term_end.as_deref())?;
    if let Some(end) = end.filter(|e| *e < start) {
        return Err(Error::invalid(
            "term_end",
            format!("{end} is before the term starts ({start})"),
        ));
    }
    let contact = text::optional("contact", p.contact.as_deref(), 300)?;
    Ok((name, start, end, contact))
}

/// Adds an appointment to the register.
pub fn add(tx: &impl Sql, stamp: &Stamp, p: &NewPerson) -> Result<IndependentPerson> {
    let (name, start, end, contact) = checked(p)?;
    static BY_NAME: Spelled = Spelled::new(|d| {
        format!(
            "SELECT id FROM independent_person WHERE {}",
            d.nocase_eq("name", "?1")
        )
    });
    let taken = tx
        .row_opt(BY_NAME.sql(tx.dialect()), &sql_params![&name])?
        .is_some();
    if taken {
        return Err(Error::conflict(
            "name",
            format!("{name} is already on the register; change their term instead"),
        ));
    }
    let id = tx.insert(
        "INSERT INTO independent_person (name, term_start, term_end, contact)
         VALUES (?1, ?2, ?3, ?4)",
        &sql_params![name, start.to_string(), end.map(|d| d.to_string()), contact],
    )?;
    audit::record(tx, stamp, "independent_person", id, None, None)?;
    get(tx, id)
}

/// Changes an appointment's term or contact (the name stays: consultations quote it).
pub fn update(tx: &impl Sql, stamp: &Stamp, id: i64, p: &NewPerson) -> Result<IndependentPerson> {
    let was = get(tx, id)?;
    let (_, start, end, contact) = checked(&NewPerson {
        name: was.name.clone(),
        ..p.clone()
    })?;
    let before = audit::snapshot(tx, "independent_person", id)?;
    tx.run(
        "UPDATE independent_person SET term_start = ?2, term_end = ?3, contact = ?4 WHERE id = ?1",
        &sql_params![id, start.to_string(), end.map(|d| d.to_string()), contact],
    )?;
    audit::record(tx, stamp, "independent_person", id, before, None)?;
    get(tx, id)
}
