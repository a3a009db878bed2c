//! The command line as the team server's client (`--server URL`): `login` signs in and keeps the
//! session's token in the OS keyring, `logout` ends it, and the day's commands (the case list and
//! search, a case, its stage, tags, notes, evidence in and out, the annual report's Markdown) go
//! to the server instead of a file. Every change names the version of the case it was based on,
//! as the app does; the server refuses it if another officer's change came first. Errors come
//! back as the server words them, with the same exit codes as on a file.

use std::path::Path;

use serde_json::{json, Value};

use casebook::evidence::Offered;
use casebook::{Error, Result};

use crate::command::case::{list, CaseCmd};
use crate::command::{
    evidence::EvidenceCmd, login::LoginArgs, note::NoteCmd, report::ReportCmd, Command,
};
use crate::print::{out, print_json};
use casebook_client::{check_address, segment, token, Client};

/// Where on the server a command works: the council (needed only when the account works for
/// several), and the version of the case a change is based on, if the officer names it.
pub(crate) struct On {
    pub(crate) council: Option<i64>,
    pub(crate) based_on: Option<i64>,
}

/// Runs `command` on the team server at `server`, `on` that council and version. `name` is the
/// command as typed, for a refusal.
pub(crate) fn run(server: &str, on: On, command: Command, name: &str) -> Result<()> {
    let server = server.trim_end_matches('/');
    // The address is checked before anything else (a session, a password) is looked for.
    check_address(server)?;
    match command {
        Command::Login(a) => return login(server, a),
        Command::Logout => return logout(server),
        _ => {}
    }
    let token = token::kept(token::Keeper::Cli, server)?;
    let client = Client::signed_in(server, token)?.based_on(on.based_on);
    let council = client.council(on.council)?;
    let c = |path: &str| format!("/api/councils/{council}{path}");
    match command {
        Command::Case(CaseCmd::List(a)) => {
            let query = a.server_query()?;
            let rows = client.all_pages(&c("/cases"), &query)?;
            list::print_rows(rows, a.json.json, false)
        }
        Command::Search(a) => {
            let words = a.words.join(" ");
            let query = vec![("words", words), ("limit", a.limit.to_string())];
            let page = client.get(&c("/cases"), &query)?;
            let rows = serde_json::from_value(page["rows"].clone()).map_err(Client::garbled)?;
            list::print_rows(rows, a.json.json, true)
        }
        Command::Case(CaseCmd::Show(a)) => {
            let opened = client.get(&c(&case_path(&a.reference)), &[])?;
            if a.json.json {
                return print_json(&opened);
            }
            show(&opened);
            Ok(())
        }
        Command::Case(CaseCmd::Stage(a)) => {
            let step = a.server_step()?;
            let done = client.change(
                &c(&case_path(a.reference())),
                "/steps",
                |version| json!({"based_on": version, "step": step}),
            )?;
            out!(
                "{} is now at {} (version {}).",
                a.reference().trim(),
                done["detail"]["stage"].as_str().unwrap_or_default(),
                done["version"]
            );
            Ok(())
        }
        Command::Tag(a) => {
            let path = c(&case_path(&a.reference));
            let mut last = Value::Null;
            for code in &a.codes {
                last = if a.remove {
                    client.change_by_delete(&path, &format!("/tags/{}", segment(code)))?
                } else {
                    client.change(
                        &path,
                        "/tags",
                        |version| json!({"based_on": version, "code": code, "note": a.note}),
                    )?
                };
            }
            let codes: Vec<&str> = last["detail"]["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t["code"].as_str())
                .collect();
            let codes = if codes.is_empty() {
                "(none)".to_string()
            } else {
                codes.join(", ")
            };
            out!("{} is tagged: {codes}", a.reference.trim());
            Ok(())
        }
        Command::Note(NoteCmd::Add { reference, text }) => {
            let done = client.change(
                &c(&case_path(&reference)),
                "/notes",
                |version| json!({"based_on": version, "body": text}),
            )?;
            out!(
                "Added a note to {} (version {}).",
                reference.trim(),
                done["version"]
            );
            Ok(())
        }
        Command::Evidence(EvidenceCmd::Add {
            reference,
            files,
            capture,
            redacted_from: None,
        }) if capture.has_no_source_url() => {
            let path = c(&case_path(&reference));
            // Every file is opened (and but for a video, read) and checked for size first; then
            // each is sent with its hash, a video in parts.
            let mut loaded = Vec::new();
            for f in &files {
                loaded.push((f, casebook::evidence::open_file(f)?));
            }
            for (f, offered) in loaded {
                let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
                let sent = match offered {
                    Offered::Whole(bytes) => {
                        client.send_file(
                            &path,
                            "evidence",
                            None,
                            name,
                            &capture.about(),
                            &bytes,
                        )?;
                        casebook::audit::sha256_hex(&bytes)
                    }
                    Offered::Video { file, len } => {
                        let council = c("");
                        let mut file = std::io::BufReader::new(file);
                        let quiet = &mut |_| {};
                        let about = capture.about();
                        let done = client.send_video(
                            &path, &council, None, name, &about, &mut file, len, quiet,
                        )?;
                        // The video just added: the newest on the case.
                        done["detail"]["evidence"]
                            .as_array()
                            .and_then(|items| {
                                items
                                    .iter()
                                    .filter(|e| {
                                        e["media_type"]
                                            .as_str()
                                            .is_some_and(|t| t.starts_with("video/"))
                                    })
                                    .max_by_key(|e| e["id"].as_i64())
                            })
                            .and_then(|e| e["sha256"].as_str())
                            .unwrap_or_default()
                            .to_string()
                    }
                };
                out!(
                    "Added {} to {} (SHA-256 {sent}, checked by the server).",
                    f.display(),
                    reference.trim(),
                );
            }
            Ok(())
        }
        Command::Evidence(EvidenceCmd::Export { id, out: path }) => {
            let bytes = client.evidence(&c(&format!("/evidence/{id}")))?;
            std::fs::write(&path, &bytes).map_err(|e| Error::io(&path, e))?;
            out!(
                "Wrote evidence item {id} to {} ({} bytes, SHA-256 {}, as recorded when it was \
                 added).",
                path.display(),
                bytes.len(),
                casebook::audit::sha256_hex(&bytes)
            );
            Ok(())
        }
        Command::Report(ReportCmd::Annual(a)) => {
            let query = a.server_query()?;
            let paper = client.get(&c("/reports/annual"), &query)?;
            let markdown = paper["markdown"].as_str().unwrap_or_default();
            write_new(&a.output.out, markdown.as_bytes())?;
            out!(
                "Wrote the annual report (Markdown) to {}.",
                a.output.out.display()
            );
            Ok(())
        }
        _ => Err(Error::invalid(
            "server",
            format!(
                "`casebook {name}` works on a Casebook file and is not available over a team \
                 server yet; on the server it is done in the app. Over a server the CLI does: \
                 login, logout, case list, case show, case stage, search, tag, note add, \
                 evidence add, evidence export and report annual (Markdown)"
            ),
        )),
    }
}

fn login(server: &str, a: LoginArgs) -> Result<()> {
    let password = match a.password {
        Some(p) => p,
        None => rpassword::prompt_password(format!("Password for {} on {server}: ", a.name))
            .map_err(|e| Error::io(Path::new("/dev/tty"), e))?,
    };
    let signed_in = Client::new(server)?.sign_in(&a.name, &password)?;
    let token = signed_in["token"].as_str().unwrap_or_default();
    token::keep(token::Keeper::Cli, server, token)?;
    let me = &signed_in["me"];
    let roles: Vec<String> = me["councils"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            format!(
                "{} ({}, council {})",
                m["council"]["name"].as_str().unwrap_or_default(),
                m["role"].as_str().unwrap_or_default(),
                m["council"]["id"]
            )
        })
        .collect();
    out!(
        "Signed in to {server} as {}: {}. The session is kept in the OS keyring until you run \
         `casebook --server {server} logout` or it ends.",
        me["name"].as_str().unwrap_or_default(),
        roles.join("; ")
    );
    Ok(())
}

fn logout(server: &str) -> Result<()> {
    if let Ok(t) = token::kept(token::Keeper::Cli, server) {
        // The server may have ended the session already; the keyring is cleared either way.
        let _ = Client::signed_in(server, t).and_then(|c| c.sign_out());
    }
    token::forget(token::Keeper::Cli, server)?;
    out!("Signed out of {server}.");
    Ok(())
}

fn case_path(reference: &str) -> String {
    format!("/cases/{}", segment(reference.trim()))
}

/// Writes `bytes` to `path`, a new file or one replaced whole.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// A case as the server gives it, as text.
fn show(opened: &Value) {
    let d = &opened["detail"];
    let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
    out!("{}  {}", s(&d["reference"]), s(&d["summary"]));
    out!(
        "  councillor: {}   platform: {}   received: {}",
        s(&d["councillor"]),
        s(&d["platform"]),
        s(&d["received_on"])
    );
    out!(
        "  stage: {}   capacity: {}   version: {}",
        s(&d["stage"]),
        s(&d["capacity_determination"]),
        opened["version"]
    );
    let tags: Vec<String> = d["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| s(&t["code"]))
        .collect();
    out!("  tags: {}", tags.join(", "));
    for a in opened["assigned"].as_array().into_iter().flatten() {
        out!("  {}: {}", s(&a["duty"]), s(&a["name"]));
    }
    for e in d["evidence"].as_array().into_iter().flatten() {
        out!(
            "  evidence {}: {} {} sha256 {}",
            e["id"],
            s(&e["kind"]),
            e["original_name"].as_str().unwrap_or(""),
            s(&e["sha256"])
        );
    }
    for n in d["notes"].as_array().into_iter().flatten() {
        out!(
            "  note by {} at {}: {}",
            s(&n["author"]),
            s(&n["written_at"]),
            s(&n["body"])
        );
    }
}
