//! Carrying a case through the standards procedure: steps, Independent Person consultations,
//! pausing the clock, the confidentiality decision.

use casebook::json::{ConfidentialityInput, ConsultationInput, ProcedureOptions, StepInput};
use casebook::procedure::Procedure;

use super::{AppState, CommandResult, State};

#[tauri::command]
pub fn procedure_options() -> ProcedureOptions {
    casebook::views::procedure_options()
}

#[tauri::command(async)]
pub fn record_step(
    state: State<'_, AppState>,
    reference: String,
    step: StepInput,
) -> CommandResult<Procedure> {
    Ok(state.record_step(&reference, step)?)
}

#[tauri::command(async)]
pub fn undo_step(
    state: State<'_, AppState>,
    reference: String,
    reason: String,
) -> CommandResult<Procedure> {
    Ok(state.undo_step(&reference, &reason)?)
}

#[tauri::command(async)]
pub fn add_consultation(
    state: State<'_, AppState>,
    reference: String,
    consultation: ConsultationInput,
) -> CommandResult<Procedure> {
    Ok(state.add_consultation(&reference, consultation)?)
}

#[tauri::command(async)]
pub fn pause_clock(
    state: State<'_, AppState>,
    reference: String,
    on: String,
    reason: String,
    note: Option<String>,
) -> CommandResult<Procedure> {
    Ok(state.pause_clock(&reference, &on, &reason, note.as_deref())?)
}

#[tauri::command(async)]
pub fn resume_clock(
    state: State<'_, AppState>,
    reference: String,
    on: String,
    note: Option<String>,
) -> CommandResult<Procedure> {
    Ok(state.resume_clock(&reference, &on, note.as_deref())?)
}

#[tauri::command(async)]
pub fn decide_confidentiality(
    state: State<'_, AppState>,
    reference: String,
    decision: ConfidentialityInput,
) -> CommandResult<Procedure> {
    Ok(state.decide_confidentiality(&reference, decision)?)
}
