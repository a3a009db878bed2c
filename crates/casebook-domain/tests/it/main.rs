//! Integration tests of the domain crate's rules, without a database: the procedure's moves and
//! deadlines over histories built in memory, and the England & Wales working-day calendar.
#![allow(clippy::unwrap_used)]

mod calendar;
mod procedure;
mod procedure_deadlines;
mod procedure_moves;
mod procedure_parties;
mod procedure_refusals;
mod procedure_warnings;
mod search_words;
mod support;
