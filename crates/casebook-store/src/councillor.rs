//! The councillor register: elected and co-opted members, their council, ward, party and term, and
//! their social media accounts.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::{audit, text, Error, Result, Stamp};

pub use casebook_domain::vocabulary::{ACCOUNT_USES, MEMBERSHIPS, VISIBILITIES};

#[derive(Debug, Clone, Default)]
pub struct NewCouncillor {
    pub name: String,
    pub council: String,
    pub ward: Option<String>,
    pub party: Option<String>,
    pub co_opted: bool,
    pub term_start: Option<NaiveDate>,
    pub term_end: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Councillor {
    pub id: i64,
    pub name: String,
    pub council: String,
    pub ward: Option<String>,
    pub party: Option<String>,
    /// `elected` or `co-opted`.
    pub membership: String,
    pub term_start: Option<String>,
    pub term_end: Option<String>,
    pub case_count: i64,
    pub accounts: Vec<Account>,
}

#[derive(Debug, Clone, Default)]
pub struct NewAccount {
    pub platform: String,
    pub handle: String,
    pub profile_says_councillor: bool,
    /// `personal`, `councillor` or `mixed`.
    pub account_use: String,
    /// `public` or `private`.
    pub visibility: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Account {
    pub id: i64,
    pub platform: String,
    pub handle: String,
    pub profile_says_councillor: bool,
    pub account_use: String,
    pub visibility: String,
}

pub fn add(tx: &Transaction<'_>, stamp: &Stamp, new: &NewCouncillor) -> Result<Councillor> {
    let name = text::required("name", &new.name, 120)?;
    let council = text::required("council", &new.council, 120)?;
    let ward = text::optional("ward", new.ward.as_deref(), 120)?;
    let party = text::optional("party", new.party.as_deref(), 120)?;
    if let (Some(s), Some(e)) = (new.term_start, new.term_end) {
        if e < s {
            return Err(Error::invalid(
                "term_end",
                format!("{e} is before the term start {s}"),
            ));
        }
    }
    if let Some(existing) = find(tx, &name, &council)? {
        return Err(Error::conflict(
            "name",
            format!(
                "{name} of {council} is already in the register (councillor {})",
                existing.id
            ),
        ));
    }
    tx.execute(
        "INSERT INTO councillor (name, council, ward, party, membership, term_start, term_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            name,
            council,
            ward,
            party,
            if new.co_opted { "co-opted" } else { "elected" },
            new.term_start.map(|d| d.to_string()),
            new.term_end.map(|d| d.to_string()),
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, stamp, "councillor", id, None, None)?;
    get(tx, id)
}

/// Changes a councillor's details (all fields replaced); their cases are re-indexed for search.
pub fn update(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    id: i64,
    new: &NewCouncillor,
) -> Result<Councillor> {
    let before = audit::snapshot(tx, "councillor", id)?
        .ok_or_else(|| Error::not_found("councillor", id.to_string()))?;
    let name = text::required("name", &new.name, 120)?;
    let council = text::required("council", &new.council, 120)?;
    if let Some(other) = find(tx, &name, &council)?.filter(|c| c.id != id) {
        return Err(Error::conflict(
            "name",
            format!("{name} of {council} is already councillor {}", other.id),
        ));
    }
    tx.execute(
        "UPDATE councillor SET name = ?2, council = ?3, ward = ?4, party = ?5, membership = ?6,
                term_start = ?7, term_end = ?8 WHERE id = ?1",
        params![
            id,
            name,
            council,
            text::optional("ward", new.ward.as_deref(), 120)?,
            text::optional("party", new.party.as_deref(), 120)?,
            if new.co_opted { "co-opted" } else { "elected" },
            new.term_start.map(|d| d.to_string()),
            new.term_end.map(|d| d.to_string()),
        ],
    )?;
    audit::record(tx, stamp, "councillor", id, Some(before), None)?;
    get(tx, id)
}

pub fn add_account(
    tx: &Transaction<'_>,
    stamp: &Stamp,
    councillor_id: i64,
    new: &NewAccount,
) -> Result<Account> {
    get(tx, councillor_id)?;
    let platform = casebook_domain::vocabulary::platform("platform", &new.platform)?;
    let handle = text::required("handle", &new.handle, 200)?;
    let account_use = text::one_of("account_use", &new.account_use, ACCOUNT_USES)?;
    let visibility = text::one_of("visibility", &new.visibility, VISIBILITIES)?;
    let exists: Option<i64> = tx
        .query_row(
            "SELECT councillor_id FROM social_account WHERE platform = ?1 AND handle = ?2 COLLATE NOCASE",
            params![platform, handle],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(owner) = exists {
        return Err(Error::conflict(
            "handle",
            format!("{platform} account {handle} is already registered to councillor {owner}"),
        ));
    }
    tx.execute(
        "INSERT INTO social_account (councillor_id, platform, handle, profile_says_councillor,
                                     account_use, visibility)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            councillor_id,
            platform,
            handle,
            new.profile_says_councillor,
            account_use,
            visibility
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::record(tx, stamp, "social_account", id, None, None)?;
    accounts(tx, councillor_id)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::not_found("account", id.to_string()))
}

pub fn accounts(conn: &Connection, councillor_id: i64) -> Result<Vec<Account>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, platform, handle, profile_says_councillor, account_use, visibility
         FROM social_account WHERE councillor_id = ?1 ORDER BY platform, handle",
    )?;
    let rows = stmt.query_map([councillor_id], |r| {
        Ok(Account {
            id: r.get(0)?,
            platform: r.get(1)?,
            handle: r.get(2)?,
            profile_says_councillor: r.get(3)?,
            account_use: r.get(4)?,
            visibility: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const SELECT: &str = "SELECT c.id, c.name, c.council, c.ward, c.party, c.membership, c.term_start,
        c.term_end, (SELECT count(*) FROM cases k WHERE k.councillor_id = c.id)
     FROM councillor c";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Councillor> {
    Ok(Councillor {
        id: r.get(0)?,
        name: r.get(1)?,
        council: r.get(2)?,
        ward: r.get(3)?,
        party: r.get(4)?,
        membership: r.get(5)?,
        term_start: r.get(6)?,
        term_end: r.get(7)?,
        case_count: r.get(8)?,
        accounts: Vec::new(),
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Councillor> {
    let mut c = conn
        .query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::not_found("councillor", id.to_string()))?;
    c.accounts = accounts(conn, id)?;
    Ok(c)
}

/// Exact match on name and council, ignoring case and surrounding space.
pub fn find(conn: &Connection, name: &str, council: &str) -> Result<Option<Councillor>> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM councillor WHERE name = ?1 COLLATE NOCASE AND council = ?2 COLLATE NOCASE",
            params![name.trim(), council.trim()],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| get(conn, id)).transpose()
}

/// Finds a councillor by register number or by a name that matches exactly one member.
pub fn resolve(conn: &Connection, key: &str, field: &str) -> Result<Councillor> {
    let key = key.trim();
    if let Ok(id) = key.parse::<i64>() {
        return get(conn, id)
            .map_err(|_| Error::invalid(field, format!("no councillor number {id}")));
    }
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM councillor WHERE name = ?1 COLLATE NOCASE")?
        .query_map([key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match ids.as_slice() {
        [id] => get(conn, *id),
        [] => Err(Error::invalid(
            field,
            format!(
                "no councillor named '{}' (see `casebook councillor list`)",
                text::shorten(key)
            ),
        )),
        _ => Err(Error::invalid(
            field,
            format!(
                "{} councillors are named '{}'; give the register number instead",
                ids.len(),
                text::shorten(key)
            ),
        )),
    }
}

pub fn list(conn: &Connection) -> Result<Vec<Councillor>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY c.council, c.name"))?;
    let mut all = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for c in &mut all {
        c.accounts = accounts(conn, c.id)?;
    }
    Ok(all)
}

/// How many councillors are on the register.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM councillor", [], |r| r.get(0))?)
}
