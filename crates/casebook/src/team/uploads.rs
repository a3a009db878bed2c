//! Videos sent to the team server in parts (a request body holds at most one part, so a video of
//! up to 1 GiB never has to be held whole by the app, the server or a proxy): begun for a case,
//! sent a part at a time in order by the officer who began it, then finished as an evidence item
//! on the case's version, once every part has come and together they hash to the SHA-256 the app
//! sent. The parts are kept where the finished video's are ([`casebook_store::blob`]); one begun
//! and not finished within a day is abandoned, its parts deleted.

use chrono::{DateTime, Duration, Utc};

use casebook_domain::team::TeamRole;
use casebook_domain::{Error, Result};
use casebook_store::sql::Sql;
use casebook_store::{audit, blob, evidence, upload};

use super::cases::Edit;
use super::changes::Upload;
use super::{CaseOpened, Team};

const ACTION: &str = "add evidence to a case";

/// Upload `stream`, if it is the one account `account` began; "not found" to anyone else.
fn mine(tx: &impl Sql, stream: i64, account: i64) -> Result<upload::Upload> {
    match upload::get(tx, stream)? {
        Some(u) if u.account_id == account => Ok(u),
        _ => Err(Error::not_found("upload", stream.to_string())),
    }
}

impl Team {
    /// Begins sending a video of `size` bytes (`name`) to case `reference`, by an officer who may
    /// add evidence to it; its upload number, to send the parts under. Uploads begun a day ago or
    /// more and not finished are abandoned first.
    pub fn start_upload(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        name: Option<String>,
        size: u64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let (me, role) = self.member(token, council_id, ACTION, TeamRole::may_change, now)?;
        let case_id = self.check_reach(&me, role, council_id, reference, now)?;
        if size == 0 {
            return Err(Error::invalid("size", "is 0: the video is empty"));
        }
        if size > evidence::MAX_VIDEO_BYTES {
            return Err(evidence::too_big(size));
        }
        self.council(council_id)?.write(|tx| {
            upload::abandon_before(tx, &audit::timestamp(now - Duration::days(1)))?;
            let at = audit::timestamp(now);
            upload::start(tx, case_id, me.account_id, name.as_deref(), size, &at)
        })
    }

    /// Adds part `seq` of upload `stream`, sent by the officer who began it: the parts come in
    /// order, each [`blob::PART_BYTES`] but the last, and never past the length the upload was
    /// begun with. The bytes received so far.
    pub fn upload_part(
        &mut self,
        token: &str,
        council_id: i64,
        stream: i64,
        seq: i64,
        bytes: &[u8],
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let (me, _) = self.member(token, council_id, ACTION, TeamRole::may_change, now)?;
        self.council(council_id)?.write(|tx| {
            let up = mine(tx, stream, me.account_id)?;
            if seq != up.parts {
                return Err(Error::conflict(
                    "seq",
                    format!(
                        "part {seq} came when part {} was expected; send the parts in order from \
                         there",
                        up.parts
                    ),
                ));
            }
            let received = up.received + bytes.len() as u64;
            let last = received == up.size;
            if received > up.size || (bytes.len() != blob::PART_BYTES && !last) || bytes.is_empty()
            {
                return Err(Error::invalid(
                    "part",
                    format!(
                        "is {} bytes: each part but the last is {} bytes, and together they are \
                         the {} the upload was begun with ({} received before it)",
                        bytes.len(),
                        blob::PART_BYTES,
                        up.size,
                        up.received
                    ),
                ));
            }
            blob::put_part(tx, stream, seq, bytes)?;
            Ok(received)
        })
    }

    /// Finishes upload `stream` as an evidence item of case `reference`, on version `based_on`:
    /// every part must have come, and together hash to `sent.sha256`; then the video goes
    /// through intake's checks (a video, as its name says, that runs to its end), read where its
    /// parts are kept. `sent` says how it was captured (its bytes are not used).
    #[allow(clippy::too_many_arguments)]
    pub fn finish_upload(
        &mut self,
        token: &str,
        council_id: i64,
        reference: &str,
        based_on: i64,
        stream: i64,
        sent: Upload,
        now: DateTime<Utc>,
    ) -> Result<CaseOpened> {
        let account = self.me(token, now)?.account_id;
        let edit = Edit {
            token,
            council_id,
            reference,
            based_on,
            action: ACTION,
        };
        self.change_case(edit, now, |tx, s, id| {
            let up = mine(tx, stream, account)?;
            if up.case_id != id {
                return Err(Error::not_found("upload", stream.to_string()));
            }
            if up.received != up.size {
                return Err(Error::invalid(
                    "upload",
                    format!(
                        "has {} of its {} bytes; send the rest, then finish it",
                        up.received, up.size
                    ),
                ));
            }
            let streamed = blob::stream_file(tx, stream)?;
            let sha = sent.sha256.trim().to_ascii_lowercase();
            if streamed.sha256 != sha {
                return Err(Error::invalid(
                    "sha256",
                    format!(
                        "the {} bytes received hash to {}, not to the {} sent with them: a part \
                         was changed on the way; send the video again",
                        streamed.size,
                        streamed.sha256,
                        casebook_domain::text::shorten(&sha)
                    ),
                ));
            }
            let capture = sent.capture(tx, id)?;
            let name = sent.name.as_deref().or(up.name.as_deref());
            evidence::add_streamed(tx, s, id, &streamed, name, &capture).map_err(|e| match e {
                Error::Invalid { reason, .. } | Error::Conflict { reason, .. } => {
                    Error::invalid("files", format!("{} {reason}", name.unwrap_or("The video")))
                }
                other => other,
            })?;
            upload::finished(tx, stream)
        })
    }
}
