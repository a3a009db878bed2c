//! Integration tests of the core and the CLI against real SQLite files in temporary folders; the
//! core's behaviour tests also against a council's schema on a real PostgreSQL (`on_both_stores!`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

/// The core's behaviour tests in it, run on both stores, one suite: each test is made twice,
/// in a module `sqlite` (on a desktop's SQLite file) and a module `postgres` (on a council's
/// schema on the team server's PostgreSQL), where `open`, `TestDb` and `demo_with_letters` are
/// that store's (`support::stores`).
macro_rules! on_both_stores {
    ($($item:item)*) => {
        mod sqlite {
            #[allow(unused_imports)]
            use crate::support::stores::lite::*;
            $($item)*
        }
        mod postgres {
            #[allow(unused_imports)]
            use crate::support::stores::pg::*;
            $($item)*
        }
    };
}

mod assessment;
mod audit;
mod calendar;
mod cases;
mod cli;
mod disposal;
mod email;
mod encryption;
mod evidence;
mod figures;
mod fuzz;
mod hardening;
mod import;
mod intake;
mod letters;
mod migrations;
mod notes;
mod ocr;
mod officers;
mod papers;
mod pdf;
mod pdf_reading;
mod procedure;
mod report;
mod retention;
mod sar;
mod search;
mod server;
mod support;
mod tidy;
mod video;
