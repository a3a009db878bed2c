//! The councillor register and their social media accounts.

use casebook::councillor::Councillor;
use casebook::json::{AccountInput, CouncillorInput};

use super::{AppState, CommandResult, State};

#[tauri::command(async)]
pub fn councillors(state: State<'_, AppState>) -> CommandResult<Vec<Councillor>> {
    Ok(state.councillors()?)
}

#[tauri::command(async)]
pub fn add_councillor(
    state: State<'_, AppState>,
    councillor: CouncillorInput,
) -> CommandResult<Councillor> {
    Ok(state.add_councillor(councillor)?)
}

#[tauri::command(async)]
pub fn add_account(
    state: State<'_, AppState>,
    councillor_id: i64,
    account: AccountInput,
) -> CommandResult<Councillor> {
    Ok(state.add_account(councillor_id, account)?)
}
