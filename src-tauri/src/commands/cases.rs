//! The case list, a case's details, summary, links and notes.

use casebook::case::Sort;
use casebook::json::{CaseFilter, CasePage, CaseRow, ListOptions};
use casebook::views::Detail;

use super::{AppState, CommandResult, State};

#[tauri::command(async)]
pub fn list_cases(
    state: State<'_, AppState>,
    filter: Option<CaseFilter>,
) -> CommandResult<Vec<CaseRow>> {
    Ok(state.list_cases(filter)?)
}

/// One page of the case list (at most 500 rows), filtered and sorted by the core.
#[tauri::command(async)]
pub fn list_case_page(
    state: State<'_, AppState>,
    filter: Option<CaseFilter>,
    sort: Sort,
    offset: u32,
    limit: u32,
) -> CommandResult<CasePage> {
    Ok(state.list_case_page(filter, sort, offset, limit)?)
}

#[tauri::command(async)]
pub fn list_options(state: State<'_, AppState>) -> CommandResult<ListOptions> {
    Ok(state.list_options()?)
}

#[tauri::command(async)]
pub fn case_detail(state: State<'_, AppState>, reference: String) -> CommandResult<Detail> {
    Ok(state.case_detail(&reference)?)
}

#[tauri::command(async)]
pub fn set_summary(
    state: State<'_, AppState>,
    reference: String,
    summary: String,
) -> CommandResult<Detail> {
    Ok(state.set_summary(&reference, &summary)?)
}

#[tauri::command(async)]
pub fn link_case(
    state: State<'_, AppState>,
    reference: String,
    other: String,
    kind: String,
) -> CommandResult<Detail> {
    Ok(state.link_case(&reference, &other, &kind)?)
}

#[tauri::command(async)]
pub fn add_note(
    state: State<'_, AppState>,
    reference: String,
    body: String,
) -> CommandResult<Detail> {
    Ok(state.add_note(&reference, &body)?)
}

#[tauri::command(async)]
pub fn edit_note(
    state: State<'_, AppState>,
    reference: String,
    id: i64,
    body: String,
) -> CommandResult<Detail> {
    Ok(state.edit_note(&reference, id, &body)?)
}

/// Who has opened the case, viewed or exported its evidence, or made a paper about it.
#[tauri::command(async)]
pub fn case_access(
    state: State<'_, AppState>,
    reference: String,
) -> CommandResult<Vec<casebook::access::Access>> {
    Ok(state.case_access(&reference)?)
}
