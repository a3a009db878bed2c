//! Tauri commands, grouped by screen. Each takes the state, calls one operation of the officer's
//! `casebook::Session` and maps the error: one to five lines, no SQL and no rules here.

pub mod app;
pub mod assessment;
pub mod cases;
pub mod councillors;
pub mod evidence;
pub mod lock;
pub mod papers;
pub mod parties;
pub mod procedure;
pub mod retention;
pub mod settings;
pub mod team;

pub use crate::error::CommandResult;
pub use crate::state::AppState;
pub use tauri::State;
