//! The council's own holidays: closure days it adds and bank holidays it works, as stored (the
//! England & Wales rules are in `casebook_domain::calendar`).

use chrono::{Datelike, NaiveDate};

pub use casebook_domain::calendar::*;

use crate::sql::Sql;
use crate::{audit, sql_params, text, Error, Result, Stamp};

/// The calendar with the council's added and removed days, as stored.
pub fn load(conn: &impl Sql) -> Result<Calendar> {
    let mut cal = Calendar::standard();
    for row in conn.rows("SELECT day, kind, name FROM holiday_override", &[])? {
        let (day, kind, name): (String, String, String) =
            (row.get("day")?, row.get("kind")?, row.get("name")?);
        let Ok(d) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else {
            continue;
        };
        cal = if kind == "holiday" {
            cal.with_holiday(d, &name)
        } else {
            cal.with_working_day(d, &name)
        };
    }
    Ok(cal)
}

/// Adds a one-off holiday for the council (e.g. a local closure day), or takes back a bank holiday
/// the council works.
pub fn add_holiday(tx: &impl Sql, stamp: &Stamp, day: NaiveDate, name: &str) -> Result<()> {
    let name = text::required("name", name, 200)?;
    if is_weekend(day) {
        return Err(Error::invalid(
            "date",
            format!(
                "{day} is a {}; weekends never count as working days",
                day.weekday()
            ),
        ));
    }
    match override_on(tx, day)? {
        Some((id, kind, _)) if kind == "working day" => {
            // The bank holiday had been removed; adding it back restores it.
            let before = audit::snapshot(tx, "holiday_override", id)?;
            tx.run(
                "DELETE FROM holiday_override WHERE id = ?1",
                &sql_params![id],
            )?;
            audit::record(tx, stamp, "holiday_override", id, before, Some(&name))?;
            return Ok(());
        }
        Some(_) => {
            return Err(Error::conflict(
                "date",
                format!("{day} is already a holiday added by the council"),
            ))
        }
        None => {}
    }
    if let Some((_, bank)) = bank_holidays(day.year())
        .into_iter()
        .find(|(d, _)| *d == day)
    {
        return Err(Error::conflict(
            "date",
            format!("{day} is already a bank holiday ({bank})"),
        ));
    }
    let id = tx.insert(
        "INSERT INTO holiday_override (day, kind, name) VALUES (?1, 'holiday', ?2)",
        &sql_params![day.to_string(), name],
    )?;
    audit::record(tx, stamp, "holiday_override", id, None, None)
}

/// Removes a holiday the council added, or makes a bank holiday a working day (with the reason,
/// e.g. a bank holiday moved by proclamation after this version of Casebook was built).
pub fn remove_holiday(tx: &impl Sql, stamp: &Stamp, day: NaiveDate, reason: &str) -> Result<()> {
    let reason = text::required("reason", reason, 200)?;
    match override_on(tx, day)? {
        Some((id, kind, _)) if kind == "holiday" => {
            let before = audit::snapshot(tx, "holiday_override", id)?;
            tx.run(
                "DELETE FROM holiday_override WHERE id = ?1",
                &sql_params![id],
            )?;
            audit::record(tx, stamp, "holiday_override", id, before, Some(&reason))?;
            Ok(())
        }
        Some(_) => Err(Error::conflict(
            "date",
            format!("{day} has already been made a working day"),
        )),
        None => {
            if !bank_holidays(day.year()).iter().any(|(d, _)| *d == day) {
                return Err(Error::invalid(
                    "date",
                    format!("{day} is not a holiday, so there is nothing to remove"),
                ));
            }
            let id = tx.insert(
                "INSERT INTO holiday_override (day, kind, name) VALUES (?1, 'working day', ?2)",
                &sql_params![day.to_string(), reason],
            )?;
            audit::record(tx, stamp, "holiday_override", id, None, None)
        }
    }
}

fn override_on(conn: &impl Sql, day: NaiveDate) -> Result<Option<(i64, String, String)>> {
    conn.row_opt(
        "SELECT id, kind, name FROM holiday_override WHERE day = ?1",
        &sql_params![day.to_string()],
    )?
    .map(|r| Ok((r.get("id")?, r.get("kind")?, r.get("name")?)))
    .transpose()
}
