//! The core's one error type. Every variant names what is wrong in words an officer can act on;
//! `code()` gives the stable machine-readable kind the desktop app branches on.

use std::path::PathBuf;

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value a person supplied is wrong: names the field and the reason.
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },

    #[error("{what} not found: {key}")]
    NotFound { what: &'static str, key: String },

    /// The change would duplicate or contradict something already stored.
    #[error("{field}: {reason}")]
    Conflict { field: String, reason: String },

    #[error(
        "this database was written by a newer Casebook (schema version {found}; this build knows \
         versions up to {supported}). It has not been changed. Open it with a newer Casebook."
    )]
    TooNew { found: i64, supported: i64 },

    #[error("upgrading the database failed and was rolled back, nothing was changed: {0}")]
    Migration(String),

    #[error("import: {} row(s) have errors; nothing was imported", .0.len())]
    Import(Vec<RowError>),

    /// The database refused or failed an operation (its own words).
    #[error("database error: {0}")]
    Db(String),

    /// The session is locked (not unlocked yet, or locked after being left idle): the message says
    /// why; the desktop app shows its unlock screen.
    #[error("{0}")]
    Locked(String),

    /// Not signed in to the team server, or the session has ended: the message says why.
    #[error("{0}")]
    SignedOut(String),

    /// The signed-in officer's role or council does not allow this: the message says why.
    #[error("{0}")]
    Refused(String),

    /// Casebook cannot go on with this session (a lock held by a thread that failed, say); the
    /// message says what to do.
    #[error("{0}")]
    Unavailable(String),

    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::Invalid {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub fn conflict(field: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::Conflict {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub fn not_found(what: &'static str, key: impl Into<String>) -> Error {
        Error::NotFound {
            what,
            key: key.into(),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Stable kind, for programs (the desktop UI, scripts reading `--json` errors).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Conflict { .. } => "conflict",
            Error::TooNew { .. } => "too_new",
            Error::Migration(_) => "migration",
            Error::Import(_) => "import",
            Error::Db(_) => "database",
            Error::Locked(_) => "locked",
            Error::SignedOut(_) => "signed_out",
            Error::Refused(_) => "forbidden",
            Error::Unavailable(_) => "internal",
            Error::Io { .. } => "io",
        }
    }
}

#[cfg(feature = "sqlite")]
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Db(e.to_string())
    }
}

/// One bad row of an imported file.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct RowError {
    /// Line in the file (the header is line 1).
    #[ts(type = "number")]
    pub line: u64,
    pub field: String,
    pub reason: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.field, self.reason)
    }
}
