//! Casebook's rules, with no IO: the error type, checks of what people type, the England & Wales
//! working-day calendar, and the standards procedure's stages, moves and deadlines as pure
//! functions over a case's loaded rows.
//!
//! Invariant: this crate never opens a file or a database connection and never reads the clock;
//! callers pass in the rows and "today".

/// Defines a fixed list of words once: a `&[&str]` constant for Rust, and a string enum of the same
/// words from which the UI's TypeScript union type is generated.
macro_rules! words {
    ($(#[$m:meta])* $list:ident, $ty:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        pub const $list: &[&str] = &[$($text),+];

        #[doc = concat!("The words of [`", stringify!($list), "`], as a type (the UI's TypeScript is generated from it).")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[ts(export)]
        pub enum $ty {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $ty {
            /// The word, as stored and as the UI's type spells it.
            pub fn word(self) -> &'static str {
                match self {
                    $($ty::$variant => $text),+
                }
            }
        }
    };
}

pub mod calendar;
pub mod email;
pub mod error;
pub mod evidence;
pub mod notes;
pub mod officer;
pub mod passphrase;
pub mod procedure;
pub mod redaction;
pub mod retention;
pub mod settings;
pub mod team;
pub mod text;
pub mod video;
pub mod vocabulary;

pub use error::{Error, Result, RowError};
