//! Files offered before the record they belong to is saved (a new complaint's screenshots, a
//! councillor's comments, an investigation report): checked at once, held in memory under the
//! hash of their bytes, and let go once stored.

use std::collections::HashMap;
use std::sync::MutexGuard;

use super::{unavailable, Session, MAX_STAGED};
use crate::json::StagedFile;
use crate::{audit, evidence, intake, Error, Result};

impl Session {
    pub(super) fn staged(&self) -> Result<MutexGuard<'_, HashMap<String, intake::File>>> {
        self.staged
            .lock()
            .map_err(|_| unavailable("the list of offered files"))
    }

    /// The files offered (by [`Session::stage_file`]) under these tokens.
    pub(super) fn staged_files(&self, tokens: &[String]) -> Result<Vec<intake::File>> {
        let staged = self.staged()?;
        tokens
            .iter()
            .map(|t| {
                staged.get(t).cloned().ok_or_else(|| {
                    Error::invalid("files", "a file is no longer held; add it again")
                })
            })
            .collect()
    }

    /// Holds an offered file under `token` until it is stored (at most [`MAX_STAGED`] at once).
    pub(super) fn hold(&self, token: &str, file: intake::File) -> Result<()> {
        let mut staged = self.staged()?;
        if staged.len() >= MAX_STAGED && !staged.contains_key(token) {
            return Err(Error::invalid(
                "files",
                format!("at most {MAX_STAGED} files can be offered at once"),
            ));
        }
        staged.insert(token.to_string(), file);
        Ok(())
    }

    /// Copies of the files offered under these tokens, still held: for a front end that stores
    /// them elsewhere (on a team server) and lets go of them with [`Session::let_go`] once they
    /// are stored there, so a refused or failed attempt can be made again.
    pub fn staged_copies(&self, tokens: &[String]) -> Result<Vec<intake::File>> {
        self.staged_files(tokens)
    }

    /// Lets go of offered files stored elsewhere (see [`Session::staged_copies`]).
    pub fn let_go(&self, tokens: &[String]) {
        self.unstage(tokens);
    }

    /// Lets go of offered files once they are stored.
    pub(super) fn unstage(&self, tokens: &[String]) {
        if let Ok(mut staged) = self.staged.lock() {
            for t in tokens {
                staged.remove(t);
            }
        }
    }

    /// Checks a file offered for a new complaint exactly as intake will, and holds it until the
    /// complaint is saved; a file Casebook would refuse is refused now, naming the file and why.
    pub fn stage_file(&self, bytes: &[u8], name: Option<String>) -> Result<StagedFile> {
        let checked = evidence::check(bytes, name.as_deref()).map_err(|e| name_file(e, &name))?;
        let token = audit::sha256_hex(bytes);
        self.hold(&token, intake::File::bytes(name.clone(), bytes.to_vec()))?;
        Ok(StagedFile {
            token,
            name,
            checked,
        })
    }
}

impl Session {
    /// Checks a video chosen on the disk (its type, that it runs to its end) and hashes it, then
    /// holds it, as its path, until it is stored: a video up to 1 GiB is streamed into the
    /// database then, never held whole.
    pub fn stage_video(&self, path: &std::path::Path) -> Result<StagedFile> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let (file, checked) = intake::offer_video(path).map_err(|e| name_file(e, &name))?;
        let token = file
            .on_disk
            .as_ref()
            .map(|d| d.sha256.clone())
            .unwrap_or_default();
        self.hold(&token, file)?;
        Ok(StagedFile {
            token,
            name,
            checked,
        })
    }
}

/// A refusal of an offered file, naming the file.
fn name_file(e: Error, name: &Option<String>) -> Error {
    match e {
        Error::Invalid { reason, .. } => Error::invalid(
            "files",
            format!("{} {reason}", name.as_deref().unwrap_or("The pasted image")),
        ),
        other => other,
    }
}
