//! Casebook desktop: a thin Tauri 2 shell over the `casebook` core. It opens the same database as
//! the CLI (the app-data default, `--db PATH` or `CASEBOOK_DB`) and serves the UI in `ui/dist`.
//! One window per database: a second Casebook on the same file says so and stops. The window
//! remembers its size and place.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dialogs;
mod dto;
mod error;
mod papers;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Utc;
use clap::Parser;
use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use casebook::{db, settings, Db, Stamp};
use commands::AppState;

/// Casebook desktop app.
#[derive(Parser)]
#[command(name = "casebook-desktop", version)]
struct Args {
    /// Database file (default: casebook.sqlite3 in the app-data folder, shared with the CLI).
    #[arg(long, env = "CASEBOOK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Name recorded in the audit trail (default: the officer name in Settings, else
    /// CASEBOOK_ACTOR, else the login name).
    #[arg(long, env = "CASEBOOK_ACTOR", value_name = "NAME")]
    actor: Option<String>,
}

/// Holds the database's lock file for as long as the app runs: one window per database.
fn lock(path: &Path) -> Result<File, String> {
    let lock_path = PathBuf::from(format!("{}.lock", path.display()));
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("{}: {e}", lock_path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(format!(
            "{} is already open in another Casebook window. Use that window, or close it first.",
            path.display()
        )),
        Err(std::fs::TryLockError::Error(e)) => Err(format!("{}: {e}", lock_path.display())),
    }
}

fn open(args: &Args) -> Result<AppState, String> {
    let login = casebook::audit::actor_name(None);
    let given = args.actor.clone().filter(|a| !a.trim().is_empty());
    let path = match &args.db {
        Some(p) => p.clone(),
        None => db::default_path().map_err(|e| e.to_string())?,
    };
    let stamp = Stamp::new(given.clone().unwrap_or_else(|| login.clone()), Utc::now());
    let db = Db::open(&path, &stamp)
        .map_err(|e| format!("Casebook cannot open {}: {e}", path.display()))?;
    let lock = lock(&path)?;
    let officer =
        settings::text_value(db.conn(), settings::OFFICER_NAME).map_err(|e| e.to_string())?;
    Ok(AppState::new(db, lock, given, officer, login))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let opened = open(&args);
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::default().build());
    let result = match opened {
        Ok(state) => builder
            .manage(state)
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
                commands::log_complaint,
                commands::settings_get,
                commands::save_names,
                commands::set_target,
                commands::holidays,
                commands::add_holiday,
                commands::remove_holiday,
                commands::verify_database,
                commands::backup_database,
                commands::councillors,
                commands::add_councillor,
                commands::add_account,
                commands::catalogue_versions,
                commands::add_note,
                commands::add_evidence,
                commands::link_case,
                commands::set_summary,
                commands::edit_note,
                commands::add_redacted_copy,
                commands::export_evidence,
                commands::check_import,
                commands::import_log,
                commands::add_catalogue_version,
                papers::report_options,
                papers::report_preview,
                papers::export_report,
                papers::write_templates,
                papers::save_report_settings,
                papers::set_publication,
                papers::flag_gap,
                papers::remove_gap,
            ])
            // Keep the size and place as they change, so they survive however the app ends.
            .on_window_event(|window, event| {
                if matches!(
                    event,
                    tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)
                ) {
                    let _ = window
                        .app_handle()
                        .save_window_state(StateFlags::SIZE | StateFlags::POSITION);
                }
            })
            .setup(|app| {
                WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                    .title("Casebook")
                    .inner_size(1280.0, 800.0)
                    .min_inner_size(900.0, 600.0)
                    .build()?;
                Ok(())
            })
            .run(tauri::generate_context!()),
        Err(message) => {
            eprintln!("error: {message}");
            builder
                .setup(move |app| {
                    let handle = app.handle().clone();
                    app.dialog()
                        .message(message)
                        .title("Casebook")
                        .kind(MessageDialogKind::Error)
                        .show(move |_| handle.exit(2));
                    Ok(())
                })
                .run(tauri::generate_context!())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
