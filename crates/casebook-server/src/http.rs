//! What every route shares: the team's state behind its lock, errors as the API sends them, the
//! JSON body, the bearer token, and running the store's blocking calls off the async threads.

use std::sync::{Arc, Mutex};

use axum::extract::rejection::JsonRejection;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use casebook::sql::pg::PgTx;
use casebook::team::{Team, TeamRole};
use casebook::{Error, Stamp};
use chrono::{DateTime, Utc};

pub(crate) type Shared = Arc<Mutex<Team>>;

/// An error as the API sends it.
pub(crate) struct ApiError(pub(crate) Error);

#[derive(Serialize)]
struct ErrorBody {
    code: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let status = match &e {
            Error::Invalid { .. } | Error::Import(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::NotFound { .. } => StatusCode::NOT_FOUND,
            Error::Conflict { .. } => StatusCode::CONFLICT,
            Error::SignedOut(_) => StatusCode::UNAUTHORIZED,
            Error::Refused(_) => StatusCode::FORBIDDEN,
            Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let field = match &e {
            Error::Invalid { field, .. } | Error::Conflict { field, .. } => Some(field.clone()),
            _ => None,
        };
        let body = ErrorBody {
            code: e.code(),
            message: e.to_string(),
            field,
        };
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

pub(crate) type ApiResult<T> = Result<Json<T>, ApiError>;

/// A JSON body that did not parse is an error naming the body and why.
pub(crate) fn body<T>(parsed: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    parsed
        .map(|Json(t)| t)
        .map_err(|e| ApiError(Error::invalid("body", e.body_text())))
}

/// The bearer token of a request, or "not signed in".
pub(crate) fn token(headers: &HeaderMap) -> Result<String, ApiError> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError(Error::SignedOut(
                "not signed in: send the token from sign-in as 'Authorization: Bearer TOKEN'"
                    .into(),
            ))
        })
}

/// Runs `f` on the team's store off the async threads (its database calls block), one request at
/// a time: the server is the only writer and its writes are ordered.
pub(crate) async fn with_team<T: Send + 'static>(
    team: Shared,
    f: impl FnOnce(&mut Team) -> casebook::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(move || {
        let mut team = team
            .lock()
            .map_err(|_| Error::Unavailable("the server must be restarted".into()))?;
        f(&mut team)
    })
    .await
    .map_err(|e| ApiError(Error::Unavailable(format!("request failed: {e}"))))?
    .map_err(ApiError)
}

/// Runs `f` as the officer bearer `token` names, in one transaction of council `council`, if
/// their role there passes `allowed` (else refused as not allowed to do `doing`).
pub(crate) async fn in_council<T: Send + 'static>(
    team: Shared,
    token: String,
    council: i64,
    (doing, allowed): (&'static str, fn(TeamRole) -> bool),
    now: DateTime<Utc>,
    f: impl FnOnce(&PgTx<'_>, &Stamp) -> casebook::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    with_team(team, move |t| {
        t.with_council(&token, council, doing, allowed, now, f)
    })
    .await
}

/// A stored file as an answer: its bytes (already shown to hash to `sha256`), with that hash in
/// `X-Casebook-SHA256`, as an attachment named `name` that a browser must not sniff.
pub(crate) fn checked_file(
    media_type: &str,
    sha256: &str,
    name: &str,
    bytes: Vec<u8>,
) -> Result<Response, ApiError> {
    let media_type = HeaderValue::from_str(media_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let sha256 = HeaderValue::from_str(sha256)
        .map_err(|_| ApiError(casebook::Error::Db("a stored hash is not text".into())))?;
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, media_type);
    h.insert("x-casebook-sha256", sha256);
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

/// `v` as the JSON of an answer that is one of several shapes.
pub(crate) fn value(v: impl Serialize) -> casebook::Result<serde_json::Value> {
    serde_json::to_value(v).map_err(|e| Error::Db(e.to_string()))
}
