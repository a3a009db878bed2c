//! The session's lock: a desktop session starts locked and holds no open database until the
//! officer gives the passphrase (or, the first time, chooses one) and says who is working. It
//! locks itself again after the idle time, or when asked: the database is closed (SQLCipher wipes
//! its key from memory) and every operation answers [`Error::Locked`] until it is unlocked.

use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::sync::MutexGuard;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::{unavailable, Session};
use crate::officer::{self, Officer, Via};
use crate::{
    cipher, db, passphrase, settings, Db, Error, FileKind, Key, Passphrase, Result, Stamp,
};

/// Where the session stands, for the app to choose its screen: set a passphrase (a new
/// database), unlock it, choose who is working, or go to work.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Start {
    pub database_path: String,
    /// What is on disk: `missing` (first run), `plain` or `encrypted`.
    pub file: FileKind,
    /// Whether the database is open (unlocked).
    pub open: bool,
    /// The registered officers, once it is open: who may be working.
    pub officers: Vec<Officer>,
    /// The officer working now, once chosen.
    pub officer: Option<Officer>,
    /// The officer to offer first: the one `--actor` names, or whose name is the login name.
    pub suggested: Option<i64>,
    /// Minutes without use after which the app locks itself (Settings).
    pub idle_minutes: u32,
    /// The same in seconds, as the app counts it (`--idle-lock-seconds` overrides Settings).
    #[ts(type = "number")]
    pub idle_seconds: u64,
    /// Whether the database was locked because it was left idle (said on the unlock screen).
    pub locked_idle: bool,
}

/// The session's lock state, behind one mutex.
pub(super) struct Lock {
    pub(super) db: Option<Db>,
    pub(super) officer: Option<Officer>,
    pub(super) last_seen: DateTime<Utc>,
    pub(super) locked_idle: bool,
}

impl Lock {
    pub(super) fn new(at: DateTime<Utc>) -> Lock {
        Lock {
            db: None,
            officer: None,
            last_seen: at,
            locked_idle: false,
        }
    }
}

/// The open database, for one operation at a time (held while the operation runs), with the
/// officer working and the time the operation began.
pub struct DbGuard<'a>(MutexGuard<'a, Lock>, DateTime<Utc>);

impl DbGuard<'_> {
    /// The stamp of the officer working, through the app, as the operation began.
    pub fn stamp(&self) -> Stamp {
        let o = self
            .0
            .officer
            .as_ref()
            .expect("a guard is made only with an officer");
        o.stamp(Via::App, self.1)
    }
}

impl Deref for DbGuard<'_> {
    type Target = Db;

    fn deref(&self) -> &Db {
        self.0
            .db
            .as_ref()
            .expect("a guard is made only for an open database")
    }
}

impl DerefMut for DbGuard<'_> {
    fn deref_mut(&mut self) -> &mut Db {
        self.0
            .db
            .as_mut()
            .expect("a guard is made only for an open database")
    }
}

/// How long a wrong passphrase is answered after: guessing through the unlock screen is slow.
const WRONG_PASSPHRASE_PAUSE: std::time::Duration = std::time::Duration::from_secs(1);

fn locked() -> Error {
    Error::Locked("Casebook is locked: give the passphrase to go on".into())
}

impl Session {
    fn lock_state(&self) -> Result<MutexGuard<'_, Lock>> {
        self.lock.lock().map_err(|_| unavailable("the database"))
    }

    /// The open database, once the session is unlocked and an officer chosen; it locks itself
    /// here if it has been left idle longer than the idle time.
    pub fn db(&self) -> Result<DbGuard<'_>> {
        let mut state = self.lock_state()?;
        let now = (self.now)();
        let Some(db) = state.db.as_ref() else {
            return Err(locked());
        };
        if state.officer.is_none() {
            return Err(Error::Locked("choose who is working first".into()));
        }
        if now - state.last_seen > self.idle_after(db)? {
            close(&mut state, true);
            return Err(Error::Locked(
                "Casebook locked itself after being left idle: give the passphrase to go on".into(),
            ));
        }
        state.last_seen = now;
        Ok(DbGuard(state, now))
    }

    /// The idle time: `--idle-lock-seconds` if the app was started with it, else Settings.
    fn idle_after(&self, db: &Db) -> Result<Duration> {
        Ok(match self.idle_override {
            Some(seconds) => Duration::seconds(seconds as i64),
            None => Duration::minutes(settings::idle_lock_minutes(db.conn())? as i64),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the session stands (see [`Start`]).
    pub fn start(&self) -> Result<Start> {
        let state = self.lock_state()?;
        let file = cipher::probe(&self.path)?;
        let (officers, idle_minutes) = match &state.db {
            Some(db) => (
                officer::list(db.conn())?,
                settings::idle_lock_minutes(db.conn())?,
            ),
            None => (Vec::new(), 15),
        };
        let wanted = self.given_actor.as_deref().unwrap_or(&self.login);
        let suggested = officers
            .iter()
            .find(|o| o.name.eq_ignore_ascii_case(wanted) || o.id.to_string() == wanted)
            .map(|o| o.id);
        Ok(Start {
            database_path: self.path.display().to_string(),
            file,
            open: state.db.is_some(),
            officers,
            officer: state.officer.clone(),
            suggested,
            idle_minutes,
            idle_seconds: self.idle_override.unwrap_or(idle_minutes as u64 * 60),
            locked_idle: state.locked_idle,
        })
    }

    /// The first run: makes the new database, encrypted with `passphrase` (typed twice, and
    /// strong enough), with the person at the computer as its first officer, now working.
    pub fn create(&self, passphrase: &str, confirm: &str) -> Result<Start> {
        if cipher::probe(&self.path)? != FileKind::Missing {
            return Err(Error::invalid(
                "passphrase",
                format!("{} already exists: unlock it instead", self.path.display()),
            ));
        }
        let name = self
            .given_actor
            .clone()
            .unwrap_or_else(|| self.login.clone());
        passphrase::check_new(passphrase, confirm, &[&name])?;
        let key = Key::Passphrase(Passphrase::new(passphrase)?);
        let db = Db::open(&self.path, &key, &Stamp::new(&name, (self.now)()))?;
        let first = officer::resolve(db.conn(), &name)?;
        let mut state = self.lock_state()?;
        *state = Lock {
            db: Some(db),
            officer: Some(first),
            last_seen: (self.now)(),
            locked_idle: false,
        };
        drop(state);
        self.start()
    }

    /// Opens the database with `passphrase` (none for a plain database). A wrong one is refused,
    /// naming the field, and the file is not changed. The officer is chosen next
    /// ([`Session::sign_in`]), unless `--actor` named one.
    pub fn unlock(&self, passphrase: Option<&str>) -> Result<Start> {
        let key = match cipher::probe(&self.path)? {
            FileKind::Missing => {
                return Err(Error::invalid(
                    "passphrase",
                    "there is no database yet: choose a passphrase to create one",
                ))
            }
            FileKind::Plain => Key::Plain,
            FileKind::Encrypted => match passphrase.filter(|p| !p.is_empty()) {
                Some(p) => Key::Passphrase(Passphrase::new(p)?),
                None => return Err(Error::invalid("passphrase", "enter the passphrase")),
            },
        };
        let name = self
            .given_actor
            .clone()
            .unwrap_or_else(|| self.login.clone());
        let db = match Db::open(&self.path, &key, &Stamp::new(&name, (self.now)())) {
            Ok(db) => db,
            Err(Error::Invalid { field, reason }) if field == "passphrase" => {
                // Each wrong guess costs a second as well as the key derivation.
                std::thread::sleep(WRONG_PASSPHRASE_PAUSE);
                return Err(Error::Invalid { field, reason });
            }
            Err(e) => return Err(e),
        };
        let officer = match &self.given_actor {
            Some(given) => Some(officer::resolve(db.conn(), given)?),
            None => None,
        };
        let mut state = self.lock_state()?;
        *state = Lock {
            db: Some(db),
            officer,
            last_seen: (self.now)(),
            locked_idle: false,
        };
        drop(state);
        self.start()
    }

    /// Chooses who is working: registered officer `id`.
    pub fn sign_in(&self, id: i64) -> Result<Start> {
        let mut state = self.lock_state()?;
        let Some(db) = state.db.as_ref() else {
            return Err(locked());
        };
        if let Some(given) = &self.given_actor {
            let fixed = officer::resolve(db.conn(), given)?;
            if fixed.id != id {
                return Err(Error::invalid(
                    "officer",
                    format!("this session works as {} (--actor)", fixed.name),
                ));
            }
        }
        let chosen = officer::get(db.conn(), id)
            .map_err(|_| Error::invalid("officer", format!("no officer number {id}")))?;
        state.officer = Some(chosen);
        state.last_seen = (self.now)();
        drop(state);
        self.start()
    }

    /// Locks the session now (`idle`: because the officer left it idle): the database is closed
    /// and everything is hidden until it is unlocked again.
    pub fn lock_now(&self, idle: bool) -> Result<Start> {
        close(&mut *self.lock_state()?, idle);
        if let Ok(mut staged) = self.staged.lock() {
            staged.clear();
        }
        self.start()
    }

    /// Says the officer is still at work (the app calls it as they type and click), so the
    /// session does not lock while they fill in a long form.
    pub fn touch(&self) -> Result<()> {
        self.db().map(drop)
    }

    /// Checks the backup at `backup` and puts it in the database's place (see [`db::restore`]);
    /// the session goes on, on the restored database, as the same officer if it has them.
    pub fn restore(&self, backup: &Path) -> Result<db::Restored> {
        let mut guard = self.db()?;
        let key = guard.key().clone();
        let officer = guard.0.officer.clone();
        let state = &mut guard.0;
        let old = state.db.take();
        drop(old);
        let at = (self.now)();
        let restored = db::restore(backup, &self.path, &key, &crate::audit::timestamp(at));
        let name = officer.as_ref().map(|o| o.name.clone()).unwrap_or_default();
        let reopened = Db::open(&self.path, &key, &Stamp::new(name, at))?;
        let still = officer.and_then(|o| officer::get(reopened.conn(), o.id).ok());
        state.db = Some(reopened);
        state.officer = still;
        restored
    }
}

/// Closes the database and forgets the officer.
fn close(state: &mut Lock, idle: bool) {
    state.db = None;
    state.officer = None;
    state.locked_idle = idle;
}

/// How strong a passphrase typed on the first-run screen is (the meter beside the field).
pub fn strength(text: &str) -> passphrase::Strength {
    passphrase::strength(text, &[])
}
