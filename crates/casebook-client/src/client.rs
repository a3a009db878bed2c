//! HTTP to the team server (ureq, rustls): the bearer token on every request, each error the
//! server sends turned back into the core's error (so the message and exit code are the ones a
//! file would give), and a server that cannot be reached said plainly.

use std::cell::Cell;
use std::time::Duration;

use serde_json::{json, Value};

use casebook::case::Summary;
use casebook::{Error, Result};

/// The largest answer read (a page of 500 cases, a 32 MiB evidence file, a report).
const MAX_ANSWER: u64 = 64 << 20;
/// The kinds of record the server says it did not find, as the core names them.
const KINDS: &[&str] = &[
    "case",
    "evidence item",
    "council",
    "account",
    "note",
    "catalogue item",
    "API route",
];

pub struct Client {
    base: String,
    token: Option<String>,
    agent: ureq::Agent,
    /// The version of the case the officer's changes are based on, when they name it (the CLI's
    /// `--based-on`); moved on by each change made. Otherwise each change is based on the case's
    /// version read just before it.
    pinned: Cell<Option<i64>>,
}

impl Client {
    /// A client for the server at `server`: https, or plain http to this computer only.
    pub fn new(server: &str) -> Result<Client> {
        check_address(server)?;
        // The computer's own trusted certificates: a council's internal CA is installed there.
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        // A server that stops answering is given up on, not waited for for ever.
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .tls_config(tls)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        Ok(Client {
            base: server.to_string(),
            token: None,
            agent,
            pinned: Cell::new(None),
        })
    }

    /// Bases the changes made through this client on version `version` of the case (the one the
    /// officer saw), so one made since by someone else is refused as a conflict.
    pub fn based_on(self, version: Option<i64>) -> Client {
        self.pinned.set(version);
        self
    }

    pub fn signed_in(server: &str, token: String) -> Result<Client> {
        Ok(Client {
            token: Some(token),
            ..Client::new(server)?
        })
    }

    /// An answer that is not what the server sends.
    pub fn garbled(e: impl std::fmt::Display) -> Error {
        Error::Unavailable(format!("the team server's answer could not be read: {e}"))
    }

    fn unreachable(&self, e: &ureq::Error) -> Error {
        // Refused or unknown before anything was sent: nothing can have changed. Otherwise the
        // request may have reached the server before the answer was lost.
        let before_sending = matches!(
            e,
            ureq::Error::HostNotFound
                | ureq::Error::ConnectionFailed
                | ureq::Error::ConnectProxyFailed(_)
        );
        let outcome = if before_sending {
            "Nothing was changed."
        } else {
            "If you were saving a change, reload to see whether it was made before doing it again."
        };
        Error::Unavailable(format!(
            "cannot reach the team server at {} ({e}); check the address and your connection, \
             or ask whoever runs it whether it is running. {outcome}",
            self.base
        ))
    }

    fn auth(&self) -> Option<String> {
        self.token.as_ref().map(|t| format!("Bearer {t}"))
    }

    /// Sends a request; the answer's body, or the server's error as the core's.
    fn send(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, String)],
        body: Option<Body<'_>>,
    ) -> Result<(Vec<u8>, Option<String>)> {
        let url = format!("{}{path}", self.base);
        let q = query.iter().map(|(k, v)| (*k, v.as_str()));
        let response = match (method, body) {
            ("GET" | "DELETE", _) => {
                let mut r = if method == "GET" {
                    self.agent.get(&url)
                } else {
                    self.agent.delete(&url)
                }
                .query_pairs(q);
                if let Some(a) = self.auth() {
                    r = r.header("Authorization", a);
                }
                r.call()
            }
            (_, body) => {
                let mut r = if method == "PUT" {
                    self.agent.put(&url)
                } else {
                    self.agent.post(&url)
                }
                .query_pairs(q);
                if let Some(a) = self.auth() {
                    r = r.header("Authorization", a);
                }
                match body {
                    Some(Body::Json(v)) => r.send_json(v),
                    Some(Body::Bytes(b)) => {
                        r.header("Content-Type", "application/octet-stream").send(b)
                    }
                    None => r.send_empty(),
                }
            }
        };
        let mut response = response.map_err(|e| self.unreachable(&e))?;
        let status = response.status().as_u16();
        let sha = response
            .headers()
            .get("x-casebook-sha256")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_vec()
            .map_err(|e| self.unreachable(&e))?;
        if (200..300).contains(&status) {
            return Ok((bytes, sha));
        }
        Err(error_from(status, &bytes))
    }

    fn json(
        &self,
        method: &str,
        path: &str,
        q: &[(&str, String)],
        body: Option<Body<'_>>,
    ) -> Result<Value> {
        let (bytes, _) = self.send(method, path, q, body)?;
        if bytes.is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_slice(&bytes).map_err(Client::garbled)
    }

    pub fn get(&self, path: &str, query: &[(&str, String)]) -> Result<Value> {
        self.json("GET", path, query, None)
    }

    /// POSTs `body` to `path`; the answer.
    pub fn post(&self, path: &str, body: &Value) -> Result<Value> {
        self.json("POST", path, &[], Some(Body::Json(body)))
    }

    pub fn sign_in(&self, name: &str, password: &str) -> Result<Value> {
        let body = json!({"name": name, "password": password});
        self.json("POST", "/api/sign-in", &[], Some(Body::Json(&body)))
    }

    pub fn sign_out(&self) -> Result<()> {
        self.json("POST", "/api/sign-out", &[], None).map(drop)
    }

    /// The council to work in: `wanted`, or the only one the account works for.
    pub fn council(&self, wanted: Option<i64>) -> Result<i64> {
        let me = self.get("/api/me", &[])?;
        let councils: Vec<(i64, String)> = me["councils"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| {
                let c = &m["council"];
                Some((c["id"].as_i64()?, c["name"].as_str()?.to_string()))
            })
            .collect();
        match (wanted, councils.as_slice()) {
            (Some(id), _) => Ok(id),
            (None, [(id, _)]) => Ok(*id),
            (None, many) => Err(Error::invalid(
                "council",
                format!(
                    "you work for {} councils on this server; choose one with --council ID: {}",
                    many.len(),
                    many.iter()
                        .map(|(id, name)| format!("{id} {name}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }

    /// Every row of the case list `path` with `query`, page by page.
    pub fn all_pages(&self, path: &str, query: &[(&str, String)]) -> Result<Vec<Summary>> {
        let mut rows: Vec<Summary> = Vec::new();
        loop {
            let mut q = query.to_vec();
            q.push(("offset", rows.len().to_string()));
            q.push(("limit", casebook::case::MAX_PAGE.to_string()));
            let page = self.get(path, &q)?;
            let got: Vec<Summary> =
                serde_json::from_value(page["rows"].clone()).map_err(Client::garbled)?;
            let total = page["total"].as_u64().unwrap_or(0);
            let done = got.is_empty();
            rows.extend(got);
            if done || rows.len() as u64 >= total {
                return Ok(rows);
            }
        }
    }

    /// The version of case `case_path` now.
    fn version(&self, case_path: &str) -> Result<i64> {
        if let Some(v) = self.pinned.get() {
            return Ok(v);
        }
        let opened = self.get(case_path, &[])?;
        opened["version"]
            .as_i64()
            .ok_or_else(|| Client::garbled("no version"))
    }

    /// The case as a change left it; the version the next change is based on moves on with it.
    fn changed(&self, opened: Value) -> Result<Value> {
        if self.pinned.get().is_some() {
            let v = opened["version"].as_i64();
            self.pinned
                .set(Some(v.ok_or_else(|| Client::garbled("no version"))?));
        }
        Ok(opened)
    }

    /// POSTs `body(version)` to `case_path` + `sub`, based on the version named (or the case's
    /// version now); the case as changed. A change by someone else since comes back as a conflict
    /// naming it.
    pub fn change(&self, case_path: &str, sub: &str, body: impl Fn(i64) -> Value) -> Result<Value> {
        let v = body(self.version(case_path)?);
        let path = format!("{case_path}{sub}");
        self.changed(self.json("POST", &path, &[], Some(Body::Json(&v)))?)
    }

    /// DELETEs `case_path` + `sub`, based on the version named (or the case's version now).
    pub fn change_by_delete(&self, case_path: &str, sub: &str) -> Result<Value> {
        let q = [("based_on", self.version(case_path)?.to_string())];
        self.changed(self.json("DELETE", &format!("{case_path}{sub}"), &q, None)?)
    }

    /// Sends a file to `to` under case `case_path` (`evidence`, or `final-report`) with its
    /// SHA-256, which the server checks, based on version `based_on` (or the case's version now);
    /// `about` holds what else the server asks with it (for evidence its description, and who
    /// captured it and when; for a report the day it was received, `on`).
    pub fn send_file(
        &self,
        case_path: &str,
        to: &str,
        based_on: Option<i64>,
        name: Option<String>,
        about: &[(&'static str, String)],
        bytes: &[u8],
    ) -> Result<Value> {
        let based_on = match based_on {
            Some(v) => v,
            None => self.version(case_path)?,
        };
        let mut q = vec![
            ("based_on", based_on.to_string()),
            ("sha256", casebook::audit::sha256_hex(bytes)),
        ];
        q.extend(name.map(|n| ("name", n)));
        q.extend(about.iter().cloned());
        let (answer, _) = self.send(
            "POST",
            &format!("{case_path}/{to}"),
            &q,
            Some(Body::Bytes(bytes)),
        )?;
        self.changed(serde_json::from_slice(&answer).map_err(Client::garbled)?)
    }

    /// Sends the video `file` (of `len` bytes, named `name`) to case `case_path` as evidence in
    /// parts, never holding it whole: begins an upload, PUTs each part in order, hashing as it
    /// reads, then finishes it with the SHA-256 of the whole on version `based_on` (or the
    /// case's latest). `progress` is told the bytes sent so far. The case as it is after.
    #[allow(clippy::too_many_arguments)]
    pub fn send_video(
        &self,
        case_path: &str,
        council_path: &str,
        based_on: Option<i64>,
        name: Option<String>,
        about: &[(&'static str, String)],
        file: &mut dyn std::io::Read,
        len: u64,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Value> {
        use sha2::{Digest, Sha256};
        let mut q = vec![("size", len.to_string())];
        q.extend(name.clone().map(|n| ("name", n)));
        let (answer, _) = self.send("POST", &format!("{case_path}/uploads"), &q, None)?;
        let begun: Value = serde_json::from_slice(&answer).map_err(Client::garbled)?;
        let upload = begun["upload"]
            .as_i64()
            .ok_or_else(|| Client::garbled("no upload number"))?;
        let part_bytes = begun["part_bytes"]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n > 0)
            .ok_or_else(|| Client::garbled("no part size"))?;
        let mut hasher = Sha256::new();
        let (mut sent, mut part) = (0u64, vec![0u8; part_bytes]);
        for seq in 0u64.. {
            if sent == len {
                break;
            }
            let want = usize::try_from((len - sent).min(part_bytes as u64)).unwrap_or(part_bytes);
            file.read_exact(&mut part[..want]).map_err(|e| {
                Error::invalid("file", format!("could not be read to the end: {e}"))
            })?;
            hasher.update(&part[..want]);
            let path = format!("{council_path}/uploads/{upload}/{seq}");
            self.send("PUT", &path, &[], Some(Body::Bytes(&part[..want])))?;
            sent += want as u64;
            progress(sent);
        }
        let based_on = match based_on {
            Some(v) => v,
            None => self.version(case_path)?,
        };
        let mut q = vec![
            ("based_on", based_on.to_string()),
            ("sha256", hex::encode(hasher.finalize())),
        ];
        q.extend(name.map(|n| ("name", n)));
        q.extend(about.iter().cloned());
        let path = format!("{case_path}/uploads/{upload}/evidence");
        let (answer, _) = self.send("POST", &path, &q, None)?;
        self.changed(serde_json::from_slice(&answer).map_err(Client::garbled)?)
    }

    /// An evidence item's bytes, checked against the SHA-256 the server checked them against.
    pub fn evidence(&self, path: &str) -> Result<Vec<u8>> {
        self.checked("GET", path, None)
    }

    /// A paper the server made (POSTing `body`), checked against the SHA-256 it sent.
    pub fn paper(&self, path: &str, body: &Value) -> Result<Vec<u8>> {
        self.checked("POST", path, Some(Body::Json(body)))
    }

    /// Bytes from the server, checked against the SHA-256 it sent with them.
    fn checked(&self, method: &str, path: &str, body: Option<Body<'_>>) -> Result<Vec<u8>> {
        let (bytes, sha) = self.send(method, path, &[], body)?;
        verified(bytes, sha.as_deref())
    }
}

/// `bytes` once they are shown to hash to `sha256`, the SHA-256 the server sent with them.
pub(crate) fn verified(bytes: Vec<u8>, sha256: Option<&str>) -> Result<Vec<u8>> {
    let got = casebook::audit::sha256_hex(&bytes);
    match sha256 {
        Some(s) if s == got => Ok(bytes),
        s => Err(Error::Unavailable(format!(
            "what was received hashes to {got}, not to the {} the server sent with it: it was \
             changed on the way. Nothing was written; try again",
            s.unwrap_or("(none)")
        ))),
    }
}

/// Refuses an address that is not `https://HOST[:PORT]`, or plain `http://` to this computer:
/// a password and a session's token never cross a network unencrypted. The host is read from
/// the parsed address, so `http://localhost.example` or `http://localhost@example` is not this
/// computer.
pub fn check_address(server: &str) -> Result<()> {
    let refused = |why: &str| {
        Error::invalid(
            "server",
            format!(
                "'{server}' is not a team server's address ({why}): give https://HOST[:PORT] \
                 (plain http only to this computer, for testing)"
            ),
        )
    };
    let uri: ureq::http::Uri = server
        .parse()
        .map_err(|_| refused("it is not an address"))?;
    let authority = uri.authority().ok_or_else(|| refused("it names no host"))?;
    if authority.as_str().contains('@') {
        return Err(refused("it carries a name or password before the host"));
    }
    let here = matches!(authority.host(), "localhost" | "127.0.0.1" | "[::1]");
    match uri.scheme_str() {
        Some("https") => Ok(()),
        Some("http") if here => Ok(()),
        Some("http") => Err(refused("plain http would send the password unencrypted")),
        _ => Err(refused("it is not https")),
    }
}

enum Body<'a> {
    Json(&'a Value),
    Bytes(&'a [u8]),
}

/// The core's error for the server's `{code, message, field}` with `status`.
fn error_from(status: u16, body: &[u8]) -> Error {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let message = v["message"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| format!("the team server answered {status}"));
    let field = v["field"].as_str().unwrap_or("server").to_string();
    // The server's message is the core's whole error text: "field: reason".
    let reason = message
        .strip_prefix(&format!("{field}: "))
        .unwrap_or(&message)
        .to_string();
    match v["code"].as_str().unwrap_or_default() {
        "invalid" | "import" => Error::invalid(field, reason),
        "conflict" => Error::conflict(field, reason),
        "not_found" => {
            let (what, key) = message.split_once(" not found: ").unwrap_or(("", &message));
            let kind = KINDS
                .iter()
                .find(|k| **k == what)
                .copied()
                .unwrap_or("record");
            Error::not_found(kind, key)
        }
        "signed_out" => Error::SignedOut(message),
        "forbidden" => Error::Refused(message),
        _ => Error::Unavailable(format!(
            "the team server could not do this ({status}): {message}"
        )),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::check_address;

    #[test]
    fn only_https_or_plain_http_to_this_computer_is_an_address() {
        for ok in [
            "https://casebook.kingsmere.gov.uk",
            "https://10.0.0.5:8443",
            "http://127.0.0.1:8080",
            "http://localhost:3000",
            "http://[::1]:8443",
        ] {
            assert!(check_address(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://council.example",
            "http://localhost.evil.example",
            "http://localhost@evil.example",
            "http://127.0.0.1.evil.example:80",
            "https://user:pass@casebook.example",
            "ftp://casebook.example",
            "casebook.example",
            "",
        ] {
            let e = check_address(refused).unwrap_err().to_string();
            assert!(e.starts_with("server: "), "{refused}: {e}");
        }
    }
}
