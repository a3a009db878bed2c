//! Casebook desktop: a thin Tauri 2 shell over the `casebook` core. It opens the same database as
//! the CLI (the app-data default, `--db PATH` or `CASEBOOK_DB`) and serves the UI in `ui/dist`.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dto;
mod error;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

use chrono::Utc;
use clap::Parser;

use casebook::{db, Db, Stamp};
use commands::AppState;

/// Casebook desktop app.
#[derive(Parser)]
#[command(name = "casebook-desktop", version)]
struct Args {
    /// Database file (default: casebook.sqlite3 in the app-data folder, shared with the CLI).
    #[arg(long, env = "CASEBOOK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Name recorded in the audit trail (default: CASEBOOK_ACTOR, else the login name).
    #[arg(long, env = "CASEBOOK_ACTOR", value_name = "NAME")]
    actor: Option<String>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let actor = casebook::audit::actor_name(args.actor.as_deref());
    let path = match args.db.map(Ok).unwrap_or_else(db::default_path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let db = match Db::open(&path, &Stamp::new(actor.clone(), Utc::now())) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("error: cannot open {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let result = tauri::Builder::default()
        .manage(AppState {
            db: Mutex::new(db),
            actor,
            staged: Mutex::default(),
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_cases,
            commands::list_options,
            commands::load_demo,
            commands::dashboard,
            commands::case_detail,
            commands::procedure_options,
            commands::record_step,
            commands::undo_step,
            commands::add_consultation,
            commands::pause_clock,
            commands::resume_clock,
            commands::decide_confidentiality,
            commands::catalogue_items,
            commands::set_tag,
            commands::remove_tag,
            commands::answer_indicator,
            commands::determine_capacity,
            commands::evidence_file,
            commands::evidence_thumbnail,
            commands::stage_file,
            commands::intake_options,
            commands::log_complaint
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
