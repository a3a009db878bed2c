//! The one error shape every command returns to the UI: `{ code, message }`. The UI branches on
//! `code` (the core's stable kinds, plus `internal`), and shows `message` to the officer.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

impl From<casebook::Error> for CommandError {
    fn from(e: casebook::Error) -> Self {
        CommandError {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError {
            code: "internal".into(),
            message: message.into(),
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
