//! Integration tests of the core and the CLI against real SQLite files in temporary folders.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod assessment;
mod audit;
mod calendar;
mod cases;
mod cli;
mod encryption;
mod evidence;
mod fuzz;
mod hardening;
mod import;
mod intake;
mod letters;
mod migrations;
mod notes;
mod officers;
mod papers;
mod pdf;
mod procedure;
mod report;
mod retention;
mod sar;
mod search;
mod server;
mod support;
mod tidy;
