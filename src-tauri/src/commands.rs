//! Tauri commands: each takes the state, calls the core, and maps the error. No SQL or rules here.

use std::sync::{Mutex, MutexGuard};

use chrono::Utc;
use tauri::State;

use casebook::procedure::{self, Move, NewConsultation, Procedure};
use casebook::{case, db, demo, text, Db, Stamp};

use crate::dto::{
    AppInfo, CaseRow, ConfidentialityInput, ConsultationInput, Dashboard, ProcedureOptions,
    StageCount, StepInput,
};
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

    /// Runs `change` on case `reference` in one transaction, then returns where the case stands.
    fn change_case(
        &self,
        reference: &str,
        change: impl FnOnce(&casebook::Transaction<'_>, &Stamp, i64) -> casebook::Result<()>,
    ) -> CommandResult<Procedure> {
        let mut db = self.db()?;
        let stamp = self.stamp();
        let id = case::by_reference(db.conn(), reference)?.id;
        db.write(|tx| change(tx, &stamp, id))?;
        Ok(procedure::status(db.conn(), id, stamp.at.date_naive())?)
    }
}

/// The dashboard's "due soon" horizon: this week, in working days.
const DUE_SOON_WORKING_DAYS: u32 = 5;

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

#[tauri::command(async)]
pub fn dashboard(state: State<'_, AppState>) -> CommandResult<Dashboard> {
    let db = state.db()?;
    let today = state.stamp().at.date_naive();
    let (overdue, due_soon) = procedure::due(db.conn(), today, DUE_SOON_WORKING_DAYS)?
        .into_iter()
        .partition(|d| d.status == "overdue");
    let open_by_stage = procedure::open_by_stage(db.conn())?
        .into_iter()
        .map(|(stage, count)| StageCount { stage, count })
        .collect();
    Ok(Dashboard {
        as_of: today.to_string(),
        overdue,
        due_soon,
        within_working_days: DUE_SOON_WORKING_DAYS,
        open_by_stage,
    })
}

#[tauri::command(async)]
pub fn case_detail(state: State<'_, AppState>, reference: String) -> CommandResult<case::Detail> {
    let db = state.db()?;
    Ok(case::detail(
        db.conn(),
        &reference,
        state.stamp().at.date_naive(),
    )?)
}

#[tauri::command]
pub fn procedure_options() -> ProcedureOptions {
    ProcedureOptions {
        stages: procedure::STAGES,
        measures: procedure::MEASURES,
        sanctions: procedure::SANCTIONS,
        pause_reasons: procedure::PAUSE_REASONS,
    }
}

#[tauri::command(async)]
pub fn record_step(
    state: State<'_, AppState>,
    reference: String,
    step: StepInput,
) -> CommandResult<Procedure> {
    let m = Move {
        on: text::date("on", &step.on)?,
        stage: step.stage,
        outcome: step.outcome,
        actions: step.actions,
        reason: step.reason,
    };
    state.change_case(&reference, |tx, s, id| {
        procedure::advance(tx, s, id, &m).map(drop)
    })
}

#[tauri::command(async)]
pub fn undo_step(
    state: State<'_, AppState>,
    reference: String,
    reason: String,
) -> CommandResult<Procedure> {
    state.change_case(&reference, |tx, s, id| {
        procedure::undo_last(tx, s, id, &reason).map(drop)
    })
}

#[tauri::command(async)]
pub fn add_consultation(
    state: State<'_, AppState>,
    reference: String,
    consultation: ConsultationInput,
) -> CommandResult<Procedure> {
    let c = NewConsultation {
        person: consultation.person,
        consulted_on: text::date("consulted_on", &consultation.on)?,
        stage: consultation.stage,
        views: consultation.views,
    };
    state.change_case(&reference, |tx, s, id| {
        procedure::add_consultation(tx, s, id, &c).map(drop)
    })
}

#[tauri::command(async)]
pub fn pause_clock(
    state: State<'_, AppState>,
    reference: String,
    on: String,
    reason: String,
    note: Option<String>,
) -> CommandResult<Procedure> {
    let on = text::date("on", &on)?;
    state.change_case(&reference, |tx, s, id| {
        procedure::pause(tx, s, id, on, &reason, note.as_deref()).map(drop)
    })
}

#[tauri::command(async)]
pub fn resume_clock(
    state: State<'_, AppState>,
    reference: String,
    on: String,
    note: Option<String>,
) -> CommandResult<Procedure> {
    let on = text::date("on", &on)?;
    state.change_case(&reference, |tx, s, id| {
        procedure::resume(tx, s, id, on, note.as_deref()).map(drop)
    })
}

#[tauri::command(async)]
pub fn decide_confidentiality(
    state: State<'_, AppState>,
    reference: String,
    decision: ConfidentialityInput,
) -> CommandResult<Procedure> {
    let on = text::date("decided_on", &decision.on)?;
    state.change_case(&reference, |tx, s, id| {
        procedure::decide_confidentiality(
            tx,
            s,
            id,
            &decision.decision,
            &decision.decided_by,
            on,
            &decision.grounds,
        )
        .map(drop)
    })
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
