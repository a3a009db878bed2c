//! The team server's client, for Casebook's front ends (the `casebook` CLI with `--server`, the
//! desktop app's "Connect to a team server"): HTTP to `casebook-server` ([`Client`]: rustls with
//! the computer's trusted certificates, the bearer token on every request, the server's errors
//! turned back into the core's), the session's token in the OS keyring ([`token`]), and one
//! signed-in officer's work in a council ([`Connection`]).
//!
//! Invariant: no SQL, no PostgreSQL client, no tauri or clap (`tidy.rs` checks); everything it
//! knows of a case comes from the server.

mod client;
pub mod token;

use serde::Serialize;
use serde_json::{json, Value};

use casebook::{Error, Result};
pub use client::{check_address, Client};

/// A council the signed-in officer works for, and their role there.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamCouncil {
    pub id: i64,
    pub name: String,
    /// The role's word: monitoring_officer, deputy, standards_officer, investigator or
    /// independent_person.
    pub role: String,
}

/// Who is signed in to which server, and the council they are working in now.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamSession {
    pub server: String,
    pub name: String,
    pub councils: Vec<TeamCouncil>,
    pub council_id: i64,
}

/// An officer signed in to a team server, working in one of their councils.
pub struct Connection {
    client: Client,
    session: TeamSession,
    keeper: token::Keeper,
}

impl Connection {
    /// Signs `name` in to the server at `server` and keeps the session's token in the OS keyring
    /// (as `keeper`'s); works in their first council until another is chosen.
    pub fn sign_in(
        keeper: token::Keeper,
        server: &str,
        name: &str,
        password: &str,
    ) -> Result<Connection> {
        let server = server.trim().trim_end_matches('/').to_string();
        if name.trim().is_empty() {
            return Err(Error::invalid(
                "name",
                "give your account's name on the server",
            ));
        }
        if password.is_empty() {
            return Err(Error::invalid("password", "give your password"));
        }
        let signed_in = Client::new(&server)?.sign_in(name, password)?;
        let token = signed_in["token"]
            .as_str()
            .ok_or_else(|| Client::garbled("no token"))?
            .to_string();
        token::keep(keeper, &server, &token)?;
        let me = &signed_in["me"];
        let councils: Vec<TeamCouncil> = me["councils"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| {
                Some(TeamCouncil {
                    id: m["council"]["id"].as_i64()?,
                    name: m["council"]["name"].as_str()?.to_string(),
                    role: m["role"].as_str()?.to_string(),
                })
            })
            .collect();
        let council_id = councils.first().map(|c| c.id).ok_or_else(|| {
            Error::Refused(format!("{name} does not work for any council on {server}"))
        })?;
        Ok(Connection {
            client: Client::signed_in(&server, token)?,
            session: TeamSession {
                server,
                name: me["name"].as_str().unwrap_or(name).to_string(),
                councils,
                council_id,
            },
            keeper,
        })
    }

    pub fn session(&self) -> &TeamSession {
        &self.session
    }

    /// Works in council `id` from now on (one the officer works for).
    pub fn choose_council(&mut self, id: i64) -> Result<TeamSession> {
        if !self.session.councils.iter().any(|c| c.id == id) {
            return Err(Error::invalid(
                "council",
                format!("you do not work for council {id} on this server"),
            ));
        }
        self.session.council_id = id;
        Ok(self.session.clone())
    }

    /// Ends the session on the server (if it can be reached) and forgets it here.
    pub fn sign_out(&self) -> Result<()> {
        // A server that cannot be reached, or a session already ended, leaves nothing to end.
        let _ = self.client.sign_out();
        token::forget(self.keeper, &self.session.server)
    }

    fn path(&self, rest: &str) -> String {
        format!("/api/councils/{}{rest}", self.session.council_id)
    }

    fn case_path(&self, reference: &str) -> String {
        self.path(&format!("/cases/{}", segment(reference.trim())))
    }

    /// A page of the case list; `query` holds the list's filters (stage, words, year, platform,
    /// tag, determination, mine, offset, limit) as the server takes them.
    pub fn cases(&self, query: &Value) -> Result<Value> {
        let pairs: Vec<(&str, String)> = query
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| {
                let v = match v {
                    Value::Null => return None,
                    Value::String(s) if s.trim().is_empty() => return None,
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                Some((k.as_str(), v))
            })
            .collect();
        self.client.get(&self.path("/cases"), &pairs)
    }

    /// The council's dashboard (a Dashboard: what is overdue and due soon, open cases by stage).
    pub fn dashboard(&self) -> Result<Value> {
        self.client.get(&self.path("/dashboard"), &[])
    }

    /// Everything overdue or due soon (a DueLists).
    pub fn due_lists(&self) -> Result<Value> {
        self.client.get(&self.path("/due"), &[])
    }

    /// Case `reference` as the server gives it: its whole view, its version and who works on it.
    pub fn case(&self, reference: &str) -> Result<Value> {
        self.client.get(&self.case_path(reference), &[])
    }

    /// The new complaint form's choices (an IntakeOptions: the council's councillors, the
    /// vocabularies, the largest file).
    pub fn intake_options(&self) -> Result<Value> {
        self.client.get(&self.path("/intake-options"), &[])
    }

    /// Logs a complaint (as the form sends it, without files), then adds `files` to it; the
    /// new case's reference. If a file is refused once the complaint is logged, the error says
    /// the complaint was kept, under which reference, and why the file was not.
    pub fn log_complaint(
        &self,
        complaint: &Value,
        files: &[(Option<String>, Vec<u8>)],
    ) -> Result<String> {
        let mut complaint = complaint.clone();
        complaint["files"] = json!([]);
        let opened = self.client.post(&self.path("/cases"), &complaint)?;
        let reference = opened["detail"]["reference"]
            .as_str()
            .ok_or_else(|| Client::garbled("no reference"))?
            .to_string();
        if files.is_empty() {
            return Ok(reference);
        }
        let version = opened["version"]
            .as_i64()
            .ok_or_else(|| Client::garbled("no version"))?;
        // Who captured the files and when, as the form gave them for all of them.
        let about: Vec<(&'static str, String)> = ["captured_by", "captured_at", "description"]
            .into_iter()
            .filter_map(|k| {
                let v = complaint["capture"][k].as_str()?.trim();
                (!v.is_empty()).then(|| (k, v.to_string()))
            })
            .collect();
        self.add_evidence(&reference, version, files, &about)
            .map_err(|e| {
                Error::invalid(
                    "files",
                    format!(
                        "the complaint was logged as {reference}, but its files were not added \
                         ({e}); add them on the case"
                    ),
                )
            })?;
        Ok(reference)
    }

    /// A step of the procedure on the case at version `based_on`.
    pub fn step(&self, reference: &str, based_on: i64, step: &Value) -> Result<Value> {
        let body = json!({"based_on": based_on, "step": step});
        self.client
            .post(&format!("{}/steps", self.case_path(reference)), &body)
    }

    /// Tags the case at version `based_on` with catalogue item `code`.
    pub fn tag(
        &self,
        reference: &str,
        based_on: i64,
        code: &str,
        note: Option<&str>,
    ) -> Result<Value> {
        let body = json!({"based_on": based_on, "code": code, "note": note});
        self.client
            .post(&format!("{}/tags", self.case_path(reference)), &body)
    }

    /// Adds `files` (each its name and bytes) to the case as evidence, the first on version
    /// `based_on` and each next one on the version the one before made; the case as it is after
    /// the last. Each is sent with its SHA-256, which the server checks before intake's checks,
    /// and `about` (its description, who captured it and when).
    pub fn add_evidence(
        &self,
        reference: &str,
        based_on: i64,
        files: &[(Option<String>, Vec<u8>)],
        about: &[(&'static str, String)],
    ) -> Result<Value> {
        let path = self.case_path(reference);
        let mut version = based_on;
        let mut last = Value::Null;
        for (name, bytes) in files {
            last = self.client.send_file(
                &path,
                "evidence",
                Some(version),
                name.clone(),
                about,
                bytes,
            )?;
            version = last["version"]
                .as_i64()
                .ok_or_else(|| Client::garbled("no version"))?;
        }
        Ok(last)
    }

    /// Sends the video at `path` to case `reference` as evidence, in parts (see
    /// [`Client::send_video`]), on version `based_on`; the case as it is after.
    pub fn add_video(
        &self,
        reference: &str,
        based_on: Option<i64>,
        path: &std::path::Path,
        about: &[(&'static str, String)],
    ) -> Result<Value> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
        let mut file = std::io::BufReader::new(file);
        let (case, council) = (self.case_path(reference), self.path(""));
        self.client.send_video(
            &case,
            &council,
            based_on,
            name,
            about,
            &mut file,
            len,
            &mut |_| {},
        )
    }

    /// Records the investigation's final report, received `on`, with its file (its name and bytes,
    /// sent with their SHA-256), on version `based_on`; the case as it is after.
    pub fn final_report(
        &self,
        reference: &str,
        based_on: i64,
        on: &str,
        file: &(Option<String>, Vec<u8>),
    ) -> Result<Value> {
        let path = self.case_path(reference);
        let about = [("on", on.to_string())];
        let (name, bytes) = file;
        self.client.send_file(
            &path,
            "final-report",
            Some(based_on),
            name.clone(),
            &about,
            bytes,
        )
    }

    /// Evidence item `id`'s bytes, once they hash to the SHA-256 the server checked them against.
    pub fn evidence(&self, id: i64) -> Result<Vec<u8>> {
        self.client.evidence(&self.path(&format!("/evidence/{id}")))
    }

    /// Answers acting-in-capacity indicator `code` (yes, no or unknown) on the case at version
    /// `based_on`.
    pub fn answer(
        &self,
        reference: &str,
        based_on: i64,
        code: &str,
        answer: &str,
        note: Option<&str>,
    ) -> Result<Value> {
        let body = json!({"based_on": based_on, "code": code, "answer": answer, "note": note});
        let path = format!("{}/capacity/answers", self.case_path(reference));
        self.client.post(&path, &body)
    }

    /// Whether the councillor was acting in capacity, and why, on the case at version `based_on`.
    pub fn determine(
        &self,
        reference: &str,
        based_on: i64,
        determination: &str,
        reasons: Option<&str>,
    ) -> Result<Value> {
        let body =
            json!({"based_on": based_on, "determination": determination, "reasons": reasons});
        let path = format!("{}/capacity/determination", self.case_path(reference));
        self.client.post(&path, &body)
    }

    /// One of the procedure's records on the case at version `based_on` (a `CaseRecord`, as the
    /// form made it: the server checks it).
    pub fn record(&self, reference: &str, based_on: i64, record: &Value) -> Result<Value> {
        let body = json!({"based_on": based_on, "record": record});
        let path = format!("{}/records", self.case_path(reference));
        self.client.post(&path, &body)
    }

    /// Where the case stands against the retention schedule (a `RetentionReview`).
    pub fn retention(&self, reference: &str) -> Result<Value> {
        let path = format!("{}/retention", self.case_path(reference));
        self.client.get(&path, &[])
    }

    /// The council's Retention screen (a `RetentionView`).
    pub fn retention_view(&self) -> Result<Value> {
        self.client.get(&self.path("/retention"), &[])
    }

    /// Disposes of the personal data of cases `references` (all or none); the certificate.
    pub fn dispose(&self, references: &[String], reason: &str, early: bool) -> Result<Value> {
        let body = json!({"references": references, "reason": reason, "early": early});
        self.client.post(&self.path("/disposals"), &body)
    }

    /// Disposal certificate `number` made by the server in `format` (pdf or docx).
    pub fn certificate(&self, number: &str, format: &str) -> Result<Vec<u8>> {
        let path = self.path(&format!("/disposals/{}/paper", segment(number.trim())));
        self.client.paper(&path, &json!({"format": format}))
    }

    /// One of the subject access screen's actions (`{"action": "list" | "new" | "detail" |
    /// "confirm" | "names" | "extend" | "sent" | "redactions", …}`); its answer.
    pub fn sar(&self, action: &Value) -> Result<Value> {
        self.client.post(&self.path("/sars/actions"), action)
    }

    /// Request `id`'s response pack made by the server: its summary (a `SarPack`) and the zip,
    /// checked here against the SHA-256 the server sent with it.
    pub fn sar_pack(&self, id: i64) -> Result<(Value, Vec<u8>)> {
        use base64::Engine;
        let made = self
            .client
            .post(&self.path(&format!("/sars/{id}/pack")), &json!({}))?;
        let zip = base64::engine::general_purpose::STANDARD
            .decode(made["zip"].as_str().unwrap_or_default())
            .map_err(|e| {
                Error::Unavailable(format!("the pack arrived damaged ({e}); try again"))
            })?;
        let zip = client::verified(zip, made["sha256"].as_str())?;
        Ok((made["pack"].clone(), zip))
    }

    /// One of the registers' actions (`{"action": "councillors" | "councillor_cases" |
    /// "add_councillor" | "add_account" | "catalogue_versions" | "catalogue_items", …}`).
    pub fn register(&self, action: &Value) -> Result<Value> {
        self.client.post(&self.path("/register/actions"), action)
    }

    /// Reads a guidance catalogue version (JSON) from `path`, checked here as a file's, and adds it
    /// on the server (for a Monitoring Officer or Deputy).
    pub fn add_catalogue_version(&self, path: &std::path::Path) -> Result<Value> {
        let version = casebook::catalogue::read_version_file(path)?;
        self.register(&json!({ "action": "add_catalogue_version", "version": version }))
    }

    /// One of the council settings' actions (`{"action": "report_options" | "report_settings" |
    /// "retention_rule" | "names" | "set_target" | "holidays" | …}`); its answer.
    pub fn settings(&self, action: &Value) -> Result<Value> {
        self.client.post(&self.path("/settings/actions"), action)
    }

    /// The council's register of Independent People, and who serves today.
    pub fn ip_register(&self) -> Result<Value> {
        self.client.get(&self.path("/independent-persons"), &[])
    }

    /// The letters the case can have now (`LetterOffer`s).
    pub fn letter_offers(&self, reference: &str) -> Result<Value> {
        let path = format!("{}/letters/offers", self.case_path(reference));
        self.client.get(&path, &[])
    }

    /// The letter of `kind` to `party`, drafted from its template today (a `Draft`).
    pub fn letter_draft(&self, reference: &str, kind: &str, party: &str) -> Result<Value> {
        let path = format!("{}/letters/draft", self.case_path(reference));
        self.client
            .post(&path, &json!({"kind": kind, "party": party}))
    }

    /// Keeps the (edited) letter on the case at version `based_on` (a `LetterInput`: kind, party,
    /// markdown, format), rendered by the server.
    pub fn keep_letter(&self, reference: &str, based_on: i64, letter: &Value) -> Result<Value> {
        let mut body = letter.clone();
        body["based_on"] = json!(based_on);
        let path = format!("{}/letters", self.case_path(reference));
        self.client.post(&path, &body)
    }

    /// Case document `id`'s bytes (a kept letter or report), their SHA-256 checked here against
    /// the hash the server checked them against.
    pub fn document(&self, reference: &str, id: i64) -> Result<Vec<u8>> {
        let path = format!("{}/documents/{id}", self.case_path(reference));
        self.client.evidence(&path)
    }

    /// The annual report or a decision notice (a `PaperRequest`) as HTML for the preview (a
    /// `Preview`).
    pub fn paper_preview(&self, request: &Value) -> Result<Value> {
        self.client.post(&self.path("/papers/preview"), request)
    }

    /// The paper `request` asks for, made by the server in `format`; its hash checked here.
    pub fn paper(&self, request: &Value, format: &str) -> Result<Vec<u8>> {
        let body = json!({"request": request, "format": format});
        self.client.paper(&self.path("/papers"), &body)
    }

    /// A note on the case at version `based_on`.
    pub fn note(&self, reference: &str, based_on: i64, body: &str) -> Result<Value> {
        let body = json!({"based_on": based_on, "body": body});
        self.client
            .post(&format!("{}/notes", self.case_path(reference)), &body)
    }
}

/// A value as one segment of a URL's path (never a path of its own).
pub fn segment(value: &str) -> String {
    let mut s = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}
