//! What the app holds while it runs: the officer's session on the database, the database's lock
//! file (one window per database), and, once connected, the officer's session on a team server.

use std::ops::Deref;
use std::sync::Mutex;

use casebook::redaction::Area;
use casebook::{intake, Error, Result, Session};
use casebook_client::token::Keeper;
use casebook_client::{Connection, TeamSession};

/// Reads the screenshots not read yet on a thread of its own, so the window stays in use. The run
/// is marked started before this returns (so the progress it is polled for says so at once); a
/// second start while one runs does nothing (`Session::start_reading`).
pub fn read_in_background(app: tauri::AppHandle) {
    use tauri::Manager;
    if !app.state::<AppState>().start_reading() {
        return;
    }
    std::thread::spawn(move || {
        // Its outcome (read, or OCR unavailable) is what `ocr_progress` then says.
        let _ = app.state::<AppState>().read_started();
    });
}

/// An evidence item to make a redacted copy of: its number and the name it was added under.
#[derive(serde::Deserialize)]
pub struct Original {
    pub id: i64,
    pub name: Option<String>,
}

pub struct AppState {
    session: Session,
    /// Held while the app runs: one window per database.
    _lock: std::fs::File,
    /// Signed in to a team server ("Connect to a team server"), if the officer has.
    team: Mutex<Option<Connection>>,
}

/// A file offered, as sent to a team server: its name and bytes.
type Named = (Option<String>, Vec<u8>);

impl AppState {
    pub fn new(session: Session, lock: std::fs::File) -> AppState {
        AppState {
            session,
            _lock: lock,
            team: Mutex::new(None),
        }
    }

    fn held(&self) -> Result<std::sync::MutexGuard<'_, Option<Connection>>> {
        self.team
            .lock()
            .map_err(|_| Error::Unavailable("restart Casebook to connect again".into()))
    }

    /// Works on the team server the officer is signed in to.
    pub fn team<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        match self.held()?.as_mut() {
            Some(c) => f(c),
            None => Err(Error::SignedOut(
                "not connected to a team server: connect and sign in first".into(),
            )),
        }
    }

    /// Signs in to a team server (replacing any connection before).
    pub fn connect(&self, server: &str, name: &str, password: &str) -> Result<TeamSession> {
        let connection = Connection::sign_in(Keeper::App, server, name, password)?;
        let session = connection.session().clone();
        *self.held()? = Some(connection);
        Ok(session)
    }

    /// The files offered under `tokens` (each its name and bytes), still held here, and the videos
    /// offered from the disk among them (sent in parts: see [`AppState::send_videos`]).
    fn offered(&self, tokens: &[String]) -> Result<(Vec<Named>, Vec<std::path::PathBuf>)> {
        let (mut files, mut videos) = (Vec::new(), Vec::new());
        for f in self.session.staged_copies(tokens)? {
            match f.on_disk {
                None => files.push((f.name, f.bytes)),
                Some(video) => videos.push(video.path),
            }
        }
        Ok((files, videos))
    }

    /// Sends `videos` to case `reference` on the team server, each in parts, one after another
    /// from version `based_on` (the case's latest if `None`); the case as it is after the last,
    /// or `opened` when there are none.
    fn send_videos(
        &self,
        reference: &str,
        mut based_on: Option<i64>,
        videos: &[std::path::PathBuf],
        about: &[(&'static str, String)],
        mut opened: serde_json::Value,
    ) -> Result<serde_json::Value> {
        for path in videos {
            opened = self.team(|t| t.add_video(reference, based_on, path, about))?;
            based_on = opened["version"].as_i64();
        }
        Ok(opened)
    }

    /// Sends files offered with `stage_file` to case `reference` on the team server, on version
    /// `based_on`, with what is known `about` them (description, derived_from); they are let go of
    /// here only once all are stored there.
    pub fn team_evidence(
        &self,
        reference: &str,
        based_on: i64,
        tokens: &[String],
        about: &[(&'static str, String)],
    ) -> Result<serde_json::Value> {
        let (files, videos) = self.offered(tokens)?;
        let mut opened = serde_json::Value::Null;
        let mut version = Some(based_on);
        if !files.is_empty() {
            opened = self.team(|t| t.add_evidence(reference, based_on, &files, about))?;
            version = opened["version"].as_i64();
        }
        let opened = self.send_videos(reference, version, &videos, about, opened)?;
        self.session.let_go(tokens);
        Ok(opened)
    }

    /// Makes a redacted copy of image item `original` of case `reference` here, from its bytes
    /// fetched from the team server (checked against their SHA-256), and sends it back as a new
    /// item linked to the original, described with the original's hash and `reason`, on version
    /// `based_on`.
    pub fn team_redact(
        &self,
        reference: &str,
        based_on: i64,
        original: &Original,
        areas: &[Area],
        reason: &str,
    ) -> Result<serde_json::Value> {
        let reason = casebook::text::required("reason", reason, 500)?;
        self.team(|t| {
            let bytes = t.evidence(original.id)?;
            let sha = casebook::audit::sha256_hex(&bytes);
            let copy = casebook::redaction::redact(&bytes, areas)?;
            let name = intake::redacted_name(original.name.as_deref());
            let about = [
                ("derived_from", original.id.to_string()),
                (
                    "description",
                    intake::redacted_description(original.id, &sha, &reason),
                ),
            ];
            t.add_evidence(reference, based_on, &[(Some(name), copy)], &about)
        })
    }

    /// Records the final investigation report on case `reference` on the team server, received
    /// `on`, with the file offered under `token` (`stage_document`), on version `based_on`; the
    /// file is let go of once the server has it.
    pub fn team_final_report(
        &self,
        reference: &str,
        based_on: i64,
        on: &str,
        token: &str,
    ) -> Result<serde_json::Value> {
        let tokens = [token.to_string()];
        let Some(file) = self.offered(&tokens)?.0.into_iter().next() else {
            return Err(Error::invalid(
                "file",
                "the report's file is no longer held: choose it again",
            ));
        };
        let opened = self.team(|t| t.final_report(reference, based_on, on, &file))?;
        self.session.let_go(&tokens);
        Ok(opened)
    }

    /// Logs a complaint on the team server with the files offered under its `files` tokens; its
    /// reference. The files are let go of here only once the server has them.
    pub fn team_complaint(&self, complaint: serde_json::Value) -> Result<String> {
        let tokens: Vec<String> = serde_json::from_value(complaint["files"].clone())
            .map_err(|e| Error::invalid("files", e.to_string()))?;
        let (files, videos) = self.offered(&tokens)?;
        let reference = self.team(|t| t.log_complaint(&complaint, &files))?;
        self.send_videos(&reference, None, &videos, &[], serde_json::Value::Null)?;
        self.session.let_go(&tokens);
        Ok(reference)
    }

    /// Saves evidence item `id` from the team server where the officer chose (`path`), byte for
    /// byte as checked against its SHA-256; the path written.
    pub fn team_save_evidence(&self, id: i64, path: &std::path::Path) -> Result<String> {
        self.team_save(path, |t| t.evidence(id))
    }

    /// Saves a copy of case document `id` (a kept letter or report) from the team server.
    pub fn team_save_document(
        &self,
        reference: &str,
        id: i64,
        path: &std::path::Path,
    ) -> Result<String> {
        self.team_save(path, |t| t.document(reference, id))
    }

    /// Saves the paper `request` asks for (a `PaperRequest`), made by the team server in `format`.
    pub fn team_save_paper(
        &self,
        request: &serde_json::Value,
        format: &str,
        path: &std::path::Path,
    ) -> Result<String> {
        self.team_save(path, |t| t.paper(request, format))
    }

    /// Saves disposal certificate `number`, made by the team server in `format`.
    pub fn team_save_certificate(
        &self,
        number: &str,
        format: &str,
        path: &std::path::Path,
    ) -> Result<String> {
        self.team_save(path, |t| t.certificate(number, format))
    }

    /// Saves request `id`'s response pack, made by the team server, at `path`; its summary (a
    /// `SarPack`) with the path written.
    pub fn team_save_sar_pack(&self, id: i64, path: &std::path::Path) -> Result<serde_json::Value> {
        let (mut pack, zip) = self.team(|t| t.sar_pack(id))?;
        casebook::files::write_whole(path, &zip)?;
        pack["path"] = serde_json::json!(path.display().to_string());
        Ok(pack)
    }

    /// Writes the bytes `fetch` gets from the team server (their hash already checked) to `path`.
    fn team_save(
        &self,
        path: &std::path::Path,
        fetch: impl FnOnce(&mut Connection) -> Result<Vec<u8>>,
    ) -> Result<String> {
        let bytes = self.team(fetch)?;
        std::fs::write(path, bytes).map_err(|e| Error::io(path, e))?;
        Ok(path.display().to_string())
    }

    /// Signs out of the team server, if connected.
    pub fn disconnect(&self) -> Result<()> {
        match self.held()?.take() {
            Some(c) => c.sign_out(),
            None => Ok(()),
        }
    }
}

/// Commands call the session's operations directly on the state.
impl Deref for AppState {
    type Target = Session;

    fn deref(&self) -> &Session {
        &self.session
    }
}

/// The file name to offer for the paper `request` asks for (a `PaperRequest`) in `format`: the
/// decision notice of its case, or the annual report of its period.
pub fn paper_name(request: &serde_json::Value, format: &str) -> String {
    let text = |key: &str| request[key].as_str().unwrap_or_default().to_string();
    let stem = match request["kind"].as_str() {
        Some("decision") => format!("decision-notice-{}", text("reference")),
        _ => format!("annual-report-{}-{}", text("from"), text("to")),
    };
    format!("{}.{format}", stem.trim_end_matches('-'))
}

/// The file name to offer for disposal certificate `number` in `format`.
pub fn certificate_name(number: &str, format: &str) -> String {
    let name = format!("disposal-certificate-{}.{format}", number.trim());
    crate::dialogs::offered_name(&name, "disposal-certificate")
}
