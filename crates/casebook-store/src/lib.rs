//! Casebook's storage, and the only crate with SQL: the migrations, the database façade (opening,
//! one way to write, backup), the hash-chained audit trail, full-text search, integrity checks,
//! and one module per table (or group of tables) that reads and writes its rows.
//!
//! Invariants: no other crate holds SQL; every write goes through [`Db::write`], which reindexes the
//! cases it touched once before it commits; every change to an audited record is recorded with
//! [`audit::record`] in the same transaction; nothing here reads the clock (callers pass a
//! [`Stamp`]).

pub mod access;
pub mod assessment;
#[cfg(feature = "postgres")]
pub mod assignment;
pub mod audit;
pub mod blob;
pub mod calendar;
pub mod case;
pub mod catalogue;
pub mod cipher;
#[cfg(feature = "postgres")]
pub mod council;
pub mod councillor;
pub mod db;
pub mod disposal;
pub mod document;
pub mod evidence;
pub mod files;
pub mod independent_person;
pub mod letters;
mod migrations;
#[cfg(feature = "postgres")]
pub mod move_in;
pub mod notes;
pub mod officer;
pub mod parties;
pub mod party_rows;
pub mod procedure;
pub mod progress;
pub mod publication;
pub mod report;
pub mod retention;
pub mod sar;
pub mod schema;
pub mod search;
pub mod settings;
pub mod sql;
#[cfg(feature = "postgres")]
pub mod team;
pub mod tombstone;
pub mod upload;
pub mod verify;

pub use audit::Stamp;
pub use casebook_domain::{error, text, Error, Result};
pub use cipher::{FileKind, Key, Passphrase};
pub use db::Db;
/// The transaction every change runs in (see [`Db::write`]).
pub use rusqlite::{Connection, Transaction};
