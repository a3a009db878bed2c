//! Casebook's API: what every front end (the `casebook` CLI, the desktop app, a future server)
//! calls. It gathers the layers below under one roof — the rules of `casebook_domain` and the
//! records of `casebook_store`, re-exported module by module — and adds the operations and views
//! that span several records: logging a complaint in one step, importing a log, the demo council,
//! the whole case on one screen, the dashboard, and the transport types the UI's TypeScript is
//! generated from (`json`).
//!
//! Invariants: this crate holds no SQL and never depends on tauri or clap; business logic never
//! reads the clock (callers pass a [`Stamp`]).

pub mod demo;
pub mod fonts;
pub mod import;
pub mod intake;
pub mod json;
pub mod ocr;
pub mod records;
pub mod session;
#[cfg(feature = "team")]
pub mod team;
pub mod views;

/// The retention schedule's and subject access deadlines' rules.
pub use casebook_domain::retention as retention_rules;
pub use casebook_domain::{
    email, error, passphrase, redaction, text, vocabulary, Error, Result, RowError,
};
/// A council's Casebook on the team server (its PostgreSQL schema).
#[cfg(feature = "team")]
pub use casebook_store::council;
pub use casebook_store::{
    access, assessment, audit, blob, calendar, case, catalogue, cipher, councillor, db, disposal,
    document, evidence, files, independent_person, letters, notes, officer, parties, procedure,
    progress, publication, report, retention, sar, search, settings, sql, verify, Connection, Db,
    FileKind, Key, Passphrase, Stamp, Transaction,
};
pub use session::Session;
