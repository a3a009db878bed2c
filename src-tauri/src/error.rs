//! The one error shape every command returns to the UI: `casebook::json::CommandError`,
//! `{ code, message, field }`. The UI branches on `code` (the core's stable kinds, plus
//! `internal`) and shows `message` to the officer, beside `field` when there is one.

pub use casebook::json::CommandError;

pub type CommandResult<T> = Result<T, CommandError>;

/// A failure of the shell itself (a dialog, say), not of the core.
pub fn internal(message: impl Into<String>) -> CommandError {
    CommandError {
        code: "internal".into(),
        message: message.into(),
        field: None,
    }
}
