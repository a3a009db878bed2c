//! Casebook desktop: a thin Tauri 2 shell over the `casebook` core. It opens the same database as
//! the CLI (the app-data default, `--db PATH` or `CASEBOOK_DB`) and serves the UI in `ui/dist`.
//! One window per database: a second Casebook on the same file says so and stops. The window
//! remembers its size and place.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dialogs;
mod error;
mod state;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::Parser;
use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

use casebook::{db, Session};
use state::AppState;

/// Casebook desktop app.
#[derive(Parser)]
#[command(name = "casebook-desktop", version)]
struct Args {
    /// Database file (default: casebook.sqlite3 in the app-data folder, shared with the CLI).
    #[arg(long, env = "CASEBOOK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// The registered officer (name or number) to work as; otherwise the app asks who is
    /// working when it is unlocked.
    #[arg(long, env = "CASEBOOK_ACTOR", value_name = "NAME")]
    actor: Option<String>,
    /// Lock after this many seconds without use, whatever Settings say (kiosks and tests).
    #[arg(long, value_name = "SECONDS")]
    idle_lock_seconds: Option<u64>,
}

/// The app's state before the window opens: the database's lock file taken (one window per
/// database) and a locked session on it. Nothing is read from the database until it is unlocked.
fn open(args: &Args) -> Result<AppState, String> {
    let login = casebook::audit::actor_name(None);
    let given = args.actor.clone().filter(|a| !a.trim().is_empty());
    let path = match &args.db {
        Some(p) => p.clone(),
        None => db::default_path().map_err(|e| e.to_string())?,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    let lock = db::lock(&path).map_err(|e| e.to_string())?;
    let session = Session::new(path, given, login, args.idle_lock_seconds, Utc::now);
    Ok(AppState::new(session, lock))
}

/// WebKitGTK draws the page without accelerated compositing, unless the environment already says
/// (`WEBKIT_DISABLE_COMPOSITING_MODE=0` keeps it). Casebook's screens are forms, lists and tables,
/// which gain nothing from it; with it, WebKit kept a GL surface and its tiles for the window
/// (about 150 MiB more, measured under a software GL such as a virtual display or a remote
/// desktop) and spent about 0.2 s of CPU finishing each screen after it was laid out. Set here,
/// before any thread starts, so that WebKit's processes start with it.
#[cfg(target_os = "linux")]
fn draw_without_compositing() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(VAR).is_none() {
        std::env::set_var(VAR, "1");
    }
}

fn main() -> ExitCode {
    #[cfg(target_os = "linux")]
    draw_without_compositing();
    let args = Args::parse();
    let opened = open(&args);
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::default().build());
    let result = match opened {
        Ok(state) => builder
            .manage(state)
            .invoke_handler(tauri::generate_handler![
                commands::lock::start,
                commands::lock::passphrase_strength,
                commands::lock::create_database,
                commands::lock::unlock,
                commands::lock::sign_in,
                commands::lock::lock_app,
                commands::lock::touch,
                commands::lock::restore_backup,
                commands::cases::case_access,
                commands::app::app_info,
                commands::cases::list_cases,
                commands::cases::list_case_page,
                commands::cases::list_options,
                commands::app::load_demo,
                commands::app::dashboard,
                commands::app::due_lists,
                commands::cases::case_detail,
                commands::procedure::procedure_options,
                commands::procedure::record_step,
                commands::procedure::undo_step,
                commands::procedure::add_consultation,
                commands::procedure::pause_clock,
                commands::procedure::resume_clock,
                commands::procedure::decide_confidentiality,
                commands::assessment::catalogue_items,
                commands::assessment::set_tag,
                commands::assessment::remove_tag,
                commands::assessment::answer_indicator,
                commands::assessment::determine_capacity,
                commands::evidence::evidence_file,
                commands::evidence::evidence_thumbnail,
                commands::evidence::stage_file,
                commands::evidence::choose_video,
                commands::evidence::intake_options,
                commands::evidence::log_complaint,
                commands::settings::settings_get,
                commands::settings::save_names,
                commands::settings::set_target,
                commands::settings::holidays,
                commands::settings::add_holiday,
                commands::settings::remove_holiday,
                commands::team::team_connect,
                commands::team::team_disconnect,
                commands::team::team_choose_council,
                commands::team::team_dashboard,
                commands::team::team_due_lists,
                commands::team::team_cases,
                commands::team::team_case,
                commands::team::team_step,
                commands::team::team_tag,
                commands::team::team_note,
                commands::team::team_add_evidence,
                commands::team::team_intake_options,
                commands::team::team_log_complaint,
                commands::team::team_evidence,
                commands::team::team_save_evidence,
                commands::team::team_answer_indicator,
                commands::team::team_record,
                commands::team::team_ip_register,
                commands::team::team_letter_offers,
                commands::team::team_letter_draft,
                commands::team::team_keep_letter,
                commands::team::team_save_document,
                commands::team::team_add_redacted_copy,
                commands::team::team_final_report,
                commands::team::team_redact_evidence,
                commands::team::team_report_preview,
                commands::team::team_export_report,
                commands::team::team_case_retention,
                commands::team::team_retention_view,
                commands::team::team_dispose_cases,
                commands::team::team_export_certificate,
                commands::team::team_sar,
                commands::team::team_export_sar_pack,
                commands::team::team_register,
                commands::team::team_add_catalogue_version,
                commands::team::team_settings,
                commands::team::team_determine_capacity,
                commands::app::verify_database,
                commands::app::backup_database,
                commands::councillors::councillors,
                commands::councillors::add_councillor,
                commands::councillors::add_account,
                commands::assessment::catalogue_versions,
                commands::cases::add_note,
                commands::evidence::add_evidence,
                commands::cases::link_case,
                commands::cases::set_summary,
                commands::cases::edit_note,
                commands::evidence::add_redacted_copy,
                commands::evidence::redact_evidence,
                commands::evidence::read_email,
                commands::evidence::read_screenshots,
                commands::evidence::ocr_progress,
                commands::evidence::correct_reading,
                commands::evidence::export_evidence,
                commands::evidence::check_import,
                commands::evidence::import_log,
                commands::evidence::import_progress,
                commands::evidence::cancel_import,
                commands::assessment::add_catalogue_version,
                commands::papers::report_options,
                commands::papers::report_preview,
                commands::papers::export_report,
                commands::papers::write_templates,
                commands::papers::save_report_settings,
                commands::papers::set_publication,
                commands::papers::flag_gap,
                commands::papers::remove_gap,
                commands::parties::notify_councillor,
                commands::parties::councillor_comments,
                commands::parties::appoint_investigator,
                commands::parties::add_investigation_cost,
                commands::parties::stage_document,
                commands::parties::record_report,
                commands::parties::request_review,
                commands::parties::decide_review,
                commands::parties::ip_register,
                commands::parties::add_independent_person,
                commands::parties::update_independent_person,
                commands::parties::save_council_address,
                commands::parties::letter_offers,
                commands::parties::letter_draft,
                commands::parties::letter_preview,
                commands::parties::keep_letter,
                commands::parties::letter_sent,
                commands::parties::export_document,
                commands::retention::retention_view,
                commands::retention::set_retention_rule,
                commands::retention::case_retention,
                commands::retention::hold_case,
                commands::retention::lift_hold,
                commands::retention::extend_retention,
                commands::retention::dispose_cases,
                commands::retention::export_certificate,
                commands::retention::sars,
                commands::retention::new_sar,
                commands::retention::sar_detail,
                commands::retention::confirm_sar_hit,
                commands::retention::set_sar_names,
                commands::retention::sar_redactions,
                commands::retention::extend_sar,
                commands::retention::sar_sent,
                commands::retention::export_sar_pack,
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
