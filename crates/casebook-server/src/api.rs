//! The HTTP API: JSON in and out, a bearer token on every request but sign-in, and each error as
//! `{code, message, field}` with its HTTP status (401 signed out, 403 refused, 409 conflict…).
//! The log on stderr names the method, path, status and time of each request; never a body, a
//! password or a token.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

use casebook::team::{NewAccount, Team};
use casebook::Error;

use crate::http::{body, token, with_team, ApiError, ApiResult, Shared};

#[derive(Deserialize)]
struct SignIn {
    name: String,
    password: String,
}

async fn sign_in(
    State(team): State<Shared>,
    parsed: Result<Json<SignIn>, JsonRejection>,
) -> ApiResult<casebook::team::SignedIn> {
    let b = body(parsed)?;
    with_team(team, move |t| t.sign_in(&b.name, &b.password, Utc::now()))
        .await
        .map(Json)
}

async fn sign_out(State(team): State<Shared>, headers: HeaderMap) -> Result<StatusCode, ApiError> {
    let token = token(&headers)?;
    with_team(team, move |t| t.sign_out(&token, Utc::now())).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn me(State(team): State<Shared>, headers: HeaderMap) -> ApiResult<casebook::team::Me> {
    let token = token(&headers)?;
    with_team(team, move |t| t.me(&token, Utc::now()))
        .await
        .map(Json)
}

async fn accounts(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
) -> ApiResult<Vec<casebook::team::AccountRow>> {
    let token = token(&headers)?;
    with_team(team, move |t| t.accounts(&token, council, Utc::now()))
        .await
        .map(Json)
}

#[derive(Deserialize)]
struct AddAccount {
    name: String,
    role: String,
    password: String,
}

async fn add_account(
    State(team): State<Shared>,
    headers: HeaderMap,
    Path(council): Path<i64>,
    parsed: Result<Json<AddAccount>, JsonRejection>,
) -> Result<(StatusCode, Json<casebook::team::AccountRow>), ApiError> {
    let token = token(&headers)?;
    let b = body(parsed)?;
    let row = with_team(team, move |t| {
        let new = NewAccount {
            name: &b.name,
            role: &b.role,
            password: &b.password,
        };
        t.add_account(&token, council, &new, Utc::now())
    })
    .await?;
    Ok((StatusCode::CREATED, Json(row)))
}

#[derive(Deserialize)]
struct LogQuery {
    limit: Option<i64>,
}

async fn security_log(
    State(team): State<Shared>,
    headers: HeaderMap,
    Query(q): Query<LogQuery>,
) -> ApiResult<Vec<casebook::team::LogLine>> {
    let token = token(&headers)?;
    let limit = q.limit.unwrap_or(100);
    with_team(team, move |t| t.security_log(&token, limit, Utc::now()))
        .await
        .map(Json)
}

async fn health() -> &'static str {
    "ok"
}

async fn unknown() -> ApiError {
    ApiError(Error::not_found(
        "API route",
        "no such address on this server",
    ))
}

/// One line per request on stderr: time, method, path (without its query), status, duration.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    eprintln!(
        "{} {method} {path} {} {} ms",
        Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}

/// The API's routes.
pub(crate) fn router(team: Team) -> Router {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/sign-in", post(sign_in))
        .route("/api/sign-out", post(sign_out))
        .route("/api/me", get(me))
        .route(
            "/api/councils/{council}/accounts",
            get(accounts).post(add_account),
        )
        .route("/api/security-log", get(security_log))
        .merge(crate::cases::routes())
        .merge(crate::changes::routes())
        .merge(crate::uploads::routes())
        .merge(crate::records::routes())
        .merge(crate::letters::routes())
        .merge(crate::papers::routes())
        .merge(crate::retention::routes())
        .merge(crate::sars::routes())
        .merge(crate::register::routes())
        .merge(crate::settings::routes())
        .fallback(unknown)
        .layer(middleware::from_fn(log_request))
        .with_state(Arc::new(Mutex::new(team)))
}

/// Serves until interrupted (Ctrl-C or SIGTERM), over HTTPS when `tls` gives a certificate and
/// key. Prints the address it listens on (with the port chosen, for port 0) on stdout.
pub(crate) fn serve(
    team: Team,
    listen: SocketAddr,
    tls: Option<(PathBuf, PathBuf)>,
) -> casebook::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Unavailable(format!("cannot start: {e}")))?;
    runtime.block_on(async move {
        let listener = std::net::TcpListener::bind(listen)
            .map_err(|e| Error::invalid("listen", format!("cannot listen on {listen}: {e}")))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::invalid("listen", e.to_string()))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::invalid("listen", e.to_string()))?;
        let app = router(team).into_make_service();
        let handle = axum_server::Handle::new();
        let stop = handle.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            stop.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
        });
        let served = match tls {
            Some((cert, key)) => {
                let config = axum_server::tls_rustls::RustlsConfig::from_pem_file(&cert, &key)
                    .await
                    .map_err(|e| {
                        Error::invalid(
                            "cert",
                            format!("cannot read {} and {}: {e}", cert.display(), key.display()),
                        )
                    })?;
                println!("Casebook Server listening on https://{bound}");
                axum_server::from_tcp_rustls(listener, config)
                    .map_err(|e| Error::invalid("listen", e.to_string()))?
                    .handle(handle)
                    .serve(app)
                    .await
            }
            None => {
                println!("Casebook Server listening on http://{bound}");
                axum_server::from_tcp(listener)
                    .map_err(|e| Error::invalid("listen", e.to_string()))?
                    .handle(handle)
                    .serve(app)
                    .await
            }
        };
        served.map_err(|e| Error::Unavailable(format!("serving stopped: {e}")))
    })
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = interrupt => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}
