//! The team server against a real PostgreSQL cluster each test starts: the real
//! `casebook-server` binary over HTTP(S) on loopback, and its operations called directly where a
//! test needs to set the clock.
#![allow(clippy::unwrap_used)]

mod accounts;
mod both;
mod cases;
mod changes;
mod papers;
mod records;
mod register;
mod serve;
mod sign_in;
mod templates;
mod uploads;

use std::path::Path;

use serde_json::Value;

pub const COUNCIL: &str = "Kingsmere City Council";
pub const ADMIN: &str = "Alex Morgan";
pub const ADMIN_PASSWORD: &str = "copper lantern orchard mosaic";

/// Runs `casebook-server ARGS`; its exit code, stdout and stderr.
pub fn server_cmd(args: &[&str]) -> (i32, String, String) {
    casebook_pgtest::server_cmd(Path::new(env!("CARGO_BIN_EXE_casebook-server")), args)
}

/// `casebook-server init` of a new server at `url` with [`COUNCIL`] and [`ADMIN`].
pub fn init(url: &str) {
    let (code, out, err) = server_cmd(&[
        "init",
        "--database",
        url,
        "--council",
        COUNCIL,
        "--admin-name",
        ADMIN,
        "--admin-password",
        ADMIN_PASSWORD,
    ]);
    assert_eq!(code, 0, "{out}{err}");
}

/// A new cluster with a server set up by [`init`] and serving it: keep the cluster while the
/// server is used.
pub fn started() -> (casebook_pgtest::Cluster, String, Server) {
    let pg = casebook_pgtest::Cluster::start();
    let url = pg.url("postgres");
    init(&url);
    let server = Server::start(&url);
    (pg, url, server)
}

/// A running `casebook-server serve`, killed when dropped.
pub struct Server {
    _served: casebook_pgtest::Served,
    pub base: String,
    agent: ureq::Agent,
}

impl Server {
    /// Serves the database at `url` on a free loopback port, plain HTTP.
    pub fn start(url: &str) -> Server {
        Server::start_with(url, &[], ureq::Agent::config_builder())
    }

    pub fn start_with(
        url: &str,
        extra: &[&str],
        config: ureq::config::ConfigBuilder<ureq::typestate::AgentScope>,
    ) -> Server {
        let exe = Path::new(env!("CARGO_BIN_EXE_casebook-server"));
        let served = casebook_pgtest::Served::start(exe, url, extra);
        let base = served.base.clone();
        let agent = config.http_status_as_error(false).build().into();
        Server {
            _served: served,
            base,
            agent,
        }
    }

    /// Sends a request (a JSON body when `body` is given, the token when `token` is); the status
    /// and the JSON answer (Null when empty).
    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let url = format!("{}{path}", self.base);
        let auth = token.map(|t| format!("Bearer {t}"));
        let mut response = match (method, body) {
            ("GET", _) => {
                let mut r = self.agent.get(&url);
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                r.call()
            }
            ("DELETE", _) => {
                let mut r = self.agent.delete(&url);
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                r.call()
            }
            (_, body) => {
                let mut r = self.agent.post(&url);
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                match body {
                    Some(b) => r.send_json(b),
                    None => r.send_empty(),
                }
            }
        }
        .unwrap();
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap();
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    /// POSTs `bytes` as the body; the status and the JSON answer.
    pub fn send_bytes(&self, path: &str, token: &str, bytes: &[u8]) -> (u16, Value) {
        self.bytes_to("POST", path, token, bytes)
    }

    /// PUTs `bytes` (a part of a video sent in parts); the status and the answer.
    pub fn put_bytes(&self, path: &str, token: &str, bytes: &[u8]) -> (u16, Value) {
        self.bytes_to("PUT", path, token, bytes)
    }

    /// Sends `bytes` with `method` (POST or PUT); the status and the answer.
    fn bytes_to(&self, method: &str, path: &str, token: &str, bytes: &[u8]) -> (u16, Value) {
        let url = format!("{}{path}", self.base);
        let request = if method == "PUT" {
            self.agent.put(url)
        } else {
            self.agent.post(url)
        };
        let mut response = request
            .header("Authorization", format!("Bearer {token}"))
            .header("Content-Type", "application/octet-stream")
            .send(bytes)
            .unwrap();
        let text = response.body_mut().read_to_string().unwrap();
        let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (response.status().as_u16(), value)
    }

    /// GETs bytes; the status, the `X-Casebook-SHA256` header (if any) and the body.
    pub fn get_bytes(&self, path: &str, token: &str) -> (u16, Option<String>, Vec<u8>) {
        let response = self
            .agent
            .get(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {token}"))
            .call()
            .unwrap();
        with_hash(response)
    }

    /// POSTs `body` as JSON for bytes; the status, the `X-Casebook-SHA256` header and the body.
    pub fn post_bytes(
        &self,
        path: &str,
        token: &str,
        body: Value,
    ) -> (u16, Option<String>, Vec<u8>) {
        let response = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {token}"))
            .send_json(body)
            .unwrap();
        with_hash(response)
    }

    /// One of council 1's settings actions (`{"action": …}`) as `token`: the status and answer.
    pub fn settings(&self, token: &str, action: Value) -> (u16, Value) {
        let path = "/api/councils/1/settings/actions";
        self.call("POST", path, Some(token), Some(action))
    }

    /// Signs in; the token.
    pub fn sign_in(&self, name: &str, password: &str) -> String {
        let (status, v) = self.call(
            "POST",
            "/api/sign-in",
            None,
            Some(serde_json::json!({"name": name, "password": password})),
        );
        assert_eq!(status, 200, "{v}");
        v["token"].as_str().unwrap().to_string()
    }
}

/// A response's status, its `X-Casebook-SHA256` header (if any) and its body.
fn with_hash(mut response: ureq::http::Response<ureq::Body>) -> (u16, Option<String>, Vec<u8>) {
    let sha = response
        .headers()
        .get("x-casebook-sha256")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_vec()
        .unwrap();
    (response.status().as_u16(), sha, bytes)
}
