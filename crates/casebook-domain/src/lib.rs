//! Casebook's rules, with no IO: the error type, checks of what people type, the England & Wales
//! working-day calendar, and the standards procedure's stages, moves and deadlines as pure
//! functions over a case's loaded rows.
//!
//! Invariant: this crate never opens a file or a database connection and never reads the clock;
//! callers pass in the rows and "today".

pub mod calendar;
pub mod error;
pub mod evidence;
pub mod notes;
pub mod procedure;
pub mod settings;
pub mod text;
pub mod vocabulary;

pub use error::{Error, Result, RowError};
