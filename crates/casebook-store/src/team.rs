//! The team server's store on PostgreSQL: its migrations (`migrations-pg/`), the councils it
//! serves, officers' accounts and their role in each council, signed-in sessions and the security
//! log. Every statement takes its values as parameters; none is built from input.
//!
//! One [`TeamDb`] is one connection; the server holds it behind a lock, so its writes (and the
//! chains it will order) happen one at a time.

use casebook_domain::team::TeamRole;
use casebook_domain::{Error, Result};
use chrono::{DateTime, Utc};
use postgres::{Client, GenericClient, NoTls, Row};
use serde::Serialize;

use crate::sql::pg::db_error;

mod embedded {
    refinery::embed_migrations!("migrations-pg");
}

/// Brings the server's own tables (councils, accounts…, in `public`) up to date: a council's
/// schema refers to its accounts.
pub(crate) fn migrate(client: &mut Client) -> Result<()> {
    embedded::migrations::runner()
        .run(client)
        .map_err(|e| Error::Migration(e.to_string()))?;
    Ok(())
}

/// A connection to the team server's database.
/// The advisory lock a serving process holds ("CASEBOOK" in ASCII).
const SERVING_LOCK: i64 = 0x4341_5345_424F_4F4B;

pub struct TeamDb {
    client: Client,
}

/// A council the server holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Council {
    pub id: i64,
    pub name: String,
}

/// An account as sign-in reads it.
#[derive(Debug, Clone)]
pub struct AccountLogin {
    pub id: i64,
    pub name: String,
    pub password_hash: String,
    pub failures: i32,
    pub locked_until: Option<DateTime<Utc>>,
}

/// An account's role in one council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Membership {
    pub council: Council,
    pub role: TeamRole,
}

/// An account as the Monitoring Officer's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    pub role: TeamRole,
    /// Locked after repeated failed sign-ins, until this moment (RFC 3339).
    pub locked_until: Option<String>,
}

/// A session as a request finds it.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub account_id: i64,
    pub account: String,
    pub started_at: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    pub ended: bool,
}

/// What the security log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    SignedIn,
    SignInFailed,
    LockedOut,
    SignedOut,
    Refused,
    AccountAdded,
    CouncilAdded,
}

impl Event {
    fn word(self) -> &'static str {
        match self {
            Event::SignedIn => "signed_in",
            Event::SignInFailed => "sign_in_failed",
            Event::LockedOut => "locked_out",
            Event::SignedOut => "signed_out",
            Event::Refused => "refused",
            Event::AccountAdded => "account_added",
            Event::CouncilAdded => "council_added",
        }
    }
}

/// One line of the security log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogLine {
    pub at: String,
    pub account: Option<String>,
    pub council_id: Option<i64>,
    pub event: String,
    pub detail: String,
}

fn is_unique_violation(e: &postgres::Error) -> bool {
    e.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION)
}

fn insert_log(
    client: &mut impl GenericClient,
    at: DateTime<Utc>,
    account_id: Option<i64>,
    council_id: Option<i64>,
    event: Event,
    detail: &str,
) -> Result<()> {
    client
        .execute(
            "INSERT INTO security_log (at, account_id, council_id, event, detail)
             VALUES ($1, $2, $3, $4, $5)",
            &[&at, &account_id, &council_id, &event.word(), &detail],
        )
        .map_err(db_error)?;
    Ok(())
}

fn role_of(row: &Row, column: &str) -> Result<TeamRole> {
    TeamRole::parse("role", &row.get::<_, String>(column))
}

impl TeamDb {
    /// Connects to the PostgreSQL database at `url` (any libpq URL or key=value string,
    /// including a Unix socket: `postgresql:///postgres?host=DIR&port=N&user=U`) and brings its
    /// schema up to date.
    pub fn connect(url: &str) -> Result<TeamDb> {
        let mut client = Client::connect(url, NoTls).map_err(|e| {
            Error::Unavailable(format!("database: cannot connect to PostgreSQL: {e}"))
        })?;
        migrate(&mut client)?;
        Ok(TeamDb { client })
    }

    /// Claims the database for this one serving process, for as long as its connection lasts
    /// (a session-level advisory lock, released by PostgreSQL when the process ends, even when it
    /// is killed): the server orders every change itself, so a second one serving the same
    /// database would break that order (two officers' edits could both pass the version check).
    pub fn claim_for_serving(&mut self) -> Result<()> {
        let claimed: bool = self
            .client
            .query_one("SELECT pg_try_advisory_lock($1)", &[&SERVING_LOCK])
            .map_err(db_error)?
            .get(0);
        if claimed {
            Ok(())
        } else {
            Err(Error::Unavailable(
                "another casebook-server is already serving this database: only one may, so \
                 that every change is made in one order; stop it first"
                    .into(),
            ))
        }
    }

    /// Whether the server has no account yet (`init` makes the first).
    pub fn is_empty(&mut self) -> Result<bool> {
        let n: i64 = self
            .client
            .query_one("SELECT count(*) FROM account", &[])
            .map_err(db_error)?
            .get(0);
        Ok(n == 0)
    }

    /// Adds a council; its name must be new (in any case).
    pub fn add_council(&mut self, name: &str, now: DateTime<Utc>) -> Result<Council> {
        let row = self
            .client
            .query_one(
                "INSERT INTO council (name, created_at) VALUES ($1, $2) RETURNING id",
                &[&name, &now],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    Error::conflict("council", format!("'{name}' is already on this server"))
                } else {
                    db_error(e)
                }
            })?;
        Ok(Council {
            id: row.get(0),
            name: name.to_string(),
        })
    }

    /// The councils on the server, by name.
    pub fn councils(&mut self) -> Result<Vec<Council>> {
        Ok(self
            .client
            .query("SELECT id, name FROM council ORDER BY lower(name)", &[])
            .map_err(db_error)?
            .iter()
            .map(|r| Council {
                id: r.get(0),
                name: r.get(1),
            })
            .collect())
    }

    /// Adds an account with its first council and role, and logs who added it.
    pub fn add_account(
        &mut self,
        council_id: i64,
        name: &str,
        role: TeamRole,
        password_hash: &str,
        by: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.client.transaction().map_err(db_error)?;
        let id: i64 = tx
            .query_one(
                "INSERT INTO account (name, password_hash, created_at) VALUES ($1, $2, $3)
                 RETURNING id",
                &[&name, &password_hash, &now],
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    Error::conflict("name", format!("an account named '{name}' already exists"))
                } else {
                    db_error(e)
                }
            })?
            .get(0);
        tx.execute(
            "INSERT INTO membership (account_id, council_id, role) VALUES ($1, $2, $3)",
            &[&id, &council_id, &role.word()],
        )
        .map_err(db_error)?;
        insert_log(
            &mut tx,
            now,
            by,
            Some(council_id),
            Event::AccountAdded,
            &format!("added {name} as {}", role.label()),
        )?;
        tx.commit().map_err(db_error)?;
        Ok(id)
    }

    /// Gives an existing account a role in another council.
    pub fn add_membership(
        &mut self,
        account_id: i64,
        council_id: i64,
        role: TeamRole,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.client.transaction().map_err(db_error)?;
        tx.execute(
            "INSERT INTO membership (account_id, council_id, role) VALUES ($1, $2, $3)",
            &[&account_id, &council_id, &role.word()],
        )
        .map_err(db_error)?;
        insert_log(
            &mut tx,
            now,
            Some(account_id),
            Some(council_id),
            Event::AccountAdded,
            &format!("made {} of this council", role.label()),
        )?;
        tx.commit().map_err(db_error)
    }

    /// The account signing in as `name` (in any case), if there is one.
    pub fn account_for_login(&mut self, name: &str) -> Result<Option<AccountLogin>> {
        Ok(self
            .client
            .query_opt(
                "SELECT id, name, password_hash, failures, locked_until FROM account
                 WHERE lower(name) = lower($1)",
                &[&name],
            )
            .map_err(db_error)?
            .map(|r| AccountLogin {
                id: r.get(0),
                name: r.get(1),
                password_hash: r.get(2),
                failures: r.get(3),
                locked_until: r.get(4),
            }))
    }

    /// Counts a failed sign-in (and locks the account until `locked_until`, if given).
    pub fn sign_in_failed(
        &mut self,
        account_id: i64,
        failures: i32,
        locked_until: Option<DateTime<Utc>>,
    ) -> Result<()> {
        self.client
            .execute(
                "UPDATE account SET failures = $2, locked_until = $3 WHERE id = $1",
                &[&account_id, &failures, &locked_until],
            )
            .map_err(db_error)?;
        Ok(())
    }

    /// Starts a session for a sign-in that succeeded (and clears the failures).
    pub fn start_session(
        &mut self,
        account_id: i64,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.client.transaction().map_err(db_error)?;
        tx.execute(
            "UPDATE account SET failures = 0, locked_until = NULL WHERE id = $1",
            &[&account_id],
        )
        .map_err(db_error)?;
        tx.execute(
            "INSERT INTO session (token_hash, account_id, started_at, last_seen)
             VALUES ($1, $2, $3, $3)",
            &[&token_hash, &account_id, &now],
        )
        .map_err(db_error)?;
        tx.commit().map_err(db_error)
    }

    /// The session a token's hash names, if any.
    pub fn session(&mut self, token_hash: &[u8]) -> Result<Option<SessionRow>> {
        Ok(self
            .client
            .query_opt(
                "SELECT s.account_id, a.name, s.started_at, s.last_seen, s.ended_at IS NOT NULL
                 FROM session s JOIN account a ON a.id = s.account_id WHERE s.token_hash = $1",
                &[&token_hash],
            )
            .map_err(db_error)?
            .map(|r| SessionRow {
                account_id: r.get(0),
                account: r.get(1),
                started_at: r.get(2),
                last_seen: r.get(3),
                ended: r.get(4),
            }))
    }

    /// Marks a session used at `now`.
    pub fn touch_session(&mut self, token_hash: &[u8], now: DateTime<Utc>) -> Result<()> {
        self.client
            .execute(
                "UPDATE session SET last_seen = $2 WHERE token_hash = $1",
                &[&token_hash, &now],
            )
            .map_err(db_error)?;
        Ok(())
    }

    /// Ends a session (signing out, or found expired).
    pub fn end_session(&mut self, token_hash: &[u8], now: DateTime<Utc>) -> Result<()> {
        self.client
            .execute(
                "UPDATE session SET ended_at = $2 WHERE token_hash = $1 AND ended_at IS NULL",
                &[&token_hash, &now],
            )
            .map_err(db_error)?;
        Ok(())
    }

    /// The councils an account works for, with its role in each.
    pub fn memberships(&mut self, account_id: i64) -> Result<Vec<Membership>> {
        self.client
            .query(
                "SELECT c.id, c.name, m.role FROM membership m JOIN council c ON c.id = m.council_id
                 WHERE m.account_id = $1 ORDER BY lower(c.name)",
                &[&account_id],
            )
            .map_err(db_error)?
            .iter()
            .map(|r| {
                Ok(Membership {
                    council: Council {
                        id: r.get(0),
                        name: r.get(1),
                    },
                    role: role_of(r, "role")?,
                })
            })
            .collect()
    }

    /// The accounts that work for one council, by name.
    pub fn accounts(&mut self, council_id: i64) -> Result<Vec<AccountRow>> {
        self.client
            .query(
                "SELECT a.id, a.name, m.role, a.locked_until FROM account a
                 JOIN membership m ON m.account_id = a.id
                 WHERE m.council_id = $1 ORDER BY lower(a.name)",
                &[&council_id],
            )
            .map_err(db_error)?
            .iter()
            .map(|r| {
                Ok(AccountRow {
                    id: r.get(0),
                    name: r.get(1),
                    role: role_of(r, "role")?,
                    locked_until: r.get::<_, Option<DateTime<Utc>>>(3).map(|t| t.to_rfc3339()),
                })
            })
            .collect()
    }

    /// Adds a line to the security log.
    pub fn log(
        &mut self,
        at: DateTime<Utc>,
        account_id: Option<i64>,
        council_id: Option<i64>,
        event: Event,
        detail: &str,
    ) -> Result<()> {
        insert_log(&mut self.client, at, account_id, council_id, event, detail)
    }

    /// The security log, newest first (at most `limit` lines).
    pub fn security_log(&mut self, limit: i64) -> Result<Vec<LogLine>> {
        Ok(self
            .client
            .query(
                "SELECT l.at, a.name, l.council_id, l.event, l.detail FROM security_log l
                 LEFT JOIN account a ON a.id = l.account_id ORDER BY l.id DESC LIMIT $1",
                &[&limit],
            )
            .map_err(db_error)?
            .iter()
            .map(|r| LogLine {
                at: r.get::<_, DateTime<Utc>>(0).to_rfc3339(),
                account: r.get(1),
                council_id: r.get(2),
                event: r.get(3),
                detail: r.get(4),
            })
            .collect())
    }
}
