//! The one error shape every command returns to the UI: `{ code, message }`. The UI branches on
//! `code` (the core's stable kinds, plus `internal`), and shows `message` to the officer.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    /// The field a refused value belongs to (forms show the message next to it).
    pub field: Option<String>,
}

impl From<casebook::Error> for CommandError {
    fn from(e: casebook::Error) -> Self {
        let field = match &e {
            casebook::Error::Invalid { field, .. } | casebook::Error::Conflict { field, .. } => {
                Some(field.clone())
            }
            _ => None,
        };
        CommandError {
            code: e.code().to_string(),
            message: e.to_string(),
            field,
        }
    }
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError {
            code: "internal".into(),
            message: message.into(),
            field: None,
        }
    }
}

pub type CommandResult<T> = Result<T, CommandError>;
