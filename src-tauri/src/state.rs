//! What the app holds while it runs: the officer's session on the database, and the database's
//! lock file (one window per database).

use std::ops::Deref;

use casebook::Session;

pub struct AppState {
    session: Session,
    /// Held while the app runs: one window per database.
    _lock: std::fs::File,
}

impl AppState {
    pub fn new(session: Session, lock: std::fs::File) -> AppState {
        AppState {
            session,
            _lock: lock,
        }
    }
}

/// Commands call the session's operations directly on the state.
impl Deref for AppState {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.session
    }
}
