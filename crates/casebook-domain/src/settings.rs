//! The procedure's time targets, as the deadline arithmetic uses them (stored settings are in
//! `casebook-store`).

use serde::Serialize;

/// The procedure's targets, as the deadline arithmetic uses them.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Targets {
    pub acknowledge_working_days: u32,
    pub decision_working_days: u32,
    pub investigation_weeks: u32,
}

impl Default for Targets {
    fn default() -> Targets {
        Targets {
            acknowledge_working_days: 5,
            decision_working_days: 20,
            investigation_weeks: 12,
        }
    }
}
