//! The system's file dialogs, opened from commands (which run off the main thread, so they may
//! wait for the officer). The webview itself has no dialog permission.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};

use crate::error::{internal, CommandResult};

fn path(chosen: FilePath) -> CommandResult<PathBuf> {
    chosen
        .into_path()
        .map_err(|e| internal(format!("that location cannot be used: {e}")))
}

/// A name to offer for saving a file whose name came as data (from a server, say): its last
/// component only, and `fallback` when that is empty, `.` or `..`, so it can never reach outside
/// the folder it is saved in.
pub fn offered_name(name: &str, fallback: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    if last.is_empty() || last == "." || last == ".." {
        fallback.to_string()
    } else {
        last.to_string()
    }
}

/// Asks where to save `file_name`; `None` if cancelled. When CASEBOOK_SAVE_DIR is set (scripted
/// runs and the end-to-end tests, which cannot drive the system's dialog), saves there instead.
pub fn save_to(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    filter: Option<(&str, &[&str])>,
) -> CommandResult<Option<PathBuf>> {
    if let Some(dir) = std::env::var_os("CASEBOOK_SAVE_DIR") {
        return Ok(Some(PathBuf::from(dir).join(file_name)));
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name);
    if let Some((name, extensions)) = filter {
        dialog = dialog.add_filter(name, extensions);
    }
    dialog.blocking_save_file().map(path).transpose()
}

/// The files a complaints log is kept in: CSV, or the spreadsheet itself.
pub const LOGS: (&str, &[&str]) = ("CSV or spreadsheet", &["csv", "xlsx", "xlsm", "xls", "ods"]);

/// The files a video is kept in.
pub const VIDEOS: (&str, &[&str]) = ("Video", &["mp4", "m4v", "webm", "mov"]);

/// Asks for one file to open; `None` if cancelled.
pub fn pick(
    app: &AppHandle,
    title: &str,
    filter: (&str, &[&str]),
) -> CommandResult<Option<PathBuf>> {
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .map(path)
        .transpose()
}

/// [`pick`], except that when CASEBOOK_OPEN_FILE is set (the end-to-end tests, which cannot drive
/// the system's dialog) that file is taken instead: a backup to restore, a complaints log to
/// import, a catalogue version to add on a team server.
pub fn pick_or_env(
    app: &AppHandle,
    title: &str,
    filter: (&str, &[&str]),
) -> CommandResult<Option<PathBuf>> {
    match std::env::var_os("CASEBOOK_OPEN_FILE") {
        Some(file) => Ok(Some(PathBuf::from(file))),
        None => pick(app, title, filter),
    }
}

#[cfg(test)]
mod tests {
    use super::offered_name;

    #[test]
    fn a_name_that_came_as_data_stays_in_the_folder_it_is_saved_in() {
        assert_eq!(offered_name("reply.png", "evidence-3"), "reply.png");
        assert_eq!(offered_name("../../etc/passwd", "evidence-3"), "passwd");
        assert_eq!(
            offered_name("C:\\Users\\x\\post.jpg", "evidence-3"),
            "post.jpg"
        );
        for bad in ["", "..", ".", "dir/..", "   "] {
            assert_eq!(offered_name(bad, "evidence-3"), "evidence-3", "{bad:?}");
        }
    }
}
