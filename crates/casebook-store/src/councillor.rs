//! The councillor register: elected and co-opted members, their council, ward, party and term, and
//! their social media accounts.

use chrono::NaiveDate;
use serde::Serialize;

use crate::sql::{Param, Row, Spelled, Sql};
use crate::{audit, sql_params, text, Error, Result, Stamp};

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

/// A councillor's details as stored: checked, trimmed, and not already in the register.
struct Checked {
    name: String,
    council: String,
    ward: Option<String>,
    party: Option<String>,
    membership: &'static str,
    term_start: Option<String>,
    term_end: Option<String>,
}

impl Checked {
    /// The checked fields as `?1` to `?7` (name, council, ward, party, membership, term).
    fn params(&self) -> Vec<Param<'_>> {
        Vec::from(sql_params![
            &self.name,
            &self.council,
            self.ward.as_deref(),
            self.party.as_deref(),
            self.membership,
            self.term_start.as_deref(),
            self.term_end.as_deref()
        ])
    }
}

/// Checks `new` for adding (`id` none) or for changing councillor `id`: the same rules either
/// way, so a change cannot store what adding would refuse.
fn check(tx: &impl Sql, new: &NewCouncillor, id: Option<i64>) -> Result<Checked> {
    // Every field, by name: one added to NewCouncillor must be checked and stored here too.
    let NewCouncillor {
        name,
        council,
        ward,
        party,
        co_opted,
        term_start,
        term_end,
    } = new;
    let name = text::required("name", name, 120)?;
    let council = text::required("council", council, 120)?;
    let ward = text::optional("ward", ward.as_deref(), 120)?;
    let party = text::optional("party", party.as_deref(), 120)?;
    if let (Some(s), Some(e)) = (term_start, term_end) {
        if e < s {
            return Err(Error::invalid(
                "term_end",
                format!("{e} is before the term start {s}"),
            ));
        }
    }
    if let Some(other) = find(tx, &name, &council)?.filter(|c| Some(c.id) != id) {
        return Err(Error::conflict(
            "name",
            format!(
                "{name} of {council} is already in the register (councillor {})",
                other.id
            ),
        ));
    }
    Ok(Checked {
        name,
        council,
        ward,
        party,
        membership: membership(*co_opted),
        term_start: term_start.map(|d| d.to_string()),
        term_end: term_end.map(|d| d.to_string()),
    })
}

pub fn add(tx: &impl Sql, stamp: &Stamp, new: &NewCouncillor) -> Result<Councillor> {
    let c = check(tx, new, None)?;
    let id = tx.insert(
        "INSERT INTO councillor (name, council, ward, party, membership, term_start, term_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &c.params(),
    )?;
    audit::record(tx, stamp, "councillor", id, None, None)?;
    get(tx, id)
}

/// Changes a councillor's details (all fields replaced); their cases are re-indexed for search.
pub fn update(tx: &impl Sql, stamp: &Stamp, id: i64, new: &NewCouncillor) -> Result<Councillor> {
    let before = audit::snapshot(tx, "councillor", id)?
        .ok_or_else(|| Error::not_found("councillor", id.to_string()))?;
    let c = check(tx, new, Some(id))?;
    tx.run(
        "UPDATE councillor SET name = ?1, council = ?2, ward = ?3, party = ?4, membership = ?5,
                term_start = ?6, term_end = ?7
         WHERE id = ?8",
        &[c.params(), vec![Param::from(id)]].concat(),
    )?;
    audit::record(tx, stamp, "councillor", id, Some(before), None)?;
    get(tx, id)
}

/// The stored `membership` of a councillor who is (or is not) co-opted.
fn membership(co_opted: bool) -> &'static str {
    if co_opted {
        "co-opted"
    } else {
        "elected"
    }
}

pub fn add_account(
    tx: &impl Sql,
    stamp: &Stamp,
    councillor_id: i64,
    new: &NewAccount,
) -> Result<Account> {
    // Every field, by name: one added to NewAccount must be checked and stored here too.
    let NewAccount {
        platform,
        handle,
        profile_says_councillor,
        account_use,
        visibility,
    } = new;
    get(tx, councillor_id)?;
    let platform = casebook_domain::vocabulary::platform("platform", platform)?;
    let handle = text::required("handle", handle, 200)?;
    let account_use = text::one_of("account_use", account_use, ACCOUNT_USES)?;
    let visibility = text::one_of("visibility", visibility, VISIBILITIES)?;
    static OWNER: Spelled = Spelled::new(|d| {
        format!(
            "SELECT councillor_id FROM social_account WHERE platform = ?1 AND {}",
            d.nocase_eq("handle", "?2")
        )
    });
    let exists: Option<i64> =
        tx.value_opt(OWNER.sql(tx.dialect()), &sql_params![&platform, &handle])?;
    if let Some(owner) = exists {
        return Err(Error::conflict(
            "handle",
            format!("{platform} account {handle} is already registered to councillor {owner}"),
        ));
    }
    let id = tx.insert(
        "INSERT INTO social_account (councillor_id, platform, handle, profile_says_councillor,
                                     account_use, visibility)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &sql_params![
            councillor_id,
            platform,
            handle,
            *profile_says_councillor,
            account_use,
            visibility
        ],
    )?;
    audit::record(tx, stamp, "social_account", id, None, None)?;
    accounts(tx, councillor_id)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::not_found("account", id.to_string()))
}

pub fn accounts(conn: &impl Sql, councillor_id: i64) -> Result<Vec<Account>> {
    let rows = conn.rows(
        "SELECT id, platform, handle, profile_says_councillor, account_use, visibility
         FROM social_account WHERE councillor_id = ?1 ORDER BY platform, handle",
        &sql_params![councillor_id],
    )?;
    rows.iter()
        .map(|r| {
            Ok(Account {
                id: r.get("id")?,
                platform: r.get("platform")?,
                handle: r.get("handle")?,
                profile_says_councillor: r.get("profile_says_councillor")?,
                account_use: r.get("account_use")?,
                visibility: r.get("visibility")?,
            })
        })
        .collect()
}

/// A councillor with their number of cases, each column named as [`from_row`] reads it.
const SELECT: &str = "SELECT c.id, c.name, c.council, c.ward, c.party, c.membership, c.term_start,
        c.term_end, (SELECT count(*) FROM cases k WHERE k.councillor_id = c.id) AS case_count
     FROM councillor c";

fn from_row(r: &Row) -> Result<Councillor> {
    Ok(Councillor {
        id: r.get("id")?,
        name: r.get("name")?,
        council: r.get("council")?,
        ward: r.get("ward")?,
        party: r.get("party")?,
        membership: r.get("membership")?,
        term_start: r.get("term_start")?,
        term_end: r.get("term_end")?,
        case_count: r.get("case_count")?,
        accounts: Vec::new(),
    })
}

pub fn get(conn: &impl Sql, id: i64) -> Result<Councillor> {
    let row = conn
        .row_opt(&format!("{SELECT} WHERE c.id = ?1"), &sql_params![id])?
        .ok_or_else(|| Error::not_found("councillor", id.to_string()))?;
    let mut c = from_row(&row)?;
    c.accounts = accounts(conn, id)?;
    Ok(c)
}

/// Exact match on name and council, ignoring case and surrounding space.
pub fn find(conn: &impl Sql, name: &str, council: &str) -> Result<Option<Councillor>> {
    static BY_NAME_AND_COUNCIL: Spelled = Spelled::new(|d| {
        format!(
            "SELECT id FROM councillor WHERE {} AND {}",
            d.nocase_eq("name", "?1"),
            d.nocase_eq("council", "?2")
        )
    });
    let id: Option<i64> = conn.value_opt(
        BY_NAME_AND_COUNCIL.sql(conn.dialect()),
        &sql_params![name.trim(), council.trim()],
    )?;
    id.map(|id| get(conn, id)).transpose()
}

/// Finds a councillor by register number or by a name that matches exactly one member.
pub fn resolve(conn: &impl Sql, key: &str, field: &str) -> Result<Councillor> {
    let key = key.trim();
    if let Ok(id) = key.parse::<i64>() {
        return get(conn, id)
            .map_err(|_| Error::invalid(field, format!("no councillor number {id}")));
    }
    static BY_NAME: Spelled = Spelled::new(|d| {
        format!(
            "SELECT id FROM councillor WHERE {}",
            d.nocase_eq("name", "?1")
        )
    });
    let ids: Vec<i64> = conn
        .rows(BY_NAME.sql(conn.dialect()), &sql_params![key])?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
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

pub fn list(conn: &impl Sql) -> Result<Vec<Councillor>> {
    let mut all = conn
        .rows(
            &format!(
                "{SELECT} WHERE c.id NOT IN (SELECT pseudonym_id FROM councillor_pseudonym)
                 ORDER BY c.council, c.name"
            ),
            &[],
        )?
        .iter()
        .map(from_row)
        .collect::<Result<Vec<_>>>()?;
    for c in &mut all {
        c.accounts = accounts(conn, c.id)?;
    }
    Ok(all)
}

/// Every councillor on the register (not the stand-ins on disposed cases' records) as `(id, name,
/// council)`, by council then name: what a choice of councillor needs, without each one's case
/// count and accounts (a shared service's register holds thousands).
pub fn names(conn: &impl Sql) -> Result<Vec<(i64, String, String)>> {
    conn.rows(
        "SELECT c.id, c.name, c.council FROM councillor c
         WHERE c.id NOT IN (SELECT pseudonym_id FROM councillor_pseudonym)
         ORDER BY c.council, c.name",
        &[],
    )?
    .iter()
    .map(|r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    .collect()
}

/// How many councillors are on the register (not counting the stand-ins on disposed cases'
/// records).
pub fn count(conn: &impl Sql) -> Result<i64> {
    conn.value(
        "SELECT count(*) FROM councillor
         WHERE id NOT IN (SELECT pseudonym_id FROM councillor_pseudonym)",
        &[],
    )
}
