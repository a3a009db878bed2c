//! The team server's operations (feature `team`): setting a server up, officers signing in and
//! out, sessions that expire, lock-out after repeated failures, and each council's accounts, with
//! every refusal logged and returned as [`Error::Refused`] naming the reason.
//!
//! Passwords are hashed with Argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes, the
//! OWASP minimum); a session's bearer token is 32 random bytes, and only its SHA-256 is stored.

mod cases;
mod changes;
mod documents;
mod move_in;
mod overview;
mod records;
mod uploads;
pub use casebook_domain::team::TeamRole;
pub use casebook_store::assignment::Assignment;
pub use cases::{CaseOpened, CaseQuery, Edit};
pub use changes::Upload;

use std::collections::HashMap;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use casebook_domain::team as rules;
use casebook_domain::{text, Error, Result};
use casebook_store::council::CouncilDb;
use casebook_store::team::TeamDb;
pub use casebook_store::team::{AccountRow, Council, Event, LogLine, Membership};

/// The longest council name.
const MAX_COUNCIL: usize = 200;

/// The team server's state: one connection to its PostgreSQL database for its own tables, and
/// one to each council's Casebook, opened when first needed.
pub struct Team {
    db: TeamDb,
    url: String,
    councils: HashMap<i64, CouncilDb>,
}

/// Who is signed in, and the councils they work for with their role in each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Me {
    pub account_id: i64,
    pub name: String,
    pub councils: Vec<Membership>,
}

/// A sign-in that succeeded: the bearer token to send with every request, and who it is.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SignedIn {
    pub token: String,
    pub me: Me,
}

/// A new account's details as the Monitoring Officer types them.
pub struct NewAccount<'a> {
    pub name: &'a str,
    pub role: &'a str,
    pub password: &'a str,
}

fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Unavailable(format!("password: cannot be hashed: {e}")))
}

fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password no one knows, checked when no account has the name given, so
/// that a wrong name takes as long as a wrong password and does not tell which names exist.
fn no_account() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&new_token()).unwrap_or_default())
}

fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

fn signed_out(reason: &str) -> Error {
    Error::SignedOut(format!(
        "{reason}; sign in again (casebook --server URL login, or the app's sign-in screen)"
    ))
}

impl Team {
    /// Connects to the server's database at `url` and brings its schema up to date.
    pub fn connect(url: &str) -> Result<Team> {
        Ok(Team {
            db: TeamDb::connect(url)?,
            url: url.to_string(),
            councils: HashMap::new(),
        })
    }

    /// Claims the database for this serving process: refused while another serves it.
    pub fn claim_for_serving(&mut self) -> Result<()> {
        self.db.claim_for_serving()
    }

    /// Council `id`'s Casebook.
    fn council(&mut self, id: i64) -> Result<&mut CouncilDb> {
        if !self.councils.contains_key(&id) {
            let db = CouncilDb::open(&self.url, id)?;
            self.councils.insert(id, db);
        }
        self.councils
            .get_mut(&id)
            .ok_or_else(|| Error::not_found("council", id.to_string()))
    }

    /// The server's councils.
    pub fn councils(&mut self) -> Result<Vec<Council>> {
        self.db.councils()
    }

    /// Sets up a new server: its first council and that council's Monitoring Officer. Refused if
    /// the server already has accounts (they are added by a Monitoring Officer, signed in).
    pub fn init(
        &mut self,
        council: &str,
        name: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<Me> {
        if !self.db.is_empty()? {
            return Err(Error::conflict(
                "database",
                "this server is already set up; its Monitoring Officer adds accounts",
            ));
        }
        self.add_council(council, name, password, now)
    }

    /// Adds a council to the server (a shared service taking on another) with its Monitoring
    /// Officer: a new account, or an existing one (whose password must be given) that becomes
    /// Monitoring Officer of this council too. Run on the server's host, like `init`.
    pub fn add_council(
        &mut self,
        council: &str,
        name: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<Me> {
        let council = text::required("council", council, MAX_COUNCIL)?;
        let name = rules::name(name)?;
        let existing = self.db.account_for_login(&name)?;
        if let Some(a) = &existing {
            if !password_matches(password, &a.password_hash) {
                return Err(Error::invalid(
                    "admin_password",
                    format!("is not {}'s password", a.name),
                ));
            }
        } else {
            rules::check_password(password, &[&name, &council])?;
        }
        let added = self.db.add_council(&council, now)?;
        self.db.log(
            now,
            None,
            Some(added.id),
            Event::CouncilAdded,
            &format!("{} added", added.name),
        )?;
        match existing {
            Some(a) => {
                self.db
                    .add_membership(a.id, added.id, TeamRole::MonitoringOfficer, now)?;
                self.me_of(a.id, a.name)
            }
            None => {
                let hash = hash_password(password)?;
                let id = self.db.add_account(
                    added.id,
                    &name,
                    TeamRole::MonitoringOfficer,
                    &hash,
                    None,
                    now,
                )?;
                self.me_of(id, name)
            }
        }
    }

    fn me_of(&mut self, account_id: i64, name: String) -> Result<Me> {
        Ok(Me {
            account_id,
            councils: self.db.memberships(account_id)?,
            name,
        })
    }

    /// Signs in by name and password. A wrong name or password says only that one of them is
    /// wrong; the fifth failure in a row locks the account for 15 minutes, and a locked account is
    /// refused (with until when) even with the right password.
    pub fn sign_in(&mut self, name: &str, password: &str, now: DateTime<Utc>) -> Result<SignedIn> {
        let wrong = || Error::SignedOut("sign-in: the name or the password is wrong".into());
        let Some(account) = self.db.account_for_login(name.trim())? else {
            password_matches(password, no_account());
            self.db.log(
                now,
                None,
                None,
                Event::SignInFailed,
                &format!("no account is named '{}'", name.trim()),
            )?;
            return Err(wrong());
        };
        if let Some(until) = account.locked_until.filter(|u| *u > now) {
            self.db.log(
                now,
                Some(account.id),
                None,
                Event::SignInFailed,
                "account locked",
            )?;
            return Err(Error::Refused(format!(
                "sign-in: this account is locked after {} failed sign-ins until {} UTC; wait, \
                 or ask the Monitoring Officer",
                rules::MAX_FAILURES,
                until.format("%Y-%m-%d %H:%M")
            )));
        }
        if !password_matches(password, &account.password_hash) {
            // A lock that has run out starts the count again.
            let before = if account.locked_until.is_some() {
                0
            } else {
                account.failures
            };
            let failures = before + 1;
            let locked = rules::locked_after(failures, now);
            self.db.sign_in_failed(account.id, failures, locked)?;
            let (event, detail) = match locked {
                Some(_) => (
                    Event::LockedOut,
                    format!("locked after {failures} failures"),
                ),
                None => (Event::SignInFailed, format!("wrong password ({failures})")),
            };
            self.db.log(now, Some(account.id), None, event, &detail)?;
            return Err(wrong());
        }
        let token = new_token();
        self.db
            .start_session(account.id, &token_hash(&token), now)?;
        self.db
            .log(now, Some(account.id), None, Event::SignedIn, "signed in")?;
        let me = self.me_of(account.id, account.name)?;
        Ok(SignedIn { token, me })
    }

    /// Who a bearer token signs in, if its session is live (and marks it used at `now`).
    pub fn me(&mut self, token: &str, now: DateTime<Utc>) -> Result<Me> {
        let hash = token_hash(token);
        let Some(s) = self.db.session(&hash)? else {
            return Err(signed_out("not signed in"));
        };
        if s.ended {
            return Err(signed_out("this session has ended"));
        }
        if !rules::session_live(s.started_at, s.last_seen, now) {
            self.db.end_session(&hash, now)?;
            return Err(signed_out("this session has expired"));
        }
        if rules::session_touch_due(s.last_seen, now) {
            self.db.touch_session(&hash, now)?;
        }
        self.me_of(s.account_id, s.account)
    }

    /// Ends the session of a bearer token.
    pub fn sign_out(&mut self, token: &str, now: DateTime<Utc>) -> Result<()> {
        let me = self.me(token, now)?;
        self.db.end_session(&token_hash(token), now)?;
        self.db.log(
            now,
            Some(me.account_id),
            None,
            Event::SignedOut,
            "signed out",
        )
    }

    /// The signed-in officer's role in `council_id`, or a refusal (logged) when they do not work
    /// for it or their role does not allow `action`.
    fn role_for(
        &mut self,
        me: &Me,
        council_id: i64,
        action: &str,
        allowed: fn(TeamRole) -> bool,
        now: DateTime<Utc>,
    ) -> Result<TeamRole> {
        let membership = me.councils.iter().find(|m| m.council.id == council_id);
        let reason = match membership {
            None => format!(
                "{action}: {} does not work for council {council_id}",
                me.name
            ),
            Some(m) if !allowed(m.role) => format!(
                "{action}: a {} of {} may not do this",
                m.role.label(),
                m.council.name
            ),
            Some(m) => return Ok(m.role),
        };
        Err(self.refused(me, membership.map(|m| m.council.id), reason, now)?)
    }

    /// Logs that `me` was refused (in `council_id`, if one they work for) for `reason`; the
    /// refusal to return.
    fn refused(
        &mut self,
        me: &Me,
        council_id: Option<i64>,
        reason: String,
        now: DateTime<Utc>,
    ) -> Result<Error> {
        self.db.log(
            now,
            Some(me.account_id),
            council_id,
            Event::Refused,
            &reason,
        )?;
        Ok(Error::Refused(reason))
    }

    /// Adds an account to a council (its Monitoring Officer only).
    pub fn add_account(
        &mut self,
        token: &str,
        council_id: i64,
        new: &NewAccount<'_>,
        now: DateTime<Utc>,
    ) -> Result<AccountRow> {
        let me = self.me(token, now)?;
        self.role_for(
            &me,
            council_id,
            "add an account",
            TeamRole::may_manage_accounts,
            now,
        )?;
        let name = rules::name(new.name)?;
        let role = TeamRole::parse("role", new.role)?;
        rules::check_password(new.password, &[&name])?;
        let hash = hash_password(new.password)?;
        let id = self
            .db
            .add_account(council_id, &name, role, &hash, Some(me.account_id), now)?;
        Ok(AccountRow {
            id,
            name,
            role,
            locked_until: None,
        })
    }

    /// A council's accounts (its Monitoring Officer and Deputy).
    pub fn accounts(
        &mut self,
        token: &str,
        council_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<AccountRow>> {
        let me = self.me(token, now)?;
        self.role_for(
            &me,
            council_id,
            "list the accounts",
            TeamRole::may_list_accounts,
            now,
        )?;
        self.db.accounts(council_id)
    }

    /// The server's security log, newest first (for a Monitoring Officer).
    pub fn security_log(
        &mut self,
        token: &str,
        limit: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<LogLine>> {
        let me = self.me(token, now)?;
        if !me.councils.iter().any(|m| m.role.may_manage_accounts()) {
            let reason = format!(
                "read the security log: only a Monitoring Officer may; {} is not one",
                me.name
            );
            return Err(self.refused(&me, None, reason, now)?);
        }
        self.db.security_log(limit.clamp(1, 1000))
    }
}
