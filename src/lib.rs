//! Casebook core: the case store, guidance catalogue, evidence, assessment, search, audit trail and
//! integrity checks behind both the `casebook` CLI and the desktop app.
//!
//! Invariants: this crate never depends on tauri; business logic never reads the clock (callers pass
//! a [`Stamp`]); every change to a stored record goes through [`audit::record`] in the same
//! transaction as the change.

pub mod assessment;
pub mod audit;
pub mod calendar;
pub mod case;
pub mod catalogue;
pub mod councillor;
pub mod db;
pub mod demo;
pub mod error;
pub mod evidence;
pub mod import;
pub mod intake;
pub mod notes;
pub mod papers;
pub mod procedure;
pub mod publication;
pub mod report;
pub mod search;
pub mod settings;
pub mod text;
pub mod verify;

pub use audit::Stamp;
pub use db::Db;
pub use error::{Error, Result};
/// The transaction every change runs in (see [`Db::write`]).
pub use rusqlite::{Connection, Transaction};
