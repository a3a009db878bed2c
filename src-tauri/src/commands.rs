//! Tauri commands: each takes the state, calls the core, and maps the error. No SQL or rules here.

use std::sync::{Mutex, MutexGuard};

use chrono::Utc;
use tauri::State;

use casebook::{case, db, demo, Db, Stamp};

use crate::dto::{AppInfo, CaseRow};
use crate::error::{CommandError, CommandResult};

pub struct AppState {
    pub db: Mutex<Db>,
    pub actor: String,
}

impl AppState {
    fn db(&self) -> CommandResult<MutexGuard<'_, Db>> {
        self.db.lock().map_err(|_| {
            CommandError::internal(
                "the database is unavailable after an earlier failure; restart Casebook",
            )
        })
    }

    fn stamp(&self) -> Stamp {
        Stamp::new(self.actor.clone(), Utc::now())
    }
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    let db = state.db()?;
    info(&db)
}

#[tauri::command(async)]
pub fn list_cases(state: State<'_, AppState>) -> CommandResult<Vec<CaseRow>> {
    let db = state.db()?;
    let rows = case::list(db.conn(), &case::Filter::default())?;
    Ok(rows.into_iter().map(CaseRow::from).collect())
}

#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> CommandResult<AppInfo> {
    let mut db = state.db()?;
    demo::load(&mut db, &state.stamp())?;
    info(&db)
}

fn info(db: &Db) -> CommandResult<AppInfo> {
    let count = |sql: &str| -> CommandResult<i64> {
        db.conn()
            .query_row(sql, [], |r| r.get(0))
            .map_err(|e| casebook::Error::from(e).into())
    };
    Ok(AppInfo {
        database_path: db.path().display().to_string(),
        schema_version: db::schema_version(),
        case_count: count("SELECT count(*) FROM cases")?,
        councillor_count: count("SELECT count(*) FROM councillor")?,
    })
}
